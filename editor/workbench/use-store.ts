/**
 * Components and the workbench: `useWorkbench()` gives the workbench from the
 * context, `useStore(store, selector)` the part of one store a component reads
 * — it re-renders only when that part changes.
 */
import { createContext } from 'preact';
import { useContext, useEffect, useReducer, useRef } from 'preact/hooks';
import type { Store } from './store.ts';
import type { Workbench } from './workbench.ts';
import { translator } from '../i18n.ts';

export const WorkbenchContext = createContext<Workbench | null>(null);

export function useWorkbench(): Workbench {
  const wb = useContext(WorkbenchContext);
  if (!wb) throw new Error('useWorkbench outside WorkbenchContext');
  return wb;
}

/**
 * `select(store.get())`, kept up to date: the component re-renders when the
 * selected value changes (by `equal`, `Object.is` unless given; `shallowEqual`
 * for a selector that builds an object).
 */
export function useStore<T extends object, S>(store: Store<T>, select: (state: T) => S, equal: (a: S, b: S) => boolean = Object.is): S {
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const selected = select(store.get());
  const latest = useRef({ select, selected, equal });
  latest.current = { select, selected, equal };
  useEffect(() => {
    const check = () => {
      const { select: f, selected: before, equal: same } = latest.current;
      if (!same(f(store.get()), before)) rerender(0);
    };
    check(); // a change between the render and this effect
    return store.subscribe(check);
  }, [store]);
  return selected;
}

/** The translator for the user's language (re-renders when the language changes). */
export function useT(): ReturnType<typeof translator> {
  const wb = useWorkbench();
  const lang = useStore(wb.settings, (s) => s.lang);
  return translator(lang);
}
