/**
 * Item review anchored to the item's heading, not to its number: correcting a
 * printed number ("3.2" typed for "3.3") or renumbering through an override
 * keeps each status on its own item.
 *
 * A review entry holds an anchor on the item's heading (from the start of its
 * first line to the end of the title, as the parse found it), its status and
 * who set it. Entries live in the Y.Map `itemReview`, keyed by the Yjs id of
 * the heading's first character when the entry was made: two people setting
 * the status of one item at once write the same key, and Yjs keeps one of
 * their values on every peer. An item's status is the entry whose anchor now
 * starts on its heading (of several, the latest set, then the greatest key);
 * an entry on no heading is orphaned — it stays, and comes back if the heading does.
 *
 * Offsets are UTF-16 offsets into the Y.Text (= the editor text = `Meeting.text`);
 * items come from a parse of that text, so their spans are in the same coordinates.
 */
import * as Y from 'yjs';
import type { Span } from '../minutes/model.ts';
import { createAnchor, resolveAnchor, type TextAnchor } from './anchor.ts';
import type { ReviewStatus } from '../export/model.ts';
import { lineAt } from './overrides.ts';

// The statuses are the dataset's (core/export/model.ts): what an analyst sets is what an export holds.
export { REVIEW_STATUSES, type ReviewStatus } from '../export/model.ts';

/** Who last set an item's review status, and when (ms since the epoch). */
export interface ReviewMark {
  by: string;
  at: number;
}

/** One review entry as stored. */
export interface ReviewEntry {
  /** On the item's heading. */
  anchor: TextAnchor;
  status: ReviewStatus;
  /** The item's number when the status was set, for the record: the anchor decides the item. */
  number: string;
  /** Who set it, when known. */
  by: string | null;
  /** When it was set (ms since the epoch). */
  at: number;
}

/** What review needs of a parsed item: its number and its heading's span. */
export interface ItemHeading {
  number: string;
  titleSpan: Span;
}

/** An item's review as resolved now. */
export interface ItemReview {
  /** The entry's key in `itemReview`. */
  key: string;
  status: ReviewStatus;
  /** Who set it and when; null when nobody was named. */
  mark: ReviewMark | null;
}

/** A review entry whose heading is gone (or is no item's heading now). */
export interface OrphanedReview {
  key: string;
  entry: ReviewEntry;
}

/** The text an item's review is anchored to: its heading, from the start of its first line. */
export function headingRange(text: string, item: ItemHeading): { from: number; to: number } {
  const from = lineAt(text, item.titleSpan.start).start;
  return { from, to: Math.max(from, Math.min(item.titleSpan.end, text.length)) };
}

/** A new entry's key: the Yjs id of the heading's first character, the same on every peer that sees it. */
export function headingKey(ytext: Y.Text, from: number): string {
  const id = Y.createRelativePositionFromTypeIndex(ytext, from, 0).item;
  return id ? `${id.client}.${id.clock}` : `end.${ytext.length}`;
}

export function reviewEntry(ytext: Y.Text, text: string, item: ItemHeading, status: ReviewStatus, by: string | null, at: number): ReviewEntry {
  const { from, to } = headingRange(text, item);
  return { anchor: createAnchor(ytext, from, to), status, number: item.number, by, at };
}

export function markOf(entry: Pick<ReviewEntry, 'by' | 'at'>): ReviewMark | null {
  return entry.by === null || entry.by === undefined ? null : { by: entry.by, at: entry.at };
}

/**
 * Each item's review (null: none), in the order of `items`, and the entries on
 * no item's heading. `items` are in document order, as a parse gives them.
 */
export function resolveReviews(
  ytext: Y.Text,
  entries: Iterable<[string, ReviewEntry]>,
  items: readonly ItemHeading[],
  text = ytext.toString(),
): { byItem: (ItemReview | null)[]; orphans: OrphanedReview[] } {
  const headings = items.map((item) => headingRange(text, item));
  const winners: ({ key: string; entry: ReviewEntry } | null)[] = items.map(() => null);
  const orphans: OrphanedReview[] = [];
  for (const [key, entry] of entries) {
    // Exact quote only: a heading that is gone must not pass to a look-alike (the next item's).
    const range = resolveAnchor(ytext, entry.anchor, text);
    const i = range ? itemStartingAt(headings, range.from) : -1;
    if (i < 0) {
      orphans.push({ key, entry });
      continue;
    }
    // Two entries on one heading (set at once by peers that saw different first characters):
    // the later wins, then the greater key, the same choice on every peer.
    const held = winners[i];
    if (!held || entry.at > held.entry.at || (entry.at === held.entry.at && key > held.key)) winners[i] = { key, entry };
  }
  return {
    byItem: winners.map((w) => w && { key: w.key, status: w.entry.status, mark: markOf(w.entry) }),
    orphans: orphans.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)),
  };
}

/** The index of the heading holding `pos`, or -1. */
export function itemStartingAt(headings: readonly { from: number; to: number }[], pos: number): number {
  let lo = 0;
  let hi = headings.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const h = headings[mid]!;
    if (pos < h.from) hi = mid - 1;
    else if (pos > h.to) lo = mid + 1;
    else return mid;
  }
  return -1;
}
