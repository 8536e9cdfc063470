/**
 * Workspace tokens: a token grants one workspace, read-write or read-only. A
 * token may be a person's: their name and role (analyst, curator, reader) in
 * that workspace, which the editor takes as who is working. A token without a
 * person is the workspace's shared token, as tokens were before people: the
 * editor asks for a typed name, and it keeps every right it had. Only a hash
 * of each token is stored; the token itself is shown once, when made.
 */
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { sha256HexOfText } from '../../../core/hash/sha256.ts';
import { privateFile } from './store.ts';

export type Access = 'read-write' | 'read-only';

export type Role = 'analyst' | 'curator' | 'reader';
export const ROLES: readonly Role[] = ['analyst', 'curator', 'reader'];

/** Who a token is: a person's name and role in the workspace. */
export interface Person {
  name: string;
  role: Role;
}

export interface Grant {
  workspace: string;
  access: Access;
  label: string;
  /** The person the token was made for; null for a workspace's shared token. */
  name: string | null;
  role: Role | null;
}

/** Whether a grant may adjudicate and set how the workspace labels: a curator, or a shared read-write token (as before people). */
export function curates(grant: Pick<Grant, 'access' | 'role'>): boolean {
  return grant.access === 'read-write' && (grant.role === 'curator' || grant.role === null);
}

/** A person as given (name trimmed), or a RangeError saying what is wrong with it. A reader's token is read-only. */
export function checkPerson(person: { name?: string; role?: string }): Person {
  const name = (person.name ?? '').trim();
  if (!name) throw new RangeError('a person needs a name (--name)');
  if (name.length > 60 || /[\u0000-\u001f\u007f]/.test(name)) throw new RangeError(`the name "${name.slice(0, 60)}" must be at most 60 characters, with no control characters`);
  const role = person.role ?? 'analyst';
  if (!ROLES.includes(role as Role)) throw new RangeError(`role "${role}" must be one of ${ROLES.join(', ')}`);
  return { name, role: role as Role };
}

/** Where tokens are kept: SQLite (below) or PostgreSQL (postgres.ts). */
export interface TokenRegistry {
  /** A new token; with a person, read-only when they are a reader. */
  create(workspace: string, access: Access, label?: string, person?: Person | null): Promise<string>;
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
  // Tokens made before people: the person's columns are added, empty.
  const columns = new Set((db.prepare('PRAGMA table_info(tokens)').all() as { name: string }[]).map((c) => c.name));
  if (!columns.has('name')) db.exec('ALTER TABLE tokens ADD COLUMN name TEXT');
  if (!columns.has('role')) db.exec('ALTER TABLE tokens ADD COLUMN role TEXT');
  const insert = db.prepare('INSERT INTO tokens (hash, workspace, access, label, created, name, role) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const select = db.prepare<[string], Grant>('SELECT workspace, access, label, name, role FROM tokens WHERE hash = ?');
  const all = db.prepare<[], Grant & { created: string }>('SELECT workspace, access, label, name, role, created FROM tokens ORDER BY created');
  return {
    async create(workspace, access, label = '', person = null) {
      const made = newToken(workspace);
      const p = person && checkPerson(person);
      insert.run(made.hash, workspace, p?.role === 'reader' ? 'read-only' : access, label, new Date().toISOString(), p?.name ?? null, p?.role ?? null);
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
