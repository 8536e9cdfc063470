/**
 * Items with their spans for other annotation tools:
 *
 * - Label Studio: `labelstudio/tasks.json`, one task per item. `data.text` is
 *   the item's text (its span of the meeting's normalized text) with the
 *   item's ids beside it; `predictions` hold what the parser read (title,
 *   case number, the four fields as labelled spans; the decision type as a
 *   choice); `annotations` hold each analyst's labelled spans (`data.annotators`
 *   names who made each). Offsets are
 *   into `data.text`, in UTF-16 code units as Label Studio's editor counts
 *   them. `labelstudio/config.xml` is the labelling interface the results
 *   name (`from_name`/`to_name`).
 * - doccano: `doccano.jsonl`, one item a line for sequence labelling: `text`,
 *   `label` as [start, end, label] with offsets in code points (as doccano,
 *   written in Python, counts them), the parser's fields and the analysts'
 *   labels alike, and the item's ids as metadata.
 */
import { FIELD_NAMES } from '../minutes/model.ts';
import { DECISION_TYPES } from '../minutes/decision.ts';
import type { CuratedDocument } from './model.ts';
import type { ItemRow } from './rows.ts';
import { codePointCounter } from './web-annotation.ts';

const FIELD_LABELS: Record<(typeof FIELD_NAMES)[number], string> = {
  baggrund: 'Baggrund',
  indstilling: 'Indstilling',
  sagsfremstilling: 'Sagsfremstilling',
  beslutning: 'Beslutning',
};
const STRUCTURE_LABELS = ['Titel', 'Sagsnummer', ...Object.values(FIELD_LABELS)];

interface ItemText {
  row: ItemRow;
  text: string;
  /** Spans in `text` (UTF-16), each with its label and where it came from. */
  structure: { start: number; end: number; label: string }[];
  labelled: { start: number; end: number; label: string; author: string; annotationId: string }[];
}

function itemTexts(rows: readonly ItemRow[], docs: readonly CuratedDocument[]): ItemText[] {
  const byId = new Map(docs.map((d) => [d.documentId, d]));
  return rows.map((row) => {
    const full = byId.get(row.documentId)?.meeting.text ?? '';
    const base = row.span.start;
    const text = full.slice(row.span.start, row.span.end);
    const inside = (s: { start: number; end: number }) => ({ start: Math.max(0, s.start - base), end: Math.min(text.length, s.end - base) });
    const structure: ItemText['structure'] = [];
    if (row.titleSpan.end > row.titleSpan.start) structure.push({ ...inside(row.titleSpan), label: 'Titel' });
    if (row.caseSpan && row.caseSpan.end > row.caseSpan.start) structure.push({ ...inside(row.caseSpan), label: 'Sagsnummer' });
    for (const [name, span] of Object.entries(row.fieldSpans) as [(typeof FIELD_NAMES)[number], { start: number; end: number }][]) {
      if (span.end > span.start) structure.push({ ...inside(span), label: FIELD_LABELS[name] });
    }
    const labelled: ItemText['labelled'] = [];
    for (const a of row.annotations) {
      if (a.start === null || a.end === null) continue;
      const s = inside({ start: a.start, end: a.end });
      if (s.end <= s.start) continue;
      for (const l of a.labels) labelled.push({ ...s, label: l.label, author: l.author, annotationId: a.id });
    }
    return { row, text, structure: structure.filter((s) => s.end > s.start), labelled };
  });
}

const meta = (row: ItemRow) => ({
  itemId: row.id,
  documentId: row.documentId,
  meetingId: row.meetingId,
  body: row.body,
  date: row.date,
  number: row.number,
  sectionNo: row.sectionNo,
  itemNo: row.itemNo,
  title: row.title,
  caseNumber: row.caseNumber,
  finalLabels: row.finalLabels,
  reviewStatus: row.reviewStatus,
});

export interface LabelStudioResult {
  id: string;
  from_name: string;
  to_name: 'text';
  type: 'labels' | 'choices';
  value: { start: number; end: number; text: string; labels: string[] } | { choices: string[] };
}

export interface LabelStudioTask {
  /** The item's text and ids; `annotators[i]` made `annotations[i]`. */
  data: { text: string; annotators: string[] } & ReturnType<typeof meta>;
  predictions: { model_version: string; result: LabelStudioResult[] }[];
  annotations: { result: LabelStudioResult[]; ground_truth: boolean }[];
}

/** The label names of the analysts' spans: the taxonomy's labels and any other label used. */
function analystLabels(items: readonly ItemText[], taxonomy: readonly string[]): string[] {
  return [...new Set([...taxonomy, ...items.flatMap((i) => i.labelled.map((l) => l.label))])];
}

export function labelStudioTasks(rows: readonly ItemRow[], docs: readonly CuratedDocument[], modelVersion: string): LabelStudioTask[] {
  return itemTexts(rows, docs).map(({ row, text, structure, labelled }) => {
    const span = (s: { start: number; end: number; label: string }, from: string, id: string): LabelStudioResult => ({
      id,
      from_name: from,
      to_name: 'text',
      type: 'labels',
      value: { start: s.start, end: s.end, text: text.slice(s.start, s.end), labels: [s.label] },
    });
    const predicted = structure.map((s, i) => span(s, 'structure', `p${i + 1}`));
    if (row.decisionType && row.decisionTypeSource === 'rule') {
      predicted.push({ id: 'decision', from_name: 'decision', to_name: 'text', type: 'choices', value: { choices: [row.decisionType] } });
    }
    const authors = [...new Set(labelled.map((l) => l.author))];
    return {
      data: { text, annotators: authors, ...meta(row) },
      predictions: [{ model_version: modelVersion, result: predicted }],
      annotations: authors.map((author) => ({
        result: labelled.filter((l) => l.author === author).map((l, i) => span(l, 'label', `${l.annotationId}-${i + 1}`)),
        ground_truth: false,
      })),
    };
  });
}

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** The Label Studio labelling interface the tasks' results name. */
export function labelStudioConfig(rows: readonly ItemRow[], docs: readonly CuratedDocument[], taxonomy: readonly string[] = []): string {
  const labels = analystLabels(itemTexts(rows, docs), taxonomy);
  return [
    '<View>',
    '  <Header value="$number $title ($date)"/>',
    '  <Labels name="structure" toName="text">',
    ...STRUCTURE_LABELS.map((l) => `    <Label value="${xml(l)}"/>`),
    '  </Labels>',
    '  <Labels name="label" toName="text">',
    ...labels.map((l) => `    <Label value="${xml(l)}"/>`),
    '  </Labels>',
    '  <Text name="text" value="$text"/>',
    '  <Choices name="decision" toName="text" choice="single">',
    ...DECISION_TYPES.map((d) => `    <Choice value="${xml(d)}"/>`),
    '  </Choices>',
    '</View>',
    '',
  ].join('\n');
}

/** doccano sequence labelling, one item a line. */
export function doccanoJsonl(rows: readonly ItemRow[], docs: readonly CuratedDocument[]): string {
  let out = '';
  for (const { row, text, structure, labelled } of itemTexts(rows, docs)) {
    const cp = codePointCounter(text);
    const label = [...structure, ...labelled].map((s) => [cp(s.start), cp(s.end), s.label] as const);
    out += JSON.stringify({ id: row.id, text, label, ...meta(row) }) + '\n';
  }
  return out;
}
