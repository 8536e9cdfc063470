/**
 * The sync server refuses what is too large: a message over the limit, and edits
 * that would grow a document past its limit.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { connect, createToken, startServer, stopServer, until, type ServerProcess } from '../support/sync.ts';

let dataDir: string;
let server: ServerProcess;
let token: string;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'referat-sync-limits-'));
  token = createToken(dataDir, 'team');
  server = await startServer(dataDir, 0, { SYNC_MAX_MESSAGE_BYTES: String(64 * 1024), SYNC_MAX_DOCUMENT_BYTES: String(256 * 1024) });
}, 60_000);

afterAll(async () => {
  if (server) await stopServer(server);
  rmSync(dataDir, { recursive: true, force: true });
});

it('drops a message over the size limit and keeps the document as it was', async () => {
  const a = connect(server.url, 'team/big', token);
  await until(() => a.provider.isSynced, 'sync');
  a.doc.getText('text').insert(0, 'kort tekst');
  await until(() => a.provider.unsyncedChanges === 0, 'the small edit to be stored');
  a.doc.getText('text').insert(0, 'x'.repeat(200 * 1024));
  await new Promise((r) => setTimeout(r, 1000));
  a.destroy();
  const b = connect(server.url, 'team/big', token);
  await until(() => b.provider.isSynced, 'a fresh client to sync');
  expect(b.doc.getText('text').toString()).toBe('kort tekst');
  b.destroy();
}, 30_000);

it('refuses edits that would grow a document past its limit', async () => {
  const a = connect(server.url, 'team/growing', token);
  await until(() => a.provider.isSynced, 'sync');
  for (let i = 0; i < 10; i++) a.doc.getText('text').insert(0, 'y'.repeat(40 * 1024));
  await new Promise((r) => setTimeout(r, 1500));
  a.destroy();
  const b = connect(server.url, 'team/growing', token);
  await until(() => b.provider.isSynced, 'a fresh client to sync');
  const stored = b.doc.getText('text').length;
  expect(stored).toBeLessThan(10 * 40 * 1024);
  expect(stored).toBeLessThanOrEqual(256 * 1024);
  expect(server.logs.join('')).toContain('"event":"document-too-large"');
  b.destroy();
}, 30_000);
