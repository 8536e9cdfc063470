/**
 * Scale-out: two sync server instances behind Redis (a real redis-server), one
 * data directory; clients on different instances converge.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { connect, createToken, startServer, stopServer, until, type ServerProcess } from '../support/sync.ts';
import { startRedis, type RedisProcess } from '../support/redis.ts';

let dataDir: string;
let redis: RedisProcess;
let one: ServerProcess;
let two: ServerProcess;
let token: string;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'referat-sync-redis-'));
  redis = await startRedis();
  token = createToken(dataDir, 'team');
  const env = (name: string) => ({ REDIS_URL: `redis://127.0.0.1:${redis.port}`, SYNC_NAME: name });
  one = await startServer(dataDir, 0, env('one'));
  two = await startServer(dataDir, 0, env('two'));
}, 60_000);

afterAll(async () => {
  for (const s of [one, two]) if (s) await stopServer(s);
  if (redis) await redis.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

it('lets clients on different instances edit one document and converge', async () => {
  const a = connect(one.url, 'team/shared', token);
  const b = connect(two.url, 'team/shared', token);
  await until(() => a.provider.isSynced && b.provider.isSynced, 'both to sync');
  // Each instance subscribes to the document's Redis channel as it loads it; let both settle.
  await new Promise((r) => setTimeout(r, 1000));
  for (let i = 0; i < 20; i++) {
    a.doc.getText('text').insert(0, `a${i} `);
    b.doc.getText('text').insert(b.doc.getText('text').length, `b${i} `);
  }
  await until(() => a.doc.getText('text').toString() === b.doc.getText('text').toString() && a.doc.getText('text').length === 140, 'convergence across instances');
  const text = a.doc.getText('text').toString();
  for (let i = 0; i < 20; i++) {
    expect(text).toContain(`a${i} `);
    expect(text).toContain(`b${i} `);
  }
  const health = await (await fetch(`http://127.0.0.1:${two.port}/health`)).json();
  expect(health).toMatchObject({ status: 'ok', redis: true });
  a.destroy();
  b.destroy();
}, 60_000);
