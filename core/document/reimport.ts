/**
 * Re-importing a changed source into the same document: the text becomes the
 * new version's by a line diff (unchanged lines keep their characters, and
 * whatever is anchored to them), and every annotation, structure override,
 * review state and done mark is anchored again in the new text — by its place
 * where its text is untouched, else by its quote and context near where its
 * place went (`matchQuote`, approximately for annotations), items by their
 * heading and then by their number (a renamed item keeps its review). What
 * finds no place is an orphan: kept with its quote, and listed. The PDF's text
 * runs and the source (SHA-256, fingerprint) become the new version's.
 *
 * All of it is one Yjs transaction with `LOCAL_ORIGIN`: one change that syncs
 * to everyone and that one undo takes back (done marks, outside the undo
 * manager's scope, stay where the re-import put them).
 */
import type * as Y from 'yjs';
import type { Meeting } from '../minutes/model.ts';
import type { PageRun } from '../pdf/text-layer.ts';
import { createAnchor, resolveAnchor, type TextAnchor } from './anchor.ts';
import { doneMarksOf, type DoneEntry } from './done.ts';
import { lineDiff, mapOffset, untouched, type TextEdit } from './line-diff.ts';
import { matchQuote } from './match-quote.ts';
import { lineAt, parseWithOverrides, type PlacedOverride } from './overrides.ts';
import { headingRange, itemStartingAt, type ItemHeading, type ReviewEntry } from './review.ts';
import { LOCAL_ORIGIN, orphanAnchor, type OverrideView, type StudioDoc } from './studio-doc.ts';

/** The new version of the source, as an import reads it. */
export interface NewVersion {
  text: string;
  runs: readonly PageRun[];
  source: Meeting['source'];
  /** Lines the PDF's typography says are no headings (see the editor's import). */
  hints?: readonly { kind: 'not-heading'; pos: number }[];
}

/** Something that found no place in the new text. */
export interface Orphan {
  kind: 'annotation' | 'override' | 'review' | 'done';
  /** The text it was on (for review and done marks: the item's heading). */
  quote: string;
  /** An annotation's labels; a review's status; a done mark's person. */
  detail: string;
}

export interface ReimportResult {
  /** How many of each found their place again. */
  annotations: number;
  overrides: number;
  reviews: number;
  done: number;
  orphans: Orphan[];
}

type Range = { from: number; to: number };

/** Where an old range is in the new text: by place when its text is untouched, else by quote and context. */
function relocate(edits: readonly TextEdit[], newText: string, range: Range, anchor: Pick<TextAnchor, 'quote' | 'prefix' | 'suffix'>, fuzzy: boolean): Range | null {
  if (untouched(edits, range.from, range.to)) return { from: mapOffset(edits, range.from, 1), to: mapOffset(edits, range.to, -1) };
  const match = matchQuote(newText, { quote: anchor.quote, prefix: anchor.prefix, suffix: anchor.suffix, hint: mapOffset(edits, range.from) }, { fuzzy });
  return match && { from: match.start, to: match.end };
}

/** The new item an item-anchored entry (review, done mark) belongs to, by its heading's text, else by its number; -1 when none. */
function relocateItem(edits: readonly TextEdit[], newText: string, oldText: string, oldItem: ItemHeading, items: readonly ItemHeading[], headings: readonly Range[]): number {
  const old = headingRange(oldText, oldItem);
  const quote = oldText.slice(old.from, old.to);
  const at = relocate(edits, newText, old, { quote, prefix: oldText.slice(Math.max(0, old.from - 32), old.from), suffix: oldText.slice(old.to, old.to + 32) }, false);
  const i = at ? itemStartingAt(headings, at.from) : -1;
  return i >= 0 ? i : items.findIndex((it) => it.number === oldItem.number);
}

/** Re-imports `next` into `doc` (see the module comment); returns what moved and the orphans. */
export function reimport(doc: StudioDoc, next: NewVersion): ReimportResult {
  const ytext = doc.text;
  const oldText = ytext.toString();
  const newText = next.text;
  const edits = lineDiff(oldText, newText);
  const result: ReimportResult = { annotations: 0, overrides: 0, reviews: 0, done: 0, orphans: [] };

  // Where everything is in the old text, and where it goes in the new one (read before anything changes).
  const views = new Map(doc.annotationViews(oldText).map((v) => [v.id, v]));
  const annotationMoves = doc.annotations.toArray().map((m) => {
    const view = views.get(m.get('id') as string);
    const anchor = m.get('anchor') as TextAnchor;
    if (!view || view.from === null || view.to === null) return { m, anchor, view, to: undefined };
    return { m, anchor, view, to: relocate(edits, newText, { from: view.from, to: view.to }, anchor, true) };
  });
  const overrideViews = new Map(doc.overrideViews(oldText).map((o) => [o.id, o]));
  const overrideMoves = doc.overrides.toArray().map((m) => {
    const view = overrideViews.get(m.get('id') as string)!;
    if (view.pos === null) return { m, view, pos: undefined };
    const range = { from: view.pos, to: view.pos + view.quote.length };
    const at = relocate(edits, newText, range, { quote: view.quote, prefix: '', suffix: '' }, false);
    return { m, view, pos: at && lineAt(newText, at.from).start === at.from ? at.from : null };
  });
  const placed: PlacedOverride[] = overrideMoves.flatMap(({ view, pos }) => (typeof pos === 'number' ? [placedAt(view, pos)] : []));
  const newItems = parseWithOverrides(newText, placed).sections.flatMap((s) => s.items);
  const newHeadings = newItems.map((it) => headingRange(newText, it));
  const oldItems = doc.items(oldText);
  const oldHeadings = oldItems.map((it) => headingRange(oldText, it));
  const itemMove = (anchor: TextAnchor): { held: boolean; to: number } => {
    const range = resolveAnchor(ytext, anchor, oldText);
    const i = range ? itemStartingAt(oldHeadings, range.from) : -1;
    if (i < 0) return { held: false, to: -1 };
    return { held: true, to: relocateItem(edits, newText, oldText, oldItems[i]!, newItems, newHeadings) };
  };
  const reviewMoves = [...doc.itemReview.entries()].map(([key, entry]) => ({ key, entry, ...itemMove(entry.anchor) }));
  const doneMap = doneMarksOf(doc);
  const doneMoves = [...doneMap.entries()].map(([key, entry]) => ({ key, entry, ...itemMove(entry.anchor) }));
  const heading = (i: number) => createAnchor(ytext, newHeadings[i]!.from, newHeadings[i]!.to);
  const lost = (quote: string, hint: number) => ({ ...orphanAnchor(quote), hint });

  // The text runs change with the text, so the one undo takes them back too (only imports write them).
  doc.undo.addToScope(doc.pageRuns);
  doc.ydoc.transact(() => {
    for (let k = edits.length - 1; k >= 0; k--) {
      const e = edits[k]!;
      if (e.to > e.from) ytext.delete(e.from, e.to - e.from);
      if (e.insert) ytext.insert(e.from, e.insert);
    }
    doc.setPageRuns(next.runs);
    doc.meta.set('source', next.source);

    for (const { m, anchor, view, to } of annotationMoves) {
      if (to === undefined) continue; // orphaned before: it stays so
      if (to) {
        m.set('anchor', createAnchor(ytext, to.from, to.to));
        result.annotations++;
      } else {
        m.set('anchor', { ...lost(anchor.quote, mapOffset(edits, anchor.hint)), prefix: anchor.prefix, suffix: anchor.suffix });
        result.orphans.push({ kind: 'annotation', quote: anchor.quote, detail: (view?.labels ?? []).join(', ') });
      }
    }
    for (const { m, view, pos } of overrideMoves) {
      if (pos === undefined) continue;
      if (pos === null) {
        m.set('anchor', lost(view.quote, 0));
        result.orphans.push({ kind: 'override', quote: view.quote, detail: view.kind });
        continue;
      }
      const end = newText.indexOf('\n', pos);
      m.set('anchor', createAnchor(ytext, pos, end < 0 ? newText.length : end));
      result.overrides++;
    }
    // The new version's typography hints, on lines no override of that kind holds yet.
    const held = new Set(placed.filter((o) => o.kind === 'not-heading').map((o) => o.pos));
    for (const h of next.hints ?? []) {
      const line = lineAt(newText, h.pos);
      if (held.has(line.start)) continue;
      held.add(line.start);
      doc.addOverride({ kind: 'not-heading' }, line.start);
    }

    const moveItemEntry = <T extends ReviewEntry | DoneEntry>(map: Y.Map<T>, moves: { key: string; entry: T; held: boolean; to: number }[], kind: 'review' | 'done') => {
      for (const { key, entry, held: wasHeld, to } of moves) {
        if (!wasHeld) continue;
        if (to >= 0) {
          map.set(key, { ...entry, anchor: heading(to) });
          result[kind === 'review' ? 'reviews' : 'done']++;
        } else {
          map.set(key, { ...entry, anchor: lost(entry.anchor.quote, 0) });
          result.orphans.push({ kind, quote: entry.anchor.quote, detail: kind === 'review' ? (entry as ReviewEntry).status : entry.by ?? '' });
        }
      }
    };
    moveItemEntry(doc.itemReview, reviewMoves, 'review');
    moveItemEntry(doneMap, doneMoves, 'done');
  }, LOCAL_ORIGIN);
  doc.undo.stopCapturing();
  return result;
}

function placedAt(view: OverrideView, pos: number): PlacedOverride {
  const { quote: _q, createdAt: _c, ...rest } = view;
  return { ...rest, pos };
}
