/**
 * The sync server for real: its own process, SQLite on disk, providers over
 * loopback WebSockets.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { connect, createToken, startServer, stopServer, until, type Client, type ServerProcess } from '../support/sync.ts';

let dataDir: string;
let server: ServerProcess;
let writer: string;
let reader: string;
let stranger: string;
const clients: Client[] = [];
const open = (name: string, token: string) => {
  const c = connect(server.url, name, token);
  clients.push(c);
  return c;
};

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'referat-sync-'));
  writer = createToken(dataDir, 'team');
  reader = createToken(dataDir, 'team', true);
  stranger = createToken(dataDir, 'other');
  server = await startServer(dataDir);
}, 60_000);

afterEach(() => {
  for (const c of clients.splice(0)) c.destroy();
});

afterAll(async () => {
  if (server) await stopServer(server);
  rmSync(dataDir, { recursive: true, force: true });
});

describe('sync server', () => {
  it('answers its health endpoint', async () => {
    const res = await fetch(`http://127.0.0.1:${server.port}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', documents: expect.any(Number), connections: expect.any(Number) });
  });

  it('binds to loopback and logs as JSON lines', () => {
    const lines = server.logs.join('').split('\n').filter((l) => l.startsWith('{'));
    expect(lines.length).toBeGreaterThan(0);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'info', event: 'listening', url: expect.stringMatching(/^ws:\/\/127\.0\.0\.1:/) });
  });

  it('lets two clients on one document converge', async () => {
    const a = open('team/doc-1', writer);
    const b = open('team/doc-1', writer);
    a.doc.getText('text').insert(0, 'Beslutning\n');
    b.doc.getText('text').insert(0, 'KKR Nordjylland godkendte indstillingen.\n');
    await until(() => a.doc.getText('text').length > 40 && a.doc.getText('text').toString() === b.doc.getText('text').toString(), 'convergence');
    expect(a.doc.getText('text').toString()).toContain('Beslutning');
  });

  it('refuses a bad token with a clear message', async () => {
    const c = open('team/doc-1', 'rs_not-a-real-token');
    await until(() => c.failures.length > 0, 'the refusal');
    expect(c.failures[0]).toMatch(/invalid token/);
  });

  it('refuses a token for another workspace', async () => {
    const c = open('team/doc-1', stranger);
    await until(() => c.failures.length > 0, 'the refusal');
    expect(c.failures[0]).toBe('this token grants workspace "other", not "team"');
  });

  it('lets a read-only token read but not write', async () => {
    const w = open('team/doc-ro', writer);
    w.doc.getText('text').insert(0, 'skrevet af en redaktør');
    const r = open('team/doc-ro', reader);
    await until(() => r.doc.getText('text').toString() === 'skrevet af en redaktør', 'the reader to see the text');
    r.doc.getText('text').insert(0, 'IKKE TILLADT ');
    await new Promise((res) => setTimeout(res, 500));
    const fresh = open('team/doc-ro', writer);
    await until(() => fresh.doc.getText('text').length > 0, 'a fresh client to load');
    expect(fresh.doc.getText('text').toString()).toBe('skrevet af en redaktør');
  });

  it('keeps every edit through a SIGKILL and a restart', async () => {
    const name = 'team/doc-kill';
    const a = open(name, writer);
    const watcher = open(name, writer);
    await until(() => a.provider.isSynced, 'the first sync');
    const text = a.doc.getText('text');
    let sent = 0;
    const typing = setInterval(() => text.insert(text.length, `${sent++};`), 5);
    // Kill the server while edits are flowing, after the watcher has seen some of them.
    await until(() => watcher.doc.getText('text').length > 40, 'edits to flow');
    const seenByWatcher = watcher.doc.getText('text').toString();
    await stopServer(server, 'SIGKILL');
    await new Promise((r) => setTimeout(r, 200));
    server = await startServer(dataDir, server.port);
    // What reached the server before the kill is on disk: a fresh client gets it without help.
    const fresh = open(name, writer);
    await until(() => fresh.provider.isSynced, 'the fresh client to sync');
    expect(fresh.doc.getText('text').toString().startsWith(seenByWatcher)).toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    clearInterval(typing);
    // And what the writer still holds arrives once it has reconnected.
    const expected = Array.from({ length: sent }, (_, i) => `${i};`).join('');
    await until(() => fresh.doc.getText('text').toString() === expected, `all ${sent} edits after the restart`, 20_000);
    expect(text.toString()).toBe(expected);
  }, 60_000);

  it('stores documents on a graceful stop', async () => {
    const c = open('team/doc-stop', writer);
    c.doc.getText('text').insert(0, 'gemt ved nedlukning');
    await until(() => c.provider.unsyncedChanges === 0 && c.provider.isSynced, 'the edit to reach the server');
    c.destroy();
    expect(await stopServer(server, 'SIGTERM')).toBe(0);
    server = await startServer(dataDir, server.port);
    const again = open('team/doc-stop', writer);
    await until(() => again.doc.getText('text').toString() === 'gemt ved nedlukning', 'the document after a restart');
  }, 60_000);
});
