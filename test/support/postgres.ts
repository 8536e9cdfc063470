/**
 * A throwaway PostgreSQL for tests (Debian's `postgresql`, installed by .ci/run):
 * a fresh cluster in a temporary folder (initdb), `postgres` on a free loopback
 * port with its unix socket in the same folder, trust authentication. initdb and
 * postgres refuse to run as root, so as root (CI) they run as the `postgres` user
 * (or `nobody`), who is given the folder.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface PostgresProcess {
  port: number;
  /** postgres://postgres@127.0.0.1:PORT/postgres */
  url: string;
  child: ChildProcess;
  /** A URL for a new, empty database of this cluster. */
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

/** The newest installed PostgreSQL's bin directory, or null. */
export function postgresBinaries(): string | null {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return null;
  const versions = readdirSync(base)
    .filter((v) => existsSync(path.join(base, v, 'bin/initdb')) && existsSync(path.join(base, v, 'bin/postgres')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? path.join(base, versions[0]!, 'bin') : null;
}

/** Why PostgreSQL tests cannot run here (no binaries), or null. In CI a missing PostgreSQL is an error, not a skip. */
export function postgresMissing(): string | null {
  if (postgresBinaries()) return null;
  const why = 'PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): apt-get install postgresql';
  if (process.env.CI) throw new Error(why);
  console.warn(`skipping the PostgreSQL tests: ${why}`);
  return why;
}

/** The user to run PostgreSQL as: this one, or, as root, `postgres` (else `nobody`). */
function runAs(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const passwd = readFileSync('/etc/passwd', 'utf8').split('\n');
  for (const name of ['postgres', 'nobody']) {
    const fields = passwd.find((l) => l.startsWith(`${name}:`))?.split(':');
    if (fields) return { uid: Number(fields[2]), gid: Number(fields[3]) };
  }
  throw new Error('running as root, and there is no postgres or nobody user to run PostgreSQL as');
}

export async function startPostgres(options: { fsync?: boolean } = {}): Promise<PostgresProcess> {
  const bin = postgresBinaries();
  if (!bin) throw new Error('PostgreSQL is not installed (apt-get install postgresql)');
  const user = runAs();
  const dir = mkdtempSync(path.join(tmpdir(), 'referat-pg-'));
  const data = path.join(dir, 'data');
  const socket = path.join(dir, 'socket');
  mkdirSync(socket);
  if (user) for (const d of [dir, socket]) chownSync(d, user.uid, user.gid);
  const as = user ? { uid: user.uid, gid: user.gid } : {};
  const init = spawnSync(path.join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync'], {
    ...as,
    cwd: dir,
    encoding: 'utf8',
  });
  if (init.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`initdb failed:\n${init.stdout}${init.stderr}`);
  }
  const port = await freePort();
  const args = ['-D', data, '-p', String(port), '-k', socket, '-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'];
  if (options.fsync === false) args.push('-c', 'fsync=off', '-c', 'synchronous_commit=off');
  const child = spawn(path.join(bin, 'postgres'), args, { ...as, cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`postgres did not start:\n${out}`)), 30_000);
    const onData = (b: Buffer) => {
      out += b.toString();
      if (/database system is ready to accept connections/.test(out)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`postgres exited with ${code}:\n${out}`));
    });
  });
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  return {
    port,
    url,
    child,
    async createDatabase(name) {
      if (!/^[a-z][a-z0-9_]{0,40}$/.test(name)) throw new RangeError(`not a plain database name: ${name}`);
      const run = spawnSync('psql', [url, '-v', 'ON_ERROR_STOP=1', '-qc', `CREATE DATABASE ${name}`], { encoding: 'utf8' });
      if (run.status !== 0) throw new Error(`CREATE DATABASE ${name} failed: ${run.stderr}`);
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        const done = () => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        };
        if (child.exitCode !== null || child.signalCode !== null) return done();
        child.once('exit', done);
        // Fast shutdown: disconnects clients, no checkpoint wait for sessions.
        child.kill('SIGINT');
      }),
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}
