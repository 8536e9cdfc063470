/** The dataset card (README.md written next to every export): what, when, from where, counts, labels, agreement, schema. */
import type { LabelAgreement } from './agreement.ts';
import type { ExportFilter } from './filter.ts';
import type { ItemRow } from './rows.ts';

export interface CardInput {
  rows: readonly ItemRow[];
  agreement: readonly LabelAgreement[];
  filter: ExportFilter;
  /** ISO 8601 time of the export. */
  generatedAt: string;
  /** Where the documents came from: files or a workspace on a server. */
  origin: string;
  /** The files written, with one line saying what each holds. */
  files: readonly { name: string; description: string }[];
  tool: string;
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

export function datasetCard(input: CardInput): string {
  const { rows } = input;
  const meetings = new Map<string, ItemRow>();
  for (const r of rows) if (!meetings.has(r.meetingId)) meetings.set(r.meetingId, r);
  const dates = [...meetings.values()].map((r) => r.date).filter((d): d is string => d !== null).sort();
  const bodies = count(rows.map((r) => r.body));
  const review = count(rows.map((r) => r.reviewStatus));
  const decisions = count(rows.map((r) => r.decisionType ?? '(no decision text)'));
  const labels = count(rows.flatMap((r) => r.finalLabels));
  const analysts = new Set(rows.flatMap((r) => r.annotations.map((a) => a.author)));
  const annotations = rows.reduce((s, r) => s + r.annotations.length, 0);
  const comments = rows.reduce((s, r) => s + r.comments.length, 0);
  const cases = new Set(rows.map((r) => r.caseNumber).filter(Boolean));
  const sources = [...meetings.values()].map((r) => `- ${cell(r.meetingId)}: ${cell(r.source.url ?? r.source.name)}${r.source.sha256 ? ` (sha256 ${r.source.sha256})` : ''}${r.source.fingerprint ? `, PDF fingerprint ${r.source.fingerprint}` : ''}`);

  const lines = [
    '# Referat Studio dataset',
    '',
    'Agenda items of the minutes KL publishes for its regional councils (KKR), read by Referat Studio, with the corrections, labels, comments and review of its analysts. One row per item; every row cites its source document (SHA-256, PDF fingerprint), its text offsets and, for PDFs, its page boxes.',
    '',
    '## What and when',
    '',
    `- Exported: ${input.generatedAt} by ${input.tool}`,
    `- From: ${input.origin}`,
    `- Selection: ${describeFilter(input.filter)}`,
    `- Schema version: 1 (see item.schema.json)`,
    '',
    '## Counts',
    '',
    '| what | count |',
    '| --- | ---: |',
    `| documents | ${new Set(rows.map((r) => r.documentId)).size} |`,
    `| meetings (distinct meeting ids) | ${meetings.size} |`,
    `| items | ${rows.length} |`,
    `| cases (distinct case numbers) | ${cases.size} |`,
    `| annotations | ${annotations} |`,
    `| comments | ${comments} |`,
    `| analysts | ${analysts.size} |`,
    `| first meeting | ${dates[0] ?? '–'} |`,
    `| last meeting | ${dates.at(-1) ?? '–'} |`,
    '',
    table('Bodies', 'body', bodies),
    table('Review status', 'status', review),
    table('Decision types', 'decision type', decisions),
    table('Label distribution (after adjudication)', 'label', labels),
    '## Agreement between analysts',
    '',
    ...(input.agreement.length
      ? [
          'Per label, over the items that two or more analysts labelled independently (an analyst rated an item when they annotated it). Cohen’s κ with two analysts, Fleiss’ κ with more; "items" is how many items the figure rests on.',
          '',
          '| label | method | κ | observed agreement | items | analysts |',
          '| --- | --- | ---: | ---: | ---: | ---: |',
          ...input.agreement.map((a) => `| ${cell(a.label)} | ${a.method === 'cohen' ? 'Cohen' : 'Fleiss'} | ${fmt(a.kappa)} | ${fmt(a.observed)} | ${a.items} | ${a.raters} |`),
        ]
      : ['No item was labelled by two or more analysts, so there is no agreement to report.']),
    '',
    '## Sources',
    '',
    ...(sources.length ? sources : ['(none)']),
    '',
    '## Files',
    '',
    ...input.files.map((f) => `- \`${f.name}\`: ${f.description}`),
    '',
    '## Schema',
    '',
    'Column names follow the public data contract (Meeting → Section → Item → Field). Offsets are UTF-16 code units into the meeting’s normalized text; page boxes are PDF user units on 1-based pages. In CSV a list or object is JSON in its cell and null is an empty cell; in Parquet lists and objects are JSON columns. `decisionTypeSource` says whether the decision type was settled by a curator (adjudication), set by an analyst (label) or read from the Beslutning text by rules (rule). The full schema is item.schema.json (JSON Schema draft-07).',
    '',
  ];
  return lines.join('\n');
}

function count(values: readonly string[]): [string, number][] {
  const m = new Map<string, number>();
  for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
  return [...m.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'da'));
}

function table(title: string, what: string, rows: [string, number][]): string {
  if (rows.length === 0) return `## ${title}\n\n(none)\n`;
  return [`## ${title}`, '', `| ${what} | items |`, '| --- | ---: |', ...rows.map(([k, n]) => `| ${cell(k)} | ${n} |`), ''].join('\n');
}

function fmt(x: number | null): string {
  return x === null ? 'undefined' : x.toFixed(3);
}

export function describeFilter(f: ExportFilter): string {
  const parts: string[] = [];
  if (f.approvedOnly) parts.push('approved items only');
  if (f.body) parts.push(`body ${f.body}`);
  if (f.from || f.to) parts.push(`meetings ${f.from ?? '…'} to ${f.to ?? '…'}`);
  if (f.labels?.length) parts.push(`items labelled ${f.labels.join(' or ')}`);
  if (f.documentIds) parts.push(`${f.documentIds.length} selected documents`);
  return parts.length ? parts.join('; ') : 'everything';
}
