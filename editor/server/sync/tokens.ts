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

/** Where tokens are kept: SQLite (below) or PostgreSQL (postgres.ts). */
export interface TokenRegistry {
  create(workspace: string, access: Access, label?: string): Promise<string>;
  verify(token: string): Promise<Grant | null>;
  list(): Promise<(Grant & { created: string })[]>;
  close(): Promise<void>;
}

const WORKSPACE = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** A new token for a workspace, and the hash to store; a bad workspace name throws. */
export function newToken(workspace: string): { token: string; hash: string } {
  if (!WORKSPACE.test(workspace)) throw new RangeError(`workspace name "${workspace}" must be 1–63 lower-case letters, digits or dashes`);
  const token = `rs_${randomBytes(24).toString('base64url')}`;
  return { token, hash: hash(token) };
}

/** The hash to look a token up by, or null for what cannot be a token. */
export function tokenHash(token: string): string | null {
  if (typeof token !== 'string' || !token.startsWith('rs_') || token.length > 200) return null;
  return hash(token);
}

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
    async create(workspace, access, label = '') {
      const made = newToken(workspace);
      insert.run(made.hash, workspace, access, label, new Date().toISOString());
      return made.token;
    },
    async verify(token) {
      const h = tokenHash(token);
      return h === null ? null : (select.get(h) ?? null);
    },
    async list() {
      return all.all();
    },
    async close() {
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
