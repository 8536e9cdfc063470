/**
 * Parquet through hyparquet-writer (pure JavaScript, runs in a page as well):
 * one row per item, the same columns as CSV and JSONL, typed the way a reader
 * (DuckDB, pandas, Spark, R arrow) wants them:
 *
 * - text is UTF8; `schemaVersion`, `sectionNo`, `itemNo` and offsets INT32;
 *   page boxes DOUBLE; flags BOOLEAN;
 * - `date` is a DATE; `reviewedAt` and every time inside a list (`at`,
 *   `createdAt`) a TIMESTAMP (milliseconds, UTC);
 * - lists are LIST columns (`caseworkers` and `finalLabels` of strings,
 *   `labels`, `comments`, `annotations`, `participants`… of STRUCTs) and
 *   objects STRUCT columns (`source`, `span`, `fieldSpans`…), nested as deep
 *   as the row is.
 *
 * Snappy-compressed. The tests read it back with DuckDB and hyparquet.
 */
import { ByteWriter, parquetWrite } from 'hyparquet-writer';
import { FIELD_NAMES } from '../minutes/model.ts';
import { ROW_COLUMNS, type ItemRow } from './rows.ts';

/** A Parquet schema element as hyparquet-writer takes it. */
interface Element {
  name: string;
  type?: 'BOOLEAN' | 'INT32' | 'INT64' | 'DOUBLE' | 'BYTE_ARRAY';
  converted_type?: 'UTF8' | 'DATE' | 'TIMESTAMP_MILLIS' | 'LIST';
  logical_type?: { type: 'TIMESTAMP'; isAdjustedToUTC: boolean; unit: 'MILLIS' };
  repetition_type?: 'REQUIRED' | 'OPTIONAL' | 'REPEATED';
  num_children?: number;
}

/** A node of the schema tree: a leaf, a struct of named fields, or a list of one element type. */
type Node =
  | { kind: 'leaf'; element: Omit<Element, 'name' | 'repetition_type'>; required?: boolean; value?: (v: unknown) => unknown }
  | { kind: 'struct'; fields: Record<string, Node>; required?: boolean }
  | { kind: 'list'; of: Node; required?: boolean };

const string: Node = { kind: 'leaf', element: { type: 'BYTE_ARRAY', converted_type: 'UTF8' } };
const int32: Node = { kind: 'leaf', element: { type: 'INT32' } };
const double: Node = { kind: 'leaf', element: { type: 'DOUBLE' } };
const boolean: Node = { kind: 'leaf', element: { type: 'BOOLEAN' } };
/** ISO date "2020-09-04" → DATE (days since the epoch). */
const date: Node = {
  kind: 'leaf',
  element: { type: 'INT32', converted_type: 'DATE' },
  value: (v) => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? Math.round(Date.parse(`${v}T00:00:00Z`) / 86_400_000) : null),
};
/** ISO time → TIMESTAMP (milliseconds since the epoch, UTC). */
const timestamp: Node = {
  kind: 'leaf',
  element: { type: 'INT64', converted_type: 'TIMESTAMP_MILLIS', logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MILLIS' } },
  value: (v) => {
    const ms = typeof v === 'string' ? Date.parse(v) : NaN;
    return Number.isFinite(ms) ? ms : null;
  },
};
const required = <N extends Node>(n: N): N => ({ ...n, required: true });
const struct = (fields: Record<string, Node>): Node => ({ kind: 'struct', fields });
const list = (of: Node): Node => ({ kind: 'list', of: required(of) });

const pageBox = struct({ page: int32, x: double, y: double, width: double, height: double });
const span = struct({ start: int32, end: int32, pages: list(pageBox) });
const person = struct({ name: string, party: string, municipality: string, note: string, span });
const labelAssignment = { label: string, author: string, at: timestamp };
const comment = { id: string, author: string, text: string, at: timestamp, replyTo: string };

/** The type of every column, in column order. */
export const PARQUET_COLUMNS: Record<(typeof ROW_COLUMNS)[number], Node> = {
  schemaVersion: required(int32),
  documentId: string,
  meetingId: string,
  body: string,
  kind: string,
  date,
  location: string,
  sectionNumber: string,
  sectionTitle: string,
  id: string,
  number: string,
  sectionNo: int32,
  itemNo: int32,
  title: string,
  caseNumber: string,
  caseworkers: list(string),
  baggrund: string,
  indstilling: string,
  sagsfremstilling: string,
  beslutning: string,
  decisionType: string,
  decisionTypeSource: string,
  labels: list(struct({ ...labelAssignment, annotationId: string })),
  finalLabels: list(string),
  adjudications: list(struct({ label: string, value: boolean, decidedBy: string, at: timestamp, note: string })),
  comments: list(struct({ annotationId: string, ...comment })),
  annotations: list(
    struct({
      id: string,
      start: int32,
      end: int32,
      orphaned: boolean,
      quote: string,
      prefix: string,
      suffix: string,
      labels: list(struct(labelAssignment)),
      comments: list(struct(comment)),
      author: string,
      createdAt: timestamp,
    }),
  ),
  reviewStatus: string,
  reviewedBy: string,
  reviewedAt: timestamp,
  attachments: list(span),
  participants: list(person),
  absent: list(person),
  source: struct({ name: string, url: string, sha256: string, fingerprint: string, pages: int32 }),
  span,
  titleSpan: span,
  caseSpan: span,
  fieldSpans: struct(Object.fromEntries(FIELD_NAMES.map((f) => [f, span]))),
};

/** The flat, depth-first list of schema elements of one column (the three-level LIST layout the Parquet spec asks for). */
function elements(name: string, node: Node, out: Element[]): void {
  const repetition_type = node.required ? 'REQUIRED' : 'OPTIONAL';
  if (node.kind === 'leaf') out.push({ name, ...node.element, repetition_type });
  else if (node.kind === 'struct') {
    const names = Object.keys(node.fields);
    out.push({ name, repetition_type, num_children: names.length });
    for (const n of names) elements(n, node.fields[n]!, out);
  } else {
    out.push({ name, repetition_type, converted_type: 'LIST', num_children: 1 });
    out.push({ name: 'list', repetition_type: 'REPEATED', num_children: 1 });
    elements('element', node.of, out);
  }
}

/** A value shaped for its node: times and dates made numbers, struct fields picked, a list wrapped as the LIST layout wants. */
function shape(node: Node, v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (node.kind === 'leaf') return node.value ? node.value(v) : v;
  if (node.kind === 'list') {
    if (!Array.isArray(v)) return null;
    return v.map((x) => shape(node.of, x));
  }
  const o = v as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, child] of Object.entries(node.fields)) out[k] = shape(child, o[k]);
  return out;
}

const FREE_TEXT: ReadonlySet<string> = new Set(FIELD_NAMES);

/** The leaves whose values need no shaping: passed through as they are. */
const plainLeaf = (n: Node) => n.kind === 'leaf' && !n.value;

/** Serializes rows to a Parquet file's bytes. */
export function rowsToParquet(rows: readonly ItemRow[], createdBy = 'referat-studio'): Uint8Array {
  const schema: Element[] = [{ name: 'root', num_children: ROW_COLUMNS.length }];
  for (const name of ROW_COLUMNS) elements(name, PARQUET_COLUMNS[name], schema);
  const columnData = ROW_COLUMNS.map((name) => {
    const node = PARQUET_COLUMNS[name];
    const data = plainLeaf(node) ? rows.map((r) => r[name] ?? null) : rows.map((r) => shape(node, r[name]));
    // Free text rarely repeats: a dictionary would cost time and save nothing, and its minimum and maximum (statistics) tell a reader nothing.
    return FREE_TEXT.has(name) ? { name, data, encoding: 'PLAIN' as const, statistics: false } : { name, data };
  });
  // Room for the whole file from the start (about 1.3 kB a row): growing the buffer by doubling copies it over and over.
  const writer = new ByteWriter(Math.max(1 << 16, rows.length * 2048));
  parquetWrite({
    writer,
    columnData,
    schema: schema as never,
    createdBy,
    kvMetadata: [{ key: 'referat.schemaVersion', value: '1' }],
  });
  return new Uint8Array(writer.getBuffer());
}
