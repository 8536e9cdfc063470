/**
 * A document's versions: named and automatic snapshots kept in the document
 * itself (the Y.Array `history`), so they reach every collaborator with the
 * document and stay in its IndexedDB copy offline.
 *
 * Each version holds a full `Y.encodeStateAsUpdate` of the document with the
 * history left out. Why not `Y.snapshot`: a snapshot only names which items
 * existed, and reading it back needs the deleted items' content, which a
 * document made with `gc: true` (as every document here is) throws away; a
 * full state works whatever the garbage collector did, and keeps the Yjs ids
 * of the text, so the version's anchors (relative positions) resolve in it
 * exactly and a restore keeps the characters that did not change. The history
 * is left out of the state (deleted in a scratch copy, where the collector
 * reduces it to a few bytes of tombstones) so that versions do not nest.
 *
 * Size: automatic versions beyond the last `keepAuto` go, and the oldest
 * automatic ones go while all versions together are over the byte budget (a
 * quarter of the sync server's document limit); named versions are kept.
 */
import * as Y from 'yjs';
import { sha256HexOfText } from '../hash/sha256.ts';
import { StudioDoc } from './studio-doc.ts';

/** The Y.Array of a document's Y.Doc holding its versions, oldest first. */
export const HISTORY = 'history';
/** Writes to the history: not part of anyone's undo. */
export const HISTORY_ORIGIN = Symbol('referat-history');

/** `named`: saved by someone with a name; `auto`: taken on opening or after a pause in editing; `restore`: the state just before a restore. */
export type VersionKind = 'named' | 'auto' | 'restore';

export interface VersionRecord {
  id: string;
  /** The name given (named versions); null for automatic ones. */
  name: string | null;
  kind: VersionKind;
  /** Who took it (the editor's user name). */
  by: string;
  /** When (ms since the epoch). */
  at: number;
  /** A digest of the content (text, overrides, annotations, review), to tell whether anything changed since. */
  digest: string;
  /** The document as a Yjs update, without its history. */
  state: Uint8Array;
}

export interface HistoryLimits {
  /** Automatic versions kept (the latest); default 10. */
  keepAuto?: number;
  /** Bytes all versions together may take; default 16 MB. */
  maxBytes?: number;
}

export const DEFAULT_LIMITS: Required<HistoryLimits> = { keepAuto: 10, maxBytes: 16 * 1024 * 1024 };

/** The byte budget for versions under a sync server's document limit (a quarter of it). */
export function historyBudget(maxDocumentBytes: number | null | undefined): number {
  return maxDocumentBytes ? Math.min(DEFAULT_LIMITS.maxBytes, Math.floor(maxDocumentBytes / 4)) : DEFAULT_LIMITS.maxBytes;
}

export function historyOf(ydoc: Y.Doc): Y.Array<VersionRecord> {
  return ydoc.getArray<VersionRecord>(HISTORY);
}

/** The versions, oldest first. */
export function versions(ydoc: Y.Doc): VersionRecord[] {
  return historyOf(ydoc).toArray();
}

/** The document now as a Yjs update, without its history. */
export function captureState(ydoc: Y.Doc): Uint8Array {
  const scratch = new Y.Doc();
  Y.applyUpdate(scratch, Y.encodeStateAsUpdate(ydoc));
  const history = historyOf(scratch);
  if (history.length) history.delete(0, history.length);
  const state = Y.encodeStateAsUpdate(scratch);
  scratch.destroy();
  return state;
}

/** The roots a version's content is: what a restore sets back, and what the digest covers. */
const CONTENT_ROOTS = { arrays: ['overrides', 'annotations'], maps: ['itemReview'] } as const;

/** A digest of what a person sees of the document: text, overrides, annotations and review. */
export function contentDigest(ydoc: Y.Doc): string {
  const sorted = (v: Record<string, unknown>) => Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const parts: unknown[] = [ydoc.getText('text').toString()];
  for (const name of CONTENT_ROOTS.arrays) parts.push(ydoc.getArray(name).toJSON());
  for (const name of CONTENT_ROOTS.maps) parts.push(sorted(ydoc.getMap(name).toJSON()));
  return sha256HexOfText(JSON.stringify(parts, (_k, v: unknown) => (v instanceof Uint8Array ? Array.from(v) : v)));
}

/** A version's document, to read (view, diff, restore from); a Y.Doc of its own. */
export function openVersion(state: Uint8Array): StudioDoc {
  const ydoc = new Y.Doc();
  Y.applyUpdate(ydoc, state);
  return new StudioDoc(ydoc);
}

/**
 * Which versions to drop so that at most `keepAuto` automatic ones remain and
 * all fit in `maxBytes` (oldest automatic first; named ones are never
 * dropped). Ids, oldest first. Pure.
 */
export function pruneList(records: readonly Pick<VersionRecord, 'id' | 'kind' | 'state'>[], limits: HistoryLimits = {}): string[] {
  const { keepAuto, maxBytes } = { ...DEFAULT_LIMITS, ...limits };
  const automatic = records.filter((r) => r.kind !== 'named');
  const drop = new Set(automatic.slice(0, Math.max(0, automatic.length - keepAuto)).map((r) => r.id));
  let bytes = records.reduce((n, r) => n + (drop.has(r.id) ? 0 : r.state.byteLength), 0);
  for (const r of automatic) {
    if (bytes <= maxBytes) break;
    if (drop.has(r.id)) continue;
    drop.add(r.id);
    bytes -= r.state.byteLength;
  }
  return records.filter((r) => drop.has(r.id)).map((r) => r.id);
}

export interface NewVersion {
  id: string;
  kind: VersionKind;
  name?: string | null;
  by: string;
  at: number;
}

/** Why a version was not taken: nothing changed since the latest (automatic versions only), or it is larger than may be sent or kept. */
export type VersionRefusal = { reason: 'unchanged' } | { reason: 'too-large'; bytes: number; limit: number };

/**
 * Takes a version of the document now and keeps it in its history (pruned to
 * `limits`), in one transaction of its own (HISTORY_ORIGIN). An automatic
 * version is not taken when nothing changed since the latest version.
 * `maxBytes`, when given, bounds the one version (the sync server's message limit).
 */
export function addVersion(ydoc: Y.Doc, input: NewVersion, limits: HistoryLimits & { maxVersionBytes?: number } = {}): VersionRecord | VersionRefusal {
  const digest = contentDigest(ydoc);
  const all = versions(ydoc);
  if (input.kind !== 'named' && all.length && all[all.length - 1]!.digest === digest) return { reason: 'unchanged' };
  const state = captureState(ydoc);
  const limit = Math.min(limits.maxVersionBytes ?? Infinity, limits.maxBytes ?? DEFAULT_LIMITS.maxBytes);
  if (state.byteLength > limit) return { reason: 'too-large', bytes: state.byteLength, limit };
  const record: VersionRecord = { id: input.id, name: input.name?.trim() || null, kind: input.kind, by: input.by, at: input.at, digest, state };
  ydoc.transact(() => {
    const history = historyOf(ydoc);
    history.push([record]);
    const drop = new Set(pruneList(history.toArray(), limits));
    for (let i = history.length - 1; i >= 0; i--) if (drop.has(history.get(i).id)) history.delete(i, 1);
  }, HISTORY_ORIGIN);
  return record;
}

/** The latest version taken, or null. */
export function latestVersion(ydoc: Y.Doc): VersionRecord | null {
  const history = historyOf(ydoc);
  return history.length ? history.get(history.length - 1) : null;
}
