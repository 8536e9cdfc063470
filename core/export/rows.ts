/**
 * One row per item: the flat view every tabular format (JSONL, CSV, Parquet)
 * writes. Column names follow the data contract (core/minutes/model.ts); the
 * key order here is the column order of every format.
 */
import { FIELD_NAMES, SCHEMA_VERSION, type Item, type Meeting, type Person, type Section, type Span } from '../minutes/model.ts';
import { decisionTypeOf, isDecisionLabel, type DecisionType } from '../minutes/decision.ts';
import type { Adjudication, CuratedAnnotation, CuratedDocument, ReviewStatus } from './model.ts';

export interface RowLabel {
  label: string;
  author: string;
  at: string;
  annotationId: string;
}

export interface RowComment {
  annotationId: string;
  id: string;
  author: string;
  text: string;
  at: string;
  replyTo: string | null;
}

export interface RowSource {
  name: string;
  url: string | null;
  sha256: string;
  fingerprint: string | null;
  pages: number | null;
}

export interface ItemRow {
  schemaVersion: typeof SCHEMA_VERSION;
  documentId: string;
  meetingId: string;
  body: string;
  kind: Meeting['kind'];
  date: string | null;
  location: string | null;
  sectionNumber: string;
  sectionTitle: string;
  id: string;
  /** The item's number as printed ("2.10"): text, never a decimal. */
  number: string;
  /** The section part of `number` as an integer (2 for "2.10"), so items sort and stay distinct where a reader takes `number` for a decimal; null when the number has none. */
  sectionNo: number | null;
  /** The item part of `number` as an integer (10 for "2.10"); null when the number has none. */
  itemNo: number | null;
  title: string;
  caseNumber: string | null;
  caseworkers: string[];
  baggrund: string | null;
  indstilling: string | null;
  sagsfremstilling: string | null;
  beslutning: string | null;
  decisionType: DecisionType | null;
  /** Where `decisionType` comes from: a curator, an analyst's label, or the rules on the Beslutning text. */
  decisionTypeSource: 'adjudication' | 'label' | 'rule' | null;
  labels: RowLabel[];
  /** The item's labels after adjudication: what the dataset says the item is. */
  finalLabels: string[];
  adjudications: Omit<Adjudication, 'itemNumber'>[];
  comments: RowComment[];
  annotations: CuratedAnnotation[];
  reviewStatus: ReviewStatus;
  reviewedBy: string | null;
  reviewedAt: string | null;
  /** Lines marked "./.", as spans with their page boxes. */
  attachments: Span[];
  participants: Person[];
  absent: Person[];
  source: RowSource;
  /** The item's span in `Meeting.text`, with page boxes for a PDF. */
  span: Span;
  titleSpan: Span;
  caseSpan: Span | null;
  /** Each field's span, keyed by field name, in document order. */
  fieldSpans: Partial<Record<(typeof FIELD_NAMES)[number], Span>>;
}

/** The column names, in order. */
export const ROW_COLUMNS = [
  'schemaVersion', 'documentId', 'meetingId', 'body', 'kind', 'date', 'location', 'sectionNumber', 'sectionTitle',
  'id', 'number', 'sectionNo', 'itemNo', 'title', 'caseNumber', 'caseworkers', ...FIELD_NAMES, 'decisionType', 'decisionTypeSource',
  'labels', 'finalLabels', 'adjudications', 'comments', 'annotations', 'reviewStatus', 'reviewedBy', 'reviewedAt',
  'attachments', 'participants', 'absent', 'source', 'span', 'titleSpan', 'caseSpan', 'fieldSpans',
] as const satisfies readonly (keyof ItemRow)[];

/** The annotations whose start lies in `span` (orphans lie nowhere). */
export function annotationsIn(annotations: readonly CuratedAnnotation[], span: Span): CuratedAnnotation[] {
  return annotations.filter((a) => a.start !== null && a.start >= span.start && a.start < Math.max(span.end, span.start + 1));
}

/** Every item row of one curated document, in document order. */
export function documentRows(doc: CuratedDocument): ItemRow[] {
  const rows: ItemRow[] = [];
  for (const section of doc.meeting.sections) for (const item of section.items) rows.push(itemRow(doc, section, item));
  return rows;
}

export function datasetRows(docs: readonly CuratedDocument[]): ItemRow[] {
  return docs.flatMap(documentRows);
}

function itemRow(doc: CuratedDocument, section: Section, item: Item): ItemRow {
  const m = doc.meeting;
  const annotations = annotationsIn(doc.annotations, item.span);
  const labels: RowLabel[] = annotations.flatMap((a) => a.labels.map((l) => ({ label: l.label, author: l.author, at: l.at, annotationId: a.id })));
  const adjudications = doc.adjudications.filter((a) => a.itemNumber === item.number).map(({ itemNumber: _n, ...rest }) => rest);
  const finalLabels = settle(labels.map((l) => l.label), adjudications);
  const review = doc.review[item.number];
  const decided = decisionOf(finalLabels, adjudications, item.fields.beslutning?.text ?? null);
  const fieldSpans: ItemRow['fieldSpans'] = {};
  for (const [name, field] of Object.entries(item.fields) as [keyof ItemRow['fieldSpans'], { span: Span }][]) fieldSpans[name] = field.span;
  return {
    schemaVersion: SCHEMA_VERSION,
    documentId: doc.documentId,
    meetingId: m.id,
    body: m.body,
    kind: m.kind,
    date: m.date,
    location: m.location,
    sectionNumber: section.number,
    sectionTitle: section.title,
    id: item.id,
    number: item.number,
    ...numberParts(item.number, section.number),
    title: item.title,
    caseNumber: item.caseNumber,
    caseworkers: item.caseworkers,
    baggrund: item.fields.baggrund?.text ?? null,
    indstilling: item.fields.indstilling?.text ?? null,
    sagsfremstilling: item.fields.sagsfremstilling?.text ?? null,
    beslutning: item.fields.beslutning?.text ?? null,
    decisionType: decided.type,
    decisionTypeSource: decided.source,
    labels,
    finalLabels,
    adjudications,
    comments: annotations.flatMap((a) => a.comments.map((c) => ({ annotationId: a.id, ...c }))),
    annotations,
    reviewStatus: review?.status ?? 'unreviewed',
    reviewedBy: review?.by ?? null,
    reviewedAt: review?.at ?? null,
    attachments: item.attachments,
    participants: m.participants,
    absent: m.absent,
    source: {
      name: m.source.name,
      url: m.source.url ?? null,
      sha256: m.source.sha256,
      fingerprint: m.source.pdf?.fingerprint ?? null,
      pages: m.source.pages ?? null,
    },
    span: item.span,
    titleSpan: item.titleSpan,
    caseSpan: item.caseSpan ?? null,
    fieldSpans,
  };
}

/**
 * The integer parts of an item number: "2.10" → 2 and 10. A number without an
 * item part takes its section from the section's number, where that is an integer.
 */
export function numberParts(number: string, sectionNumber: string): { sectionNo: number | null; itemNo: number | null } {
  const m = /^(\d+)\.(\d+)$/.exec(number.trim());
  if (m) return { sectionNo: Number(m[1]), itemNo: Number(m[2]) };
  const s = /^\d+$/.exec(sectionNumber.trim());
  return { sectionNo: s ? Number(s[0]) : null, itemNo: null };
}

/** The analysts' labels (first-seen order, once each), then each adjudication applied in time order. */
export function settle(labels: readonly string[], adjudications: readonly Pick<Adjudication, 'label' | 'value' | 'at'>[]): string[] {
  const out = [...new Set(labels)];
  for (const a of [...adjudications].sort((x, y) => (x.at < y.at ? -1 : x.at > y.at ? 1 : 0))) {
    const i = out.indexOf(a.label);
    if (a.value && i < 0) out.push(a.label);
    if (!a.value && i >= 0) out.splice(i, 1);
  }
  return out;
}

function decisionOf(
  finalLabels: readonly string[],
  adjudications: readonly Pick<Adjudication, 'label' | 'value'>[],
  beslutning: string | null,
): { type: DecisionType | null; source: ItemRow['decisionTypeSource'] } {
  const adjudicated = adjudications.filter((a) => a.value && isDecisionLabel(a.label) && finalLabels.includes(a.label)).at(-1);
  if (adjudicated && isDecisionLabel(adjudicated.label)) return { type: adjudicated.label, source: 'adjudication' };
  const labelled = finalLabels.find(isDecisionLabel);
  if (labelled) return { type: labelled, source: 'label' };
  const ruled = decisionTypeOf(beslutning);
  return { type: ruled, source: ruled ? 'rule' : null };
}

