/**
 * Parquet through hyparquet-writer (pure JavaScript, runs in a page as well):
 * one row per item, the same columns as CSV and JSONL. Scalars are typed
 * columns (UTF8 strings, INT32 schemaVersion); lists and objects are JSON
 * columns (BYTE_ARRAY with the JSON logical type): readers that know the type
 * show JSON, others UTF-8 text. Snappy-compressed. The tests read it back with
 * parquet-wasm (Apache arrow-rs's reader).
 */
import { parquetWriteBuffer } from 'hyparquet-writer';
import { ROW_COLUMNS, type ItemRow } from './rows.ts';

type Column = (typeof ROW_COLUMNS)[number];

const INT32: ReadonlySet<Column> = new Set(['schemaVersion']);
const JSON_COLUMNS: ReadonlySet<Column> = new Set([
  'caseworkers', 'labels', 'finalLabels', 'adjudications', 'comments', 'annotations', 'attachments',
  'participants', 'absent', 'source', 'span', 'titleSpan', 'caseSpan', 'fieldSpans',
]);

/** Free text: values rarely repeat, so a dictionary costs time and saves nothing. */
const PLAIN_TEXT: ReadonlySet<Column> = new Set(['baggrund', 'indstilling', 'sagsfremstilling', 'beslutning']);

/** Serializes rows to a Parquet file's bytes. */
export function rowsToParquet(rows: readonly ItemRow[], createdBy = 'referat-studio'): Uint8Array {
  const columnData = ROW_COLUMNS.map((name) => {
    const data = rows.map((r) => r[name] ?? null);
    if (INT32.has(name)) return { name, data, type: 'INT32' as const, nullable: false };
    if (JSON_COLUMNS.has(name)) return { name, data, type: 'JSON' as const };
    return PLAIN_TEXT.has(name) ? { name, data, type: 'STRING' as const, encoding: 'PLAIN' as const } : { name, data, type: 'STRING' as const };
  });
  const buffer = parquetWriteBuffer({
    columnData,
    createdBy,
    kvMetadata: [{ key: 'referat.schemaVersion', value: '1' }],
  });
  return new Uint8Array(buffer);
}
