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
import { matchQuote } from './match-quote.ts';

export { matchQuote, MIN_FUZZY_SCORE, type QuoteMatch, type QuoteSelector } from './match-quote.ts';

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

export interface ResolveOptions {
  /**
   * When the relative positions are lost, also accept an approximate quote
   * (a corrected letter, a few characters in or out) that its context and
   * position vouch for. Without it only the exact quote is searched for.
   */
  fuzzy?: boolean;
}

/**
 * Where the anchor is now, or null when its text is gone. The relative positions
 * are believed while the quoted text still (mostly) stands between them; otherwise
 * the quote is searched for (`matchQuote`): best context and nearest to the hint first.
 */
export function resolveAnchor(ytext: Y.Text, anchor: TextAnchor, text = ytext.toString(), options: ResolveOptions = {}): ResolvedRange | null {
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
  const match = matchQuote(text, anchor, { fuzzy: options.fuzzy ?? false });
  return match && { from: match.start, to: match.end };
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
