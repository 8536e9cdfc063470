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
import { ByteWriter, ParquetWriter } from 'hyparquet-writer';
import { writeColumn } from 'hyparquet-writer/src/column.js';
import { FIELD_NAMES } from '../minutes/model.ts';
import { elements, Shredder, type Element, type Node } from './parquet-shred.ts';
import { ROW_COLUMNS, type ItemRow } from './rows.ts';
import { snappyCompress } from './snappy.ts';

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

type PageData = Parameters<typeof writeColumn>[0]['pageData'];

const FREE_TEXT: ReadonlySet<string> = new Set(FIELD_NAMES);

/** Rows a row group holds: a small first group (a reader's preview), then large ones. */
const ROW_GROUPS = [1000, 100_000];
/** Bytes a data page holds before the next one starts (hyparquet-writer's own default). */
const PAGE_BYTES = 1 << 20;

/**
 * Serializes rows to a Parquet file's bytes. The rows are shredded here (see
 * parquet-shred.ts) and each leaf column goes to hyparquet-writer's column
 * writer, which picks the encoding, compresses and keeps the statistics and
 * page indexes; its ParquetWriter writes the footer.
 */
export function rowsToParquet(rows: readonly ItemRow[], createdBy = 'referat-studio'): Uint8Array {
  const schema: Element[] = [{ name: 'root', num_children: ROW_COLUMNS.length }];
  for (const name of ROW_COLUMNS) elements(name, PARQUET_COLUMNS[name], schema);
  // Room for the whole file from the start (about 1.3 kB a row): growing the buffer by doubling copies it over and over.
  const writer = new ByteWriter(Math.max(1 << 16, rows.length * 2048));
  const pq = new ParquetWriter({ writer, schema, codec: 'SNAPPY', compressors: { SNAPPY: snappyCompress }, createdBy, kvMetadata: [{ key: 'referat.schemaVersion', value: '1' }] });
  // Each leaf's slots a row in the row group before: room to make in the next.
  const slotsPerRow: number[][] = [];
  for (let start = 0, g = 0; start < rows.length; g++) {
    const end = Math.min(rows.length, start + ROW_GROUPS[Math.min(g, ROW_GROUPS.length - 1)]!);
    const groupStart = writer.offset;
    const chunks = [];
    for (const [c, name] of ROW_COLUMNS.entries()) {
      const shredder = new Shredder(name, PARQUET_COLUMNS[name], end - start, slotsPerRow[c]);
      for (let r = start; r < end; r++) shredder.add(rows[r]![name]);
      slotsPerRow[c] = shredder.leaves.map((leaf) => leaf.length / (end - start));
      // Free text rarely repeats: a dictionary would cost time and save nothing, and its minimum and maximum (statistics) tell a reader nothing.
      const free = FREE_TEXT.has(name);
      for (const leaf of shredder.leaves) {
        const result = writeColumn({
          writer,
          column: {
            columnName: leaf.path.map((e) => e.name).join('.'),
            element: leaf.path.at(-1)!,
            schemaPath: [schema[0]!, ...leaf.path],
            codec: 'SNAPPY',
            compressors: pq.compressors,
            stats: !free,
            pageSize: PAGE_BYTES,
            columnIndex: false,
            offsetIndex: true,
            encoding: free ? 'PLAIN' : undefined,
          },
          // The levels are typed arrays: hyparquet-writer only reads, counts and slices them.
          pageData: leaf.pageData() as unknown as PageData,
        });
        chunks.push(result.chunk);
        pq.pendingIndexes.push(result);
      }
    }
    let size = 0n;
    for (const { meta_data } of chunks) size += meta_data?.total_uncompressed_size ?? 0n;
    pq.num_rows += BigInt(end - start);
    pq.row_groups.push({ columns: chunks, total_byte_size: size, num_rows: BigInt(end - start), total_compressed_size: BigInt(writer.offset - groupStart) });
    start = end;
  }
  pq.finish();
  return new Uint8Array(writer.getBuffer());
}
