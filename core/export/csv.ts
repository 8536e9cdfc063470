/**
 * CSV as RFC 4180 describes it (CRLF records, quoted fields with doubled
 * quotes), UTF-8 with a byte-order mark so Excel shows æ, ø and å right,
 * written with csv-stringify. One row per item; a nested value (list or
 * object) is JSON in its cell, a null an empty cell and an empty string a
 * quoted empty cell (`""`), so the two stay apart.
 *
 * Safe to open in a spreadsheet: a cell that would start a formula (its text
 * begins with =, +, -, @, a tab or a carriage return, or their full-width
 * forms) gets a leading single quote, as OWASP advises against CSV injection
 * (csv-stringify's `escape_formulas`). The delimiter is `,` by default; `;`
 * is what a spreadsheet set to a Danish (or other comma-decimal) locale
 * splits on when the file is opened by double-click.
 */
import { stringify } from 'csv-stringify/browser/esm/sync';
import { ROW_COLUMNS, type ItemRow } from './rows.ts';

export const CSV_BOM = '\uFEFF';

export type CsvDelimiter = ',' | ';' | '\t';
export const CSV_DELIMITERS: readonly CsvDelimiter[] = [',', ';', '\t'];

export interface CsvOptions {
  delimiter?: CsvDelimiter;
}

/** The characters a spreadsheet reads as the start of a formula (OWASP, CSV injection), with the full-width forms. */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/** A cell's text as the CSV holds it: what would start a formula gets a leading `'`. */
export function neutralizeFormula(s: string): string {
  return FORMULA_START.test(s) ? `'${s}` : s;
}

const stringifyOptions = (delimiter: CsvDelimiter) => ({
  delimiter,
  record_delimiter: 'windows' as const,
  // A line break inside a cell (LF alone included) is quoted.
  quote_record_delimiter: true,
  escape_formulas: true,
  // An empty string is quoted (`""`); null stays an empty cell.
  quoted_match: /^$/,
  cast: { object: (v: object) => JSON.stringify(v), boolean: (v: boolean) => String(v) },
});

/** One value as a CSV field (quoted when needed, formulas neutralized). */
export function csvField(value: unknown, options: CsvOptions = {}): string {
  if (value === null || value === undefined) return '';
  return stringify([[value]], { ...stringifyOptions(options.delimiter ?? ','), record_delimiter: '' } as never).replace(/\r\n$/, '');
}

export function rowsToCsv(rows: readonly ItemRow[], options: CsvOptions = {}): string {
  const delimiter = options.delimiter ?? ',';
  const records = rows.map((row) => ROW_COLUMNS.map((column) => row[column]));
  return CSV_BOM + stringify([[...ROW_COLUMNS], ...records], stringifyOptions(delimiter) as never);
}

/**
 * Parses RFC 4180 CSV (a leading BOM skipped) into records of fields. With
 * `emptyAsNull`, an unquoted empty field is null (how `rowsToCsv` writes null).
 */
export function parseCsv(text: string, options: { emptyAsNull: true; delimiter?: string }): (string | null)[][];
export function parseCsv(text: string, options?: { emptyAsNull?: false; delimiter?: string }): string[][];
export function parseCsv(text: string, options: { emptyAsNull?: boolean; delimiter?: string } = {}): (string | null)[][] {
  const delimiter = options.delimiter ?? ',';
  const records: (string | null)[][] = [];
  let record: (string | null)[] = [];
  let field = '';
  let wasQuoted = false;
  const end = () => {
    record.push(options.emptyAsNull && !wasQuoted && field === '' ? null : field);
    field = '';
    wasQuoted = false;
  };
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
    } else if (c === '"') quoted = wasQuoted = true;
    else if (c === delimiter) end();
    else if (c === '\r' && text[i + 1] === '\n') {
      // the LF ends the record
    } else if (c === '\n') {
      end();
      records.push(record);
      record = [];
    } else field += c;
  }
  if (field || wasQuoted || record.length) {
    end();
    records.push(record);
  }
  return records;
}
