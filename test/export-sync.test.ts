/**
 * Export and import against the real sync server: two annotated documents in
 * a workspace, exported, imported into another workspace, exported again —
 * the same dataset, byte for byte.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adjudicate } from '../core/document/curate.ts';
import { TaxonomyDoc } from '../core/document/taxonomy.ts';
import { annotatedSeed, seedFiles } from './support/curated.ts';
import { referat } from './support/referat.ts';
import { connect, createToken, startServer, stopServer, until, type ServerProcess } from './support/sync.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
let dir: string;
let server: ServerProcess;
let alpha: string;
let beta: string;
let alphaReader: string;
let gamma: string;
let delta: string;
let epsilon: string;

beforeAll(async () => {
  execFileSync(process.execPath, [path.join(root, 'core/cli/build.mjs')], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  dir = mkdtempSync(path.join(tmpdir(), 'referat-export-sync-'));
  const data = path.join(dir, 'data');
  alpha = createToken(data, 'alpha');
  alphaReader = createToken(data, 'alpha', true);
  beta = createToken(data, 'beta');
  gamma = createToken(data, 'gamma');
  delta = createToken(data, 'delta');
  epsilon = createToken(data, 'epsilon');
  server = await startServer(data);

  // Two annotated documents, made locally and sent through a provider as a client would.
  const docs = [annotatedSeed(seedFiles[0]!, ['ana', 'bo']), annotatedSeed(seedFiles[1]!, ['ana', 'cy'], 'udsat til næste KKR-møde')];
  adjudicate(docs[0]!, { itemNumber: '1.2', label: 'drøftet', value: false, decidedBy: 'kurator' }, () => Date.UTC(2026, 1, 1));
  for (const [i, doc] of docs.entries()) {
    const client = connect(server.url, `alpha/doc-${i}`, alpha);
    await until(() => client.provider.isSynced, 'first sync');
    Y.applyUpdate(client.doc, Y.encodeStateAsUpdate(doc.ydoc));
    await until(() => !client.provider.hasUnsyncedChanges, 'changes stored');
    client.destroy();
  }
}, 180_000);

afterAll(async () => {
  if (server) await stopServer(server);
  rmSync(dir, { recursive: true, force: true });
});

const base = () => `http://127.0.0.1:${server.port}`;

describe('GET /workspaces/<w>/documents', () => {
  it('lists a workspace’s documents to a token for that workspace, read-only tokens too', async () => {
    for (const token of [alpha, alphaReader]) {
      const res = await fetch(`${base()}/workspaces/alpha/documents`, { headers: { Authorization: `Bearer ${token}` } });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ workspace: 'alpha', access: token === alpha ? 'read-write' : 'read-only', person: null, documents: ['doc-0', 'doc-1'] });
    }
  });

  it('refuses no token, a bad token and another workspace’s token', async () => {
    expect((await fetch(`${base()}/workspaces/alpha/documents`)).status).toBe(401);
    expect((await fetch(`${base()}/workspaces/alpha/documents`, { headers: { Authorization: 'Bearer rs_nope' } })).status).toBe(401);
    const other = await fetch(`${base()}/workspaces/alpha/documents`, { headers: { Authorization: `Bearer ${beta}` } });
    expect(other.status).toBe(403);
    expect(await other.json()).toEqual({ error: 'this token grants workspace "beta", not "alpha"' });
  });

  it('answers a browser’s preflight, so the editor on its own origin may ask', async () => {
    const preflight = await fetch(`${base()}/workspaces/alpha/documents`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://127.0.0.1:5173', 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'authorization' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/authorization/i);
    const res = await fetch(`${base()}/workspaces/alpha/documents`, { headers: { Authorization: `Bearer ${alpha}`, Origin: 'http://127.0.0.1:5173' } });
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
  });
});

describe('referat export --workspace and referat import', () => {
  it('export → import into another workspace → export gives the same dataset', async () => {
    const first = path.join(dir, 'first');
    const second = path.join(dir, 'second');
    let run = await referat(['export', '--workspace', 'alpha', '--server', server.url, '--token', alphaReader, '-o', first]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/from 2 documents/);

    const documents = readFileSync(path.join(first, 'documents.jsonl'), 'utf8');
    const card = readFileSync(path.join(first, 'README.md'), 'utf8');
    expect(card).toContain('| annotations | 8 |');
    // A workspace that never set how it labels: shared, recorded in the card.
    expect(card).toContain('- Labelling: shared (every analyst saw everyone’s labels as they were made)');
    expect(card).toMatch(/\| godkendt \| Fleiss \| [-\d.]+ \| [-\d.]+ \| [\d.]+ \| 4 \| 3 \| fragile: 4 items \(fewer than 30\)/);
    const items = readFileSync(path.join(first, 'items.jsonl'), 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(items.find((r) => r.documentId === 'doc-0' && r.number === '1.2')).toMatchObject({ finalLabels: ['godkendt'], reviewStatus: 'corrected', adjudications: [{ decidedBy: 'kurator' }] });

    run = await referat(['import', path.join(first, 'documents.jsonl'), '--workspace', 'beta', '--server', server.url], { REFERAT_TOKEN: beta });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    run = await referat(['export', '--workspace', 'beta', '--server', server.url, '--token', beta, '-o', second]);
    expect(run.code).toBe(0);

    for (const name of ['documents.jsonl', 'items.jsonl', 'items.csv', 'items.parquet', 'annotations.jsonld', 'oparl/system.json', 'oparl/body/kl/meetings.json', 'cases.json', 'item.schema.json']) {
      expect(readFileSync(path.join(second, name)).equals(readFileSync(path.join(first, name))), name).toBe(true);
    }
    expect(readFileSync(path.join(second, 'documents.jsonl'), 'utf8')).toBe(documents);
  }, 120_000);

  it('exports a selection: one document, items with a label, approved only', async () => {
    const target = path.join(dir, 'selection');
    const run = await referat(['export', '--workspace', 'alpha', '--server', server.url, '--token', alpha, '--document', 'doc-1', '--label', 'godkendt', '--approved-only', '-f', 'jsonl', '-o', target]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const rows = readFileSync(path.join(target, 'items.jsonl'), 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(rows.map((r) => [r.documentId, r.number, r.reviewStatus])).toEqual([['doc-1', '1.1', 'approved']]);
    expect(readFileSync(path.join(target, 'documents.jsonl'), 'utf8').trimEnd().split('\n')).toHaveLength(1);
    const missing = await referat(['export', '--workspace', 'alpha', '--server', server.url, '--token', alpha, '--document', 'doc-9', '-o', target]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('referat: workspace alpha has no document doc-9\n');
  }, 60_000);

  it('refuses to import over documents a workspace already has or with a read-only token, and to export with another workspace’s token', async () => {
    const file = path.join(dir, 'first', 'documents.jsonl');
    let run = await referat(['import', file, '--workspace', 'beta', '--server', server.url, '--token', beta]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('referat: workspace beta already has doc-0, doc-1; import into an empty workspace or remove them first\n');
    run = await referat(['import', file, '--workspace', 'alpha', '--server', server.url, '--token', alphaReader]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('referat: the token for workspace alpha is read-only; importing needs a read-write token\n');
    run = await referat(['export', '--workspace', 'alpha', '--server', server.url, '--token', beta, '-o', path.join(dir, 'x')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^referat: http:\/\/127\.0\.0\.1:\d+: this token grants workspace "beta", not "alpha" \(workspace alpha\)\n$/);
  }, 60_000);

  it('imports all or nothing: a bad line imports no document, and is named with its line and the reason', async () => {
    const lines = readFileSync(path.join(dir, 'first', 'documents.jsonl'), 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    // Well-formed enough to pass as a curated document, but it cannot be written: a comment that is not one.
    const broken = JSON.parse(lines[1]!);
    expect(broken.annotations.length).toBeGreaterThan(0);
    broken.annotations[0].comments = [null];
    const gammaDocuments = async () => {
      const res = await fetch(`${base()}/workspaces/gamma/documents`, { headers: { Authorization: `Bearer ${gamma}` } });
      return ((await res.json()) as { documents: string[] }).documents;
    };
    const cases: [string[], RegExp][] = [
      [[lines[0]!, JSON.stringify(broken)], /^:2: document doc-1 cannot be imported \(.+\)$/],
      [[lines[0]!, '{"documentId": "doc-1", '], /^:2: not JSON \(.+\)$/],
      [[lines[0]!, '', lines[0]!], /^:3: document doc-0 is also on line 1$/],
      [[lines[0]!, JSON.stringify({ ...JSON.parse(lines[1]!), meeting: { ...JSON.parse(lines[1]!).meeting, schemaVersion: 2 } })], /^:2: unsupported schemaVersion 2 \(this program reads 1\)$/],
    ];
    for (const [content, reason] of cases) {
      const file = path.join(dir, 'bad-documents.jsonl');
      writeFileSync(file, content.join('\n') + '\n');
      const run = await referat(['import', file, '--workspace', 'gamma', '--server', server.url, '--token', gamma]);
      expect(run.code, content[1]).toBe(1);
      expect(run.stdout).toBe('');
      const errors = run.stderr.split('\n').filter(Boolean);
      expect(errors).toHaveLength(1);
      expect(errors[0]!.startsWith(`referat: ${file}:`)).toBe(true);
      expect(errors[0]!.slice(`referat: ${file}`.length)).toMatch(reason);
      expect(await gammaDocuments()).toEqual([]);
    }
    // The good file goes in whole.
    const run = await referat(['import', path.join(dir, 'first', 'documents.jsonl'), '--workspace', 'gamma', '--server', server.url, '--token', gamma]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(await gammaDocuments()).toEqual(['doc-0', 'doc-1']);
  }, 120_000);

  it('leaves out a document merged into another, whose work is in that one', async () => {
    const keep = annotatedSeed(seedFiles[0]!, ['ana']);
    const merged = annotatedSeed(seedFiles[0]!, ['bo']);
    merged.ydoc.transact(() => merged.meta.set('mergedInto', 'kept'));
    for (const [name, doc] of [['kept', keep], ['merged', merged]] as const) {
      const client = connect(server.url, `delta/${name}`, delta);
      await until(() => client.provider.isSynced, 'first sync');
      Y.applyUpdate(client.doc, Y.encodeStateAsUpdate(doc.ydoc));
      await until(() => !client.provider.hasUnsyncedChanges, 'changes stored');
      client.destroy();
    }
    const target = path.join(dir, 'delta');
    const run = await referat(['export', '--workspace', 'delta', '--server', server.url, '--token', delta, '-f', 'jsonl', '-o', target]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const documents = readFileSync(path.join(target, 'documents.jsonl'), 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(documents.map((d) => d.documentId)).toEqual(['kept']);
  }, 60_000);

  it('writes the workspace’s taxonomy into the card, and does not take it for a document', async () => {
    const client = connect(server.url, 'epsilon/_taxonomy', epsilon);
    await until(() => client.provider.isSynced, 'first sync');
    const taxonomy = new TaxonomyDoc(client.doc, { now: () => Date.UTC(2026, 11, 5, 9) });
    taxonomy.seed();
    expect(taxonomy.updateLabel('klima', { name: 'klima og miljø', description: 'Klimatilpasning og natur' }, 'Ane Kjær')).toBeNull();
    await until(() => !client.provider.hasUnsyncedChanges, 'changes stored');
    client.destroy();
    const doc = connect(server.url, 'epsilon/meeting', epsilon);
    await until(() => doc.provider.isSynced, 'first sync');
    Y.applyUpdate(doc.doc, Y.encodeStateAsUpdate(annotatedSeed(seedFiles[0]!, ['ana']).ydoc));
    await until(() => !doc.provider.hasUnsyncedChanges, 'changes stored');
    doc.destroy();
    const target = path.join(dir, 'epsilon');
    const run = await referat(['export', '--workspace', 'epsilon', '--server', server.url, '--token', epsilon, '-f', 'jsonl', '-o', target]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const documents = readFileSync(path.join(target, 'documents.jsonl'), 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(documents.map((d) => d.documentId)).toEqual(['meeting']);
    const card = readFileSync(path.join(target, 'README.md'), 'utf8');
    expect(card).toContain('Version 1 (last changed 2026-12-05T09:00:00.000Z by Ane Kjær)');
    expect(card).toContain('| klima | klima og miljø | topic |  | Klimatilpasning og natur |');
    expect(JSON.parse(readFileSync(path.join(target, 'taxonomy.json'), 'utf8')).version).toBe(1);
  }, 60_000);
});
