/**
 * Merging two documents of one meeting (the same source imported twice, or a
 * PDF and a text of the same minutes): the kept document receives the other's
 * annotations (with their labels, who set them, comments and replies), its
 * structure overrides, review states and adjudications — each where it
 * anchors in the kept text; what does not anchor is counted and left out.
 */
import * as Y from 'yjs';
import { createAnchor, type TextAnchor } from '../../core/document/anchor.ts';
import { labelSet, type Comment, type StudioDoc } from '../../core/document/studio-doc.ts';
import { parseWithOverrides } from '../../core/document/overrides.ts';
import { adjudicationsOf } from '../../core/document/curate.ts';

export interface MergeResult {
  annotations: number;
  overrides: number;
  reviews: number;
  adjudications: number;
  /** Annotations and overrides whose text is not in the kept document. */
  unanchored: number;
}

/**
 * Where `quote` (found at `from` in a text of length `otherLength`) is in
 * `text`: the occurrence whose surrounding text matches best, then the one
 * nearest the same relative place; null when the quote is not there. With
 * `lineStart`, only occurrences at the start of a line count. Pure.
 */
export function locateQuote(text: string, quote: string, from: number, otherLength: number, context: { prefix?: string; suffix?: string } = {}, lineStart = false): number | null {
  if (!quote) return null;
  const expected = (from * text.length) / Math.max(1, otherLength);
  const prefix = context.prefix ?? '';
  const suffix = context.suffix ?? '';
  let best: number | null = null;
  let bestScore = -Infinity;
  for (let i = text.indexOf(quote); i >= 0; i = text.indexOf(quote, i + 1)) {
    if (lineStart && i > 0 && text[i - 1] !== '\n') continue;
    const fits = (prefix && text.slice(Math.max(0, i - prefix.length), i) === prefix ? 1 : 0) + (suffix && text.slice(i + quote.length, i + quote.length + suffix.length) === suffix ? 1 : 0);
    const score = fits * 1e9 - Math.abs(i - expected);
    if (score > bestScore) {
      bestScore = score;
      best = i;
    }
  }
  return best;
}

/** Moves `other`'s work into `keep` (see the module comment); `other` itself is not changed. */
export function mergeInto(keep: StudioDoc, other: StudioDoc): MergeResult {
  const result: MergeResult = { annotations: 0, overrides: 0, reviews: 0, adjudications: 0, unanchored: 0 };
  const keepText = keep.text.toString();
  const otherText = other.text.toString();
  const same = keepText === otherText;

  const otherViews = new Map(other.annotationViews(otherText).map((a) => [a.id, a]));
  const keepViews = keep.annotationViews(keepText);
  const overrideKey = (o: { kind: string; number?: string; field?: string; value?: string; pos: number | null }) => `${o.kind}|${o.number ?? ''}|${o.field ?? ''}|${o.value ?? ''}|${o.pos}`;
  const keepOverrides = new Set(keep.overrideViews(keepText).map(overrideKey));

  keep.ydoc.transact(() => {
    for (const m of other.annotations.toArray()) {
      const view = otherViews.get(m.get('id') as string);
      if (!view || view.orphaned || view.from === null || view.to === null) {
        result.unanchored++;
        continue;
      }
      const anchor = m.get('anchor') as TextAnchor;
      const at = same ? view.from : locateQuote(keepText, view.quote, view.from, otherText.length, anchor);
      if (at === null) {
        result.unanchored++;
        continue;
      }
      const to = at + (view.to - view.from);
      const labels = view.labels.join('\u001f');
      if (keepViews.some((k) => k.from === at && k.to === to && k.author === view.author && k.labels.join('\u001f') === labels)) continue; // already there
      const copy = new Y.Map<unknown>();
      copy.set('id', view.id);
      copy.set('anchor', createAnchor(keep.text, at, to));
      copy.set('labelSet', labelSet(Object.entries(view.labelMarks)));
      copy.set('author', view.author);
      copy.set('createdAt', view.createdAt);
      const comments = new Y.Array<Comment>();
      comments.push(view.comments.map((c) => ({ ...c })));
      copy.set('comments', comments);
      keep.annotations.push([copy]);
      result.annotations++;
    }
    for (const o of other.overrideViews(otherText)) {
      if (o.pos === null) {
        result.unanchored++;
        continue;
      }
      const pos = same ? o.pos : locateQuote(keepText, o.quote, o.pos, otherText.length, {}, true);
      if (pos === null) {
        result.unanchored++;
        continue;
      }
      if (keepOverrides.has(overrideKey({ ...o, pos }))) continue;
      const lineEnd = keepText.indexOf('\n', pos);
      const m = new Y.Map<unknown>();
      m.set('id', o.id);
      m.set('kind', o.kind);
      if (o.number !== undefined) m.set('number', o.number);
      if (o.field !== undefined) m.set('field', o.field);
      if (o.value !== undefined) m.set('value', o.value);
      m.set('anchor', createAnchor(keep.text, pos, lineEnd < 0 ? keepText.length : lineEnd));
      m.set('createdAt', o.createdAt);
      keep.overrides.push([m]);
      result.overrides++;
    }
    // Review by item: an item of the other document whose number the kept one has, and has not reviewed yet.
    const keepItems = new Set(parseWithOverrides(keepText, keep.placedOverrides(keepText)).sections.flatMap((x) => x.items.map((i) => i.number)));
    for (const section of parseWithOverrides(otherText, other.placedOverrides(otherText)).sections) {
      for (const { number } of section.items) {
        const status = other.reviewOf(number);
        if (status === 'unreviewed' || !keepItems.has(number) || keep.reviewOf(number) !== 'unreviewed') continue;
        keep.setReview(number, status, other.reviewMarkOf(number)?.by);
        result.reviews++;
      }
    }
    const keepAdjudications = adjudicationsOf(keep);
    for (const [key, value] of adjudicationsOf(other).entries()) {
      if (keepAdjudications.has(key)) continue;
      keepAdjudications.set(key, value);
      result.adjudications++;
    }
  });
  return result;
}
