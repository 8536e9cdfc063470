/**
 * The tabular exports as the users' own tools read them, with their default
 * settings: DuckDB (read_csv_auto, read_json_auto, read_parquet), hyparquet (a
 * second, independent Parquet reader) and read-excel-file for the spreadsheet.
 * Items 2.1 and 2.10 stay apart, numbers stay text where they are text, cells
 * that would start a formula are neutralized, and Parquet has real DATE,
 * TIMESTAMP, LIST and STRUCT columns.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import Ajv from 'ajv';
import { unzipSync, strFromU8 } from 'fflate';
import { stringify } from 'csv-stringify/sync';
import { parquetReadObjects } from 'hyparquet';
import readXlsxFile from 'read-excel-file/node';
import writeXlsxFile from 'write-excel-file/universal';
import type { Cell, Row } from 'write-excel-file/universal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSV_BOM, neutralizeFormula, parseCsv, rowsToCsv } from '../core/export/csv.ts';
import { exportDatasetAsync } from '../core/export/index.ts';
import { rowsToJsonl } from '../core/export/jsonl.ts';
import { rowsToParquet } from '../core/export/parquet.ts';
import { datasetRows, ROW_COLUMNS, type ItemRow } from '../core/export/rows.ts';
import { ITEM_ROW_SCHEMA } from '../core/export/schema.ts';
import { cellText, rowsToXlsx } from '../core/export/xlsx.ts';
import { exportDocuments, FORMULA_TITLES } from './support/export-data.ts';

const docs = exportDocuments();
const rows = datasetRows(docs);
const JSON_COLUMNS = new Set(['caseworkers', 'labels', 'finalLabels', 'adjudications', 'comments', 'annotations', 'attachments', 'participants', 'absent', 'source', 'span', 'titleSpan', 'caseSpan', 'fieldSpans']);
const NUMBER_COLUMNS = new Set(['schemaVersion', 'sectionNo', 'itemNo']);

let dir: string;
let db: DuckDBConnection;
const file = (name: string) => path.join(dir, name);
async function query(sql: string): Promise<Record<string, unknown>[]> {
  return (await db.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[];
}
async function columnTypes(source: string): Promise<Record<string, string>> {
  const described = await query(`DESCRIBE SELECT * FROM ${source}`);
  return Object.fromEntries(described.map((r) => [r.column_name as string, r.column_type as string]));
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'referat-tables-'));
  await writeFile(file('items.csv'), rowsToCsv(rows));
  await writeFile(file('items-semicolon.csv'), rowsToCsv(rows, { delimiter: ';' }));
  await writeFile(file('items.jsonl'), rowsToJsonl(rows));
  await writeFile(file('items.parquet'), rowsToParquet(rows));
  await writeFile(file('items.xlsx'), await rowsToXlsx(rows));
  db = await (await DuckDBInstance.create(':memory:')).connect();
}, 60_000);

afterAll(async () => {
  db?.closeSync();
  await rm(dir, { recursive: true, force: true });
});

describe('item numbers', () => {
  it('the seeds hold items whose numbers collide as decimals (2.1 and 2.10)', () => {
    const numbers = rows.filter((r) => r.documentId === '001_9e1bcf5ac8b7483e').map((r) => r.number);
    expect(numbers).toContain('2.1');
    expect(numbers).toContain('2.10');
  });

  it('every row has integer sectionNo and itemNo beside the printed number', () => {
    for (const r of rows) {
      expect(typeof r.number).toBe('string');
      expect(`${r.sectionNo}.${r.itemNo}`).toBe(r.number);
    }
    const validate = new Ajv({ allErrors: true, strict: false }).compile(ITEM_ROW_SCHEMA);
    for (const r of rows) expect(validate(r) ? null : validate.errors).toBeNull();
  });
});

describe('CSV writer', () => {
  it.each([',', ';'] as const)('writes byte for byte what csv-stringify writes with escape_formulas (delimiter %s)', (delimiter) => {
    const records = rows.map((row) => ROW_COLUMNS.map((column) => row[column]));
    const oracle = stringify([[...ROW_COLUMNS], ...records], {
      delimiter,
      record_delimiter: 'windows',
      quote_record_delimiter: true,
      escape_formulas: true,
      quoted_match: /^$/,
      cast: { object: (v: object) => JSON.stringify(v) },
    });
    expect(rowsToCsv(rows, { delimiter })).toBe(CSV_BOM + oracle);
  });
});

describe('CSV read by DuckDB with its defaults', () => {
  it.each([
    ['items.csv', ','],
    ['items-semicolon.csv', ';'],
  ])('%s: the delimiter is found, sectionNo/itemNo are integers and keep every item distinct and in order', async (name, delimiter) => {
    const source = `read_csv_auto('${file(name)}')`;
    const types = await columnTypes(source);
    expect(Object.keys(types)).toEqual([...ROW_COLUMNS]);
    expect(types.sectionNo).toMatch(/INT/);
    expect(types.itemNo).toMatch(/INT/);
    const sniffed = await query(`SELECT Delimiter FROM sniff_csv('${file(name)}')`);
    expect(sniffed[0]!.Delimiter).toBe(delimiter);
    const [counts] = await query(`SELECT count(*) AS n, count(DISTINCT (documentId, sectionNo, itemNo)) AS keys FROM ${source}`);
    expect(Number(counts!.n)).toBe(rows.length);
    expect(Number(counts!.keys)).toBe(rows.length);
    const ordered = await query(`SELECT sectionNo, itemNo FROM ${source} WHERE documentId = '001_9e1bcf5ac8b7483e' ORDER BY sectionNo, itemNo`);
    expect(ordered.map((r) => `${r.sectionNo}.${r.itemNo}`)).toEqual(rows.filter((r) => r.documentId === '001_9e1bcf5ac8b7483e').map((r) => r.number));
  });

  it('number read as text (as the card shows) keeps "2.10"', async () => {
    const got = await query(`SELECT count(DISTINCT (documentId, number)) AS n FROM read_csv('${file('items.csv')}', types = {'number': 'VARCHAR'})`);
    expect(Number(got[0]!.n)).toBe(rows.length);
    const ten = await query(`SELECT number FROM read_csv('${file('items.csv')}', types = {'number': 'VARCHAR'}) WHERE number = '2.10'`);
    expect(ten.length).toBeGreaterThan(0);
  });

  it('a cell that would start a formula is neutralized with a single quote; the rest reads back as written', async () => {
    const titles = (await query(`SELECT title FROM read_csv_auto('${file('items.csv')}') WHERE documentId = 'tricky-001'`)).map((r) => r.title as string);
    for (const t of FORMULA_TITLES) expect(titles).toContain(`'${t}`);
    const text = (await import('node:fs')).readFileSync(file('items-semicolon.csv'), 'utf8');
    const [header, ...records] = parseCsv(text, { emptyAsNull: true, delimiter: ';' });
    expect(header).toEqual([...ROW_COLUMNS]);
    expect(records).toHaveLength(rows.length);
    records.forEach((record, i) => {
      const row = rows[i]!;
      ROW_COLUMNS.forEach((column, j) => {
        const v = row[column];
        const expected = v === null ? null : typeof v === 'object' ? JSON.stringify(v) : typeof v === 'number' ? String(v) : neutralizeFormula(v);
        expect(record[j], `${row.id} ${column}`).toBe(expected);
      });
    });
    // Nothing in any cell starts a formula.
    for (const record of records) for (const cell of record) expect(cell ?? '').not.toMatch(/^[=+\-@\t\r]/);
  });
});

describe('JSONL read by DuckDB with its defaults', () => {
  it('number stays text, items stay distinct, dates are dates', async () => {
    const source = `read_json_auto('${file('items.jsonl')}')`;
    const types = await columnTypes(source);
    expect(types.number).toBe('VARCHAR');
    expect(types.sectionNo).toMatch(/INT/);
    expect(types.date).toBe('DATE');
    const [c] = await query(`SELECT count(*) AS n, count(DISTINCT (documentId, number)) AS d FROM ${source}`);
    expect(Number(c!.d)).toBe(rows.length);
    const ten = await query(`SELECT number FROM ${source} WHERE number = '2.10'`);
    expect(ten.length).toBeGreaterThan(0);
  });
});

describe('Parquet', () => {
  it('DuckDB sees DATE, TIMESTAMP, LIST and STRUCT columns', async () => {
    const source = `read_parquet('${file('items.parquet')}')`;
    const types = await columnTypes(source);
    expect(Object.keys(types)).toEqual([...ROW_COLUMNS]);
    expect(types).toMatchObject({
      schemaVersion: 'INTEGER',
      number: 'VARCHAR',
      sectionNo: 'INTEGER',
      itemNo: 'INTEGER',
      date: 'DATE',
      reviewedAt: 'TIMESTAMP WITH TIME ZONE',
      caseworkers: 'VARCHAR[]',
      finalLabels: 'VARCHAR[]',
    });
    expect(types.labels).toMatch(/^STRUCT\("label" VARCHAR, author VARCHAR, "at" TIMESTAMP WITH TIME ZONE, annotationId VARCHAR\)\[\]$/);
    expect(types.participants).toMatch(/^STRUCT\("name" VARCHAR, party VARCHAR, municipality VARCHAR, note VARCHAR/);
    expect(types.source).toMatch(/^STRUCT\("name" VARCHAR, url VARCHAR, sha256 VARCHAR, fingerprint VARCHAR, pages INTEGER\)$/);
    expect(types.span).toMatch(/^STRUCT\("start" INTEGER, "end" INTEGER, pages STRUCT\(page INTEGER, x DOUBLE/);
    const [r] = await query(
      `SELECT count(*) AS n, count(DISTINCT (documentId, number)) AS d, min(date)::VARCHAR AS first,
              max(epoch_ms(reviewedAt)) AS reviewed, sum(len(labels)) AS labels, sum(len(participants)) AS participants FROM ${source}`,
    );
    expect(Number(r!.n)).toBe(rows.length);
    expect(Number(r!.d)).toBe(rows.length);
    expect(r!.first).toBe(rows.map((x) => x.date!).sort()[0]);
    expect(Number(r!.reviewed)).toBe(Date.parse('2026-01-07T12:30:00.000Z'));
    expect(Number(r!.labels)).toBe(rows.reduce((n, x) => n + x.labels.length, 0));
    expect(Number(r!.participants)).toBe(rows.reduce((n, x) => n + x.participants.length, 0));
    const [label] = await query(`SELECT labels[1].label AS label, epoch_ms(labels[1].at) AS at, participants[1].name AS name FROM ${source} WHERE len(labels) > 0 LIMIT 1`);
    const withLabel = rows.find((x) => x.labels.length)!;
    expect(label).toEqual({ label: withLabel.labels[0]!.label, at: String(Date.parse(withLabel.labels[0]!.at)), name: withLabel.participants[0]!.name });
  });

  it('hyparquet reads back every row whole', async () => {
    const bytes = (await import('node:fs')).readFileSync(file('items.parquet'));
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    const read = (await parquetReadObjects({ file: buffer })) as Record<string, unknown>[];
    expect(read).toHaveLength(rows.length);
    read.forEach((got, i) => {
      const row = rows[i]!;
      expect(got.date instanceof Date || got.date === null).toBe(true);
      expect(normalize(got, 'date')).toEqual(normalize(row, 'date'));
    });
  });
});

describe('spreadsheet (xlsx)', () => {
  it('read-excel-file reads the same columns: text stays text, numbers and dates typed, no formulas', async () => {
    const bytes = (await import('node:fs')).readFileSync(file('items.xlsx'));
    const [sheet] = await readXlsxFile(bytes, { trim: false });
    const [header, ...records] = sheet!.data;
    expect(header).toEqual([...ROW_COLUMNS]);
    expect(records).toHaveLength(rows.length);
    records.forEach((record, i) => {
      const row = rows[i]!;
      ROW_COLUMNS.forEach((column, j) => {
        const v = row[column];
        const cell = record[j] ?? null;
        // A spreadsheet has no empty text apart from an empty cell.
        if (v === null || v === '') expect(cell, `${row.id} ${column}`).toBeNull();
        else if (column === 'date') expect((cell as unknown as Date).toISOString().slice(0, 10)).toBe(v);
        // A spreadsheet keeps time as a fraction of a day: right to the second.
        else if (column === 'reviewedAt') expect(Math.round((cell as unknown as Date).getTime() / 1000) * 1000).toBe(Date.parse(v as string));
        else if (NUMBER_COLUMNS.has(column)) expect(cell).toBe(v);
        else expect(cell, `${row.id} ${column}`).toBe(typeof v === 'object' ? JSON.stringify(v) : v);
      });
    });
    const numbers = records.map((r) => r[ROW_COLUMNS.indexOf('number')]);
    expect(numbers).toContain('2.10');
    const sheetXml = Object.entries(unzipSync(new Uint8Array(bytes))).filter(([n]) => n.startsWith('xl/worksheets/')).map(([, d]) => strFromU8(d)).join('');
    expect(sheetXml).not.toMatch(/<f[ >]/);
  });
});

/** The same workbook written with write-excel-file, as the export wrote it before it wrote the XML itself: the oracle. */
async function oracleXlsx(rows: readonly ItemRow[]): Promise<Uint8Array> {
  const cell = (column: string, value: unknown): Cell => {
    if (value === null || value === undefined) return null;
    if (NUMBER_COLUMNS.has(column) && typeof value === 'number') return { value, type: Number };
    if (column === 'date' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return { value: new Date(`${value}T00:00:00Z`), type: Date, format: 'yyyy-mm-dd' };
    if (column === 'reviewedAt' && typeof value === 'string' && !Number.isNaN(Date.parse(value))) return { value: new Date(value), type: Date, format: 'yyyy-mm-dd hh:mm:ss' };
    return { value: cellText(typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value)), type: String };
  };
  const header: Row = ROW_COLUMNS.map((c) => ({ value: c, type: String, fontWeight: 'bold' as const }));
  const data: Row[] = [header, ...rows.map((row) => ROW_COLUMNS.map((c) => cell(c, row[c])))];
  const blob = await writeXlsxFile(data, { sheet: 'items', stickyRowsCount: 1 }).toBlob();
  return new Uint8Array(await blob.arrayBuffer());
}

/** Every cell as read-excel-file reads it, Dates as their time. */
async function readBack(bytes: Uint8Array): Promise<unknown[][]> {
  const [sheet] = await readXlsxFile(Buffer.from(bytes), { trim: false });
  return sheet!.data.map((r) => ROW_COLUMNS.map((_, j) => {
    const v = r[j] ?? null;
    return v instanceof Date ? v.getTime() : v;
  }));
}

describe('spreadsheet (xlsx) against write-excel-file', () => {
  it('every cell reads back equal from both workbooks', async () => {
    expect(await readBack(await rowsToXlsx(rows))).toEqual(await readBack(await oracleXlsx(rows)));
  });

  it('where the platform has no CompressionStream, fflate deflates the same cells', async () => {
    const native = globalThis.CompressionStream;
    // @ts-expect-error the platform without it
    globalThis.CompressionStream = undefined;
    let bytes: Uint8Array;
    try {
      bytes = await rowsToXlsx(rows);
    } finally {
      globalThis.CompressionStream = native;
    }
    expect(await readBack(bytes)).toEqual(await readBack(await rowsToXlsx(rows)));
  });

  it('awkward text: markup characters, control characters, lone surrogates, blanks at the ends, overlong text, empty text', async () => {
    const base = rows[0]!;
    const texts = [
      'a & b < c > d "e" \'f\'',
      'tab\there, line\nbreak, bell\u0007, nul\u0000, esc\u001b, C1\u0085\u0090, U+FFFE\uFFFE, U+FFFD\uFFFD',
      'emoji 👍 and lone \uD800 surrogate',
      '  blank at both ends  ',
      '\nnewline first',
      'x'.repeat(40_000),
      'æ'.repeat(32_766) + '👍',
      '',
      '=SUM(A1:A2)',
    ];
    const odd = texts.map((t, i) => ({ ...base, id: `odd-${i}`, title: t, sagsfremstilling: t, sectionTitle: t, participants: [{ name: t, party: null, municipality: null, note: null, span: null }] }) as unknown as ItemRow);
    const mine = await readBack(await rowsToXlsx(odd));
    expect(mine).toEqual(await readBack(await oracleXlsx(odd)));
    const title = ROW_COLUMNS.indexOf('title');
    expect(mine[6]![title]).toHaveLength(32_767);
    expect(String(mine[6]![title]).endsWith('x…')).toBe(true);
    expect(mine[8]![title]).toBeNull();
    expect(mine[4]![title]).toBe('  blank at both ends  ');
    expect(mine[2]![title]).toBe('tab\there, line\nbreak, bell, nul, esc, C1\u0085, U+FFFE, U+FFFD');
    // A lone low surrogate goes alone (write-excel-file takes the character before it too).
    const [, low] = await readBack(await rowsToXlsx([{ ...base, title: 'lone \uDC00 low' }]));
    expect(low![title]).toBe('lone  low');
  });
});

describe('exportDatasetAsync', () => {
  it('writes items.xlsx with the other formats, and a ";" CSV on request', async () => {
    const out = await exportDatasetAsync(docs, { formats: ['csv', 'xlsx'], csvDelimiter: ';', generatedAt: '2026-11-23T00:00:00.000Z', origin: 'test', tool: 'test' });
    expect(out.files.map((f) => f.name)).toEqual(['items.csv', 'items.xlsx', 'cases.json', 'item.schema.json', 'README.md']);
    expect((out.files[0]!.data as string).split('\r\n')[0]).toBe('\uFEFF' + ROW_COLUMNS.join(';'));
    expect([...(out.files[1]!.data as Uint8Array).subarray(0, 2)]).toEqual([0x50, 0x4b]);
  });
});

/**
 * A row as plain data to compare: Dates as ISO text (`dateColumn` as a day),
 * nulls and absent fields alike left out, JSON text parsed.
 */
function normalize(value: unknown, dateColumn?: string, key?: string): unknown {
  if (value instanceof Date) return key === dateColumn ? value.toISOString().slice(0, 10) : value.toISOString();
  if (typeof value === 'bigint') return Number(value);
  if (Array.isArray(value)) return value.map((v) => normalize(v, dateColumn));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== null && v !== undefined) out[k] = normalize(v, dateColumn, k);
    return out;
  }
  return value;
}

void JSON_COLUMNS;

describe("the editor's dataset zip", () => {
  it('holds items.xlsx when the spreadsheet is chosen', async () => {
    const { datasetArchiveAsync } = await import('../editor/services/dataset.ts');
    const archive = await datasetArchiveAsync(docs, {}, ['csv', 'xlsx'], new Date(Date.UTC(2026, 10, 23, 12)), 'test');
    const zip = unzipSync(archive.bytes);
    const xlsx = zip['referat-dataset-2026-11-23/items.xlsx']!;
    const [sheet] = await readXlsxFile(Buffer.from(xlsx), { trim: false });
    expect(sheet!.data).toHaveLength(rows.length + 1);
    expect(archive.files).toContain('items.csv');
  });
});
