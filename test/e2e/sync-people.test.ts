/**
 * Tokens per person on the real sync server (its own process, SQLite): a name and
 * a role in a workspace. The listing says who a token is; a reader reads and
 * cannot write; only a curator adjudicates or changes how the workspace labels
 * or its label taxonomy (an analyst's adjudication is refused whole and never stored); a token made
 * before people (no name) keeps every right it had.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TaxonomyDoc } from '../../core/document/taxonomy.ts';
import { connect, createPersonToken, createToken, startServer, stopServer, until, type Client, type ServerProcess } from '../support/sync.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let dataDir: string;
let server: ServerProcess;
const tokens: Record<string, string> = {};
const clients: Client[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'referat-people-'));
  // A shared token made before people: the table as it was, without the person's columns.
  const db = new Database(path.join(dataDir, 'tokens.sqlite'));
  db.exec('CREATE TABLE tokens (hash TEXT PRIMARY KEY, workspace TEXT NOT NULL, access TEXT NOT NULL, label TEXT NOT NULL, created TEXT NOT NULL)');
  db.close();
  tokens.shared = createToken(dataDir, 'team');
  tokens.ana = createPersonToken(dataDir, 'team', 'Ana Holm', 'analyst');
  tokens.bo = createPersonToken(dataDir, 'team', 'Bo Lund', 'analyst');
  tokens.cy = createPersonToken(dataDir, 'team', 'Cy Berg', 'curator');
  tokens.di = createPersonToken(dataDir, 'team', 'Di Dahl', 'reader');
  server = await startServer(dataDir);
}, 60_000);

afterAll(async () => {
  for (const c of clients) c.destroy();
  if (server) await stopServer(server);
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const open = (name: string, token: string) => {
  const c = connect(server.url, name, token);
  clients.push(c);
  return c;
};
const listing = async (token: string) => (await fetch(`http://127.0.0.1:${server.port}/workspaces/team/documents`, { headers: { Authorization: `Bearer ${token}` } })).json();

describe('tokens per person', () => {
  it('are made and listed with name and role; a bad role or a role without a name is refused in one line', () => {
    const main = path.join(root, 'editor/server/sync/main.ts');
    const tsx = path.join(root, 'node_modules/tsx/dist/loader.mjs');
    const run = (...args: string[]) => spawnSync(process.execPath, ['--import', tsx, main, 'token', ...args], { env: { ...process.env, DATA_DIR: dataDir }, encoding: 'utf8' });
    const list = run('list').stdout.trim().split('\n').map((l) => l.split('\t'));
    expect(list.map((r) => [r[0], r[1], r[4], r[5]])).toEqual([
      ['team', 'read-write', '', ''],
      ['team', 'read-write', 'Ana Holm', 'analyst'],
      ['team', 'read-write', 'Bo Lund', 'analyst'],
      ['team', 'read-write', 'Cy Berg', 'curator'],
      ['team', 'read-only', 'Di Dahl', 'reader'],
    ]);
    const badRole = run('create', 'team', '--name', 'Eva', '--role', 'boss');
    expect(badRole.status).toBe(2);
    expect(badRole.stderr.trim()).toBe('referat-sync: role "boss" must be one of analyst, curator, reader');
    const noName = run('create', 'team', '--role', 'curator');
    expect(noName.status).toBe(2);
    expect(noName.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('say who they are in the listing, which leaves out the workspace’s own documents', async () => {
    const curator = open('team/_labelling', tokens.cy!);
    const doc = open('team/minutes', tokens.shared!);
    await until(() => curator.provider.isSynced && doc.provider.isSynced, 'both to sync');
    curator.doc.getMap('labelling').set('mode', 'independent');
    doc.doc.getText('text').insert(0, 'Referat');
    await until(() => curator.provider.unsyncedChanges === 0 && doc.provider.unsyncedChanges === 0, 'both edits to be acknowledged');
    expect(await listing(tokens.ana!)).toEqual({ workspace: 'team', access: 'read-write', person: { name: 'Ana Holm', role: 'analyst' }, documents: ['minutes'] });
    expect(await listing(tokens.di!)).toMatchObject({ access: 'read-only', person: { name: 'Di Dahl', role: 'reader' } });
    expect(await listing(tokens.shared!)).toMatchObject({ access: 'read-write', person: null });
  });

  it('let a reader read and not write, and an analyst read but not change how the workspace labels', async () => {
    const reader = open('team/minutes', tokens.di!);
    await until(() => reader.provider.isSynced && reader.doc.getText('text').toString() === 'Referat', 'the reader to read');
    reader.doc.getText('text').insert(0, 'refused ');
    const analyst = open('team/_labelling', tokens.ana!);
    await until(() => analyst.provider.isSynced && analyst.doc.getMap('labelling').get('mode') === 'independent', 'the analyst to read the mode');
    analyst.doc.getMap('labelling').set('mode', 'shared');
    await new Promise((r) => setTimeout(r, 500));
    const check = open('team/minutes', tokens.cy!);
    const mode = open('team/_labelling', tokens.cy!);
    await until(() => check.provider.isSynced && mode.provider.isSynced, 'a fresh read');
    expect(check.doc.getText('text').toString()).toBe('Referat');
    expect(mode.doc.getMap('labelling').get('mode')).toBe('independent');
  });

  it('let only a curator change the workspace’s taxonomy: an analyst’s change reaches nobody, a curator’s everyone', async () => {
    const curator = open('team/_taxonomy', tokens.cy!);
    await until(() => curator.provider.isSynced, 'the curator to sync the taxonomy');
    const curated = new TaxonomyDoc(curator.doc);
    curated.seed();
    await until(() => curator.provider.unsyncedChanges === 0, 'the seed to be acknowledged');
    const analyst = open('team/_taxonomy', tokens.ana!);
    await until(() => analyst.provider.isSynced && new TaxonomyDoc(analyst.doc).read().labels.length === curated.read().labels.length, 'the analyst to read the taxonomy');
    const own = new TaxonomyDoc(analyst.doc);
    expect(own.addLabel({ name: 'analytikerens', group: own.read().groups[0]!.id }, 'Ana Holm')).toHaveProperty('id');
    expect(own.read().labels.map((l) => l.name)).toContain('analytikerens');
    await new Promise((r) => setTimeout(r, 500));
    // After the analyst's change, the curator's: a fresh read has the curator's label and not the analyst's.
    expect(curated.addLabel({ name: 'kuratorens', group: curated.read().groups[0]!.id }, 'Cy Berg')).toHaveProperty('id');
    await until(() => curator.provider.unsyncedChanges === 0, 'the curator’s label to be acknowledged');
    const other = open('team/_taxonomy', tokens.bo!);
    const names = () => new TaxonomyDoc(other.doc).read().labels.map((l) => l.name);
    await until(() => other.provider.isSynced && names().includes('kuratorens'), 'the other analyst to see the curator’s label');
    expect(names()).not.toContain('analytikerens');
    expect(curated.read().labels.map((l) => l.name)).not.toContain('analytikerens');
  });

  it('refuse an analyst’s adjudication whole (with a refusal the editor undoes), and take a curator’s and the shared token’s', async () => {
    const analyst = open('team/minutes', tokens.bo!);
    const notices: string[] = [];
    analyst.provider.on('stateless', ({ payload }: { payload: string }) => notices.push(payload));
    await until(() => analyst.provider.isSynced, 'the analyst to sync');
    analyst.doc.getMap('adjudications').set('1.1\u001fklima', { itemNumber: '1.1', label: 'klima', value: true, decidedBy: 'Bo Lund', at: '2026-12-05T00:00:00.000Z', note: null });
    await until(() => notices.some((n) => n.includes('curators-only')), 'the refusal');
    expect(JSON.parse(notices.find((n) => n.includes('curators-only'))!)).toMatchObject({ type: 'referat.refused', reason: 'curators-only' });
    // Labels are the analyst's to set.
    const labels = open('team/minutes', tokens.ana!);
    await until(() => labels.provider.isSynced, 'the other analyst to sync');
    labels.doc.getMap('labels-test').set('klima', 'Ana Holm');
    await until(() => labels.provider.unsyncedChanges === 0, 'the label to be acknowledged');

    const curator = open('team/minutes', tokens.cy!);
    await until(() => curator.provider.isSynced, 'the curator to sync');
    curator.doc.getMap('adjudications').set('1.2\u001fklima', { itemNumber: '1.2', label: 'klima', value: false, decidedBy: 'Cy Berg', at: '2026-12-05T00:00:00.000Z', note: null });
    const shared = open('team/minutes', tokens.shared!);
    await until(() => shared.provider.isSynced, 'the shared token to sync');
    shared.doc.getMap('adjudications').set('1.3\u001fklima', { itemNumber: '1.3', label: 'klima', value: true, decidedBy: 'Anna', at: '2026-12-05T00:00:00.000Z', note: null });
    await until(() => curator.provider.unsyncedChanges === 0 && shared.provider.unsyncedChanges === 0, 'both to be acknowledged');
    // A fresh read has the curator's and the shared token's adjudications, not the analyst's.
    const fresh = open('team/minutes', tokens.di!);
    await until(() => fresh.provider.isSynced && fresh.doc.getMap('adjudications').size === 2, 'a fresh read with two adjudications');
    expect([...fresh.doc.getMap('adjudications').keys()].sort()).toEqual(['1.2\u001fklima', '1.3\u001fklima']);
    expect(fresh.doc.getMap('labels-test').get('klima')).toBe('Ana Holm');
    // An analyst deleting a curator's adjudication is refused too.
    const again = open('team/minutes', tokens.ana!);
    await until(() => again.provider.isSynced && again.doc.getMap('adjudications').size === 2, 'the analyst to see both');
    again.doc.getMap('adjudications').delete('1.2\u001fklima');
    await new Promise((r) => setTimeout(r, 500));
    const last = new Y.Doc();
    const read = connect(server.url, 'team/minutes', tokens.di!, last);
    clients.push(read);
    await until(() => read.provider.isSynced && last.getMap('adjudications').size === 2, 'the curator’s adjudication still there');
    expect(server.logs.join('')).toContain('"event":"curators-only"');
  }, 30_000);
});
