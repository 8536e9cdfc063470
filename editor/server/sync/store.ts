/**
 * Durable document storage in SQLite: every update a document receives is appended
 * to a log at once (a synchronous write, so a crash loses nothing that reached the
 * server), and on the debounced store the document is written whole as a snapshot
 * and its log is compacted. Loading merges the snapshot with the log.
 */
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import type { Extension, onChangePayload, onLoadDocumentPayload, onStoreDocumentPayload } from '@hocuspocus/server';

export interface DocumentStore {
  load(name: string): Uint8Array | null;
  append(name: string, update: Uint8Array): void;
  snapshot(name: string, state: Uint8Array): void;
  names(): string[];
  close(): void;
}

export function openStore(file: string): DocumentStore {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  // Several instances (scale-out behind Redis) may share one data directory.
  db.pragma('busy_timeout = 5000');
  db.exec(`
    CREATE TABLE IF NOT EXISTS documents (name TEXT PRIMARY KEY, data BLOB NOT NULL, updated_at TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS updates (seq INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, data BLOB NOT NULL);
    CREATE INDEX IF NOT EXISTS updates_by_name ON updates (name, seq);
  `);
  const selectSnapshot = db.prepare<[string], { data: Buffer }>('SELECT data FROM documents WHERE name = ?');
  const selectUpdates = db.prepare<[string], { data: Buffer }>('SELECT data FROM updates WHERE name = ? ORDER BY seq');
  const insertUpdate = db.prepare('INSERT INTO updates (name, data) VALUES (?, ?)');
  const upsert = db.prepare(
    `INSERT INTO documents (name, data, updated_at) VALUES (?, ?, ?)
     ON CONFLICT(name) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at`,
  );
  const maxSeq = db.prepare<[string], { seq: number | null }>('SELECT MAX(seq) AS seq FROM updates WHERE name = ?');
  const deleteUpTo = db.prepare('DELETE FROM updates WHERE name = ? AND seq <= ?');
  const allNames = db.prepare<[], { name: string }>('SELECT name FROM documents UNION SELECT DISTINCT name FROM updates');
  const writeSnapshot = db.transaction((name: string, state: Uint8Array) => {
    const last = maxSeq.get(name)?.seq ?? null;
    upsert.run(name, Buffer.from(state), new Date().toISOString());
    if (last !== null) deleteUpTo.run(name, last);
  });
  return {
    load(name) {
      const snapshot = selectSnapshot.get(name)?.data;
      const updates = selectUpdates.all(name).map((r) => new Uint8Array(r.data));
      if (!snapshot && updates.length === 0) return null;
      return Y.mergeUpdates([...(snapshot ? [new Uint8Array(snapshot)] : []), ...updates]);
    },
    append(name, update) {
      insertUpdate.run(name, Buffer.from(update));
    },
    snapshot(name, state) {
      writeSnapshot(name, state);
    },
    names() {
      return allNames.all().map((r) => r.name);
    },
    close() {
      db.close();
    },
  };
}

/** The Hocuspocus extension over a store. */
export function storeExtension(store: DocumentStore): Extension {
  return {
    extensionName: 'referat-sqlite-store',
    async onLoadDocument({ documentName, document }: onLoadDocumentPayload) {
      const state = store.load(documentName);
      if (state) Y.applyUpdate(document, state);
      return document;
    },
    async onChange({ documentName, update }: onChangePayload) {
      store.append(documentName, update);
    },
    async onStoreDocument({ documentName, document }: onStoreDocumentPayload) {
      store.snapshot(documentName, Y.encodeStateAsUpdate(document));
    },
  };
}
