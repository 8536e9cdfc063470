/**
 * The client side of collaboration: one websocket to the sync server, and per
 * open document a HocuspocusProvider on that document's Y.Doc (named
 * `<workspace>/<docId>`), next to its y-indexeddb persistence. Awareness
 * carries who is where: a user (name and colour, for remote cursors) and the
 * outline item their cursor is in.
 */
import * as Y from 'yjs';
import { listingUrl } from './sync-address.ts';
import { HocuspocusProvider, HocuspocusProviderWebsocket, WebSocketStatus } from '@hocuspocus/provider';
import type { Awareness } from 'y-protocols/awareness';

export interface SyncSettings {
  url: string;
  workspace: string;
  token: string;
}

export type SyncStatus = 'off' | 'offline' | 'connecting' | 'connected' | 'synced';

export interface SyncView {
  status: SyncStatus;
  /** Local changes the server has not confirmed yet. */
  unsynced: number;
  readOnly: boolean;
  /** Why the server refused the token, when it did. */
  error: string | null;
  workspace: string | null;
}

export const SYNC_OFF: SyncView = { status: 'off', unsynced: 0, readOnly: false, error: null, workspace: null };

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

// --- the connection ----------------------------------------------------------

interface Attached {
  provider: HocuspocusProvider;
  readOnly: boolean;
}

export class Collab {
  private settings: SyncSettings | null = null;
  private socket: HocuspocusProviderWebsocket | null = null;
  private attached = new Map<string, Attached>();
  private docs = new Map<string, Y.Doc>();
  private error: string | null = null;
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
    const base = { workspace: this.settings.workspace, error: this.error, readOnly: a?.readOnly ?? false, unsynced: a?.provider.unsyncedChanges ?? 0 };
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
      const body = (await res.json()) as { documents?: unknown };
      return Array.isArray(body.documents) ? body.documents.filter((d): d is string => typeof d === 'string') : null;
    } catch {
      return null;
    }
  }

  private startProvider(docId: string, doc: Y.Doc): void {
    const settings = this.settings!;
    const entry: Attached = {
      readOnly: false,
      provider: new HocuspocusProvider({
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
        onSynced: () => this.onChange(),
        onUnsyncedChanges: () => this.onChange(),
        onAwarenessChange: () => this.onChange(),
        onStatus: () => this.onChange(),
      }),
    };
    this.attached.set(docId, entry);
    entry.provider.attach();
    this.publish(docId);
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
