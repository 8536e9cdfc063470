/**
 * Between a StudioDoc (the Y.Doc the editor and the sync server hold) and a
 * CuratedDocument (the plain input of dataset exports, core/export). Reading
 * resolves anchors to offsets at this edge; writing builds the Y types back
 * with the same ids, times, quotes and contexts, so that writing what was read
 * and reading it again gives the same curated document.
 */
import * as Y from 'yjs';
import type { FieldName, Source } from '../minutes/model.ts';
import type { ParseOptions } from '../minutes/parse.ts';
import { forEverySpan } from '../minutes/spans.ts';
import { boxesForRuns } from '../pdf/text-layer.ts';
import { isoTime, type Adjudication, type CuratedDocument, type DoneMark, type OrphanedReviewRecord, type ReviewRecord } from '../export/model.ts';
import { createAnchor, resolveAnchor, type TextAnchor } from './anchor.ts';
import { doneBy, doneMarksOf } from './done.ts';
import { headingKey, headingRange } from './review.ts';
import { lineAt, parseWithOverrides, type OverrideKind } from './overrides.ts';
import { labelMarksOf, labelSet, orphanAnchor, StudioDoc, type Comment, type ReviewMark, type ReviewStatus } from './studio-doc.ts';

/** The Y.Map of a StudioDoc's Y.Doc holding adjudications: `${itemNumber}\u001f${label}` → Adjudication. */
export const ADJUDICATIONS = 'adjudications';

const adjudicationKey = (itemNumber: string, label: string) => `${itemNumber}\u001f${label}`;

export function adjudicationsOf(doc: StudioDoc): Y.Map<Adjudication> {
  return doc.ydoc.getMap<Adjudication>(ADJUDICATIONS);
}

/** Records a curator's final word on one label of one item (the last word on the same pair replaces it). */
export function adjudicate(doc: StudioDoc, decision: Omit<Adjudication, 'at' | 'note'> & { note?: string | null }, now: () => number = Date.now): void {
  const map = adjudicationsOf(doc);
  const record: Adjudication = { ...decision, at: new Date(now()).toISOString(), note: decision.note ?? null };
  doc.ydoc.transact(() => map.set(adjudicationKey(decision.itemNumber, decision.label), record));
}

export interface CurateOptions {
  /** Passed to the parser (the OCR repairer, for one). */
  parse?: Omit<ParseOptions, 'source' | 'includeText'>;
  /**
   * Independent labelling, seen by one analyst: only their own labels, comments,
   * review and done marks (and the annotations they made or labelled), and no
   * adjudications, as the editor shows them (core/document/labelling.ts).
   */
  only?: string;
}

/** The source a document's meta names (`meta.source`, else its file name). */
export function sourceFromMeta(documentId: string, meta: Record<string, unknown>): Source {
  const s = meta.source;
  if (s && typeof s === 'object' && typeof (s as Source).name === 'string') return s as Source;
  return { name: typeof meta.fileName === 'string' ? meta.fileName : documentId, sha256: '' };
}

const byKey = <T>(entries: [string, T][]): Record<string, T> =>
  Object.fromEntries(entries.sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true })));

/** Reads a StudioDoc into a curated document: its text parsed with its overrides, its anchors resolved. */
export function curatedFromStudioDoc(documentId: string, doc: StudioDoc, options: CurateOptions = {}): CuratedDocument {
  const text = doc.text.toString();
  const meta = byKey(Object.entries(doc.meta.toJSON() as Record<string, unknown>));
  const meeting = parseWithOverrides(text, doc.placedOverrides(text), { ...options.parse, source: sourceFromMeta(documentId, meta) }) as CuratedDocument['meeting'];
  // Read from a PDF: every span gets its page boxes from the runs, where their text is now.
  const pageRuns = doc.currentPageRuns();
  if (pageRuns.length) forEverySpan(meeting, (span) => void (span.pages = boxesForRuns(pageRuns, span.start, span.end)));
  const overrides = doc.overrideViews(text).map((o) => ({
    id: o.id,
    kind: o.kind,
    pos: o.pos,
    quote: o.quote,
    ...(o.number !== undefined ? { number: o.number } : {}),
    ...(o.field !== undefined ? { field: o.field } : {}),
    ...(o.value !== undefined ? { value: o.value } : {}),
    createdAt: isoTime(o.createdAt) ?? '',
  }));
  const annotations = doc.annotations.toArray().map((m) => {
    const anchor = m.get('anchor') as TextAnchor;
    const range = resolveAnchor(doc.text, anchor, text, { fuzzy: true });
    const author = String(m.get('author') ?? '');
    const createdAt = isoTime(m.get('createdAt')) ?? '';
    return {
      id: String(m.get('id')),
      start: range?.from ?? null,
      end: range?.to ?? null,
      orphaned: range === null,
      quote: anchor.quote,
      prefix: anchor.prefix,
      suffix: anchor.suffix,
      labels: Object.entries(labelMarksOf(m)).map(([label, mark]) => ({ label, author: mark.by, at: isoTime(mark.at) ?? createdAt })),
      comments: ((m.get('comments') as Y.Array<Comment> | undefined)?.toArray() ?? []).map((c) => ({
        id: c.id,
        author: c.author,
        text: c.text,
        at: isoTime(c.at) ?? '',
        replyTo: c.replyTo ?? null,
      })),
      author,
      createdAt,
    };
  });
  const who = options.only;
  const own = who === undefined ? annotations : annotations.flatMap((a) => {
    const labels = a.labels.filter((l) => l.author === who);
    return a.author === who || labels.length ? [{ ...a, labels, comments: a.comments.filter((c) => c.author === who) }] : [];
  });
  const { review, orphanedReview } = reviewOf(doc, meeting, text, who);
  const adjudications = who !== undefined ? [] : [...adjudicationsOf(doc).values()]
    .map((a) => ({ itemNumber: a.itemNumber, label: a.label, value: a.value, decidedBy: a.decidedBy, at: a.at, note: a.note ?? null }))
    .sort((a, b) => a.at.localeCompare(b.at) || a.itemNumber.localeCompare(b.itemNumber, 'en', { numeric: true }) || a.label.localeCompare(b.label));
  const done = doneOf(doc, meeting, text).filter((d) => who === undefined || d.by === who);
  return { documentId, meeting, overrides, annotations: own, review, ...(orphanedReview.length ? { orphanedReview } : {}), adjudications, ...(done.length ? { done } : {}), meta, ...(pageRuns.length ? { pageRuns } : {}) };
}

/** Who marked which item done, with when, by item number in this parse (of two items with one number, the first's). */
function doneOf(doc: StudioDoc, meeting: CuratedDocument['meeting'], text: string): DoneMark[] {
  if (doneMarksOf(doc).size === 0) return [];
  const items = meeting.sections.flatMap((s) => s.items);
  const seen = new Set<string>();
  const out: DoneMark[] = [];
  doneBy(doc, items, text).forEach((people, i) => {
    const n = items[i]!.number;
    if (seen.has(n)) return;
    seen.add(n);
    for (const { by, at } of people) out.push({ itemNumber: n, by, at: isoTime(at) ?? '' });
  });
  return out;
}

/**
 * Each item's review keyed by its number in this parse (of two items with one
 * number, the first's), and the reviews on no item's heading, in a fixed order.
 */
function reviewOf(doc: StudioDoc, meeting: CuratedDocument['meeting'], text: string, only?: string): { review: Record<string, ReviewRecord>; orphanedReview: OrphanedReviewRecord[] } {
  const items = meeting.sections.flatMap((s) => s.items);
  const record = (status: ReviewStatus, mark: ReviewMark | null): ReviewRecord => ({ status, by: mark?.by ?? null, at: isoTime(mark?.at) });
  const entries = new Map<string, ReviewRecord>();
  doc.itemReviews(items, text, only).forEach((r, i) => {
    const n = items[i]!.number;
    if (r && !entries.has(n)) entries.set(n, record(r.status, r.mark));
  });
  const orphans = doc.orphanedReviews(items, text).filter(({ entry }) => only === undefined || entry.by === only);
  const orphanedReview: OrphanedReviewRecord[] = orphans.map(({ entry }) => ({
    number: entry.number,
    quote: entry.anchor.quote,
    ...record(entry.status, entry.by === null ? null : { by: entry.by, at: entry.at }),
  }));
  // Not carried over yet (see StudioDoc.migrateReview): a number no item has is orphaned too.
  const numbers = new Set(items.map((i) => i.number));
  for (const [n, status] of doc.legacyReview.entries()) {
    if (only !== undefined && doc.legacyReviewMarks.get(n)?.by !== only) continue;
    if (!numbers.has(n)) orphanedReview.push({ number: n, quote: '', ...record(status, doc.legacyReviewMarks.get(n) ?? null) });
  }
  const key = (r: OrphanedReviewRecord) => JSON.stringify([r.quote, r.status, r.by, r.at]);
  orphanedReview.sort((a, b) => a.number.localeCompare(b.number, 'en', { numeric: true }) || (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  return { review: byKey([...entries]), orphanedReview };
}

/**
 * Writes a curated document into an empty StudioDoc (not
 * undoable). Throws a RangeError when the StudioDoc already has text.
 */
export function writeCuratedToStudioDoc(curated: CuratedDocument, doc: StudioDoc): void {
  if (doc.text.length > 0) throw new RangeError(`document ${curated.documentId} is not empty (${doc.text.length} characters)`);
  const text = curated.meeting.text;
  doc.ydoc.transact(() => {
    doc.text.insert(0, text);
    for (const [k, v] of Object.entries(curated.meta)) doc.meta.set(k, v);
    for (const o of curated.overrides) {
      const m = new Y.Map<unknown>();
      m.set('id', o.id);
      m.set('kind', o.kind as OverrideKind);
      if (o.number !== undefined) m.set('number', o.number);
      if (o.field !== undefined) m.set('field', o.field as FieldName);
      if (o.value !== undefined) m.set('value', o.value);
      if (o.pos === null) m.set('anchor', orphanAnchor(o.quote, '', ''));
      else {
        const line = lineAt(text, o.pos);
        m.set('anchor', { ...createAnchor(doc.text, line.start, line.end), quote: o.quote });
      }
      m.set('createdAt', Date.parse(o.createdAt));
      doc.overrides.push([m]);
    }
    for (const a of curated.annotations) {
      const m = new Y.Map<unknown>();
      m.set('id', a.id);
      const anchor = a.start === null || a.end === null ? orphanAnchor(a.quote, a.prefix, a.suffix) : { ...createAnchor(doc.text, a.start, a.end), quote: a.quote, prefix: a.prefix, suffix: a.suffix };
      m.set('anchor', anchor);
      m.set('labelSet', labelSet(a.labels.map((l, seq) => [l.label, { by: l.author, at: Date.parse(l.at), seq }])));
      m.set('author', a.author);
      m.set('createdAt', Date.parse(a.createdAt));
      const comments = new Y.Array<Comment>();
      comments.push(a.comments.map((c) => ({ id: c.id, author: c.author, text: c.text, at: Date.parse(c.at), replyTo: c.replyTo })));
      m.set('comments', comments);
      doc.annotations.push([m]);
    }
    // Each review anchored to the heading of the item with its number, as the curated parse found it.
    const items = curated.meeting.sections.flatMap((s) => s.items);
    const mark = (r: ReviewRecord): ReviewMark | null => (r.by !== null && r.at !== null ? { by: r.by, at: Date.parse(r.at) } : null);
    for (const [n, r] of Object.entries(curated.review)) {
      const item = items.find((i) => i.number === n);
      if (item) doc.putReview(item, r.status, mark(r), text);
      else doc.putOrphanedReview(n, '', r.status, mark(r));
    }
    for (const r of curated.orphanedReview ?? []) doc.putOrphanedReview(r.number, r.quote, r.status, mark(r));
    const adjudications = adjudicationsOf(doc);
    for (const a of curated.adjudications) adjudications.set(adjudicationKey(a.itemNumber, a.label), a);
    const done = doneMarksOf(doc);
    for (const d of curated.done ?? []) {
      const item = items.find((i) => i.number === d.itemNumber);
      if (!item) continue;
      const { from, to } = headingRange(text, item);
      done.set(`${headingKey(doc.text, from)}~${d.by}`, { anchor: createAnchor(doc.text, from, to), number: d.itemNumber, by: d.by, at: Date.parse(d.at) });
    }
  });
  if (curated.pageRuns?.length) doc.setPageRuns(curated.pageRuns);
}
