/**
 * The sync server: Hocuspocus with durable SQLite storage, workspace tokens,
 * message and document size limits, a health endpoint and structured logs;
 * optionally Redis, so several instances behind one address share documents.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Server, type Extension } from '@hocuspocus/server';
import { Redis } from '@hocuspocus/extension-redis';
import { jsonLogger, type Logger } from './log.ts';
import { openStore, storeExtension, type DocumentStore } from './store.ts';
import { openTokens, workspaceOf, type Grant, type TokenRegistry } from './tokens.ts';

export interface SyncServerOptions {
  /** Port to listen on; 0 picks a free one. Default 1234. */
  port?: number;
  /** Address to bind. Default 127.0.0.1 (loopback only). */
  host?: string;
  /** Where documents and tokens are kept. Default ./data. */
  dataDir?: string;
  /** Redis for running several instances behind one address. */
  redis?: { host: string; port: number; prefix?: string };
  /** Largest message a client may send, in bytes. Default 8 MiB. */
  maxMessageBytes?: number;
  /** Largest document, in bytes of Yjs updates. Default 64 MiB. */
  maxDocumentBytes?: number;
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

export const DEFAULTS = { port: 1234, host: '127.0.0.1', dataDir: './data', maxMessageBytes: 8 * 1024 * 1024, maxDocumentBytes: 64 * 1024 * 1024 };

export function createSyncServer(options: SyncServerOptions = {}): SyncServer {
  const dataDir = path.resolve(options.dataDir ?? DEFAULTS.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const log = options.logger ?? jsonLogger();
  const store = openStore(path.join(dataDir, 'documents.sqlite'));
  const tokens = openTokens(path.join(dataDir, 'tokens.sqlite'));
  const maxMessage = options.maxMessageBytes ?? DEFAULTS.maxMessageBytes;
  const maxDocument = options.maxDocumentBytes ?? DEFAULTS.maxDocumentBytes;
  // Bytes of updates each open document has taken in, to refuse what would outgrow the limit.
  const sizes = new Map<string, number>();
  const started = Date.now();

  const extensions: Extension[] = [storeExtension(store)];
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
    websocketOptions: { maxPayload: maxMessage },
    extensions: [
      ...extensions,
      {
        extensionName: 'referat-policy',
        async onAuthenticate({ token, documentName, connectionConfig }) {
          const grant = tokens.verify(token);
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
          return grant;
        },
        async afterLoadDocument({ documentName, document }) {
          sizes.set(documentName, (await import('yjs')).encodeStateAsUpdate(document).byteLength);
          log.log('info', 'document-loaded', { documentName });
        },
        async beforeHandleMessage({ documentName, update }) {
          if (update.byteLength > maxMessage) throw new Error(`message of ${update.byteLength} bytes is over the ${maxMessage}-byte limit`);
          const size = (sizes.get(documentName) ?? 0) + update.byteLength;
          if (size > maxDocument) {
            log.log('warn', 'document-too-large', { documentName, size, limit: maxDocument });
            throw new Error(`document ${documentName} would grow past the ${maxDocument}-byte limit`);
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
          const url = new URL(request.url ?? '/', 'http://localhost');
          const listing = WORKSPACE_DOCUMENTS.exec(url.pathname);
          if (listing) {
            // The editor asks from its own origin; the bearer token, not the origin, is what grants access.
            const cors = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Headers': 'Authorization', 'Access-Control-Allow-Methods': 'GET, OPTIONS', 'Access-Control-Max-Age': '600' };
            if (request.method === 'OPTIONS') {
              response.writeHead(204, cors);
              response.end();
              throw null;
            }
            const { status, body } = listDocuments(decodeURIComponent(listing[1]!), request.headers.authorization);
            response.writeHead(status, { ...cors, 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
            response.end(JSON.stringify(body));
            throw null;
          }
          if (url.pathname !== '/health') return;
          response.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
          response.end(
            JSON.stringify({
              status: 'ok',
              name: options.name ?? 'referat-sync',
              uptimeSeconds: Math.round((Date.now() - started) / 1000),
              documents: instance.getDocumentsCount(),
              connections: instance.getConnectionsCount(),
              redis: Boolean(options.redis),
              memory: { rss: process.memoryUsage().rss, heapUsed: process.memoryUsage().heapUsed },
            }),
          );
          // Tells Hocuspocus the request is answered.
          throw null;
        },
      },
    ],
  });

  /**
   * `GET /workspaces/<w>/documents` with `Authorization: Bearer <token>` for that
   * workspace (read-only tokens too): the document ids stored in it, sorted, and
   * what the token may do.
   */
  function listDocuments(workspace: string, authorization: string | undefined): { status: number; body: unknown } {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    const grant = token ? tokens.verify(token) : null;
    if (!grant) {
      log.log('warn', 'list-refused', { workspace, reason: token ? 'invalid token' : 'no token' });
      return { status: 401, body: { error: token ? 'invalid token' : 'no bearer token' } };
    }
    if (grant.workspace !== workspace) {
      log.log('warn', 'list-refused', { workspace, reason: 'other workspace' });
      return { status: 403, body: { error: `this token grants workspace "${grant.workspace}", not "${workspace}"` } };
    }
    const prefix = `${workspace}/`;
    const documents = store
      .names()
      .filter((n) => n.startsWith(prefix))
      .map((n) => n.slice(prefix.length))
      .sort();
    return { status: 200, body: { workspace, access: grant.access, documents } };
  }

  let closed = false;
  return {
    server,
    tokens,
    store,
    async listen() {
      await server.listen();
      const port = server.address.port;
      const url = `ws://${options.host ?? DEFAULTS.host}:${port}`;
      log.log('info', 'listening', { url, dataDir, redis: Boolean(options.redis) });
      return { port, url };
    },
    async close() {
      if (closed) return;
      closed = true;
      await server.destroy();
      store.close();
      tokens.close();
      log.log('info', 'stopped', {});
    },
  };
}

/** An authentication refusal whose reason the client is shown. */
function refusal(reason: string): Error & { reason: string } {
  return Object.assign(new Error(reason), { reason });
}
