/**
 * The spreadsheet export, `items.xlsx`: the same columns as CSV, written with
 * write-excel-file. A spreadsheet opens it right by double-click whatever its
 * locale (no delimiter to guess, no decimal comma to misread): text cells are
 * text — the item number "2.10" stays "2.10" and a title starting with "="
 * stays text, never a formula — `date` is a date cell, `reviewedAt` a
 * date-time cell (UTC), `sectionNo`, `itemNo` and `schemaVersion` are numbers,
 * and lists and objects are JSON text. The header row stays in view. An
 * empty text is an empty cell, as a spreadsheet has nothing else for it.
 *
 * A spreadsheet cell holds at most 32,767 characters: a longer text is cut
 * there and ends with "…" (the whole text is in items.jsonl and items.parquet).
 */
import writeXlsxFile from 'write-excel-file/universal';
import type { Cell, Row } from 'write-excel-file/universal';
import { ROW_COLUMNS, type ItemRow } from './rows.ts';

export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** The most characters one spreadsheet cell holds (Excel's limit). */
export const XLSX_CELL_LIMIT = 32_767;

type Column = (typeof ROW_COLUMNS)[number];
const NUMBER_COLUMNS: ReadonlySet<Column> = new Set(['schemaVersion', 'sectionNo', 'itemNo']);
const WIDTHS: Partial<Record<Column, number>> = { meetingId: 28, body: 18, date: 11, number: 7, title: 50, caseNumber: 16, reviewedAt: 20 };

/** A text as a cell holds it: cut at the cell limit. */
export function cellText(s: string): string {
  return s.length <= XLSX_CELL_LIMIT ? s : s.slice(0, XLSX_CELL_LIMIT - 1) + '…';
}

/** JSON text of lists and objects, made once per object in one workbook: a meeting's participants are the same list on each of its items. */
function jsonText(value: object, cache: WeakMap<object, string>): string {
  let text = cache.get(value);
  if (text === undefined) cache.set(value, (text = cellText(JSON.stringify(value))));
  return text;
}

function cell(column: Column, value: unknown, cache: WeakMap<object, string>): Cell {
  if (value === null || value === undefined) return null;
  if (NUMBER_COLUMNS.has(column) && typeof value === 'number') return { value, type: Number };
  if (column === 'date' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    return { value: new Date(`${value}T00:00:00Z`), type: Date, format: 'yyyy-mm-dd' };
  }
  if (column === 'reviewedAt' && typeof value === 'string' && !Number.isNaN(Date.parse(value))) {
    return { value: new Date(value), type: Date, format: 'yyyy-mm-dd hh:mm:ss' };
  }
  return { value: typeof value === 'string' ? cellText(value) : typeof value === 'object' ? jsonText(value, cache) : String(value), type: String };
}

/** The rows as an .xlsx workbook's bytes (one sheet, "items"). */
export async function rowsToXlsx(rows: readonly ItemRow[]): Promise<Uint8Array> {
  const header: Row = ROW_COLUMNS.map((c) => ({ value: c, type: String, fontWeight: 'bold' as const }));
  const cache = new WeakMap<object, string>();
  const data: Row[] = [header, ...rows.map((row) => ROW_COLUMNS.map((c) => cell(c, row[c], cache)))];
  const blob = await writeXlsxFile(data, {
    sheet: 'items',
    stickyRowsCount: 1,
    columns: ROW_COLUMNS.map((c) => ({ width: WIDTHS[c] ?? 14 })),
  }).toBlob();
  return new Uint8Array(await blob.arrayBuffer());
}
