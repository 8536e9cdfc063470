/**
 * The editor's Dataset view, without the DOM: what the export form asks for,
 * the preview of what a download will hold (counts, labels, agreement,
 * disputes), and the download itself — every format of core/export zipped into
 * one file, the same files `referat export` writes to a folder.
 */
import { zipSync } from 'fflate';
import pkg from '../../package.json' with { type: 'json' };
import { agreementByLabel, choiceOf, disputes, type Dispute, type LabelAgreement } from '../../core/export/agreement.ts';
import { casesTable } from '../../core/export/cases.ts';
import { checkFilter, filterRows, type ExportFilter } from '../../core/export/filter.ts';
import { EXPORT_FORMATS, exportDataset, exportDatasetAsync, type DatasetFormat, type ExportResult } from '../../core/export/index.ts';
import { REVIEW_STATUSES, type CuratedDocument, type ReviewStatus } from '../../core/export/model.ts';
import { datasetRows } from '../../core/export/rows.ts';
import type { Translate } from '../../core/i18n/translate.ts';
import type { Taxonomy } from '../../core/document/taxonomy.ts';
import type { Labelling } from '../../core/export/model.ts';
import { translator, type MessageKey } from '../i18n.ts';

export const TOOL = `referat-studio ${pkg.version} (editor)`;

export interface DatasetForm {
  /** The whole library (with the workspace's documents while connected), the active document, or the documents chosen. */
  scope: 'library' | 'active' | 'selection';
  /** The documents chosen, for scope 'selection'. */
  documentIds: string[];
  approvedOnly: boolean;
  /** A body to keep, or '' for all. */
  body: string;
  /** ISO dates or ''. */
  from: string;
  to: string;
  labels: string[];
  formats: DatasetFormat[];
}

export const DEFAULT_DATASET_FORM: DatasetForm = { scope: 'library', documentIds: [], approvedOnly: false, body: '', from: '', to: '', labels: [], formats: [...EXPORT_FORMATS] };

export interface DatasetPreview {
  documents: number;
  items: number;
  annotations: number;
  comments: number;
  review: Record<ReviewStatus, number>;
  /** Final labels (after adjudication) and how many chosen items carry each, most frequent first. */
  labels: [string, number][];
  /** Case numbers met in more than one meeting among the chosen items. */
  linkedCases: number;
  agreement: LabelAgreement[];
  disputes: Dispute[];
}

/** The filter a form asks for, or a one-line message (in `t`'s language) saying what is wrong with it. */
export function formFilter(form: DatasetForm, activeId: string | null, t: Translate<MessageKey> = translator('en')): ExportFilter | string {
  if (form.scope === 'active' && !activeId) return t('datasetNoActive');
  if (form.scope === 'selection' && !form.documentIds.length) return t('datasetNoSelection');
  const filter: ExportFilter = {
    ...(form.approvedOnly ? { approvedOnly: true } : {}),
    ...(form.body ? { body: form.body } : {}),
    ...(form.from ? { from: form.from } : {}),
    ...(form.to ? { to: form.to } : {}),
    ...(form.labels.length ? { labels: form.labels } : {}),
    ...(form.scope === 'active' ? { documentIds: [activeId!] } : {}),
    ...(form.scope === 'selection' ? { documentIds: form.documentIds } : {}),
  };
  const problem = checkFilter(filter);
  if (!problem) return filter;
  return filter.from && filter.to && filter.from > filter.to ? t('datasetDateOrder', { from: filter.from, to: filter.to }) : problem.replace(/--(from|to)/g, '$1');
}

/** What a download with this filter would hold. Pure. */
export function previewDataset(docs: readonly CuratedDocument[], filter: ExportFilter): DatasetPreview {
  const rows = filterRows(datasetRows(docs), filter);
  const isChosen = choiceOf(rows);
  const review = Object.fromEntries(REVIEW_STATUSES.map((s) => [s, 0])) as Record<ReviewStatus, number>;
  const labels = new Map<string, number>();
  const annotationIds = new Set<string>();
  let comments = 0;
  for (const r of rows) {
    review[r.reviewStatus]++;
    for (const l of r.finalLabels) labels.set(l, (labels.get(l) ?? 0) + 1);
    for (const a of r.annotations) annotationIds.add(`${r.documentId}\u0000${a.id}`);
    comments += r.comments.length;
  }
  return {
    documents: new Set(rows.map((r) => r.documentId)).size,
    items: rows.length,
    annotations: annotationIds.size,
    comments,
    review,
    labels: [...labels.entries()].sort(([a, x], [b, y]) => y - x || a.localeCompare(b, 'da')),
    linkedCases: casesTable(rows).filter((c) => c.meetings.length > 1).length,
    agreement: agreementByLabel(docs, isChosen),
    disputes: disputes(docs, isChosen),
  };
}

export interface DatasetArchive {
  name: string;
  bytes: Uint8Array;
  files: string[];
  items: number;
}

/** The dataset as one zip file: the formats asked for, the cases table, the JSON Schema and the dataset card, in a folder named after the day. */
export function datasetArchive(docs: readonly CuratedDocument[], filter: ExportFilter, formats: readonly DatasetFormat[], now: Date, origin: string, more: { taxonomy?: Taxonomy; labelling?: Labelling } = {}): DatasetArchive {
  return zipped(exportDataset(docs, { formats, filter, generatedAt: now.toISOString(), origin, tool: TOOL, ...more }), now);
}

/** The same, every format included: the spreadsheet (xlsx) is made asynchronously. */
export async function datasetArchiveAsync(docs: readonly CuratedDocument[], filter: ExportFilter, formats: readonly DatasetFormat[], now: Date, origin: string, more: { taxonomy?: Taxonomy; labelling?: Labelling } = {}): Promise<DatasetArchive> {
  return zipped(await exportDatasetAsync(docs, { formats, filter, generatedAt: now.toISOString(), origin, tool: TOOL, ...more }), now);
}

function zipped(result: ExportResult, now: Date): DatasetArchive {
  const folder = `referat-dataset-${now.toISOString().slice(0, 10)}`;
  const encoder = new TextEncoder();
  const entries = Object.fromEntries(result.files.map((f) => [`${folder}/${f.name}`, typeof f.data === 'string' ? encoder.encode(f.data) : f.data]));
  return { name: `${folder}.zip`, bytes: zipSync(entries, { level: 6 }), files: result.files.map((f) => f.name), items: result.rows.length };
}
