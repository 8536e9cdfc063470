/**
 * The client side of collaboration: one websocket to the sync server, and per
 * open document a HocuspocusProvider on that document's Y.Doc (named
 * `<workspace>/<docId>`), next to its y-indexeddb persistence. Awareness
 * carries who is where: a user (name and colour, for remote cursors) and the
 * outline item their cursor is in.
 */
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { listingUrl } from '../../core/document/sync-address.ts';
import { HocuspocusProvider, HocuspocusProviderWebsocket, WebSocketStatus } from '@hocuspocus/provider';
import type { Awareness } from 'y-protocols/awareness';
import { personFrom, type Person } from './identity.ts';

export interface SyncSettings {
  url: string;
  workspace: string;
  token: string;
}

export type SyncStatus = 'off' | 'offline' | 'connecting' | 'connected' | 'synced';

/** A change the workspace did not take: too large a message, or the document would outgrow its limit. */
export interface SyncRefusal {
  docId: string;
  reason: 'message-too-large' | 'document-too-large' | 'curators-only';
  /** The size that was refused (the message, or what the document would have grown to), in bytes. */
  bytes: number;
  limit: number;
}

export interface SyncView {
  status: SyncStatus;
  /** Local changes the server has not confirmed yet. */
  unsynced: number;
  readOnly: boolean;
  /** Why the server refused the token, when it did. */
  error: string | null;
  workspace: string | null;
  /** The last change the workspace refused (it was undone here, and the rest goes on syncing). */
  refused: SyncRefusal | null;
  /** Who the token is (a person's token), once the server has said; null for a shared token. */
  person: Person | null;
}

export const SYNC_OFF: SyncView = { status: 'off', unsynced: 0, readOnly: false, error: null, workspace: null, refused: null, person: null };

/** Someone else in a document. */
export interface Peer {
  clientId: number;
  name: string;
  color: string;
  item: string | null;
}

/** What this client publishes in a document's awareness. */
export interface PresenceState {
  user: { name: string; color: string; colorLight: string };
  item: string | null;
}

// --- pure helpers ------------------------------------------------------------

/** Settings from `/config.json`'s `sync` or the user's input, or null when incomplete. Pure. */
export function parseSyncSettings(value: unknown): SyncSettings | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as Record<string, unknown>;
  const url = typeof v.url === 'string' ? v.url.trim() : '';
  const workspace = typeof v.workspace === 'string' ? v.workspace.trim() : '';
  const token = typeof v.token === 'string' ? v.token.trim() : '';
  if (!/^wss?:\/\/\S+$/.test(url) || !workspace || workspace.includes('/') || !token) return null;
  return { url, workspace, token };
}

function hslToHex(h: number, s: number, l: number): string {
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => {
    const k = (n + h / 30) % 12;
    const c = l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    return Math.round(255 * c)
      .toString(16)
      .padStart(2, '0');
  };
  return `#${f(0)}${f(8)}${f(4)}`;
}

/** A stable colour for a user name: `color` for the caret, `colorLight` (translucent) for the selection. Pure. */
export function colorFromName(name: string): { color: string; colorLight: string } {
  let h = 2166136261;
  for (const ch of name.trim().toLowerCase()) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 16777619) >>> 0;
  }
  const color = hslToHex(h % 360, 0.65, 0.42);
  return { color, colorLight: `${color}33` };
}

/** One or two letters for an avatar. Pure. */
export function initials(name: string): string {
  const words = name.trim().split(/[\s._-]+/).filter(Boolean);
  if (!words.length) return '?';
  const letters = words.length === 1 ? [...words[0]!].slice(0, 2) : [[...words[0]!][0]!, [...words[words.length - 1]!][0]!];
  return letters.join('').toUpperCase();
}

export function presenceState(name: string, item: string | null): PresenceState {
  return { user: { name, ...colorFromName(name) }, item };
}

/** The other clients' presence from an awareness state map; malformed states are skipped. Pure. */
export function peersOf(states: Map<number, Record<string, unknown>>, selfId: number): Peer[] {
  const peers: Peer[] = [];
  for (const [clientId, state] of states) {
    if (clientId === selfId) continue;
    const user = state?.user as { name?: unknown; color?: unknown } | undefined;
    if (!user || typeof user.name !== 'string') continue;
    const color = typeof user.color === 'string' ? user.color : colorFromName(user.name).color;
    peers.push({ clientId, name: user.name, color, item: typeof state.item === 'string' ? state.item : null });
  }
  return peers.sort((a, b) => a.name.localeCompare(b.name) || a.clientId - b.clientId);
}

export const documentName = (workspace: string, docId: string) => `${workspace}/${docId}`;

/** Stateless messages from the sync server (editor/server/sync/server.ts). */
const LIMITS_MESSAGE = 'referat.limits';
const REFUSED_MESSAGE = 'referat.refused';

/** A stateless message from the server as a refusal or the server's limits; null for anything else. Pure. */
export function parseServerNotice(
  payload: string,
): { type: 'limits'; maxMessageBytes: number; maxDocumentBytes: number | null } | { type: 'refused'; reason: SyncRefusal['reason']; bytes: number; limit: number; ranges: [number, number, number][] } | null {
  let v: Record<string, unknown>;
  try {
    v = JSON.parse(payload) as Record<string, unknown>;
  } catch {
    return null;
  }
  if (!v || typeof v !== 'object') return null;
  const n = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) && x >= 0 ? x : null);
  if (v.type === LIMITS_MESSAGE && n(v.maxMessageBytes) !== null) return { type: 'limits', maxMessageBytes: n(v.maxMessageBytes)!, maxDocumentBytes: n(v.maxDocumentBytes) };
  if (v.type !== REFUSED_MESSAGE || (v.reason !== 'message-too-large' && v.reason !== 'document-too-large' && v.reason !== 'curators-only')) return null;
  const ranges = Array.isArray(v.ranges)
    ? v.ranges.filter((r): r is [number, number, number] => Array.isArray(r) && r.length === 3 && r.every((x) => Number.isSafeInteger(x) && x >= 0))
    : [];
  return { type: 'refused', reason: v.reason, bytes: n(v.bytes) ?? 0, limit: n(v.limit) ?? 0, ranges };
}

/** The insertions (client, clock, length) a Yjs update carries. Pure. */
export function insertionsOf(update: Uint8Array): [number, number, number][] {
  return Y.decodeUpdate(update)
    .structs.filter((s): s is Y.Item => s instanceof Y.Item)
    .map((s) => [s.id.client, s.id.clock, s.length]);
}

/**
 * Deletes the given insertions from `doc` (a delete-set-only update, applied
 * here with `origin`): undoes a change the workspace refused. The deleted content
 * is garbage-collected, so what is sent next for it is a few bytes.
 */
export function deleteInsertions(doc: Y.Doc, ranges: [number, number, number][], origin: unknown): void {
  const byClient = new Map<number, [number, number][]>();
  for (const [client, clock, length] of ranges) if (length > 0) (byClient.get(client) ?? byClient.set(client, []).get(client)!).push([clock, length]);
  if (!byClient.size) return;
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0); // no structs
  encoding.writeVarUint(e, byClient.size);
  for (const [client, rs] of byClient) {
    rs.sort((a, b) => a[0] - b[0]);
    encoding.writeVarUint(e, client);
    encoding.writeVarUint(e, rs.length);
    for (const [clock, length] of rs) {
      encoding.writeVarUint(e, clock);
      encoding.writeVarUint(e, length);
    }
  }
  Y.applyUpdate(doc, encoding.toUint8Array(e), origin);
}

/**
 * A provider that does not send a local update over the server's message limit
 * (which the server would refuse, and which the provider would resend on every
 * reconnect): it hands the update to `onOversize` instead.
 */
class GuardedProvider extends HocuspocusProvider {
  maxMessageBytes = Number.POSITIVE_INFINITY;
  onOversize: (update: Uint8Array) => void = () => {};

  override documentUpdateHandler(update: Uint8Array, origin: unknown): void {
    if (origin !== this && update.byteLength > this.maxMessageBytes) {
      this.onOversize(update);
      return;
    }
    super.documentUpdateHandler(update, origin);
  }
}

/**
 * The insertions to undo so that a refused message or document fits: the largest
 * first, until their length covers `excess` (at least one). A length counts items
 * (characters), not bytes, so this may fall short; the server then refuses again and
 * the next largest go. Pure.
 */
export function largestUntil(ranges: [number, number, number][], excess: number): [number, number, number][] {
  const chosen: [number, number, number][] = [];
  let covered = 0;
  for (const r of [...ranges].sort((a, b) => b[2] - a[2])) {
    if (chosen.length && covered >= excess) break;
    chosen.push(r);
    covered += r[2];
  }
  return chosen;
}

/** The origin of the transaction that undoes a refused change. */
export const REFUSAL_ORIGIN = Symbol('sync refusal');

// --- the connection ----------------------------------------------------------

interface Attached {
  provider: GuardedProvider;
  readOnly: boolean;
  /** Refusals in a row that could not be undone (nothing to delete): stop rejoining after a few. */
  stuck: number;
}

export class Collab {
  private settings: SyncSettings | null = null;
  private socket: HocuspocusProviderWebsocket | null = null;
  private attached = new Map<string, Attached>();
  private docs = new Map<string, Y.Doc>();
  private error: string | null = null;
  private refused: SyncRefusal | null = null;
  private person: Person | null = null;
  /** The server's message limit, once it has said (the same server for every document). */
  private maxMessageBytes = Number.POSITIVE_INFINITY;
  /** The server's document limit, once it has said; null before (or from a server that does not say). */
  private maxDocumentBytes: number | null = null;
  private presence: { name: string; item: string | null; docId: string | null } = { name: '', item: null, docId: null };
  private readonly onOffline = () => this.socket?.disconnect();
  private readonly onOnline = () => void this.socket?.connect();

  constructor(
    private readonly onChange: () => void,
    private readonly win: Window,
  ) {
    win.addEventListener('offline', this.onOffline);
    win.addEventListener('online', this.onOnline);
  }

  /** What the server said it takes: the largest message, and the largest document (null: not said, or no server). */
  get limits(): { maxMessageBytes: number; maxDocumentBytes: number | null } {
    return { maxMessageBytes: this.maxMessageBytes, maxDocumentBytes: this.maxDocumentBytes };
  }

  get configured(): SyncSettings | null {
    return this.settings;
  }

  /** Connects with these settings (null: stays local); every attached document follows. */
  configure(settings: SyncSettings | null): void {
    for (const id of [...this.attached.keys()]) this.stopProvider(id);
    this.socket?.destroy();
    this.socket = null;
    this.settings = settings;
    this.error = null;
    this.refused = null;
    this.person = null;
    this.maxMessageBytes = Number.POSITIVE_INFINITY;
    if (settings) {
      this.socket = new HocuspocusProviderWebsocket({
        url: settings.url,
        onStatus: () => this.onChange(),
      });
      if (this.win.navigator.onLine === false) this.socket.disconnect();
      for (const [id, doc] of this.docs) this.startProvider(id, doc);
    }
    this.onChange();
  }

  /**
   * Who the token was when last heard (kept in this browser), until the server
   * says again: a reload while the server cannot be reached keeps the person's name.
   */
  remember(person: Person | null): void {
    if (!this.settings || this.person || !person) return;
    this.person = person;
    this.onChange();
  }

  /** Shares an open document's Y.Doc (when connected). */
  attach(docId: string, doc: Y.Doc): void {
    this.docs.set(docId, doc);
    if (this.settings && !this.attached.has(docId)) this.startProvider(docId, doc);
  }

  detach(docId: string): void {
    this.docs.delete(docId);
    this.stopProvider(docId);
    this.onChange();
  }

  awareness(docId: string): Awareness | null {
    return (this.attached.get(docId)?.provider.awareness as Awareness | null | undefined) ?? null;
  }

  /** Publishes who this user is and which item they are in, in the active document only. */
  setPresence(name: string, docId: string | null, item: string | null): void {
    const same = this.presence.name === name && this.presence.docId === docId && this.presence.item === item;
    this.presence = { name, docId, item };
    if (!same) for (const id of this.attached.keys()) this.publish(id);
  }

  private publish(docId: string): void {
    const awareness = this.awareness(docId);
    if (!awareness) return;
    const { name, item } = this.presence;
    if (docId === this.presence.docId && name) {
      const state = presenceState(name, item);
      // Keep the cursor y-codemirror.next publishes, but not an `away` left from when this document was in the background.
      const { away: _away, ...kept } = awareness.getLocalState() ?? {};
      awareness.setLocalState({ ...kept, ...state });
    } else awareness.setLocalState({ user: presenceState(name || '?', null).user, item: null, away: true });
  }

  view(docId: string | null): SyncView {
    if (!this.settings || !this.socket) return SYNC_OFF;
    const a = docId ? this.attached.get(docId) : undefined;
    const base = {
      workspace: this.settings.workspace,
      error: this.error,
      readOnly: a?.readOnly ?? false,
      unsynced: a?.provider.unsyncedChanges ?? 0,
      refused: this.refused && (!docId || this.refused.docId === docId) ? this.refused : null,
      person: this.person,
    };
    if (this.error) return { ...base, status: 'offline' };
    const socket = this.socket.status;
    if (socket === WebSocketStatus.Disconnected) return { ...base, status: 'offline' };
    if (socket === WebSocketStatus.Connecting) return { ...base, status: 'connecting' };
    if (!a) return { ...base, status: 'connected' };
    return { ...base, status: a.provider.isSynced && a.provider.unsyncedChanges === 0 ? 'synced' : 'connected' };
  }

  /** Everyone else, per attached document; those away in another of their tabs are left out. */
  peers(): Record<string, Peer[]> {
    const out: Record<string, Peer[]> = {};
    for (const [id, a] of this.attached) {
      const awareness = a.provider.awareness;
      if (!awareness) continue;
      const states = new Map([...awareness.getStates()].filter(([, s]) => !(s as { away?: boolean }).away)) as Map<number, Record<string, unknown>>;
      const peers = peersOf(states, awareness.clientID);
      if (peers.length) out[id] = peers;
    }
    return out;
  }

  /**
   * For a document that is not open in a tab: joins its workspace copy for the
   * time of `f` — the server's state is read in first, and what `f` changes has
   * reached the server before the connection closes. Without a connection, `f`
   * runs on the local copy alone (it syncs when next opened); when the server
   * does not answer in `timeoutMs`, `f` is told the copy is read-only.
   */
  async withServer<T>(docId: string, doc: Y.Doc, f: (readOnly: boolean) => T | Promise<T>, timeoutMs = 8000): Promise<T> {
    const settings = this.settings;
    const open = this.attached.get(docId);
    const socket = this.socket;
    // Just configured: give the connection its chance.
    if (socket && !open && socket.status === WebSocketStatus.Connecting) await waitFor(() => socket.status !== WebSocketStatus.Connecting, timeoutMs);
    if (!settings || !socket || socket.status !== WebSocketStatus.Connected || open) return f(open?.readOnly ?? false);
    let readOnly = false;
    let refused = false;
    const provider = new HocuspocusProvider({
      websocketProvider: socket,
      name: documentName(settings.workspace, docId),
      document: doc,
      token: settings.token,
      onAuthenticated: ({ scope }) => (readOnly = scope === 'readonly'),
      onAuthenticationFailed: () => (refused = true),
    });
    provider.attach();
    try {
      const synced = await waitFor(() => provider.isSynced || refused, timeoutMs) && !refused;
      const value = await f(readOnly || !synced);
      if (synced && !readOnly) await waitFor(() => !provider.hasUnsyncedChanges, timeoutMs);
      return value;
    } finally {
      provider.destroy();
    }
  }

  /** The ids of the workspace's documents on the server; null when not connected or the server does not say. */
  async workspaceDocuments(fetcher: typeof fetch = (...a) => this.win.fetch(...a)): Promise<string[] | null> {
    const settings = this.settings;
    const url = settings && listingUrl(settings.url, settings.workspace);
    if (!settings || !url) return null;
    try {
      const res = await fetcher(url, { headers: { Authorization: `Bearer ${settings.token}` }, signal: AbortSignal.timeout(8000) });
      if (!res.ok) return null;
      const body = (await res.json()) as { documents?: unknown; person?: unknown };
      // Who the token is: the editor takes the name from it.
      const person = personFrom(body.person);
      if (this.settings === settings && JSON.stringify(person) !== JSON.stringify(this.person)) {
        this.person = person;
        this.onChange();
      }
      return Array.isArray(body.documents) ? body.documents.filter((d): d is string => typeof d === 'string') : null;
    } catch {
      return null;
    }
  }

  private startProvider(docId: string, doc: Y.Doc, stuck = 0): void {
    const settings = this.settings!;
    const entry: Attached = {
      readOnly: false,
      stuck,
      provider: new GuardedProvider({
        websocketProvider: this.socket!,
        name: documentName(settings.workspace, docId),
        document: doc,
        token: settings.token,
        onAuthenticated: ({ scope }) => {
          entry.readOnly = scope === 'readonly';
          this.error = null;
          this.onChange();
        },
        onAuthenticationFailed: ({ reason }) => {
          this.error = reason || 'the server refused the token';
          this.onChange();
        },
        onStateless: ({ payload }) => this.onServerNotice(docId, entry, payload),
        onSynced: () => this.onChange(),
        onUnsyncedChanges: () => {
          if (entry.provider.unsyncedChanges === 0) entry.stuck = 0;
          this.onChange();
        },
        onAwarenessChange: () => this.onChange(),
        onStatus: () => this.onChange(),
      }),
    };
    entry.provider.maxMessageBytes = this.maxMessageBytes;
    // Too large to send: undo it here and say so, rather than have the server refuse it on every reconnect.
    entry.provider.onOversize = (update) => {
      const ranges = insertionsOf(update);
      setTimeout(() => this.undoRefused(docId, entry, { docId, reason: 'message-too-large', bytes: update.byteLength, limit: this.maxMessageBytes }, ranges, false));
    };
    this.attached.set(docId, entry);
    entry.provider.attach();
    this.publish(docId);
  }

  /** The server's limits, or its refusal of one of this document's updates. */
  private onServerNotice(docId: string, entry: Attached, payload: string): void {
    const notice = parseServerNotice(payload);
    if (!notice) return;
    if (notice.type === 'limits') {
      this.maxMessageBytes = notice.maxMessageBytes;
      this.maxDocumentBytes = notice.maxDocumentBytes;
      for (const a of this.attached.values()) a.provider.maxMessageBytes = notice.maxMessageBytes;
      return;
    }
    const { reason, bytes, limit, ranges } = notice;
    // The server closed the document's connection without acknowledging: undo the refused change and join again
    // (a change only curators may make is undone whole).
    const undo = reason === 'curators-only' ? ranges : largestUntil(ranges, bytes - limit);
    setTimeout(() => this.undoRefused(docId, entry, { docId, reason, bytes, limit }, undo, true));
  }

  /**
   * Undoes the insertions of a refused change in the local copy, tells the user,
   * and has the server and this copy agree again: after a refusal by the server,
   * the document joins anew; after one found here, it asks the server for a sync.
   * The rest of the user's edits go on syncing.
   */
  private undoRefused(docId: string, entry: Attached, refusal: SyncRefusal, ranges: [number, number, number][], rejoin: boolean): void {
    if (this.attached.get(docId) !== entry) return;
    const doc = this.docs.get(docId);
    if (!doc) return;
    this.refused = refusal;
    if (rejoin) {
      // The server has closed this document's connection already: leave without the close message
      // a provider sends on leaving, which would reach the server after the new one has joined.
      this.socket?.configuration.providerMap.delete(entry.provider.effectiveName);
      this.stopProvider(docId);
    }
    deleteInsertions(doc, ranges, REFUSAL_ORIGIN);
    if (rejoin) {
      const stuck = ranges.length ? 0 : entry.stuck + 1;
      // Nothing could be undone: joining again would only be refused again.
      if (stuck < 3) this.startProvider(docId, doc, stuck);
    } else entry.provider.forceSync();
    this.onChange();
  }

  private stopProvider(docId: string): void {
    const a = this.attached.get(docId);
    if (!a) return;
    this.attached.delete(docId);
    a.provider.destroy();
  }

  destroy(): void {
    this.configure(null);
    this.win.removeEventListener('offline', this.onOffline);
    this.win.removeEventListener('online', this.onOnline);
  }
}

/** Resolves true as soon as `check()` holds, false after `timeoutMs`. */
function waitFor(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve) => {
    const tick = () => {
      if (check()) resolve(true);
      else if (Date.now() > deadline) resolve(false);
      else setTimeout(tick, 20);
    };
    tick();
  });
}
