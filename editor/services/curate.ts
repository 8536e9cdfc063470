/**
 * Between a StudioDoc (the Y.Doc the editor and the sync server hold) and a
 * CuratedDocument (the plain input of dataset exports, core/export). Reading
 * resolves anchors to offsets at this edge; writing builds the Y types back
 * with the same ids, times, quotes and contexts, so that writing what was read
 * and reading it again gives the same curated document.
 */
import * as Y from 'yjs';
import type { FieldName, Source } from '../../core/minutes/model.ts';
import type { ParseOptions } from '../../core/minutes/parse.ts';
import { forEverySpan } from '../../core/minutes/spans.ts';
import { boxesForRuns } from '../../core/pdf/text-layer.ts';
import { isoTime, type Adjudication, type CuratedDocument, type ReviewRecord } from '../../core/export/model.ts';
import { createAnchor, resolveAnchor, type TextAnchor } from '../model/anchor.ts';
import { lineAt, parseWithOverrides, type OverrideKind } from '../model/overrides.ts';
import { labelMarksOf, labelSet, StudioDoc, type Comment, type ReviewStatus } from '../model/studio-doc.ts';

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
  const review = byKey<ReviewRecord>(
    [...doc.review.entries()].map(([n, status]) => {
      const mark = doc.reviewMarkOf(n);
      return [n, { status, by: mark?.by ?? null, at: isoTime(mark?.at) }];
    }),
  );
  const adjudications = [...adjudicationsOf(doc).values()]
    .map((a) => ({ itemNumber: a.itemNumber, label: a.label, value: a.value, decidedBy: a.decidedBy, at: a.at, note: a.note ?? null }))
    .sort((a, b) => a.at.localeCompare(b.at) || a.itemNumber.localeCompare(b.itemNumber, 'en', { numeric: true }) || a.label.localeCompare(b.label));
  return { documentId, meeting, overrides, annotations, review, adjudications, meta, ...(pageRuns.length ? { pageRuns } : {}) };
}

/** An anchor that resolves to nothing in any document: for an annotation whose text was already gone. */
function orphanAnchor(quote: string, prefix: string, suffix: string): TextAnchor {
  const nowhere = Y.encodeRelativePosition(Y.createRelativePositionFromJSON({ item: { client: 0, clock: 0 }, assoc: 0 }));
  return { start: nowhere, end: nowhere, quote, prefix, suffix, hint: 0 };
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
    for (const [n, r] of Object.entries(curated.review)) {
      doc.review.set(n, r.status as ReviewStatus);
      if (r.by !== null && r.at !== null) doc.reviewMarks.set(n, { by: r.by, at: Date.parse(r.at) });
    }
    const adjudications = adjudicationsOf(doc);
    for (const a of curated.adjudications) adjudications.set(adjudicationKey(a.itemNumber, a.label), a);
  });
  if (curated.pageRuns?.length) doc.setPageRuns(curated.pageRuns);
}
