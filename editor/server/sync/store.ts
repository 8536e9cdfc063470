/**
 * Durable document storage, and its SQLite backend (the embedded default; the
 * PostgreSQL one is in postgres.ts): every update a client sends is appended to
 * a log before the server acknowledges it (so a crash of the server
 * loses no acknowledged edit; with `fsync`, a power cut neither), and on the debounced store
 * the document is written whole as a snapshot and its log is compacted. Loading
 * merges the snapshot with the log. The database files are private to the
 * server's user (0600).
 */
import { chmodSync, closeSync, existsSync, openSync } from 'node:fs';
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import type { Extension, onChangePayload, onLoadDocumentPayload, onStoreDocumentPayload } from '@hocuspocus/server';

/**
 * What the server keeps documents in. `append` resolves once the update is
 * stored (the server acknowledges it only then); appends to one document are
 * stored in the order they were made.
 */
export interface DocumentStore {
  /** The snapshot merged with the log, or null for a document never stored. */
  load(name: string): Promise<Uint8Array | null>;
  append(name: string, update: Uint8Array): Promise<void>;
  /** Stores the whole document and compacts its log. */
  snapshot(name: string, state: Uint8Array): Promise<void>;
  names(): Promise<string[]>;
  close(): Promise<void>;
}

/**
 * Stored pieces of one document (snapshot first, then the log) as one update;
 * one bad entry does not make the whole document unreadable: every entry Yjs can
 * read is kept, and `onSkipped` is told about the others.
 */
export function mergeStored(name: string, all: Uint8Array[], onSkipped: (name: string, error: unknown) => void): Uint8Array {
  try {
    return Y.mergeUpdates(all);
  } catch (e) {
    onSkipped(name, e);
    const doc = new Y.Doc();
    for (const u of all) {
      try {
        Y.applyUpdate(doc, u);
      } catch (err) {
        onSkipped(name, err);
      }
    }
    return Y.encodeStateAsUpdate(doc);
  }
}

/**
 * Creates a database file readable by its owner only, before SQLite opens it:
 * SQLite gives the -wal and -shm files it makes later the same mode.
 */
export function privateFile(file: string): void {
  if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
  chmodSync(file, 0o600);
  for (const extra of [`${file}-wal`, `${file}-shm`, `${file}-journal`]) if (existsSync(extra)) chmodSync(extra, 0o600);
}

export interface StoreOptions {
  /**
   * fsync every append (SQLite `synchronous = FULL`): an acknowledged edit then
   * survives a power cut too, at about 2 ms per update on an ordinary disk. Without
   * it (`NORMAL`, the default), an append is in the WAL file when it returns: a
   * crash or SIGKILL of the server loses nothing, an OS crash may lose the last ones.
   */
  fsync?: boolean;
  /** Told about a stored update Yjs cannot read (it is skipped, the rest loads). */
  onSkipped?: (name: string, error: unknown) => void;
}

export function openStore(file: string, options: StoreOptions = {}): DocumentStore {
  const onSkipped = options.onSkipped ?? (() => {});
  privateFile(file);
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma(options.fsync ? 'synchronous = FULL' : 'synchronous = NORMAL');
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
  // Each call does its work synchronously, before it returns its (settled) promise:
  // an append is in the WAL file when `append` returns.
  return {
    async load(name) {
      const snapshot = selectSnapshot.get(name)?.data;
      const updates = selectUpdates.all(name).map((r) => new Uint8Array(r.data));
      if (!snapshot && updates.length === 0) return null;
      return mergeStored(name, [...(snapshot ? [new Uint8Array(snapshot)] : []), ...updates], onSkipped);
    },
    async append(name, update) {
      insertUpdate.run(name, Buffer.from(update));
    },
    async snapshot(name, state) {
      writeSnapshot(name, state);
    },
    async names() {
      return allNames.all().map((r) => r.name);
    },
    async close() {
      db.close();
    },
  };
}

/**
 * The Hocuspocus extension over a store. `shared`: every instance writes to this
 * very store (PostgreSQL), so an update that comes through Redis was stored by the
 * instance it came from and is not appended again.
 */
export function storeExtension(store: DocumentStore, options: { shared?: boolean } = {}): Extension {
  return {
    extensionName: 'referat-store',
    async onLoadDocument({ documentName, document }: onLoadDocumentPayload) {
      const state = await store.load(documentName);
      if (state) Y.applyUpdate(document, state);
      return document;
    },
    async onChange({ documentName, update, transactionOrigin }: onChangePayload) {
      // A client's update was stored before it was applied and acknowledged (the
      // server's beforeSync); what is left here comes from elsewhere, e.g. another
      // instance through Redis.
      const source = (transactionOrigin as { source?: unknown } | undefined)?.source;
      if (source === 'connection' || (options.shared && source === 'redis')) return;
      await store.append(documentName, update);
    },
    async onStoreDocument({ documentName, document }: onStoreDocumentPayload) {
      await store.snapshot(documentName, Y.encodeStateAsUpdate(document));
    },
  };
}
