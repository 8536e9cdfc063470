/**
 * Workspace tokens: a token grants one workspace, read-write or read-only. Only
 * a hash of each token is stored; the token itself is shown once, when made.
 */
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { sha256HexOfText } from '../../../core/hash/sha256.ts';
import { privateFile } from './store.ts';

export type Access = 'read-write' | 'read-only';

export interface Grant {
  workspace: string;
  access: Access;
  label: string;
}

export interface TokenRegistry {
  create(workspace: string, access: Access, label?: string): string;
  verify(token: string): Grant | null;
  list(): (Grant & { created: string })[];
  close(): void;
}

const WORKSPACE = /^[a-z0-9][a-z0-9-]{0,62}$/;

export function openTokens(file: string): TokenRegistry {
  privateFile(file);
  const db = new Database(file);
  db.pragma('busy_timeout = 5000');
  db.exec(`CREATE TABLE IF NOT EXISTS tokens (
    hash TEXT PRIMARY KEY, workspace TEXT NOT NULL, access TEXT NOT NULL, label TEXT NOT NULL, created TEXT NOT NULL)`);
  const insert = db.prepare('INSERT INTO tokens (hash, workspace, access, label, created) VALUES (?, ?, ?, ?, ?)');
  const select = db.prepare<[string], Grant>('SELECT workspace, access, label FROM tokens WHERE hash = ?');
  const all = db.prepare<[], Grant & { created: string }>('SELECT workspace, access, label, created FROM tokens ORDER BY created');
  return {
    create(workspace, access, label = '') {
      if (!WORKSPACE.test(workspace)) throw new RangeError(`workspace name "${workspace}" must be 1–63 lower-case letters, digits or dashes`);
      const token = `rs_${randomBytes(24).toString('base64url')}`;
      insert.run(hash(token), workspace, access, label, new Date().toISOString());
      return token;
    },
    verify(token) {
      if (typeof token !== 'string' || !token.startsWith('rs_') || token.length > 200) return null;
      return select.get(hash(token)) ?? null;
    },
    list() {
      return all.all();
    },
    close() {
      db.close();
    },
  };
}

function hash(token: string): string {
  return sha256HexOfText(token);
}

/** Document names are `<workspace>/<document id>`. */
export function workspaceOf(documentName: string): string | null {
  const m = /^([a-z0-9][a-z0-9-]{0,62})\/[A-Za-z0-9._:-]{1,200}$/.exec(documentName);
  return m ? m[1]! : null;
}
