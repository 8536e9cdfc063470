/**
 * The one state primitive of the workbench: a small store holding a plain
 * object, with `get`, `set` (a patch) and `subscribe`. Components read a store
 * through `useStore(store, selector)` (use-store.ts), so a change re-renders
 * only the components whose selected value changed.
 */
export class Store<T extends object> {
  private value: T;
  private readonly listeners = new Set<() => void>();

  constructor(initial: T) {
    this.value = initial;
  }

  get(): T {
    return this.value;
  }

  /** Merges `patch` into the state; listeners hear of it only when some field changed (by `Object.is`). */
  set(patch: Partial<T>): void {
    let changed = false;
    for (const key of Object.keys(patch) as (keyof T)[]) {
      if (!Object.is(this.value[key], patch[key])) {
        changed = true;
        break;
      }
    }
    if (!changed) return;
    this.value = { ...this.value, ...patch };
    for (const f of [...this.listeners]) f();
  }

  subscribe(f: () => void): () => void {
    this.listeners.add(f);
    return () => void this.listeners.delete(f);
  }
}

/** True when `a` and `b` have the same keys with `Object.is`-equal values (arrays: the same items). */
export function shallowEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || !a || !b) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.is((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
