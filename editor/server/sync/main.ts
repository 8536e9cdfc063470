/**
 * `referat-sync`: starts the sync server (SYNC_PORT, SYNC_HOST, DATA_DIR, DATABASE_URL,
 * REDIS_URL), or manages tokens (in DATABASE_URL when set, else in DATA_DIR): `token create WORKSPACE [--name N [--role analyst|curator|reader]] [--read-only] [--label L]`, `token list`.
 * With no token at all yet, it makes a read-write one for the workspace "local": on a
 * terminal it is printed for the person there (stderr, plain text); otherwise it is
 * written to `first-token` in the data directory (0600). Logs are JSON lines only
 * and never carry a token.
 */
import { Command, InvalidArgumentError } from 'commander';
import { createSyncServer, DEFAULTS } from './server.ts';
import { errorFields, jsonLogger, routeConsole, type LogLevel } from './log.ts';
import { checkDatabaseUrl, openPostgresTokens } from './postgres.ts';
import { checkPerson, openTokens, ROLES, type Person, type TokenRegistry } from './tokens.ts';
import path from 'node:path';
import { mkdirSync, writeFileSync } from 'node:fs';

const env = process.env;
// Everything the server creates (data directory, databases, their -wal/-shm) is its user's alone.
process.umask(0o077);
const dataDir = env.DATA_DIR ?? DEFAULTS.dataDir;

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('a port is a whole number from 0 to 65535');
  return n;
}

function databaseUrl(value: string): string {
  try {
    return checkDatabaseUrl(value);
  } catch (e) {
    throw new InvalidArgumentError((e as Error).message);
  }
}

/** The token registry the server would use: PostgreSQL with DATABASE_URL, else SQLite in DATA_DIR. */
function tokenRegistry(): TokenRegistry {
  if (env.DATABASE_URL) return openPostgresTokens(databaseUrl(env.DATABASE_URL));
  mkdirSync(dataDir, { recursive: true });
  return openTokens(path.join(dataDir, 'tokens.sqlite'));
}

function redisFrom(url: string | undefined) {
  if (!url) return undefined;
  const u = new URL(url);
  if (u.protocol !== 'redis:') throw new InvalidArgumentError(`REDIS_URL must start with redis:// (got ${url})`);
  return { host: u.hostname, port: Number(u.port || 6379) };
}

const program = new Command('referat-sync').description('The Referat Studio sync server and its tokens').showHelpAfterError();

program
  .command('start', { isDefault: true })
  .description('start the sync server')
  .option('-p, --port <port>', 'port (SYNC_PORT)', port, Number(env.SYNC_PORT ?? DEFAULTS.port))
  .option('--host <address>', 'address to bind (SYNC_HOST)', env.SYNC_HOST ?? DEFAULTS.host)
  .option('--data <dir>', 'data directory (DATA_DIR)', dataDir)
  .option('--database <url>', 'postgres://… to keep documents and tokens in PostgreSQL, shared by instances on several machines (DATABASE_URL)', databaseUrl, env.DATABASE_URL ? databaseUrl(env.DATABASE_URL) : undefined)
  .option('--redis <url>', 'redis://host:port to share documents between instances (REDIS_URL)', env.REDIS_URL)
  .option('--name <name>', 'instance name in logs', env.SYNC_NAME)
  .action(async (opts: { port: number; host: string; data: string; database?: string; redis?: string; name?: string }) => {
    const logger = jsonLogger((env.LOG_LEVEL as LogLevel | undefined) ?? 'info');
    routeConsole(logger);
    // Nothing a client sends may stop the server; should anything slip through, it is logged, not fatal.
    process.on('unhandledRejection', (reason) => logger.log('error', 'unhandled-rejection', { error: errorFields(reason) }));
    let uncaught = 0;
    process.on('uncaughtException', (error) => {
      logger.log('error', 'uncaught-exception', { error: errorFields(error) });
      // Not a stray error but a loop: stop rather than spin.
      if (++uncaught > 100) process.exit(1);
    });
    const tty = process.stderr.isTTY === true;
    const sync = createSyncServer({
      port: opts.port,
      host: opts.host,
      dataDir: opts.data,
      ...(opts.database ? { databaseUrl: opts.database } : {}),
      redis: redisFrom(opts.redis),
      logger,
      ...(opts.name ? { name: opts.name } : {}),
      ...(env.SYNC_MAX_MESSAGE_BYTES ? { maxMessageBytes: Number(env.SYNC_MAX_MESSAGE_BYTES) } : {}),
      ...(env.SYNC_MAX_DOCUMENT_BYTES ? { maxDocumentBytes: Number(env.SYNC_MAX_DOCUMENT_BYTES) } : {}),
      fsync: env.SYNC_FSYNC === '1',
    });
    if ((await sync.tokens.list()).length === 0) {
      const token = await sync.tokens.create('local', 'read-write', 'made at first start');
      if (tty) {
        logger.log('info', 'token-created', { workspace: 'local', access: 'read-write', shown: 'terminal' });
        process.stderr.write(`\nA token for the workspace "local" (keep it; it is shown once):\n  ${token}\n\n`);
      } else {
        const file = path.resolve(opts.data, 'first-token');
        writeFileSync(file, `${token}\n`, { mode: 0o600 });
        logger.log('info', 'token-created', { workspace: 'local', access: 'read-write', file });
      }
    }
    const { url } = await sync.listen();
    if (tty) process.stderr.write(`Sync server on ${url} (health: ${url.replace(/^ws/, 'http')}/health)\n`);
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      logger.log('info', 'shutdown', { signal });
      sync.close().then(
        () => process.exit(0),
        (e: unknown) => {
          logger.log('error', 'shutdown-failed', { error: errorFields(e) });
          process.exit(1);
        },
      );
    };
    process.on('SIGTERM', () => stop('SIGTERM'));
    process.on('SIGINT', () => stop('SIGINT'));
  });

const token = program.command('token').description('workspace tokens');
token
  .command('create <workspace>')
  .description('make a token for a workspace and print it; with --name, a person\'s token')
  .option('--name <name>', 'the person the token is for: the editor takes their name from it')
  .option('--role <role>', `the person's role: ${ROLES.join(', ')} (default analyst; a reader's token is read-only; only curators adjudicate)`)
  .option('--read-only', 'the token may read but not change documents')
  .option('--label <label>', 'a note on who or what it is for', '')
  .action(async (workspace: string, opts: { name?: string; role?: string; readOnly?: boolean; label: string }) => {
    let person: Person | null = null;
    try {
      if (opts.role !== undefined && opts.name === undefined) throw new RangeError('--role needs --name (the person the token is for)');
      if (opts.name !== undefined) person = checkPerson({ name: opts.name, role: opts.role });
    } catch (e) {
      process.stderr.write(`referat-sync: ${(e as Error).message}\n`);
      process.exitCode = 2;
      return;
    }
    const tokens = tokenRegistry();
    try {
      process.stdout.write(`${await tokens.create(workspace, opts.readOnly ? 'read-only' : 'read-write', opts.label, person)}\n`);
    } catch (e) {
      process.stderr.write(`referat-sync: ${(e as Error).message}\n`);
      process.exitCode = 2;
    } finally {
      await tokens.close();
    }
  });
token
  .command('list')
  .description('list workspaces, access and people (tokens themselves are not stored)')
  .action(async () => {
    const tokens = tokenRegistry();
    try {
      for (const t of await tokens.list()) process.stdout.write(`${t.workspace}\t${t.access}\t${t.created}\t${t.label}\t${t.name ?? ''}\t${t.role ?? ''}\n`);
    } finally {
      await tokens.close();
    }
  });

program.parseAsync(process.argv).catch((e: unknown) => {
  process.stderr.write(`referat-sync: ${(e as Error).message}\n`);
  process.exit(1);
});
