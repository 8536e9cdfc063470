/**
 * Dataset exports: curated documents in, named files out (no I/O here; the
 * CLI writes them). Every export holds the dataset card (README.md), the JSON
 * Schema of a row (item.schema.json), the cases table (cases.json) and the
 * files of the formats asked for.
 */
import { agreementByLabel, choiceOf } from './agreement.ts';
import { datasetCard } from './card.ts';
import { casesTable } from './cases.ts';
import { rowsToCsv, type CsvDelimiter } from './csv.ts';
import { filterRows, type ExportFilter } from './filter.ts';
import { documentsToJsonl, rowsToJsonl } from './jsonl.ts';
import type { CuratedDocument, Labelling } from './model.ts';
import type { Taxonomy } from '../document/taxonomy.ts';
import { doccanoJsonl, labelStudioConfig, labelStudioTasks } from './exchange.ts';
import { DEFAULT_OPARL_BASE, toOParl } from './oparl.ts';
import { rowsToParquet } from './parquet.ts';
import { datasetRows, type ItemRow } from './rows.ts';
import { ITEM_ROW_SCHEMA } from './schema.ts';
import { annotationCollection, textFileNames } from './web-annotation.ts';
import { rowsToXlsx } from './xlsx.ts';

export type ExportFormat = 'jsonl' | 'csv' | 'parquet' | 'webannotation' | 'oparl';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['jsonl', 'csv', 'parquet', 'webannotation', 'oparl'];
/** Every format, the spreadsheet (xlsx) included; xlsx is written by `exportDatasetAsync` only. */
export type DatasetFormat = ExportFormat | 'xlsx' | 'labelstudio' | 'doccano';
export const DATASET_FORMATS: readonly DatasetFormat[] = ['jsonl', 'csv', 'xlsx', 'parquet', 'webannotation', 'oparl', 'labelstudio', 'doccano'];

export interface ExportOptions {
  formats: readonly DatasetFormat[];
  /** The CSV's delimiter: "," (default) or ";" for a spreadsheet set to a Danish locale. */
  csvDelimiter?: CsvDelimiter;
  /** The http(s) URL the `oparl/` folder will be served at; default http://localhost:8000/oparl/. */
  oparlBase?: string;
  filter?: ExportFilter;
  /** ISO 8601 time written into the card. */
  generatedAt: string;
  /** Where the documents came from, for the card. */
  origin: string;
  tool: string;
  /** How the workspace's analysts labelled (shared or independent), for the card. */
  labelling?: Labelling;
  /** The workspace's label taxonomy: in the card, and whole (with its history) in taxonomy.json. */
  taxonomy?: Taxonomy;
}

export interface ExportFile {
  name: string;
  description: string;
  data: string | Uint8Array;
}

export interface ExportResult {
  files: ExportFile[];
  rows: ItemRow[];
  documents: CuratedDocument[];
}

const DESCRIPTIONS = {
  items: 'one item a line (JSON Lines)',
  documents: 'one curated document a line: text, overrides, annotations, review, adjudications; `referat import` reads it back',
  csv: 'one item a row (RFC 4180, UTF-8 with BOM); lists and objects as JSON in a cell; a cell that would start a formula begins with a single quote',
  xlsx: 'one item a row, a spreadsheet (Office Open XML): text stays text, `date` a date cell, `sectionNo`/`itemNo` numbers',
  parquet: 'one item a row (Apache Parquet, Snappy): DATE and TIMESTAMP columns, lists as LIST and objects as STRUCT columns',
  webannotation: 'every annotation as a W3C Web Annotation (JSON-LD AnnotationCollection): targets the PDF (URL and `urn:x-pdf:` fingerprint) and the normalized text in texts/, offsets in code points; orphans flagged',
  texts: 'texts/*.txt: each document’s normalized text (UTF-8), which the annotations’ TextPositionSelectors index',
  oparl: 'OParl 1.1 as static files (start at oparl/system.json): System, Body, Organization, Person, Membership, Meeting, AgendaItem, Paper (reference = case number), Consultation, with the paginated lists',
  labelstudio: 'Label Studio: labelstudio/tasks.json, one task per item with the parser\'s spans as predictions and the analysts\' labelled spans as annotations (offsets in UTF-16 units), and labelstudio/config.xml, the labelling interface',
  doccano: 'doccano sequence labelling: one item a line, text and [start, end, label] spans (offsets in code points)',
  cases: 'the cases table: case number → items, meetings, first and last date',
  schema: 'JSON Schema (draft-07) of one item row',
  card: 'this dataset card',
  taxonomy: 'the label taxonomy the analysts labelled from: version, each label (id, name, group, colour, key, guideline) and the history of its changes (who, when, what)',
};

/** The documents a filtered export keeps whole in documents.jsonl: those with a chosen item (or, unfiltered, every document). */
function keptDocuments(docs: readonly CuratedDocument[], rows: readonly ItemRow[], filter: ExportFilter): CuratedDocument[] {
  const chosen = new Set(rows.map((r) => r.documentId));
  const rowCriteria = filter.approvedOnly || filter.body !== undefined || filter.from !== undefined || filter.to !== undefined || filter.labels?.length;
  return docs.filter((d) => chosen.has(d.documentId) || (!rowCriteria && (!filter.documentIds || filter.documentIds.includes(d.documentId))));
}

/**
 * The dataset's files (no I/O). Every format but xlsx is made here, at once;
 * `exportDatasetAsync` makes them all.
 */
export function exportDataset(docs: readonly CuratedDocument[], options: ExportOptions): ExportResult {
  if (options.formats.includes('xlsx')) throw new Error('the xlsx format is written by exportDatasetAsync');
  const filter = options.filter ?? {};
  const rows = filterRows(datasetRows(docs), filter);
  return buildExport(docs, rows, options, null);
}

/** The dataset's files, every format included (xlsx is zipped asynchronously). */
export async function exportDatasetAsync(docs: readonly CuratedDocument[], options: ExportOptions): Promise<ExportResult> {
  const filter = options.filter ?? {};
  const rows = filterRows(datasetRows(docs), filter);
  const xlsx = options.formats.includes('xlsx') ? await rowsToXlsx(rows) : null;
  return buildExport(docs, rows, options, xlsx);
}

function buildExport(docs: readonly CuratedDocument[], rows: ItemRow[], options: ExportOptions, xlsx: Uint8Array | null): ExportResult {
  const filter = options.filter ?? {};
  const documents = keptDocuments(docs, rows, filter);
  const files: ExportFile[] = [];
  const formats = new Set(options.formats);
  if (formats.has('jsonl')) {
    files.push({ name: 'items.jsonl', description: DESCRIPTIONS.items, data: rowsToJsonl(rows) });
    files.push({ name: 'documents.jsonl', description: DESCRIPTIONS.documents, data: documentsToJsonl(documents) });
  }
  if (formats.has('csv')) files.push({ name: 'items.csv', description: DESCRIPTIONS.csv, data: rowsToCsv(rows, { delimiter: options.csvDelimiter ?? ',' }) });
  if (xlsx) files.push({ name: 'items.xlsx', description: DESCRIPTIONS.xlsx, data: xlsx });
  if (formats.has('parquet')) files.push({ name: 'items.parquet', description: DESCRIPTIONS.parquet, data: rowsToParquet(rows, options.tool) });
  if (formats.has('webannotation')) {
    files.push({ name: 'annotations.jsonld', description: DESCRIPTIONS.webannotation, data: JSON.stringify(annotationCollection(documents), null, 2) + '\n' });
    const texts = textFileNames(documents);
    documents.forEach((d, i) => {
      files.push({ name: texts.get(d.documentId)!, description: i === 0 ? DESCRIPTIONS.texts : '', data: d.meeting.text });
    });
  }
  if (formats.has('oparl')) {
    const oparl = toOParl(rows, { base: options.oparlBase ?? DEFAULT_OPARL_BASE, generatedAt: options.generatedAt });
    oparl.files.forEach((f, i) => {
      files.push({ name: `oparl/${f.path}`, description: i === 0 ? `${DESCRIPTIONS.oparl}; served at ${oparl.base}` : '', data: JSON.stringify(f.data) + '\n' });
    });
  }
  if (formats.has('labelstudio')) {
    files.push({ name: 'labelstudio/tasks.json', description: DESCRIPTIONS.labelstudio, data: JSON.stringify(labelStudioTasks(rows, documents, options.tool)) + '\n' });
    files.push({ name: 'labelstudio/config.xml', description: '', data: labelStudioConfig(rows, documents, options.taxonomy?.labels.map((l) => l.id)) });
  }
  if (formats.has('doccano')) files.push({ name: 'doccano.jsonl', description: DESCRIPTIONS.doccano, data: doccanoJsonl(rows, documents) });
  files.push({ name: 'cases.json', description: DESCRIPTIONS.cases, data: JSON.stringify(casesTable(rows), null, 2) + '\n' });
  files.push({ name: 'item.schema.json', description: DESCRIPTIONS.schema, data: JSON.stringify(ITEM_ROW_SCHEMA, null, 2) + '\n' });
  if (options.taxonomy) files.push({ name: 'taxonomy.json', description: DESCRIPTIONS.taxonomy, data: JSON.stringify(options.taxonomy, null, 2) + '\n' });
  const card = datasetCard({
    rows,
    // Agreement rests on the chosen items only, like every other figure of the card.
    agreement: agreementByLabel(documents, choiceOf(rows)),
    filter,
    generatedAt: options.generatedAt,
    origin: options.origin,
    // The OParl tree is listed by its entry point only.
    files: [...files.filter((f) => f.description).map((f) => ({ name: f.name, description: f.description })), { name: 'README.md', description: DESCRIPTIONS.card }],
    tool: options.tool,
    csvDelimiter: options.csvDelimiter ?? ',',
    ...(options.labelling ? { labelling: options.labelling } : {}),
    ...(options.taxonomy ? { taxonomy: options.taxonomy } : {}),
  });
  files.push({ name: 'README.md', description: DESCRIPTIONS.card, data: card });
  return { files, rows, documents };
}

export { agreementByLabel, cohenKappa, disputes, fleissKappa, krippendorffAlpha, type Dispute, type Fragility, type LabelAgreement } from './agreement.ts';
export { casesTable } from './cases.ts';
export { CSV_DELIMITERS, neutralizeFormula, parseCsv, rowsToCsv, type CsvDelimiter } from './csv.ts';
export { decisionTypeOf } from '../minutes/decision.ts';
export { checkFilter, filterRows, type ExportFilter } from './filter.ts';
export { documentsToJsonl, importJsonl, rowsToJsonl } from './jsonl.ts';
export { curatedFromMeeting, type CuratedDocument, type Labelling } from './model.ts';
export { checkOParlBase, DEFAULT_OPARL_BASE, toOParl } from './oparl.ts';
export { rowsToParquet } from './parquet.ts';
export { datasetRows, documentRows, ROW_COLUMNS, type ItemRow } from './rows.ts';
export { ITEM_ROW_SCHEMA } from './schema.ts';
export { annotationCollection, toWebAnnotations } from './web-annotation.ts';
export { rowsToXlsx } from './xlsx.ts';
export { doccanoJsonl, labelStudioConfig, labelStudioTasks } from './exchange.ts';
