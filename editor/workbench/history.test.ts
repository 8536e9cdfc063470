// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { testWorkbench } from '../../test/support/workbench.ts';
import { AUTO_GAP_MS, AUTO_PAUSE_MS, HistoryStore } from './history.ts';


/** A clock and timers the test moves by hand. */
function clock() {
  let now = 1_700_000_000_000;
  let timers: { f: () => void; at: number; id: number }[] = [];
  let next = 0;
  return {
    now: () => now,
    setTimeout: (f: () => void, ms: number) => {
      timers.push({ f, at: now + ms, id: ++next });
      return next;
    },
    clearTimeout: (id: unknown) => void (timers = timers.filter((t) => t.id !== id)),
    /** Moves the clock on by `ms`, running the timers that come due. */
    advance(ms: number) {
      const end = now + ms;
      for (;;) {
        const due = timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        timers = timers.filter((t) => t !== due);
        now = Math.max(now, due.at);
        due.f();
      }
      now = end;
    },
  };
}

async function openSample(c: ReturnType<typeof clock>) {
  // Each test's documents start afresh (they are kept by id, the same in every test).
  globalThis.indexedDB = new IDBFactory();
  const wb = testWorkbench({ now: c.now });
  // The store under test, on the workbench's own session, with the hand-moved timers.
  const history = new HistoryStore(wb.session, wb.sync, wb.settings, wb.ui, c);
  const host = document.createElement('div');
  document.body.append(host);
  wb.session.attach(host);
  await wb.start();
  wb.settings.setUser('Ane Analytiker');
  const entry = wb.library.get().entries.find((e) => e.fileName.startsWith('000_'))!;
  await wb.tabs.openDocument(entry.id);
  return { wb, history, view: wb.session.view! };
}

describe('the version history of the open document', () => {
  it('takes a version on opening, and one after a pause in editing at most every few minutes', async () => {
    const c = clock();
    const { history, view } = await openSample(c);
    expect(history.get().versions).toMatchObject([{ kind: 'auto', by: 'Ane Analytiker', name: null }]);

    view.dispatch({ changes: { from: 0, insert: 'Et ord. ' } });
    c.advance(AUTO_PAUSE_MS);
    // The opening's version is less than five minutes old: none yet.
    expect(history.get().versions).toHaveLength(1);
    c.advance(AUTO_GAP_MS);
    expect(history.get().versions.map((v) => v.kind)).toEqual(['auto', 'auto']);
    // Without edits, no more versions come.
    c.advance(10 * AUTO_GAP_MS);
    expect(history.get().versions).toHaveLength(2);
  });

  it('saves a named version, shows what changed since, and restores it as one undo step', async () => {
    const c = clock();
    const { wb, history, view } = await openSample(c);
    const before = view.state.doc.toString();
    const saving = history.saveNamed();
    await new Promise((r) => setTimeout(r, 0));
    wb.ui.get().input!.resolve('Første udkast');
    await saving;
    // The answer gives the editor the focus back; happy-dom then reports selection changes inside CodeMirror's updates.
    view.contentDOM.blur();
    expect(history.get().versions[0]).toMatchObject({ kind: 'named', name: 'Første udkast', by: 'Ane Analytiker' });
    expect(wb.ui.get().message?.text).toContain('Første udkast');

    view.dispatch({ changes: { from: 0, insert: 'Ny første linje\n' } });
    history.select(history.get().versions[0]!.id);
    expect(history.get().selected).toMatchObject({ text: before, diff: { text: { added: 1, removed: 0 } } });

    await history.restore(history.get().versions[0]!.id);
    expect(view.state.doc.toString()).toBe(before);
    expect(history.get().selected).toBeNull();
    expect(history.get().versions.map((v) => v.kind)).toEqual(['restore', 'named', 'auto']);
    wb.structure.undo();
    expect(view.state.doc.toString()).toBe(`Ny første linje\n${before}`);
  });

  it('refuses a version without a name, and keeps nothing', async () => {
    const c = clock();
    const { wb, history } = await openSample(c);
    const saving = history.saveNamed();
    await new Promise((r) => setTimeout(r, 0));
    wb.ui.get().input!.resolve('   ');
    await saving;
    expect(wb.ui.get().message).toMatchObject({ kind: 'error' });
    expect(history.get().versions.map((v) => v.kind)).toEqual(['auto']);
  });

  it('leaves restoring to a curator in independent labelling', async () => {
    const c = clock();
    const { wb, history, view } = await openSample(c);
    const id = history.get().versions[0]!.id;
    view.dispatch({ changes: { from: 0, insert: 'x' } });
    // Independent labelling, as the labelling store says it for an analyst.
    wb.session.privateTo = () => 'Ane Analytiker';
    await history.restore(id);
    expect(wb.ui.get().message).toMatchObject({ kind: 'error' });
    expect(view.state.doc.toString().startsWith('x')).toBe(true);
    expect(history.get().versions).toHaveLength(1);
  });
});
