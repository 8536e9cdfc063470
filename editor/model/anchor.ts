/**
 * Anchors that survive edits: a Y.RelativePosition pair (the truth while the
 * text lives), a quote with prefix and suffix (the truth when positions drift),
 * and a position hint (to choose between repeated quotes). Numbers appear only
 * when an anchor is resolved at the view boundary; a lost anchor resolves to
 * null (orphaned), never to an exception.
 *
 * Offsets are UTF-16 offsets into the Y.Text (= the editor text = `Meeting.text`).
 */
import * as Y from 'yjs';

export interface TextAnchor {
  /** Encoded Y.RelativePosition of the start (sticks to the character after it). */
  start: Uint8Array;
  /** Encoded Y.RelativePosition of the end (sticks to the character before it). */
  end: Uint8Array;
  quote: string;
  prefix: string;
  suffix: string;
  /** The start offset when the anchor was made or last resolved. */
  hint: number;
}

export interface ResolvedRange {
  from: number;
  to: number;
}

const CONTEXT = 32;

export function createAnchor(ytext: Y.Text, from: number, to: number): TextAnchor {
  const text = ytext.toString();
  if (from < 0 || to < from || to > text.length) throw new RangeError(`Anchor range ${from}..${to} outside 0..${text.length}`);
  return {
    start: Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(ytext, from, 0)),
    end: Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(ytext, to, -1)),
    quote: text.slice(from, to),
    prefix: text.slice(Math.max(0, from - CONTEXT), from),
    suffix: text.slice(to, to + CONTEXT),
    hint: from,
  };
}

function absolute(ydoc: Y.Doc, encoded: Uint8Array): number | null {
  const abs = Y.createAbsolutePositionFromRelativePosition(Y.decodeRelativePosition(encoded), ydoc);
  return abs ? abs.index : null;
}

/**
 * Where the anchor is now, or null when its text is gone. The relative positions
 * are believed while the quoted text still (mostly) stands between them; otherwise
 * the quote is searched for, best context and nearest to the hint first.
 */
export function resolveAnchor(ytext: Y.Text, anchor: TextAnchor, text = ytext.toString()): ResolvedRange | null {
  const ydoc = ytext.doc;
  if (ydoc) {
    const from = absolute(ydoc, anchor.start);
    const to = absolute(ydoc, anchor.end);
    if (from !== null && to !== null && to >= from) {
      if (anchor.quote.length === 0) return { from, to: from };
      // Its first and last characters are still there: the annotation is where they are,
      // whatever was typed or deleted between them.
      if (alive(ytext, anchor.start, from, 0) && alive(ytext, anchor.end, to, -1)) return { from, to };
      const now = text.slice(from, to);
      if (now === anchor.quote || (now.length > 0 && similar(now, anchor.quote))) return { from, to };
    }
  }
  return matchQuote(text, anchor);
}

/** The character a relative position was pinned to still exists (it resolves to that same character). */
function alive(ytext: Y.Text, encoded: Uint8Array, index: number, assoc: number): boolean {
  const pinned = Y.decodeRelativePosition(encoded).item;
  if (!pinned) return false;
  const now = Y.createRelativePositionFromTypeIndex(ytext, index, assoc).item;
  return now !== null && Y.compareIDs(now, pinned);
}

/** Half of the quote's characters survive at its ends: an edit inside it, not a replacement. */
function similar(a: string, b: string): boolean {
  let p = 0;
  while (p < a.length && p < b.length && a[p] === b[p]) p++;
  let s = 0;
  while (s < a.length - p && s < b.length - p && a[a.length - 1 - s] === b[b.length - 1 - s]) s++;
  return p + s >= Math.max(a.length, b.length) / 2;
}

/** The quote's best occurrence in `text`: context agreement first, then nearness to the hint. Pure. */
export function matchQuote(text: string, anchor: Pick<TextAnchor, 'quote' | 'prefix' | 'suffix' | 'hint'>): ResolvedRange | null {
  if (!anchor.quote) return null;
  let best: { from: number; score: number } | null = null;
  for (let i = text.indexOf(anchor.quote); i >= 0; i = text.indexOf(anchor.quote, i + 1)) {
    const pre = commonSuffix(text.slice(Math.max(0, i - anchor.prefix.length), i), anchor.prefix);
    const end = i + anchor.quote.length;
    const post = commonPrefix(text.slice(end, end + anchor.suffix.length), anchor.suffix);
    const score = pre + post - Math.abs(i - anchor.hint) / (text.length + 1);
    if (!best || score > best.score) best = { from: i, score };
  }
  return best ? { from: best.from, to: best.from + anchor.quote.length } : null;
}

function commonPrefix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

function commonSuffix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}
