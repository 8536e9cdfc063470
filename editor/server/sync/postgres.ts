/**
 * The PostgreSQL backend (`DATABASE_URL`): documents, the update log and tokens
 * in one database that several sync server instances share, on as many machines
 * (with Redis between them for live edits). The same model as the SQLite store:
 * an update is appended to the log, committed, before the server acknowledges
 * it; the debounced store writes the document whole and compacts its log.
 *
 * Several instances write at once, so: the schema is made under an advisory lock
 * (two instances starting together on an empty database), a snapshot merges what
 * the log holds that the writing instance has not seen yet instead of dropping it,
 * and it deletes exactly the log rows it merged (a row committed meanwhile stays).
 */
import pg from 'pg';
import * as Y from 'yjs';
import { mergeStored, type DocumentStore } from './store.ts';
import { checkPerson, newToken, tokenHash, type Access, type Grant, type Person, type TokenRegistry } from './tokens.ts';

export interface PostgresOptions {
  /** Told about a stored update Yjs cannot read (it is skipped, the rest loads). */
  onSkipped?: (name: string, error: unknown) => void;
  /** Told about an error on an idle connection (the pool replaces the connection). */
  onError?: (error: unknown) => void;
  /** Connections to the database. Default 10. */
  maxConnections?: number;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS referat_documents (name TEXT PRIMARY KEY, data BYTEA NOT NULL, updated_at TIMESTAMPTZ NOT NULL);
  CREATE TABLE IF NOT EXISTS referat_updates (seq BIGSERIAL PRIMARY KEY, name TEXT NOT NULL, data BYTEA NOT NULL);
  CREATE INDEX IF NOT EXISTS referat_updates_by_name ON referat_updates (name, seq);
  CREATE TABLE IF NOT EXISTS referat_tokens (
    hash TEXT PRIMARY KEY, workspace TEXT NOT NULL, access TEXT NOT NULL, label TEXT NOT NULL, created TEXT NOT NULL);
  ALTER TABLE referat_tokens ADD COLUMN IF NOT EXISTS name TEXT;
  ALTER TABLE referat_tokens ADD COLUMN IF NOT EXISTS role TEXT;
`;
/** Advisory lock keys: the schema, and (with a document name's hash) one document's snapshot. */
const SCHEMA_LOCK = 0x5265_6653; // "RefS"
const DOCUMENT_LOCK = 0x5265_6644; // "RefD"

/** `postgres://` or `postgresql://`, else a RangeError naming the problem (never the password). */
export function checkDatabaseUrl(url: string): string {
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    throw new RangeError('DATABASE_URL is not a URL (postgres://user:password@host:port/database)');
  }
  if (protocol !== 'postgres:' && protocol !== 'postgresql:') throw new RangeError(`DATABASE_URL must start with postgres:// or postgresql:// (got ${protocol}//)`);
  return url;
}

function pool(url: string, options: PostgresOptions, max: number): pg.Pool {
  const p = new pg.Pool({
    connectionString: checkDatabaseUrl(url),
    max,
    connectionTimeoutMillis: 15_000,
    application_name: 'referat-sync',
  });
  // An idle connection that breaks (the database restarted) must not stop the server.
  p.on('error', (error) => options.onError?.(error));
  return p;
}

/** Makes the tables once; safe when several instances start together. */
async function ensureSchema(p: pg.Pool): Promise<void> {
  const client = await p.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK]);
    await client.query(SCHEMA);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/** In one transaction, on a client of its own. */
async function transaction<T>(p: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await p.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

const bytes = (b: Buffer) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
const buffer = (u: Uint8Array) => Buffer.from(u.buffer, u.byteOffset, u.byteLength);

/** One statement, so one view of the table pair even while another instance compacts. */
const SELECT_STORED = `
  SELECT NULL::bigint AS seq, data FROM referat_documents WHERE name = $1
  UNION ALL
  SELECT seq, data FROM referat_updates WHERE name = $1
  ORDER BY seq NULLS FIRST`;

export function openPostgresStore(url: string, options: PostgresOptions = {}): DocumentStore {
  const onSkipped = options.onSkipped ?? (() => {});
  const db = pool(url, options, options.maxConnections ?? 10);
  const ready = ensureSchema(db);
  // A failure shows in every call that awaits it.
  ready.catch(() => {});
  // Work on one document runs in the order it was asked for: the log keeps the order in
  // which this instance applied the updates, and a snapshot follows the appends before it.
  const queues = new Map<string, Promise<void>>();
  function inOrder<T>(name: string, work: () => Promise<T>): Promise<T> {
    const run = (queues.get(name) ?? ready).then(work, work);
    const tail = run.then(
      () => {},
      () => {},
    );
    queues.set(name, tail);
    void tail.then(() => {
      if (queues.get(name) === tail) queues.delete(name);
    });
    return run;
  }
  interface Waiting {
    update: Uint8Array;
    resolve: () => void;
    reject: (error: unknown) => void;
  }
  /** Per document, the appends not yet being written. */
  const waiting = new Map<string, Waiting[]>();
  const stored = async (client: pg.Pool | pg.PoolClient, name: string) =>
    (await client.query<{ seq: string | null; data: Buffer }>(SELECT_STORED, [name])).rows;

  return {
    load(name) {
      return inOrder(name, async () => {
        const rows = await stored(db, name);
        if (rows.length === 0) return null;
        return mergeStored(
          name,
          rows.map((r) => bytes(r.data)),
          onSkipped,
        );
      });
    },
    append(name, update) {
      // Group commit: appends made while the one before is being written go in together,
      // in one statement and one commit, in the order they were made.
      return new Promise<void>((resolve, reject) => {
        let batch = waiting.get(name);
        if (!batch) {
          const pending: Waiting[] = [];
          batch = pending;
          waiting.set(name, pending);
          void inOrder(name, async () => {
            if (waiting.get(name) === pending) waiting.delete(name);
            try {
              await db.query(
                'INSERT INTO referat_updates (name, data) SELECT $1, u FROM unnest($2::bytea[]) WITH ORDINALITY AS t(u, i) ORDER BY i',
                [name, pending.map((p) => buffer(p.update))],
              );
              for (const p of pending) p.resolve();
            } catch (error) {
              for (const p of pending) p.reject(error);
            }
          });
        }
        batch.push({ update, resolve, reject });
      });
    },
    snapshot(name, state) {
      return inOrder(name, () =>
        transaction(db, async (client) => {
          // One snapshot per document at a time, across instances.
          await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [DOCUMENT_LOCK, name]);
          const rows = await stored(client, name);
          // What another instance stored that this one has not received (yet) is kept.
          const doc = new Y.Doc();
          for (const piece of [state, ...rows.map((r) => bytes(r.data))]) {
            try {
              Y.applyUpdate(doc, piece);
            } catch (error) {
              onSkipped(name, error);
            }
          }
          await client.query(
            `INSERT INTO referat_documents (name, data, updated_at) VALUES ($1, $2, now())
             ON CONFLICT (name) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at`,
            [name, buffer(Y.encodeStateAsUpdate(doc))],
          );
          doc.destroy();
          const merged = rows.flatMap((r) => (r.seq === null ? [] : [r.seq]));
          if (merged.length > 0) await client.query('DELETE FROM referat_updates WHERE name = $1 AND seq = ANY($2::bigint[])', [name, merged]);
        }),
      );
    },
    async names() {
      await ready;
      const { rows } = await db.query<{ name: string }>('SELECT name FROM referat_documents UNION SELECT DISTINCT name FROM referat_updates');
      return rows.map((r) => r.name);
    },
    async close() {
      await Promise.allSettled([...queues.values()]);
      await db.end();
    },
  };
}

export function openPostgresTokens(url: string, options: PostgresOptions = {}): TokenRegistry {
  const db = pool(url, options, 2);
  const ready = ensureSchema(db);
  ready.catch(() => {});
  return {
    async create(workspace: string, access: Access, label = '', person: Person | null = null) {
      const made = newToken(workspace);
      const p = person && checkPerson(person);
      await ready;
      await db.query('INSERT INTO referat_tokens (hash, workspace, access, label, created, name, role) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
        made.hash,
        workspace,
        p?.role === 'reader' ? 'read-only' : access,
        label,
        new Date().toISOString(),
        p?.name ?? null,
        p?.role ?? null,
      ]);
      return made.token;
    },
    async verify(token) {
      const h = tokenHash(token);
      if (h === null) return null;
      await ready;
      const { rows } = await db.query<Grant>('SELECT workspace, access, label, name, role FROM referat_tokens WHERE hash = $1', [h]);
      return rows[0] ?? null;
    },
    async list() {
      await ready;
      return (await db.query<Grant & { created: string }>('SELECT workspace, access, label, name, role, created FROM referat_tokens ORDER BY created')).rows;
    },
    async close() {
      await ready.catch(() => {});
      await db.end();
    },
  };
}
