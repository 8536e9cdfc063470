/**
 * Figures for the sync server: edit propagation with 50 clients on one document
 * over loopback (p50, p95), against a plain HTTP round trip to the same server as
 * the reference, and again with the 50 clients spread over two instances on
 * PostgreSQL and Redis (measured in the same run, beside the one-instance figure);
 * server memory per open document, with 200 documents open.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { connect, createToken, startServer, stopServer, until, type Client, type ServerProcess } from '../support/sync.ts';
import { postgresBinaries, startPostgres } from '../support/postgres.ts';
import { startRedis } from '../support/redis.ts';
import { percentile } from './stats.ts';

const CLIENTS = 50;
const EDITS = 100;
const DOCUMENTS = 200;
const TARGET_P95_MS = 50;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');


async function health(port: number): Promise<{ memory: { rss: number; heapUsed: number } }> {
  return (await fetch(`http://127.0.0.1:${port}/health`)).json() as Promise<{ memory: { rss: number; heapUsed: number } }>;
}

/** Edit propagation among clients on one document: each edit's time to reach every other client. */
async function propagation(clients: Client[]): Promise<{ all: number[]; across: number[] }> {
  await until(() => clients.every((c) => c.provider.isSynced), 'all clients to sync', 60_000);
  const all: number[] = [];
  // Deliveries to a client on another instance than the sender's (by server URL).
  const across: number[] = [];
  const urls = new Map(clients.map((c) => [c, (c.socket.configuration as { url: string }).url]));
  for (let e = 0; e < EDITS; e++) {
    const sender = clients[e % clients.length]!;
    const receivers = clients.filter((c) => c !== sender);
    const marker = `<${e}>`;
    const seen = new Set<Client>();
    const start = performance.now();
    const done = new Promise<void>((resolve) => {
      for (const r of receivers) {
        const text = r.doc.getText('text');
        const observer = () => {
          if (seen.has(r) || !text.toString().includes(marker)) return;
          seen.add(r);
          const ms = performance.now() - start;
          all.push(ms);
          if (urls.get(r) !== urls.get(sender)) across.push(ms);
          text.unobserve(observer);
          if (seen.size === receivers.length) resolve();
        };
        text.observe(observer);
      }
    });
    sender.doc.getText('text').insert(0, marker);
    await Promise.race([done, new Promise((r) => setTimeout(r, 5000))]);
  }
  return { all, across };
}

/** The same with the clients spread over two instances on one PostgreSQL and one Redis, or why it could not run. */
async function twoInstances(): Promise<{ all: number[]; across: number[] } | string> {
  if (!postgresBinaries()) return 'not measured: PostgreSQL is not installed (apt-get install postgresql)';
  const [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
  const dirs = [0, 1].map((i) => mkdtempSync(path.join(tmpdir(), `referat-bench-sync-pg-${i}-`)));
  const servers: ServerProcess[] = [];
  const clients: Client[] = [];
  try {
    const env = (name: string) => ({ DATABASE_URL: postgres.url, REDIS_URL: `redis://127.0.0.1:${redis.port}`, SYNC_NAME: name, LOG_LEVEL: 'info' });
    const token = createToken(dirs[0]!, 'bench', false, { DATABASE_URL: postgres.url });
    servers.push(...(await Promise.all([startServer(dirs[0]!, 0, env('one')), startServer(dirs[1]!, 0, env('two'))])));
    for (let i = 0; i < CLIENTS; i++) clients.push(connect(servers[i % 2]!.url, 'bench/one', token));
    await until(() => clients.every((c) => c.provider.isSynced), 'all clients to sync', 60_000);
    // Each instance subscribes to the document's Redis channel as it loads it; let both settle.
    await new Promise((r) => setTimeout(r, 1000));
    return await propagation(clients);
  } finally {
    for (const c of clients) c.destroy();
    for (const s of servers) await stopServer(s);
    await Promise.all([postgres.stop(), redis.stop()]);
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
}

export async function syncFigures(): Promise<string[]> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'referat-bench-sync-'));
  const token = createToken(dataDir, 'bench');
  const server = await startServer(dataDir, 0, { LOG_LEVEL: 'info' });
  const clients: Client[] = [];
  try {
    // Reference: an HTTP round trip to the same server process.
    const httpMs: number[] = [];
    for (let i = 0; i < 50; i++) {
      const t = performance.now();
      await health(server.port);
      httpMs.push(performance.now() - t);
    }

    for (let i = 0; i < CLIENTS; i++) clients.push(connect(server.url, 'bench/one', token));
    const latencies = (await propagation(clients)).all;
    const p50 = percentile(latencies, 50);
    const p95 = percentile(latencies, 95);
    const ref = percentile(httpMs, 50);
    for (const c of clients.splice(0)) c.destroy();
    const two = await twoInstances();

    // Memory: 200 documents open, each holding a seed's text.
    const seed = readFileSync(path.join(root, 'test/fixtures/seeds/000_0c2e4851483b96f9.txt'), 'utf8');
    await new Promise((r) => setTimeout(r, 500));
    const before = (await health(server.port)).memory.rss;
    const docs: Client[] = [];
    for (let i = 0; i < DOCUMENTS; i++) {
      const c = connect(server.url, `bench/doc-${i}`, token);
      c.doc.getText('text').insert(0, seed);
      docs.push(c);
    }
    await until(() => docs.every((c) => c.provider.isSynced && c.provider.unsyncedChanges === 0), 'all documents to reach the server', 120_000);
    const after = (await health(server.port)).memory.rss;
    for (const c of docs) c.destroy();
    const perDoc = (after - before) / DOCUMENTS / 1024;
    return [
      `figure 7  sync: edit propagation, ${CLIENTS} clients on one document, ${EDITS} edits, ${latencies.length} deliveries over loopback: ` +
        `p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms | HTTP round trip to the same server p50 ${ref.toFixed(2)} ms | p95/reference ${(p95 / ref).toFixed(1)}× | ` +
        `target p95 ≤ ${TARGET_P95_MS} ms: ${p95 <= TARGET_P95_MS ? 'met' : 'not met'}`,
      typeof two === 'string'
        ? `figure 7b sync: ${CLIENTS} clients over two instances (PostgreSQL + Redis): ${two}`
        : `figure 7b sync: edit propagation, ${CLIENTS} clients spread over two instances (PostgreSQL + Redis), ${EDITS} edits, ${two.all.length} deliveries: ` +
          `p50 ${percentile(two.all, 50).toFixed(1)} ms, p95 ${percentile(two.all, 95).toFixed(1)} ms (to the other instance's clients p95 ${percentile(two.across, 95).toFixed(1)} ms) | ` +
          `one instance in the same run p95 ${p95.toFixed(1)} ms | two/one ${(percentile(two.all, 95) / p95).toFixed(1)}× | ` +
          `target p95 ≤ ${TARGET_P95_MS} ms: ${percentile(two.all, 95) <= TARGET_P95_MS ? 'met' : 'not met'}`,
      `figure 8  sync: ${DOCUMENTS} documents open at once (${(seed.length / 1000).toFixed(0)} KB of text each): server RSS +${((after - before) / 1024 / 1024).toFixed(1)} MB, ` +
        `${perDoc.toFixed(0)} KB per open document (${(perDoc / (seed.length / 1024)).toFixed(1)}× its text)`,
    ];
  } finally {
    for (const c of clients) c.destroy();
    await stopServer(server);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const line of await syncFigures()) console.log(line);
  process.exit(0);
}
