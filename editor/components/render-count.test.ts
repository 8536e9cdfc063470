// @vitest-environment happy-dom
/**
 * What one cursor move re-renders: with the stores, only the components that
 * read the cursor (the status bar's line and column). Counted with Preact's
 * `options.diffed` hook, in the whole App over a real workbench.
 */
import 'fake-indexeddb/auto';
import { expect, it } from 'vitest';
import { h, options, render } from 'preact';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { App } from './App.tsx';
import { WorkbenchContext } from '../workbench/use-store.ts';
import { Workbench } from '../workbench/workbench.ts';
import { LibraryDb } from '../services/library.ts';

const samples = path.resolve('editor/public/samples');
const frames = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 20)));
};

it('re-renders only the cursor position on a cursor move within an item', async () => {
  const wb = new Workbench({
    db: new LibraryDb(`render-${Math.random()}`),
    readPdf: async () => {
      throw new Error('no PDFs here');
    },
    fetchText: async (url) => {
      if (url === 'lexicon-da.txt' || url === '/config.json') throw new Error(`no ${url}`);
      return readFileSync(path.join(samples, url.replace(/^samples\//, '')), 'utf8');
    },
    now: () => Date.now(),
    win: window,
  });
  const root = document.createElement('div');
  document.body.append(root);
  render(h(WorkbenchContext.Provider, { value: wb }, h(App, {})), root);
  await wb.start();
  expect(wb.settings.setUser('Ane Analytiker')).toBeNull();
  const entry = wb.library.get().entries.find((e) => e.fileName.startsWith('000_'))!;
  await wb.tabs.openDocument(entry.id);
  await frames(5);
  // Into item 3.2's title (dispatched without focusing: happy-dom's selection events and a focused editor do not mix).
  const view = wb.session.view!;
  const head = wb.session.get().meeting!.sections.flatMap((s) => s.items).find((i) => i.number === '3.2')!.titleSpan.start;
  view.dispatch({ selection: { anchor: head } });
  // The library entry is written once the parse settles (800 ms after it): wait for that first.
  await new Promise((r) => setTimeout(r, 1500));
  await frames(5);
  expect(wb.session.get().currentItem).toBe('3.2');

  const rendered: string[] = [];
  const before = options.diffed;
  options.diffed = (vnode) => {
    if (typeof vnode.type === 'function') rendered.push((vnode.type as { name: string }).name);
    before?.(vnode);
  };
  try {
    view.dispatch({ selection: { anchor: head + 3 } });
    await frames(10);
  } finally {
    options.diffed = before;
  }
  expect(wb.session.get()).toMatchObject({ currentItem: '3.2', cursor: { pos: head + 3 } });
  console.log(`components rendered on one cursor move: ${rendered.length} (${rendered.join(', ')})`);
  expect(rendered).toEqual(['CursorPosition']);
  render(null, root);
});
