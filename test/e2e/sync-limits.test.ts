/**
 * The sync server refuses what is too large — a message over the limit, an edit
 * that would grow a document past its limit — and says so; the editor's sync
 * client (Collab, with real providers against the real server) undoes the refused
 * change, reports it in one line, and its other edits go on syncing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Collab, type SyncView } from '../../editor/services/collab.ts';
import { connect, createToken, logProblems, startServer, stopServer, until, type ServerProcess } from '../support/sync.ts';

const MESSAGE_LIMIT = 64 * 1024;
const DOCUMENT_LIMIT = 256 * 1024;

let dataDir: string;
let server: ServerProcess;
let token: string;

beforeAll(async () => {
  // The editor's sync client runs here as in a browser: Node 20 has no WebSocket of its own.
  (globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;
  dataDir = mkdtempSync(path.join(tmpdir(), 'referat-sync-limits-'));
  token = createToken(dataDir, 'team');
  server = await startServer(dataDir, 0, { SYNC_MAX_MESSAGE_BYTES: String(MESSAGE_LIMIT), SYNC_MAX_DOCUMENT_BYTES: String(DOCUMENT_LIMIT) });
}, 60_000);

afterAll(async () => {
  if (server) await stopServer(server);
  rmSync(dataDir, { recursive: true, force: true });
});

/** The window Collab listens to for online/offline; nothing else of it is used here. */
function windowLike(): Window {
  return Object.assign(new EventTarget(), { navigator: { onLine: true }, fetch }) as unknown as Window;
}

/** What a fresh client finds on the server. */
async function stored(name: string): Promise<string> {
  const c = connect(server.url, name, token);
  await until(() => c.provider.isSynced, `a fresh client to load ${name}`);
  const text = c.doc.getText('text').toString();
  c.destroy();
  return text;
}

const events = (name: string) => server.logs.join('').split('\n').filter((l) => l.includes(`"event":"${name}"`));

it('refuses a message over the limit with a reason the client is told, and keeps the document as it was', async () => {
  // A plain provider, which sends whatever it is given.
  const a = connect(server.url, 'team/big', token);
  const notices: string[] = [];
  a.provider.on('stateless', ({ payload }: { payload: string }) => notices.push(payload));
  await until(() => a.provider.isSynced, 'sync');
  a.doc.getText('text').insert(0, 'kort tekst');
  await until(() => a.provider.unsyncedChanges === 0, 'the small edit to be stored');
  a.doc.getText('text').insert(0, 'x'.repeat(200 * 1024));
  await until(() => notices.some((n) => n.includes('referat.refused')), 'the refusal');
  const refusal = JSON.parse(notices.find((n) => n.includes('referat.refused'))!) as { reason: string; bytes: number; limit: number; ranges: number[][] };
  expect(refusal).toMatchObject({ reason: 'message-too-large', limit: MESSAGE_LIMIT });
  expect(refusal.bytes).toBeGreaterThan(200 * 1024);
  // The refused insertion, named so that the client can undo it.
  expect(refusal.ranges[0]).toEqual([a.doc.clientID, 'kort tekst'.length, 200 * 1024]);
  a.destroy();
  expect(await stored('team/big')).toBe('kort tekst');
  expect(events('message-too-large')).toHaveLength(1);
}, 30_000);

it("in the editor's sync client: an edit over the message limit is undone and reported, and the other edits sync", async () => {
  const doc = new Y.Doc();
  const views: SyncView[] = [];
  const collab: Collab = new Collab(() => views.push(collab.view('notes')), windowLike());
  collab.attach('notes', doc);
  collab.configure({ url: server.url, workspace: 'team', token });
  await until(() => collab.view('notes').status === 'synced', 'the editor to sync');
  const text = doc.getText('text');
  text.insert(0, 'første afsnit. ');
  await until(() => collab.view('notes').status === 'synced' && collab.view('notes').unsynced === 0, 'the first edit to sync');
  const refusedBefore = events('message-too-large').length;
  // One paste over the limit, and typing right after it.
  text.insert(text.length, 'y'.repeat(100 * 1024));
  text.insert(text.length, 'andet afsnit.');
  await until(() => collab.view('notes').refused !== null, 'the refusal to be reported');
  expect(collab.view('notes').refused).toMatchObject({ docId: 'notes', reason: 'message-too-large', limit: MESSAGE_LIMIT });
  expect(collab.view('notes').refused!.bytes).toBeGreaterThan(100 * 1024);
  await until(() => collab.view('notes').status === 'synced' && collab.view('notes').unsynced === 0, 'the other edits to sync');
  expect(text.toString()).toBe('første afsnit. andet afsnit.');
  // More typing keeps syncing; the refused paste was never sent over and over.
  text.insert(text.length, ' tredje.');
  await until(() => collab.view('notes').unsynced === 0 && collab.view('notes').status === 'synced', 'the next edit to sync');
  expect(await stored('team/notes')).toBe('første afsnit. andet afsnit. tredje.');
  expect(events('message-too-large').length - refusedBefore).toBeLessThanOrEqual(1);
  collab.destroy();
}, 30_000);

it("in the editor's sync client: an edit that would outgrow the document is refused by the server, undone and reported; later edits that fit sync", async () => {
  const doc = new Y.Doc();
  const collab: Collab = new Collab(() => undefined, windowLike());
  collab.attach('growing', doc);
  collab.configure({ url: server.url, workspace: 'team', token });
  await until(() => collab.view('growing').status === 'synced', 'the editor to sync');
  const text = doc.getText('text');
  const chunk = (i: number) => `${i}`.padEnd(40 * 1024, '.');
  for (let i = 0; i < 8; i++) {
    text.insert(text.length, chunk(i));
    await until(() => (collab.view('growing').status === 'synced' && collab.view('growing').unsynced === 0) || collab.view('growing').refused !== null, `chunk ${i} to be taken or refused`);
    if (collab.view('growing').refused) break;
  }
  const refused = collab.view('growing').refused;
  expect(refused).toMatchObject({ docId: 'growing', reason: 'document-too-large', limit: DOCUMENT_LIMIT });
  await until(() => collab.view('growing').status === 'synced' && collab.view('growing').unsynced === 0, 'the document to sync again');
  // A small edit still fits and syncs.
  text.insert(0, 'Referat: ');
  await until(() => collab.view('growing').unsynced === 0 && collab.view('growing').status === 'synced', 'a small edit to sync');
  const local = text.toString();
  expect(local.startsWith('Referat: 0')).toBe(true);
  expect(local.length).toBeLessThanOrEqual(DOCUMENT_LIMIT);
  expect(await stored('team/growing')).toBe(local);
  expect(events('document-too-large').length).toBeGreaterThanOrEqual(1);
  collab.destroy();
}, 60_000);

it('logged all of it as JSON lines, without tokens', () => {
  expect(logProblems(server, [token])).toEqual([]);
});
