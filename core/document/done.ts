/**
 * An analyst's pass over an item: "done with this item", whether or not they
 * gave it a label. Agreement counts it as a rating (core/export/agreement.ts),
 * so an item one analyst labelled and another read and left unlabelled is a
 * disagreement, not an item only one of them rated.
 *
 * Marks live in the Y.Map `done`, one per person and item, keyed by the Yjs id
 * of the heading's first character and the person, and anchored to the item's
 * heading like review (review.ts): renumbering keeps each mark on its item.
 */
import * as Y from 'yjs';
import { createAnchor, resolveAnchor, type TextAnchor } from './anchor.ts';
import { headingKey, headingRange, itemStartingAt, type ItemHeading } from './review.ts';
import { LOCAL_ORIGIN, type StudioDoc } from './studio-doc.ts';

/** The Y.Map of a StudioDoc's Y.Doc holding done marks. */
export const DONE = 'done';

export interface DoneEntry {
  anchor: TextAnchor;
  /** The item's number when it was marked, for the record: the anchor decides the item. */
  number: string;
  by: string;
  /** When (ms since the epoch). */
  at: number;
}

export function doneMarksOf(doc: StudioDoc): Y.Map<DoneEntry> {
  return doc.ydoc.getMap<DoneEntry>(DONE);
}

/** Who marked each item done and when (sorted by who), in the order of `items` (a parse of `text`, the current text). */
export function doneBy(doc: StudioDoc, items: readonly ItemHeading[], text = doc.text.toString()): { by: string; at: number }[][] {
  const headings = items.map((item) => headingRange(text, item));
  const out = items.map(() => new Map<string, number>());
  for (const entry of doneMarksOf(doc).values()) {
    const range = resolveAnchor(doc.text, entry.anchor, text);
    const i = range ? itemStartingAt(headings, range.from) : -1;
    if (i >= 0 && (out[i]!.get(entry.by) ?? -1) < entry.at) out[i]!.set(entry.by, entry.at);
  }
  return out.map((m) => [...m].map(([by, at]) => ({ by, at })).sort((a, b) => (a.by < b.by ? -1 : a.by > b.by ? 1 : 0)));
}

/** The key of `by`'s mark on `item`, if they have one. */
function keyOf(doc: StudioDoc, item: ItemHeading, by: string, text: string): string | null {
  const heading = headingRange(text, item);
  for (const [key, entry] of doneMarksOf(doc).entries()) {
    if (entry.by !== by) continue;
    const range = resolveAnchor(doc.text, entry.anchor, text);
    if (range && itemStartingAt([heading], range.from) === 0) return key;
  }
  return null;
}

/** Marks `item` done by `by` (done: false takes the mark away). An item of a parse of the current text. */
export function setDone(doc: StudioDoc, item: ItemHeading, by: string, done: boolean, now: () => number = Date.now): void {
  const text = doc.text.toString();
  const map = doneMarksOf(doc);
  const held = keyOf(doc, item, by, text);
  doc.ydoc.transact(() => {
    if (!done) {
      if (held) map.delete(held);
      return;
    }
    const { from, to } = headingRange(text, item);
    const key = held ?? `${headingKey(doc.text, from)}~${by}`;
    map.set(key, { anchor: createAnchor(doc.text, from, to), number: item.number, by, at: now() });
  }, LOCAL_ORIGIN);
}
