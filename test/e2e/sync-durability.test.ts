/**
 * An acknowledged edit is on disk: four clients edit one document, the server is
 * SIGKILLed in the middle of it, the clients are gone with it (closed tabs), and
 * after a restart every edit the server had acknowledged is there. Several rounds.
 *
 * A SIGKILL lands at one instant per round; to look at many more, the server is
 * also frozen (SIGSTOP) again and again while the clients type: with it frozen,
 * every acknowledgement it sent has reached the clients, and what its database
 * holds is exactly what a SIGKILL at that instant would leave.
 */
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { connect, createToken, startServer, stopServer, until, type Client, type ServerProcess } from '../support/sync.ts';

let dataDir: string;
let server: ServerProcess;
let token: string;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'referat-sync-durable-'));
  token = createToken(dataDir, 'team');
  server = await startServer(dataDir);
}, 60_000);

afterAll(async () => {
  if (server) await stopServer(server);
  rmSync(dataDir, { recursive: true, force: true });
});

/** A client that appends numbered edits and counts those the server has acknowledged. */
interface Writer {
  client: Client;
  made: string[];
  acknowledged: number;
}

/** The edits in the stored document, read from the database as the server would load it. */
function storedEdits(name: string): Set<string> {
  const db = new Database(path.join(dataDir, 'documents.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const snapshot = db.prepare<[string], { data: Buffer }>('SELECT data FROM documents WHERE name = ?').get(name)?.data;
    const updates = db.prepare<[string], { data: Buffer }>('SELECT data FROM updates WHERE name = ? ORDER BY seq').all(name).map((r) => new Uint8Array(r.data));
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.mergeUpdates([...(snapshot ? [new Uint8Array(snapshot)] : []), ...updates]));
    return new Set(doc.getArray<string>('edits').toArray());
  } finally {
    db.close();
  }
}

/** The stored edits, or null when the database cannot be read at this instant (a writer frozen holding the WAL index). */
function readWhileFrozen(name: string): Set<string> | null {
  try {
    return storedEdits(name);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'SQLITE_PROTOCOL' || code === 'SQLITE_BUSY') return null;
    throw error;
  }
}

function writer(name: string): Writer {
  const w: Writer = { client: connect(server.url, name, token), made: [], acknowledged: 0 };
  // The provider counts changes the server has not acknowledged; at 0, every edit made so far is.
  w.client.provider.on('unsyncedChanges', ({ number }: { number: number }) => {
    if (number === 0 && w.client.provider.isSynced) w.acknowledged = w.made.length;
  });
  return w;
}

it('loses no acknowledged edit to SIGKILL, over several rounds with four clients', async () => {
  const name = 'team/kill-rounds';
  const rounds = 8;
  let acknowledgedTotal = 0;
  const lost: string[] = [];
  let frozen = 0;
  let unreadable = 0;
  const notOnDisk = new Set<string>();
  for (let round = 0; round < rounds; round++) {
    const writers = Array.from({ length: 4 }, () => writer(name));
    await until(() => writers.every((w) => w.client.provider.isSynced && w.client.provider.unsyncedChanges === 0), `round ${round}: the writers to sync`);
    // Bursts of two edits every 10–19 ms per writer, some 500 edits a second in all.
    const timers = writers.map((w, c) =>
      setInterval(() => {
        for (let k = 0; k < 2; k++) {
          const edit = `${round}:${c}:${w.made.length}`;
          w.made.push(edit);
          w.client.doc.getArray<string>('edits').push([edit]);
        }
      }, 10 + 3 * c),
    );
    await until(() => writers.every((w) => w.acknowledged > 40), `round ${round}: acknowledgements to flow`, 60_000);
    // Freeze the server now and then: everything it has acknowledged must be in its database.
    for (let f = 0; f < 25; f++) {
      await new Promise((r) => setTimeout(r, 20 + ((f * 7) % 30)));
      server.child.kill('SIGSTOP');
      try {
        // Let the clients take in every acknowledgement already sent.
        await new Promise((r) => setTimeout(r, 30));
        const acknowledgedNow = writers.map((w) => w.made.slice(0, w.acknowledged));
        const onDisk = readWhileFrozen(name);
        if (!onDisk) {
          // Frozen in the middle of a write to the WAL index: SQLite cannot offer a reader a
          // consistent view at this instant (SQLITE_PROTOCOL). The next freeze looks again.
          unreadable++;
          continue;
        }
        frozen++;
        for (const edits of acknowledgedNow) for (const e of edits) if (!onDisk.has(e)) notOnDisk.add(e);
      } finally {
        server.child.kill('SIGCONT');
      }
    }
    // Kill while edits and acknowledgements are in flight.
    await new Promise((r) => setTimeout(r, 50 + 40 * round));
    await stopServer(server, 'SIGKILL');
    for (const t of timers) clearInterval(t);
    // The tabs are gone too: nothing the server had not stored can come back from them.
    const acknowledged = writers.map((w) => w.made.slice(0, w.acknowledged));
    for (const w of writers) w.client.destroy();
    server = await startServer(dataDir, server.port);
    const reader = connect(server.url, name, token);
    await until(() => reader.provider.isSynced, `round ${round}: a fresh client to sync`);
    const stored = new Set(reader.doc.getArray<string>('edits').toArray());
    reader.destroy();
    for (const edits of acknowledged) {
      acknowledgedTotal += edits.length;
      for (const e of edits) if (!stored.has(e)) lost.push(e);
    }
  }
  console.log(`kill rounds: ${rounds}, acknowledged edits: ${acknowledgedTotal}, lost: ${lost.length}; freezes: ${frozen} (${unreadable} more unreadable), acknowledged but not on disk: ${notOnDisk.size}`);
  expect(acknowledgedTotal).toBeGreaterThan(rounds * 4 * 40);
  expect(frozen).toBeGreaterThan(rounds * 25 * 0.5);
  expect(lost, `${lost.length} of ${acknowledgedTotal} acknowledged edits lost`).toEqual([]);
  expect([...notOnDisk], `${notOnDisk.size} acknowledged edits were not on disk when the server was frozen`).toEqual([]);
}, 240_000);
