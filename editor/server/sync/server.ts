/**
 * The sync server: Hocuspocus with durable storage (SQLite in the data directory,
 * or PostgreSQL), workspace tokens, message and document size limits, a health
 * endpoint and structured logs; optionally Redis, so several instances behind one
 * address share documents.
 */
import { chmodSync, mkdirSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import { Server, type Extension, type Hocuspocus } from '@hocuspocus/server';
import { Redis } from '@hocuspocus/extension-redis';
import * as Y from 'yjs';
import { jsonLogger, type Logger } from './log.ts';
import { openPostgresStore, openPostgresTokens } from './postgres.ts';
import { openStore, storeExtension, type DocumentStore } from './store.ts';
import { rootsTouched } from './roots.ts';
import { curates, openTokens, workspaceOf, type Grant, type TokenRegistry } from './tokens.ts';

export interface SyncServerOptions {
  /** Port to listen on; 0 picks a free one. Default 1234. */
  port?: number;
  /** Address to bind. Default 127.0.0.1 (loopback only). */
  host?: string;
  /** Where documents and tokens are kept (without a database URL). Default ./data. */
  dataDir?: string;
  /** postgres://…: documents and tokens in PostgreSQL instead, shared by instances on several machines. */
  databaseUrl?: string;
  /** Redis for running several instances behind one address. */
  redis?: { host: string; port: number; prefix?: string };
  /** Largest message a client may send, in bytes. Default 8 MiB. */
  maxMessageBytes?: number;
  /** Largest document, in bytes of Yjs updates. Default 64 MiB. */
  maxDocumentBytes?: number;
  /** fsync each stored update (survives a power cut, not just a crash); see StoreOptions. Default false. */
  fsync?: boolean;
  /** Snapshot debounce (ms); updates are logged durably at once regardless. */
  debounce?: number;
  maxDebounce?: number;
  logger?: Logger;
  /** A name for this instance in logs (and in Redis). */
  name?: string;
}

export interface SyncServer {
  readonly server: Server<Grant>;
  readonly tokens: TokenRegistry;
  readonly store: DocumentStore;
  listen(): Promise<{ port: number; url: string }>;
  /** Stores every open document and closes connections and files. */
  close(): Promise<void>;
}

/** `/workspaces/<workspace>/documents`: the listing of a workspace's document ids. */
const WORKSPACE_DOCUMENTS = /^\/workspaces\/([^/]+)\/documents\/?$/;

/** y-protocols sync message types. */
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;

/** Stateless messages the server sends a client (JSON with a `type`). */
export const LIMITS_MESSAGE = 'referat.limits';
export const REFUSED_MESSAGE = 'referat.refused';

/** What the server tells a client whose update it refused: why, and which of the update's insertions (client, clock, length) it did not take. */
export interface Refusal {
  type: typeof REFUSED_MESSAGE;
  /** Too large, or an adjudication (or the workspace's labelling mode) from someone who is not a curator. */
  reason: 'message-too-large' | 'document-too-large' | 'curators-only';
  bytes: number;
  limit: number;
  ranges: [client: number, clock: number, length: number][];
}

/** Messages up to this size are read (and refused politely when over the limit); larger ones close the socket. */
export const hardCap = (maxMessage: number) => Math.max(4 * maxMessage, maxMessage + 1024 * 1024);

/** The top-level types of a document only curators change: adjudications (core/document/curate.ts). */
const CURATORS_ONLY = ['adjudications'];
/** A workspace's own documents (its labelling mode, its taxonomy) are named `<workspace>/_…`: not listed as documents. */
const WORKSPACE_DOCUMENT = /^_/;
/**
 * The workspace documents only curators change: how it labels
 * (core/document/labelling.ts) and its label taxonomy (core/document/taxonomy.ts).
 */
const CURATED_DOCUMENTS = new Set(['_labelling', '_taxonomy']);

export const DEFAULTS = { port: 1234, host: '127.0.0.1', dataDir: './data', maxMessageBytes: 8 * 1024 * 1024, maxDocumentBytes: 64 * 1024 * 1024 };

export function createSyncServer(options: SyncServerOptions = {}): SyncServer {
  const dataDir = path.resolve(options.dataDir ?? DEFAULTS.dataDir);
  const log = options.logger ?? jsonLogger();
  privateDirectory(dataDir, log);
  const onSkipped = (documentName: string, error: unknown) => log.log('error', 'stored-update-unreadable', { documentName, error });
  /** Logs an update Yjs cannot read; what to throw to close the connection unacknowledged (a plain object, logged once). */
  const badUpdate = (documentName: string, payload: Uint8Array, socketId: string, error: unknown) => {
    log.log('warn', 'bad-update', { documentName, bytes: payload.byteLength, socketId, error });
    return { code: 4400, reason: 'malformed update' };
  };
  const database = options.databaseUrl ? 'postgresql' : 'sqlite';
  const onError = (error: unknown) => log.log('error', 'database-error', { error });
  const store = options.databaseUrl
    ? openPostgresStore(options.databaseUrl, { onSkipped, onError })
    : openStore(path.join(dataDir, 'documents.sqlite'), { fsync: options.fsync ?? false, onSkipped });
  const tokens = options.databaseUrl ? openPostgresTokens(options.databaseUrl, { onError }) : openTokens(path.join(dataDir, 'tokens.sqlite'));
  const maxMessage = options.maxMessageBytes ?? DEFAULTS.maxMessageBytes;
  const maxDocument = options.maxDocumentBytes ?? DEFAULTS.maxDocumentBytes;
  // Bytes of updates each open document has taken in, to refuse what would outgrow the limit.
  const sizes = new Map<string, number>();
  const started = Date.now();

  const extensions: Extension[] = [storeExtension(store, { shared: Boolean(options.databaseUrl) })];
  if (options.redis) {
    extensions.unshift(new Redis({ host: options.redis.host, port: options.redis.port, prefix: options.redis.prefix ?? 'referat', identifier: options.name }));
  }

  const server = new Server<Grant>({
    name: options.name ?? 'referat-sync',
    port: options.port ?? DEFAULTS.port,
    address: options.host ?? DEFAULTS.host,
    quiet: true,
    stopOnSignals: false,
    debounce: options.debounce ?? 500,
    maxDebounce: options.maxDebounce ?? 3000,
    // A message over the limit is still read, so that it can be refused with a reason the
    // client shows; only one over this hard cap makes the socket close (1009).
    websocketOptions: { maxPayload: hardCap(maxMessage) },
    extensions: [
      ...extensions,
      {
        extensionName: 'referat-policy',
        async onUpgrade({ request, socket }) {
          const problem = upgradeProblem(request);
          if (!problem) return;
          log.log('warn', 'bad-request', { kind: 'upgrade', reason: problem, method: request.method, path: shortPath(request.url) });
          try {
            socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
          } catch {
            socket.destroy();
          }
          // Tells Hocuspocus the upgrade is answered.
          throw null;
        },
        async onAuthenticate({ token, documentName, connectionConfig }) {
          const grant = await tokens.verify(token);
          if (!grant) {
            log.log('warn', 'auth-refused', { documentName, reason: 'invalid token' });
            throw refusal('invalid token: ask for a token for this workspace');
          }
          const workspace = workspaceOf(documentName);
          if (workspace !== grant.workspace) {
            log.log('warn', 'auth-refused', { documentName, reason: 'other workspace', workspace: grant.workspace });
            throw refusal(`this token grants workspace "${grant.workspace}", not "${workspace ?? documentName}"`);
          }
          if (grant.access === 'read-only') connectionConfig.readOnly = true;
          // How the workspace labels, and with which labels, is a curator's decision: everyone else reads it.
          if (CURATED_DOCUMENTS.has(documentName.slice(grant.workspace.length + 1)) && !curates(grant)) connectionConfig.readOnly = true;
          return grant;
        },
        async connected({ connection }) {
          // The client learns the limits, to refuse an oversized edit itself before sending it.
          connection.sendStateless(JSON.stringify({ type: LIMITS_MESSAGE, maxMessageBytes: maxMessage, maxDocumentBytes: maxDocument }));
        },
        async afterLoadDocument({ documentName, document }) {
          sizes.set(documentName, Y.encodeStateAsUpdate(document).byteLength);
          log.log('info', 'document-loaded', { documentName });
        },
        /**
         * A client's update (sync step 2 or update): refused when over a limit; else
         * applied and appended to the store before Hocuspocus goes on to acknowledge
         * it: Hocuspocus awaits this hook, and handles a connection's next message only
         * after it (SQLite writes at once; PostgreSQL has committed when the append
         * resolves). Hocuspocus applies it again, which changes nothing.
         */
        async beforeSync({ type, payload, connection, context, document, documentName }) {
          if ((type !== SYNC_STEP_2 && type !== SYNC_UPDATE) || connection.readOnly) return;
          let documentSize = (sizes.get(documentName) ?? 0) + payload.byteLength;
          if (documentSize > maxDocument && payload.byteLength <= maxMessage) {
            // The running count only grows (resent delete sets, overwritten text): measure before refusing.
            sizes.set(documentName, Y.encodeStateAsUpdate(document).byteLength);
            documentSize = sizes.get(documentName)! + payload.byteLength;
          }
          const reason = payload.byteLength > maxMessage ? 'message-too-large' : documentSize > maxDocument ? 'document-too-large' : null;
          if (reason) {
            const limit = reason === 'message-too-large' ? maxMessage : maxDocument;
            const bytes = reason === 'message-too-large' ? payload.byteLength : documentSize;
            const ranges = newRanges(document, payload);
            log.log('warn', reason, { documentName, bytes, limit, socketId: connection.socketId });
            connection.sendStateless(JSON.stringify({ type: REFUSED_MESSAGE, reason, bytes, limit, ranges } satisfies Refusal));
            // Closes this document's connection without acknowledging; the client undoes the refused change and joins again.
            // (A plain object: Hocuspocus logs an Error's message once per hook; the warning above says it all.)
            throw { code: 4413, reason: REFUSED_MESSAGE };
          }
          // A malformed update is refused before any of it is stored or applied; an
          // adjudication from anyone but a curator is refused whole, like a too-large one.
          let roots: Set<string>;
          try {
            roots = rootsTouched(document, payload);
          } catch (error) {
            throw badUpdate(documentName, payload, connection.socketId, error);
          }
          const grant = context as Grant | undefined;
          if (grant && !curates(grant) && CURATORS_ONLY.some((r) => roots.has(r))) {
            log.log('warn', 'curators-only', { documentName, role: grant.role, socketId: connection.socketId });
            const ranges = newRanges(document, payload);
            connection.sendStateless(JSON.stringify({ type: REFUSED_MESSAGE, reason: 'curators-only', bytes: payload.byteLength, limit: 0, ranges } satisfies Refusal));
            throw { code: 4403, reason: REFUSED_MESSAGE };
          }
          // Stored, then applied: this document's other clients, and through Redis the other
          // instances, see the update only once it is committed, so no instance acknowledges
          // an edit that rests on one the database lacks (an instance killed between applying
          // and storing would otherwise leave the other's acknowledged edit unreadable).
          await store.append(documentName, payload);
          try {
            Y.applyUpdate(document, payload, { source: 'connection', connection });
          } catch (error) {
            // What Yjs took before it threw is in the stored update too: memory never holds what the disk lacks.
            throw badUpdate(documentName, payload, connection.socketId, error);
          }
        },
        async onChange({ documentName, update }) {
          sizes.set(documentName, (sizes.get(documentName) ?? 0) + update.byteLength);
        },
        async onConnect({ documentName, socketId }) {
          log.log('info', 'connect', { documentName, socketId });
        },
        async onDisconnect({ documentName, socketId }) {
          log.log('info', 'disconnect', { documentName, socketId });
        },
        async afterStoreDocument({ documentName }) {
          log.log('debug', 'document-stored', { documentName });
        },
        async afterUnloadDocument({ documentName }) {
          sizes.delete(documentName);
        },
        async onRequest({ request, response, instance }) {
          try {
            await answer(request, response, instance);
          } catch (e) {
            log.log('warn', 'bad-request', { kind: 'http', method: request.method, path: shortPath(request.url), error: e });
            if (!response.headersSent) {
              response.writeHead(400, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
              response.end(JSON.stringify({ error: 'bad request' }));
            } else response.destroy();
          }
          // Tells Hocuspocus the request is answered.
          throw null;
        },
      },
    ],
  });

  // A request Node cannot parse: 400 and a log line.
  server.httpServer.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    log.log('warn', 'bad-request', { kind: 'unparsable', code: error.code, message: error.message });
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
  });
  server.httpServer.on('connection', (socket: Duplex) => socket.on('error', () => socket.destroy()));

  /** Every plain HTTP request: health, a workspace's listing, or 404/405/400. */
  async function answer(request: IncomingMessage, response: ServerResponse, instance: Hocuspocus): Promise<void> {
    const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      response.writeHead(status, { ...headers, 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
      response.end(JSON.stringify(body));
    };
    const url = new URL(request.url ?? '/', 'http://localhost');
    const listing = WORKSPACE_DOCUMENTS.exec(url.pathname);
    if (listing) {
      // The editor asks from its own origin; the bearer token, not the origin, is what grants access.
      const cors = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Headers': 'Authorization', 'Access-Control-Allow-Methods': 'GET, OPTIONS', 'Access-Control-Max-Age': '600' };
      if (request.method === 'OPTIONS') {
        response.writeHead(204, cors);
        response.end();
        return;
      }
      if (request.method !== 'GET' && request.method !== 'HEAD') return json(405, { error: 'use GET' }, { ...cors, Allow: 'GET, OPTIONS' });
      let workspace: string;
      try {
        workspace = decodeURIComponent(listing[1]!);
      } catch {
        log.log('warn', 'bad-request', { kind: 'http', reason: 'malformed percent-encoding', path: shortPath(request.url) });
        return json(400, { error: 'malformed percent-encoding in the workspace name' }, cors);
      }
      const { status, body } = await listDocuments(workspace, request.headers.authorization);
      return json(status, body, cors);
    }
    if (url.pathname === '/health') {
      return json(200, {
        status: 'ok',
        name: options.name ?? 'referat-sync',
        uptimeSeconds: Math.round((Date.now() - started) / 1000),
        documents: instance.getDocumentsCount(),
        connections: instance.getConnectionsCount(),
        redis: Boolean(options.redis),
        database,
        memory: { rss: process.memoryUsage().rss, heapUsed: process.memoryUsage().heapUsed },
      });
    }
    json(404, { error: 'not found' });
  }

  /**
   * `GET /workspaces/<w>/documents` with `Authorization: Bearer <token>` for that
   * workspace (read-only tokens too): the document ids stored in it, sorted, and
   * what the token may do.
   */
  async function listDocuments(workspace: string, authorization: string | undefined): Promise<{ status: number; body: unknown }> {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    const grant = token ? await tokens.verify(token) : null;
    if (!grant) {
      log.log('warn', 'list-refused', { workspace, reason: token ? 'invalid token' : 'no token' });
      return { status: 401, body: { error: token ? 'invalid token' : 'no bearer token' } };
    }
    if (grant.workspace !== workspace) {
      log.log('warn', 'list-refused', { workspace, reason: 'other workspace' });
      return { status: 403, body: { error: `this token grants workspace "${grant.workspace}", not "${workspace}"` } };
    }
    const prefix = `${workspace}/`;
    const documents = (await store.names())
      .filter((n) => n.startsWith(prefix))
      .map((n) => n.slice(prefix.length))
      .filter((id) => !WORKSPACE_DOCUMENT.test(id))
      .sort();
    // Who the token is (the editor takes the name from it); null for a workspace's shared token.
    const person = grant.name ? { name: grant.name, role: grant.role ?? 'analyst' } : null;
    return { status: 200, body: { workspace, access: grant.access, person, documents } };
  }

  let closed = false;
  return {
    server,
    tokens,
    store,
    async listen() {
      // A port in use (or any listen error) rejects here rather than escaping as an uncaught error.
      await new Promise<void>((resolve, reject) => {
        server.httpServer.once('error', reject);
        server.listen().then(() => {
          server.httpServer.off('error', reject);
          resolve();
        }, reject);
      });
      const port = server.address.port;
      const url = `ws://${options.host ?? DEFAULTS.host}:${port}`;
      log.log('info', 'listening', { url, dataDir, database, redis: Boolean(options.redis) });
      return { port, url };
    },
    async close() {
      if (closed) return;
      closed = true;
      await server.destroy();
      await Promise.all([store.close(), tokens.close()]);
      log.log('info', 'stopped', {});
    },
  };
}

/** The insertions in `update` that `doc` does not have yet, largest first. */
function newRanges(doc: Y.Doc, update: Uint8Array): Refusal['ranges'] {
  let structs: ReturnType<typeof Y.decodeUpdate>['structs'];
  try {
    structs = Y.decodeUpdate(update).structs;
  } catch {
    return [];
  }
  const known = Y.encodeStateVector(doc);
  const vector = Y.decodeStateVector(known);
  const ranges: Refusal['ranges'] = [];
  for (const s of structs) {
    if (!(s instanceof Y.Item)) continue;
    const have = vector.get(s.id.client) ?? 0;
    const end = s.id.clock + s.length;
    if (end <= have) continue;
    const clock = Math.max(s.id.clock, have);
    ranges.push([s.id.client, clock, end - clock]);
  }
  return ranges.sort((a, b) => b[2] - a[2]).slice(0, 1000);
}

/** Why an upgrade request cannot be served, or null. */
function upgradeProblem(request: IncomingMessage): string | null {
  if (request.method !== 'GET') return 'an upgrade must be a GET';
  const host = request.headers.host ?? 'localhost';
  try {
    // What the WebSocket layer and Hocuspocus build from the request must be well-formed.
    new URL(`http://${host}${request.url ?? '/'}`);
    new Headers(request.headers as Record<string, string>);
  } catch {
    return 'malformed address or headers';
  }
  return null;
}

/** The start of a request path, for logs (bounded, no query string). */
function shortPath(url: string | undefined): string {
  return (url ?? '').split('?')[0]!.slice(0, 200);
}

/** Makes the data directory (owner only, 0700); says so when an existing one is open to others. */
function privateDirectory(dir: string, log: Logger): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const mode = statSync(dir).mode & 0o777;
  if (mode & 0o077) {
    try {
      chmodSync(dir, 0o700);
      log.log('info', 'data-dir-private', { dataDir: dir, was: mode.toString(8) });
    } catch (error) {
      log.log('warn', 'data-dir-open', { dataDir: dir, mode: mode.toString(8), error });
    }
  }
}

/** An authentication refusal whose reason the client is shown. */
function refusal(reason: string): Error & { reason: string } {
  return Object.assign(new Error(reason), { reason });
}
