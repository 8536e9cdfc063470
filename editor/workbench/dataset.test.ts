// @vitest-environment happy-dom
/**
 * The Dataset view's preview reads what it read before while a document has
 * not changed, and reads a document again once anything changed it (an edit, a
 * label, an adjudication). (The download reads every document whole: test/e2e/dataset.test.ts.)
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { Workbench } from './workbench.ts';
import { testWorkbench } from '../../test/support/workbench.ts';
import { LibraryDb } from '../services/library.ts';

const workbench = (db: LibraryDb): Workbench => testWorkbench({ db });

/** Counts how often the view opened a document to read it. */
function counting(wb: Workbench): { opened: string[] } {
  const seen = { opened: [] as string[] };
  const withDocument = wb.tabs.withDocument.bind(wb.tabs);
  wb.tabs.withDocument = (async (id: string, f: never, share?: boolean) => {
    seen.opened.push(id);
    return withDocument(id, f, share);
  }) as typeof wb.tabs.withDocument;
  return seen;
}

describe('the Dataset view', () => {
  it('previews from what it read before, and reads a document again once it changed, also in a new session', async () => {
    const db = new LibraryDb(`test-${Math.random()}`);
    const wb = workbench(db);
    await wb.start();
    expect(wb.settings.setUser('Ane Analytiker')).toBeNull();
    const entries = wb.library.get().entries;
    // Imported (the samples): read at import, so the first preview opens only what may need OCR repair
    // (seed 002; not kept while it was read without its repair, as here, where there is no lexicon).
    const seen = counting(wb);
    await wb.dataset.load();
    const docs = wb.dataset.get().docs!;
    expect(docs).toHaveLength(entries.length);
    const ocr = entries.filter((e) => e.fileName.startsWith('002_')).map((e) => e.id);
    expect(seen.opened).toEqual(ocr);
    const first = seen.opened.length;
    // In the preview's form: no text, no field text.
    expect(docs.every((d) => d.meeting.text === '' && d.meeting.sections.every((s) => s.items.every((i) => Object.values(i.fields).every((f) => f!.text === ''))))).toBe(true);

    // Nothing changed: nothing else is opened again.
    await wb.dataset.load();
    expect(seen.opened.slice(first)).toEqual(ocr);

    // A label on one document: that one is read again, and the preview counts it.
    const entry = entries.find((e) => e.fileName.startsWith('000_'))!;
    await wb.tabs.openDocument(entry.id);
    const text = wb.session.doc!.text.toString();
    const at = text.indexOf('godkendte dagsordenen');
    wb.session.doc!.addAnnotation({ from: at, to: at + 'godkendte dagsordenen'.length, labels: ['godkendt'], author: 'Ane Analytiker' });
    const before = seen.opened.length;
    await wb.dataset.load();
    expect(seen.opened.slice(before).sort()).toEqual([...ocr, entry.id].sort());
    const labelled = wb.dataset.get().docs!.find((d) => d.documentId === entry.id)!;
    expect(labelled.annotations.flatMap((a) => a.labels.map((l) => l.label))).toEqual(['godkendt']);

    // Another browser session on the same storage: the cache is there, and so is the change count.
    const again = workbench(db);
    await again.start();
    const seen2 = counting(again);
    await again.dataset.load();
    expect(seen2.opened).toEqual(ocr);
    expect(again.dataset.get().docs!.find((d) => d.documentId === entry.id)!.annotations).toHaveLength(1);
  });
});
