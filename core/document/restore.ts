/**
 * Restoring a version as a new change: the document now is brought to the
 * version's content in one ordinary, undoable transaction (LOCAL_ORIGIN), which
 * syncs to everyone like any edit. Nothing is rewound: the text is edited only
 * where it differs (so the characters around keep their Yjs ids, and with them
 * others' cursors, annotations and page runs), annotations, overrides and
 * review entries are set back to the version's (by id or key; those made since
 * are removed, those removed since come back), each anchored where the
 * version had it. The state before is kept as a version first, so the work
 * done since can be seen and restored in its turn.
 *
 * Left as they are now: the document's meta (source, import facts), the PDF's
 * page runs, done marks and adjudications (a curator's, which others may not write).
 */
import * as Y from 'yjs';
import { createAnchor, resolveAnchor, type TextAnchor } from './anchor.ts';
import { addVersion, openVersion, type HistoryLimits, type VersionRecord, type VersionRefusal } from './history.ts';
import { LOCAL_ORIGIN, type StudioDoc } from './studio-doc.ts';
import { textChanges } from './text-diff.ts';

export interface RestoreSummary {
  /** Replacements made in the text. */
  textChanges: number;
  overrides: number;
  annotations: number;
  reviews: number;
}

const json = (v: unknown) => JSON.stringify(v, (_k, x: unknown) => (x instanceof Uint8Array ? Array.from(x) : x instanceof Y.AbstractType ? x.toJSON() : x));

function copy(v: unknown): unknown {
  if (v instanceof Y.Map) {
    const m = new Y.Map<unknown>();
    for (const [k, x] of v.entries()) m.set(k, copy(x));
    return m;
  }
  if (v instanceof Y.Array) {
    const a = new Y.Array<unknown>();
    a.push(v.toArray().map(copy));
    return a;
  }
  return v;
}

/**
 * Brings `doc` to the content of `version` (a version's document, see
 * `openVersion`) in one undo step. Returns how much it changed.
 */
export function restoreVersion(doc: StudioDoc, version: StudioDoc): RestoreSummary {
  const summary: RestoreSummary = { textChanges: 0, overrides: 0, annotations: 0, reviews: 0 };
  const target = version.text.toString();
  // The anchor as the version had it, in the restored text (whose offsets are the version's).
  const reanchor = (anchor: TextAnchor, fuzzy: boolean): TextAnchor => {
    const range = resolveAnchor(version.text, anchor, target, { fuzzy });
    if (!range) return anchor;
    const here = resolveAnchor(doc.text, anchor, target);
    return here && here.from === range.from && here.to === range.to ? anchor : createAnchor(doc.text, range.from, range.to);
  };
  // Sets `into` to `from`'s entries; true when anything was written.
  const syncMap = (into: Y.Map<unknown>, from: Y.Map<unknown>, fuzzy: boolean): boolean => {
    let changed = false;
    for (const k of [...into.keys()]) {
      if (!from.has(k)) {
        into.delete(k);
        changed = true;
      }
    }
    for (const [k, v] of from.entries()) {
      const have = into.get(k);
      if (k === 'anchor') {
        const anchor = reanchor(v as TextAnchor, fuzzy);
        if (json(anchor) !== json(have)) {
          into.set(k, anchor);
          changed = true;
        }
      } else if (v instanceof Y.Map && have instanceof Y.Map) changed = syncMap(have, v, fuzzy) || changed;
      else if (json(v) !== json(have)) {
        into.set(k, copy(v));
        changed = true;
      }
    }
    return changed;
  };
  const syncList = (into: Y.Array<Y.Map<unknown>>, from: Y.Array<Y.Map<unknown>>, fuzzy: boolean): number => {
    let n = 0;
    const wanted = new Map(from.toArray().map((m) => [m.get('id') as string, m]));
    for (let i = into.length - 1; i >= 0; i--) {
      if (!wanted.has(into.get(i).get('id') as string)) {
        into.delete(i, 1);
        n++;
      }
    }
    const held = new Map(into.toArray().map((m) => [m.get('id') as string, m]));
    for (const [id, m] of wanted) {
      const have = held.get(id);
      if (have) n += syncMap(have, m, fuzzy) ? 1 : 0;
      else {
        const made = new Y.Map<unknown>();
        into.push([made]);
        syncMap(made, m, fuzzy);
        n++;
      }
    }
    return n;
  };

  doc.undo.stopCapturing();
  doc.ydoc.transact(() => {
    const changes = textChanges(doc.text.toString(), target);
    for (let i = changes.length - 1; i >= 0; i--) {
      const c = changes[i]!;
      if (c.to > c.from) doc.text.delete(c.from, c.to - c.from);
      if (c.insert) doc.text.insert(c.from, c.insert);
    }
    summary.textChanges = changes.length;
    summary.overrides = syncList(doc.overrides, version.overrides, false);
    summary.annotations = syncList(doc.annotations, version.annotations, true);
    const review = doc.itemReview as unknown as Y.Map<unknown>;
    for (const k of [...review.keys()]) {
      if (!version.itemReview.has(k)) {
        review.delete(k);
        summary.reviews++;
      }
    }
    for (const [k, entry] of version.itemReview.entries()) {
      const next = { ...entry, anchor: reanchor(entry.anchor, false) };
      if (json(next) !== json(review.get(k))) {
        review.set(k, next);
        summary.reviews++;
      }
    }
  }, LOCAL_ORIGIN);
  doc.undo.stopCapturing();
  return summary;
}

/**
 * Restores `record` into `doc`: first keeps the state now as a version of
 * kind `restore` (unless nothing changed since the latest version), then
 * restores. The refusal, when the state now could not be kept (too large), and
 * nothing is restored then.
 */
export function restoreAsNewChange(
  doc: StudioDoc,
  record: Pick<VersionRecord, 'state'>,
  before: { id: string; by: string; at: number },
  limits: HistoryLimits & { maxVersionBytes?: number } = {},
): { summary: RestoreSummary; kept: VersionRecord | null } | VersionRefusal {
  const kept = addVersion(doc.ydoc, { ...before, kind: 'restore' }, limits);
  if ('reason' in kept && kept.reason === 'too-large') return kept;
  const version = openVersion(record.state);
  try {
    return { summary: restoreVersion(doc, version), kept: 'reason' in kept ? null : kept };
  } finally {
    version.ydoc.destroy();
  }
}
