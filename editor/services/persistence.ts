/** Each document's Y.Doc, persisted in IndexedDB by y-indexeddb (one database per document). */
import * as Y from 'yjs';
import { IndexeddbPersistence } from 'y-indexeddb';
import { StudioDoc } from '../../core/document/studio-doc.ts';
import { sha256HexOfText } from '../../core/hash/sha256.ts';
import type { PageRun } from '../../core/pdf/text-layer.ts';

export const docDbName = (id: string) => `referat-doc-${id}`;

export interface OpenDoc {
  doc: StudioDoc;
  persistence: IndexeddbPersistence;
  close(): Promise<void>;
}

/**
 * Opens (or creates) a document's Y.Doc and waits until IndexedDB has been read into it.
 * `onChange` hears of every change after that, from whatever source (typed, synced, imported).
 */
export async function openDoc(id: string, onChange?: () => void): Promise<OpenDoc> {
  const ydoc = new Y.Doc();
  const persistence = new IndexeddbPersistence(docDbName(id), ydoc);
  await persistence.whenSynced;
  if (onChange) ydoc.on('update', (_update: Uint8Array, origin: unknown) => origin !== persistence && onChange());
  return {
    doc: new StudioDoc(ydoc),
    persistence,
    close: async () => {
      await persistence.destroy();
      ydoc.destroy();
    },
  };
}

/** Bumped whenever the way a document's first state is made changes, so different seeds never share a Yjs client id. */
const SEED_VERSION = 1;

/**
 * A document's first state (its text, a PDF's page runs, the import's
 * `not-heading` hints) as one Yjs update made the same way in every browser:
 * written by a client id taken from a hash of that content, with fixed ids
 * and times. Two browsers that import the same source, even offline, write
 * the very same Yjs items, so when their copies meet in the workspace they
 * merge into one text instead of two.
 */
export async function seedUpdate(text: string, hints: readonly { kind: 'not-heading'; pos: number }[] = [], runs: readonly PageRun[] = [], meta: Record<string, unknown> = {}): Promise<Uint8Array> {
  const digest = (value: unknown) => sha256HexOfText(JSON.stringify(value));
  // The first four bytes of a digest, as an unsigned 32-bit number (0 is not a client id).
  const clientOf = (hex: string) => Number.parseInt(hex.slice(0, 8), 16) || 1;
  const content = digest([SEED_VERSION, text, hints, runs]);
  const ydoc = new Y.Doc();
  ydoc.clientID = clientOf(content);
  const tag = content.slice(0, 8);
  let n = 0;
  const doc = new StudioDoc(ydoc, { now: () => 0, newId: () => `seed${tag}${(n++).toString(36)}` });
  doc.setText(text);
  if (runs.length) doc.setPageRuns(runs);
  for (const h of hints) doc.addOverride({ kind: h.kind }, h.pos);
  // The meta (file name, source) by a client of its own, taken from the content and the meta: the same file under
  // the same name writes the same items; under another name, the two settings meet as one map key and converge.
  const withMeta = new Y.Doc();
  Y.applyUpdate(withMeta, Y.encodeStateAsUpdate(ydoc));
  withMeta.clientID = clientOf(digest([SEED_VERSION, tag, meta]));
  withMeta.transact(() => {
    const map = withMeta.getMap('meta');
    for (const [k, v] of Object.entries(meta)) map.set(k, v);
  });
  const update = Y.encodeStateAsUpdate(withMeta);
  doc.undo.destroy();
  ydoc.destroy();
  withMeta.destroy();
  return update;
}

/** Writes a new document (its seed, with its meta: file name, source) to IndexedDB; a document that already has text is left as it is. */
export async function createDoc(
  id: string,
  text: string,
  meta: Record<string, unknown>,
  hints: { kind: 'not-heading'; pos: number }[] = [],
  runs: readonly PageRun[] = [],
  created?: (doc: StudioDoc) => void | Promise<void>,
): Promise<void> {
  const open = await openDoc(id);
  if (open.doc.text.length === 0) {
    Y.applyUpdate(open.doc.ydoc, await seedUpdate(text, hints, runs, meta));
    open.doc.undo.clear();
    await created?.(open.doc);
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

/** The IndexedDB database of a workspace's taxonomy (its local copy; `null`: the taxonomy of a browser that syncs with no server). */
export const taxonomyDbName = (workspace: string | null) => (workspace ? `referat-taxonomy@${workspace}` : 'referat-taxonomy');

/** Opens a taxonomy's Y.Doc from IndexedDB (made when new) and waits until it has been read. */
export async function openTaxonomyDoc(workspace: string | null): Promise<{ ydoc: Y.Doc; close(): Promise<void> }> {
  const ydoc = new Y.Doc();
  const persistence = new IndexeddbPersistence(taxonomyDbName(workspace), ydoc);
  await persistence.whenSynced;
  return {
    ydoc,
    close: async () => {
      await persistence.destroy();
      ydoc.destroy();
    },
  };
}
