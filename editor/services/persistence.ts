/** Each document's Y.Doc, persisted in IndexedDB by y-indexeddb (one database per document). */
import * as Y from 'yjs';
import { IndexeddbPersistence } from 'y-indexeddb';
import { StudioDoc } from '../model/studio-doc.ts';
import type { PageRun } from '../../core/pdf/text-layer.ts';

export const docDbName = (id: string) => `referat-doc-${id}`;

export interface OpenDoc {
  doc: StudioDoc;
  persistence: IndexeddbPersistence;
  close(): Promise<void>;
}

/** Opens (or creates) a document's Y.Doc and waits until IndexedDB has been read into it. */
export async function openDoc(id: string): Promise<OpenDoc> {
  const ydoc = new Y.Doc();
  const persistence = new IndexeddbPersistence(docDbName(id), ydoc);
  await persistence.whenSynced;
  return {
    doc: new StudioDoc(ydoc),
    persistence,
    close: async () => {
      await persistence.destroy();
      ydoc.destroy();
    },
  };
}

/** Writes a new document's text (and a PDF's page runs) to IndexedDB. */
export async function createDoc(id: string, text: string, meta: Record<string, unknown>, hints: { kind: 'not-heading'; pos: number }[] = [], runs: readonly PageRun[] = []): Promise<void> {
  const open = await openDoc(id);
  if (open.doc.text.length === 0) {
    open.doc.setText(text);
    open.doc.ydoc.transact(() => {
      for (const [k, v] of Object.entries(meta)) open.doc.meta.set(k, v);
    });
    if (runs.length) open.doc.setPageRuns(runs);
    for (const h of hints) open.doc.addOverride({ kind: h.kind }, h.pos);
    open.doc.undo.clear();
  }
  await open.close();
}

export async function deleteDoc(id: string): Promise<void> {
  const ydoc = new Y.Doc();
  const p = new IndexeddbPersistence(docDbName(id), ydoc);
  await p.whenSynced;
  await p.clearData();
  ydoc.destroy();
}
