/**
 * A workspace on the sync server, from the command line: the listing of its
 * documents over HTTP (`GET /workspaces/<w>/documents` with a bearer token) and
 * each document as a StudioDoc through a Hocuspocus provider. Failures reject
 * with a one-line message.
 */
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { StudioDoc } from '../document/studio-doc.ts';
import { listingUrl, serverUrls } from '../document/sync-address.ts';

export interface WorkspaceTarget {
  /** ws://, wss://, http:// or https:// address of the sync server. */
  server: string;
  workspace: string;
  token: string;
  /** How long to wait for the server at each step. Default 20 s. */
  timeoutMs?: number;
}

export interface WorkspaceListing {
  documents: string[];
  access: 'read-write' | 'read-only';
}

export async function listWorkspace(target: WorkspaceTarget): Promise<WorkspaceListing> {
  const urls = serverUrls(target.server);
  const address = listingUrl(target.server, target.workspace);
  if (!urls || !address) throw new Error(`--server ${target.server}: not a ws:// or http:// address`);
  let response: Response;
  try {
    response = await fetch(address, { headers: { Authorization: `Bearer ${target.token}` }, signal: AbortSignal.timeout(target.timeoutMs ?? 20_000) });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    throw new Error(`${urls.http}: cannot reach the sync server (${cause ?? (error as Error).message})`);
  }
  const body = (await response.json().catch(() => null)) as { documents?: unknown; access?: unknown; error?: string } | null;
  if (!response.ok) throw new Error(`${urls.http}: ${body?.error ?? `HTTP ${response.status}`} (workspace ${target.workspace})`);
  if (!Array.isArray(body?.documents)) throw new Error(`${urls.http}: the server does not list workspace documents (an older sync server?)`);
  return { documents: body.documents.filter((d): d is string => typeof d === 'string'), access: body.access === 'read-write' ? 'read-write' : 'read-only' };
}

/**
 * Opens `<workspace>/<documentId>`, waits until the server's state is in,
 * runs `f`, waits until every local change reached the server, and closes.
 */
export async function withDocument<T>(target: WorkspaceTarget, documentId: string, f: (doc: StudioDoc) => T | Promise<T>): Promise<T> {
  const urls = serverUrls(target.server);
  if (!urls) throw new Error(`--server ${target.server}: not a ws:// or http:// address`);
  const name = `${target.workspace}/${documentId}`;
  const timeout = target.timeoutMs ?? 20_000;
  const ydoc = new Y.Doc();
  const socket = new HocuspocusProviderWebsocket({ url: urls.ws, WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket });
  let failed: string | null = null;
  const provider = new HocuspocusProvider({
    websocketProvider: socket,
    name,
    document: ydoc,
    token: target.token,
    onAuthenticationFailed: ({ reason }) => (failed = reason),
  });
  provider.attach();
  try {
    await until(() => provider.isSynced, () => failed, `${name}: the server did not send the document`, timeout);
    const out = await f(new StudioDoc(ydoc));
    await until(() => !provider.hasUnsyncedChanges, () => failed, `${name}: the server did not confirm the changes`, timeout);
    return out;
  } finally {
    provider.destroy();
    socket.destroy();
    ydoc.destroy();
  }
}

async function until(done: () => boolean, failure: () => string | null, what: string, timeoutMs: number): Promise<void> {
  const start = Date.now();
  for (;;) {
    const reason = failure();
    if (reason) throw new Error(`${what.split(':')[0]}: refused (${reason})`);
    if (done()) return;
    if (Date.now() - start > timeoutMs) throw new Error(`${what} within ${Math.round(timeoutMs / 1000)} s`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
