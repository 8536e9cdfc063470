/**
 * The sync server's logs are JSON lines only and never carry a token; its data
 * directory and files are private to its user.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { connect, createToken, logProblems, startServer, stopServer, until, type ServerProcess } from '../support/sync.ts';

let parent: string;
let dataDir: string;
let server: ServerProcess;
const tokens: string[] = [];

beforeAll(async () => {
  parent = mkdtempSync(path.join(tmpdir(), 'referat-sync-logs-'));
  // A data directory the server makes itself, with no token yet: the first start makes one.
  dataDir = path.join(parent, 'data');
  server = await startServer(dataDir, 0, { LOG_LEVEL: 'debug' });
}, 60_000);

afterAll(async () => {
  if (server) await stopServer(server);
  rmSync(parent, { recursive: true, force: true });
});

const mode = (p: string) => (statSync(p).mode & 0o777).toString(8);

it('hands the first-start token over outside the log, in a private file', () => {
  const file = path.join(dataDir, 'first-token');
  expect(existsSync(file)).toBe(true);
  expect(mode(file)).toBe('600');
  const token = readFileSync(file, 'utf8').trim();
  expect(token).toMatch(/^rs_/);
  tokens.push(token);
  expect(server.logs.join('')).toContain('"event":"token-created"');
});

it('logs only JSON lines, with no token in them, through connections, refusals, listings and bad requests', async () => {
  const writer = createToken(dataDir, 'team');
  const reader = createToken(dataDir, 'team', true);
  tokens.push(writer, reader, 'rs_this-token-does-not-exist-anywhere');
  const a = connect(server.url, 'team/doc', writer);
  const r = connect(server.url, 'team/doc', reader);
  const bad = connect(server.url, 'team/doc', 'rs_this-token-does-not-exist-anywhere');
  const other = connect(server.url, 'local/doc', writer);
  a.doc.getText('text').insert(0, 'referat');
  await until(() => r.doc.getText('text').toString() === 'referat' && bad.failures.length > 0 && other.failures.length > 0, 'edits and refusals');
  r.doc.getText('text').insert(0, 'x');
  const base = `http://127.0.0.1:${server.port}`;
  for (const [url, auth] of [
    [`${base}/workspaces/team/documents`, `Bearer ${writer}`],
    [`${base}/workspaces/local/documents`, `Bearer ${writer}`],
    [`${base}/workspaces/team/documents`, 'Bearer rs_this-token-does-not-exist-anywhere'],
    [`${base}/workspaces/%E0%A4%A/documents`, `Bearer ${writer}`],
    [`${base}/workspaces/team/documents?token=${writer}`, ''],
    // A token pasted into the address by mistake, in a request that is logged.
    [`${base}/workspaces/%E0%A4%A${writer}/documents`, ''],
  ] as const) {
    const res = await fetch(url, { headers: auth ? { Authorization: auth } : {} });
    expect(res.status).toBeLessThan(500);
  }
  // A WebSocket frame the server cannot read, from an authenticated client.
  a.socket.webSocket?.send(Uint8Array.of(1, 0x41, 0, 1, 0xff, 0xff, 0xff));
  await new Promise((res) => setTimeout(res, 500));
  for (const c of [a, r, bad, other]) c.destroy();
  await new Promise((res) => setTimeout(res, 300));
  expect(logProblems(server, tokens)).toEqual([]);
  const events = new Set(server.logs.join('').split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { event: string }).event));
  for (const e of ['listening', 'connect', 'auth-refused', 'list-refused', 'bad-request']) expect(events).toContain(e);
}, 30_000);

it('keeps the data directory and every database file private (0700, 0600)', async () => {
  expect(mode(dataDir)).toBe('700');
  const files = ['documents.sqlite', 'documents.sqlite-wal', 'documents.sqlite-shm', 'tokens.sqlite', 'first-token'];
  for (const f of files) {
    const p = path.join(dataDir, f);
    expect(existsSync(p), f).toBe(true);
    expect(mode(p), f).toBe('600');
  }
  // Still so after a restart, and with a directory that was open before.
  await stopServer(server);
  const { chmodSync } = await import('node:fs');
  chmodSync(dataDir, 0o755);
  chmodSync(path.join(dataDir, 'documents.sqlite'), 0o644);
  server = await startServer(dataDir);
  expect(mode(dataDir)).toBe('700');
  expect(mode(path.join(dataDir, 'documents.sqlite'))).toBe('600');
  for (const f of files.filter((x) => existsSync(path.join(dataDir, x)))) expect(mode(path.join(dataDir, f)), f).toBe('600');
  expect(logProblems(server, tokens)).toEqual([]);
}, 60_000);

it('keeps serving, and stops when asked, after whoever read its logs has gone', async () => {
  await stopServer(server);
  server = await startServer(dataDir);
  // The reading end of both log streams closes: every log line now meets EPIPE.
  server.child.stdout!.destroy();
  server.child.stderr!.destroy();
  for (let i = 0; i < 20; i++) {
    const res = await fetch(`http://127.0.0.1:${server.port}/workspaces/%E0%A4%A/documents`);
    expect(res.status).toBe(400);
  }
  const health = await fetch(`http://127.0.0.1:${server.port}/health`);
  expect(health.status).toBe(200);
  expect(await stopServer(server, 'SIGTERM')).toBe(0);
}, 60_000);
