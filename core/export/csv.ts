/**
 * CSV as RFC 4180 describes it (CRLF records, quoted fields with doubled
 * quotes), UTF-8 with a byte-order mark so Excel shows æ, ø and å right.
 * One row per item; a nested value (list or object) is JSON in its cell, a
 * null an empty cell.
 */
import { ROW_COLUMNS, type ItemRow } from './rows.ts';

export const CSV_BOM = '\uFEFF';

export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const s = typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function rowsToCsv(rows: readonly ItemRow[]): string {
  const parts: string[] = [CSV_BOM + ROW_COLUMNS.join(',') + '\r\n'];
  for (const row of rows) {
    let line = '';
    for (let i = 0; i < ROW_COLUMNS.length; i++) line += (i ? ',' : '') + csvField(row[ROW_COLUMNS[i]!]);
    parts.push(line + '\r\n');
  }
  return parts.join('');
}

/** Parses RFC 4180 CSV (a leading BOM skipped) into records of fields. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let quoted = false;
  for (; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      // the LF ends the record
    } else if (c === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += c;
  }
  if (field || record.length) {
    record.push(field);
    records.push(record);
  }
  return records;
}
