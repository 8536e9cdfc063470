// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import { shallowEqual, Store } from './store.ts';
import { useStore } from './use-store.ts';
import { commandForKey, keysMatch, type Command } from './commands.ts';

describe('the store', () => {
  it('tells its listeners of a change, and of nothing when a patch changes nothing', () => {
    const store = new Store({ a: 1, b: [1] });
    let heard = 0;
    const off = store.subscribe(() => heard++);
    store.set({ a: 1 });
    expect(heard).toBe(0);
    store.set({ a: 2 });
    expect(heard).toBe(1);
    expect(store.get()).toEqual({ a: 2, b: [1] });
    store.set({ b: [1] }); // a new array is a change
    expect(heard).toBe(2);
    off();
    store.set({ a: 3 });
    expect(heard).toBe(2);
    expect(shallowEqual({ x: 1, y: 'a' }, { x: 1, y: 'a' })).toBe(true);
    expect(shallowEqual({ x: 1 }, { x: 2 })).toBe(false);
  });

  it('re-renders a component only when the value it selects changes', () => {
    const store = new Store({ cursor: 0, title: 'x' });
    let renders = 0;
    function Title() {
      renders++;
      return h('span', null, useStore(store, (s) => s.title));
    }
    const root = document.createElement('div');
    act(() => render(h(Title, null), root));
    expect(renders).toBe(1);
    act(() => store.set({ cursor: 5 }));
    expect(renders).toBe(1);
    act(() => store.set({ title: 'y' }));
    expect(renders).toBe(2);
    expect(root.textContent).toBe('y');
    render(null, root);
  });
});

describe('command keys', () => {
  const key = (k: string, code: string, mods: { ctrl?: boolean; shift?: boolean; alt?: boolean; meta?: boolean } = {}) => ({ key: k, code, ctrlKey: !!mods.ctrl, metaKey: !!mods.meta, shiftKey: !!mods.shift, altKey: !!mods.alt });

  it('match with the same modifiers, Cmd as Ctrl, and the physical key under Alt', () => {
    expect(keysMatch('Ctrl+Shift+E', key('E', 'KeyE', { ctrl: true, shift: true }))).toBe(true);
    expect(keysMatch('Ctrl+Shift+E', key('E', 'KeyE', { meta: true, shift: true }))).toBe(true);
    expect(keysMatch('Ctrl+O', key('o', 'KeyO', { ctrl: true, shift: true }))).toBe(false);
    expect(keysMatch('Ctrl+Alt+I', key('ı', 'KeyI', { ctrl: true, alt: true }))).toBe(true);
    expect(keysMatch('F8', key('F8', 'F8'))).toBe(true);
  });

  it('leave the keys CodeMirror binds itself to the editor', () => {
    const list: Command[] = [
      { id: 'undo', title: 'Undo', keys: 'Ctrl+Z', bound: 'editor', run: () => undefined },
      { id: 'palette', title: 'Palette', keys: 'Ctrl+Shift+P', moreKeys: ['F1'], run: () => undefined },
    ];
    expect(commandForKey(list, key('z', 'KeyZ', { ctrl: true }))).toBeNull();
    expect(commandForKey(list, key('F1', 'F1'))?.id).toBe('palette');
  });
});
