/**
 * One document of the workbench as a Y.Doc: its text (`Y.Text('text')`), its
 * structure overrides and annotations (`Y.Array` of `Y.Map`s anchored with
 * relative positions) and item review states (`Y.Map` of entries anchored to
 * the items' headings, see review.ts). Collaboration only has
 * to add a provider to this Y.Doc. Local changes carry `LOCAL_ORIGIN` and are
 * undoable through one `Y.UndoManager` shared with the text binding.
 */
import * as Y from 'yjs';
import type { FieldName, Item, Meeting } from '../minutes/model.ts';
import type { PageRun } from '../pdf/text-layer.ts';
import { createAnchor, resolveAnchor, type TextAnchor } from './anchor.ts';
import { lineAt, parseWithOverrides, validateOverride, type OverrideKind, type PlacedOverride } from './overrides.ts';
import { headingKey, resolveReviews, reviewEntry, type ItemHeading, type ItemReview, type OrphanedReview, type ReviewEntry, type ReviewMark, type ReviewStatus } from './review.ts';

export { REVIEW_STATUSES, type ItemHeading, type ItemReview, type OrphanedReview, type ReviewEntry, type ReviewMark, type ReviewStatus } from './review.ts';

export const LOCAL_ORIGIN = Symbol('referat-local');
/** Carrying a document written by an older version over to the current form: not undoable. */
export const MIGRATION_ORIGIN = Symbol('referat-migration');

export interface OverrideSpec {
  kind: OverrideKind;
  number?: string;
  field?: FieldName;
  value?: string;
}

export interface OverrideView extends OverrideSpec {
  id: string;
  /** Start of the line it applies to, or null when that line is gone (orphaned). */
  pos: number | null;
  quote: string;
  createdAt: number;
}

export interface Comment {
  id: string;
  author: string;
  text: string;
  at: number;
  /** The comment this one answers, or null for a top-level comment. */
  replyTo: string | null;
}

/** Who set a label on an annotation, and when (ms since the epoch); `seq` orders labels set at the same moment. */
export interface LabelMark {
  by: string;
  at: number;
  seq?: number;
}

export interface AnnotationView {
  id: string;
  from: number | null;
  to: number | null;
  orphaned: boolean;
  quote: string;
  labels: string[];
  /** Label → who set it and when (labels older than this record fall back to the annotation's author and time). */
  labelMarks: Record<string, LabelMark>;
  comments: Comment[];
  author: string;
  createdAt: number;
}

export interface StudioDocDeps {
  now?: () => number;
  newId?: () => string;
}

let counter = 0;
const defaultId = () => `${Date.now().toString(36)}${(counter++).toString(36)}${Math.random().toString(36).slice(2, 6)}`;

export class StudioDoc {
  readonly text: Y.Text;
  readonly overrides: Y.Array<Y.Map<unknown>>;
  readonly annotations: Y.Array<Y.Map<unknown>>;
  /** Review entries, each anchored to its item's heading (see review.ts). */
  readonly itemReview: Y.Map<ReviewEntry>;
  /** As older versions stored review: item number → status, and who set it and when. Read, and carried over by `migrateReview`. */
  readonly legacyReview: Y.Map<ReviewStatus>;
  readonly legacyReviewMarks: Y.Map<ReviewMark>;
  readonly meta: Y.Map<unknown>;
  /** A PDF's text runs, each anchored at its first character: `[client, clock, length, page, x, y, width, height]`. */
  readonly pageRuns: Y.Array<number[]>;
  readonly undo: Y.UndoManager;
  private readonly now: () => number;
  private readonly newId: () => string;

  constructor(readonly ydoc: Y.Doc = new Y.Doc(), deps: StudioDocDeps = {}) {
    this.text = ydoc.getText('text');
    this.overrides = ydoc.getArray('overrides');
    this.annotations = ydoc.getArray('annotations');
    this.itemReview = ydoc.getMap('itemReview');
    this.legacyReview = ydoc.getMap('review');
    this.legacyReviewMarks = ydoc.getMap('reviewMarks');
    this.meta = ydoc.getMap('meta');
    this.pageRuns = ydoc.getArray('pageRuns');
    this.undo = new Y.UndoManager([this.text, this.overrides, this.annotations, this.itemReview, this.meta], {
      trackedOrigins: new Set([LOCAL_ORIGIN]),
      captureTimeout: 300,
    });
    this.now = deps.now ?? Date.now;
    this.newId = deps.newId ?? defaultId;
  }

  private change<T>(f: () => T): T {
    let out!: T;
    this.ydoc.transact(() => {
      out = f();
    }, LOCAL_ORIGIN);
    // Each command is its own undo step, apart from typing around it.
    this.undo.stopCapturing();
    return out;
  }

  /** Sets the whole text (import); not undoable. */
  setText(text: string): void {
    this.ydoc.transact(() => {
      this.text.delete(0, this.text.length);
      this.text.insert(0, text);
    });
  }

  // --- the PDF's page runs ----------------------------------------------------

  /**
   * Keeps a PDF's text runs (offsets in the current text), each anchored at
   * its first character so that it follows edits; replaces what was kept.
   * Part of importing: not undoable.
   */
  setPageRuns(runs: readonly PageRun[]): void {
    const r2 = (v: number) => Math.round(v * 100) / 100;
    const rows: number[][] = [];
    for (const r of runs) {
      if (r.start >= this.text.length || r.end <= r.start) continue;
      const item = Y.createRelativePositionFromTypeIndex(this.text, r.start).item;
      if (item) rows.push([item.client, item.clock, r.end - r.start, r.page, r2(r.x), r2(r.y), r2(r.width), r2(r.height)]);
    }
    this.ydoc.transact(() => {
      this.pageRuns.delete(0, this.pageRuns.length);
      this.pageRuns.push(rows);
    });
  }

  /** The PDF's runs where their text is now, in text order (a run ends where the next begins, at the latest); empty for a document not read from a PDF. */
  currentPageRuns(): PageRun[] {
    const out: PageRun[] = [];
    for (const [client, clock, length, page, x, y, width, height] of this.pageRuns.toArray() as number[][]) {
      const at = Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON({ item: { client, clock }, assoc: 0 }), this.ydoc);
      if (!at) continue;
      out.push({ start: at.index, end: at.index + length!, page: page!, x: x!, y: y!, width: width!, height: height! });
    }
    out.sort((a, b) => a.start - b.start);
    const end = this.text.length;
    for (let i = 0; i < out.length; i++) out[i]!.end = Math.min(out[i]!.end, out[i + 1]?.start ?? end, end);
    return out.filter((r) => r.end > r.start);
  }

  // --- structure overrides -------------------------------------------------

  /** Adds an override for the line holding `pos`; throws a RangeError on bad arguments. */
  addOverride(spec: OverrideSpec, pos: number): string {
    const problem = validateOverride(spec);
    if (problem) throw new RangeError(problem);
    const text = this.text.toString();
    const line = lineAt(text, pos);
    const id = this.newId();
    this.change(() => {
      const m = new Y.Map<unknown>();
      m.set('id', id);
      m.set('kind', spec.kind);
      if (spec.number !== undefined) m.set('number', spec.number);
      if (spec.field !== undefined) m.set('field', spec.field);
      if (spec.value !== undefined) m.set('value', spec.value);
      m.set('anchor', createAnchor(this.text, line.start, line.end));
      m.set('createdAt', this.now());
      this.overrides.push([m]);
    });
    return id;
  }

  removeOverride(id: string): boolean {
    const index = this.overrides.toArray().findIndex((m) => m.get('id') === id);
    if (index < 0) return false;
    this.change(() => this.overrides.delete(index, 1));
    return true;
  }

  /** Every override with where it applies now (null: its line is gone). */
  overrideViews(text = this.text.toString()): OverrideView[] {
    return this.overrides.toArray().map((m) => {
      const anchor = m.get('anchor') as TextAnchor;
      const range = resolveAnchor(this.text, anchor, text);
      const view: OverrideView = {
        id: m.get('id') as string,
        kind: m.get('kind') as OverrideKind,
        pos: range ? lineAt(text, range.from).start : null,
        quote: anchor.quote,
        createdAt: m.get('createdAt') as number,
      };
      for (const k of ['number', 'field', 'value'] as const) {
        const v = m.get(k);
        if (v !== undefined) (view as unknown as Record<string, unknown>)[k] = v;
      }
      return view;
    });
  }

  /** The overrides the parse applies: those still anchored, in the order they were made. */
  placedOverrides(text = this.text.toString()): PlacedOverride[] {
    return this.overrideViews(text)
      .filter((o): o is OverrideView & { pos: number } => o.pos !== null)
      .map(({ quote: _q, createdAt: _c, ...o }) => o);
  }

  // --- annotations ---------------------------------------------------------

  addAnnotation(input: { from: number; to: number; labels?: string[]; comment?: string; author: string }): string {
    const id = this.newId();
    this.change(() => {
      const m = new Y.Map<unknown>();
      m.set('id', id);
      m.set('anchor', createAnchor(this.text, input.from, input.to));
      const labels = [...new Set(input.labels ?? [])];
      const at = this.now();
      m.set('labelSet', labelSet(labels.map((l, seq) => [l, { by: input.author, at, seq }])));
      m.set('author', input.author);
      m.set('createdAt', at);
      const comments = new Y.Array<Comment>();
      if (input.comment?.trim()) comments.push([{ id: this.newId(), author: input.author, text: input.comment.trim(), at: this.now(), replyTo: null }]);
      m.set('comments', comments);
      this.annotations.push([m]);
    });
    return id;
  }

  private annotationMap(id: string): Y.Map<unknown> {
    const m = this.annotations.toArray().find((a) => a.get('id') === id);
    if (!m) throw new RangeError(`No annotation ${id}`);
    return m;
  }

  /**
   * Sets an annotation's labels: a label added now is marked as set by `by`
   * now, labels kept keep their marks. Each label is its own key of a Y.Map,
   * so two people adding or removing different labels at once both count.
   * `keepOthers` (independent labelling, where `by` sees only their own labels):
   * labels someone else set stay, whatever `labels` says.
   */
  setLabels(id: string, labels: string[], by?: string, keepOthers = false): void {
    const m = this.annotationMap(id);
    const next = [...new Set(labels)];
    const before = labelMarksOf(m);
    const at = this.now();
    const who = by ?? String(m.get('author') ?? '');
    this.change(() => {
      let set = m.get('labelSet');
      if (!(set instanceof Y.Map)) {
        // Written before labels had marks: carry the old list over.
        set = labelSet(Object.entries(before));
        m.set('labelSet', set);
        m.delete('labels');
      }
      const map = set as Y.Map<LabelMark>;
      for (const l of [...map.keys()]) if (!next.includes(l) && !(keepOthers && map.get(l)?.by !== who)) map.delete(l);
      next.forEach((l, seq) => {
        if (!map.has(l)) map.set(l, { by: who, at, seq });
      });
    });
  }

  addComment(id: string, text: string, author: string, replyTo: string | null = null): string {
    const m = this.annotationMap(id);
    const cid = this.newId();
    this.change(() => (m.get('comments') as Y.Array<Comment>).push([{ id: cid, author, text: text.trim(), at: this.now(), replyTo }]));
    return cid;
  }

  removeAnnotation(id: string): void {
    const index = this.annotations.toArray().findIndex((a) => a.get('id') === id);
    if (index >= 0) this.change(() => this.annotations.delete(index, 1));
  }

  annotationViews(text = this.text.toString()): AnnotationView[] {
    return this.annotations.toArray().map((m) => {
      const anchor = m.get('anchor') as TextAnchor;
      const range = resolveAnchor(this.text, anchor, text, { fuzzy: true });
      const labelMarks = labelMarksOf(m);
      return {
        id: m.get('id') as string,
        from: range?.from ?? null,
        to: range?.to ?? null,
        orphaned: range === null,
        quote: anchor.quote,
        labels: Object.keys(labelMarks),
        labelMarks,
        comments: (m.get('comments') as Y.Array<Comment>).toArray(),
        author: m.get('author') as string,
        createdAt: m.get('createdAt') as number,
      };
    });
  }

  // --- review --------------------------------------------------------------

  /** The items of the current text parsed with its overrides (no OCR repair), in document order. */
  items(text = this.text.toString()): Item[] {
    return parseWithOverrides(text, this.placedOverrides(text)).sections.flatMap((s) => s.items);
  }

  /** An item of the current parse by its number (the first of that number); throws a RangeError when there is none. */
  private itemNumbered(itemNumber: string, text: string): Item {
    const item = this.items(text).find((i) => i.number === itemNumber);
    if (!item) throw new RangeError(`No item ${itemNumber} in the document`);
    return item;
  }

  /**
   * Each item's review (null: never set), in the order of `items` — items of a
   * parse of the current text, whose spans are offsets into it. A document not
   * yet carried over (`migrateReview`) is read by item number. `only`: the
   * review that person set, as they see it in independent labelling.
   */
  itemReviews(items: readonly ItemHeading[], text = this.text.toString(), only?: string): (ItemReview | null)[] {
    const entries = only === undefined ? this.itemReview.entries() : [...this.itemReview.entries()].filter(([, e]) => e.by === only);
    const { byItem } = resolveReviews(this.text, entries, items, text);
    if (this.legacyReview.size === 0) return byItem;
    return byItem.map((r, i) => {
      if (r) return r;
      const n = items[i]!.number;
      const status = this.legacyReview.get(n);
      const mark = this.legacyReviewMarks.get(n) ?? null;
      return status && (only === undefined || mark?.by === only) ? { key: `legacy:${n}`, status, mark } : null;
    });
  }

  /** Review entries on no item's heading of `items` (its heading deleted, or no heading any more). */
  orphanedReviews(items: readonly ItemHeading[], text = this.text.toString()): OrphanedReview[] {
    return resolveReviews(this.text, this.itemReview.entries(), items, text).orphans;
  }

  /**
   * Item number → status and → who set it, for the items of `meeting` (an
   * item whose number occurs twice shows the first's). For views keyed by number.
   */
  reviewState(meeting: Pick<Meeting, 'sections'> | null, text = this.text.toString(), only?: string): { review: Record<string, ReviewStatus>; reviewMarks: Record<string, ReviewMark> } {
    const items = meeting ? meeting.sections.flatMap((s) => s.items) : [];
    const review: Record<string, ReviewStatus> = {};
    const reviewMarks: Record<string, ReviewMark> = {};
    this.itemReviews(items, text, only).forEach((r, i) => {
      const n = items[i]!.number;
      if (!r || n in review) return;
      review[n] = r.status;
      if (r.mark) reviewMarks[n] = r.mark;
    });
    return { review, reviewMarks };
  }

  /** An item's status: an item of a parse of the current text, or its number in the current parse. */
  reviewOf(item: string | ItemHeading): ReviewStatus {
    return this.reviewFor(item)?.status ?? 'unreviewed';
  }

  reviewMarkOf(item: string | ItemHeading): ReviewMark | null {
    return this.reviewFor(item)?.mark ?? null;
  }

  private reviewFor(item: string | ItemHeading): ItemReview | null {
    const text = this.text.toString();
    const heading = typeof item === 'string' ? this.items(text).find((i) => i.number === item) : item;
    return heading ? (this.itemReviews([heading], text)[0] ?? null) : null;
  }

  /**
   * Sets an item's review status, recording who (when given) and when: `item`
   * is an item of a parse of the current text, or a number looked up in the
   * current parse (a RangeError when no item has it). The status goes to the
   * entry on the item's heading, or to a new one anchored there; `personal`
   * (independent labelling) keeps it in an entry of `by`'s own.
   */
  setReview(item: string | ItemHeading, status: ReviewStatus, by?: string, personal = false): void {
    const text = this.text.toString();
    const heading = typeof item === 'string' ? this.itemNumbered(item, text) : item;
    this.change(() => this.writeReview(heading, status, by ?? null, this.now(), text, personal && by ? by : null));
  }

  /**
   * Sets an item's review as recorded elsewhere (an import, a merge), with its
   * own who and when (none: nobody named); part of the caller's transaction,
   * not an undo step of its own. `item` is an item of a parse of `text`, the current text.
   */
  putReview(item: ItemHeading, status: ReviewStatus, mark: ReviewMark | null, text = this.text.toString()): void {
    this.writeReview(item, status, mark?.by ?? null, mark?.at ?? 0, text);
  }

  /** Keeps a review whose item was already gone (an import of an orphaned entry): it stays orphaned. */
  putOrphanedReview(number: string, quote: string, status: ReviewStatus, mark: ReviewMark | null): void {
    this.itemReview.set(`orphan:${number}:${this.itemReview.size}`, { anchor: orphanAnchor(quote), status, number, by: mark?.by ?? null, at: mark?.at ?? 0 });
  }

  /**
   * `own`: the person's own entry (independent labelling), kept apart from
   * everyone else's under a key of its own; the item's status for everyone is
   * still the latest entry on its heading.
   */
  private writeReview(item: ItemHeading, status: ReviewStatus, by: string | null, at: number, text: string, own: string | null = null): void {
    const entries = own === null ? this.itemReview.entries() : [...this.itemReview.entries()].filter(([k, e]) => e.by === own && k.endsWith(`~${own}`));
    const held = resolveReviews(this.text, entries, [item], text).byItem[0];
    const key = held?.key ?? headingKey(this.text, lineAt(text, item.titleSpan.start).start) + (own === null ? '' : `~${own}`);
    this.itemReview.set(key, reviewEntry(this.text, text, item, status, by, at));
  }

  /** Whether review is still stored by item number, as older versions did. */
  hasLegacyReview(): boolean {
    return this.legacyReview.size > 0;
  }

  /**
   * Carries review stored by item number over to entries anchored on the
   * headings of the items with those numbers (`items`: a parse of `text`, by
   * default the current parse); not undoable. A number no item has stays
   * stored by number — still read, exported as orphaned, and carried over once
   * an item has it. Does nothing when `text` is not the current text (a view
   * that has not caught up with a sync yet). Peers doing this at once write the
   * same keys. Returns how many were carried over.
   */
  migrateReview(items?: readonly Item[], text = this.text.toString()): number {
    if (this.legacyReview.size === 0 || text !== this.text.toString()) return 0;
    const all = items ?? this.items(text);
    const moving = [...this.legacyReview.entries()].flatMap(([n, status]) => {
      const i = all.findIndex((it) => it.number === n);
      return i < 0 ? [] : [{ n, status, i }];
    });
    if (!moving.length) return 0;
    this.ydoc.transact(() => {
      const current = this.itemReviews(all, text);
      for (const { n, status, i } of moving) {
        const mark = this.legacyReviewMarks.get(n);
        // An entry on the heading (set by a newer peer) is newer than the number's.
        const held = current[i];
        if (!held || held.key.startsWith('legacy:')) this.writeReview(all[i]!, status, mark?.by ?? null, mark?.at ?? 0, text);
        this.legacyReview.delete(n);
        this.legacyReviewMarks.delete(n);
      }
    }, MIGRATION_ORIGIN);
    return moving.length;
  }

  /** Runs `f` whenever review changes (entries, or review stored by number). */
  observeReview(f: () => void): () => void {
    const handler = () => f();
    this.itemReview.observe(handler);
    this.legacyReview.observe(handler);
    this.legacyReviewMarks.observe(handler);
    return () => {
      this.itemReview.unobserve(handler);
      this.legacyReview.unobserve(handler);
      this.legacyReviewMarks.unobserve(handler);
    };
  }

  /** Runs `f` whenever anything in the document changes (text, overrides, annotations, review). */
  observe(f: () => void): () => void {
    const handler = () => f();
    this.ydoc.on('afterTransaction', handler);
    return () => this.ydoc.off('afterTransaction', handler);
  }
}

/** An anchor that resolves to nothing in any document, for what was already lost (`quote` says what it was on). */
export function orphanAnchor(quote: string, prefix = '', suffix = ''): TextAnchor {
  const nowhere = Y.encodeRelativePosition(Y.createRelativePositionFromJSON({ item: { client: 0, clock: 0 }, assoc: 0 }));
  return { start: nowhere, end: nowhere, quote, prefix, suffix, hint: 0 };
}

/** A Y.Map of label → mark, to put into an annotation. */
export function labelSet(entries: Iterable<[string, LabelMark]>): Y.Map<LabelMark> {
  const map = new Y.Map<LabelMark>();
  for (const [l, mark] of entries) map.set(l, mark);
  return map;
}

/**
 * An annotation map's labels, each with who set it and when, in the order they
 * were set (time, then place in the list it came with, then name) — the same
 * order for every peer. An annotation written before labels had marks (a plain
 * `labels` list) falls back to the annotation's author and time.
 */
export function labelMarksOf(m: Y.Map<unknown>): Record<string, LabelMark> {
  const set = m.get('labelSet');
  let entries: [string, LabelMark][];
  if (set instanceof Y.Map) entries = [...(set as Y.Map<LabelMark>).entries()];
  else {
    const fallback = { by: String(m.get('author') ?? ''), at: Number(m.get('createdAt') ?? 0) };
    entries = ((m.get('labels') as string[] | undefined) ?? []).map((l, seq) => [l, { ...fallback, seq }]);
  }
  entries.sort(([a, x], [b, y]) => x.at - y.at || (x.seq ?? 0) - (y.seq ?? 0) || (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries);
}
