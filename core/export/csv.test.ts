import { describe, expect, it } from 'vitest';
import { CSV_BOM, csvField, parseCsv, rowsToCsv } from './csv.ts';
import { datasetRows, ROW_COLUMNS } from './rows.ts';
import { seedDocuments } from '../../test/support/curated.ts';

const rows = datasetRows(seedDocuments());

describe('CSV', () => {
  const csv = rowsToCsv(rows);

  it('starts with a BOM and ends every record with CRLF', () => {
    expect(csv.startsWith(CSV_BOM + 'schemaVersion,documentId,')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('parses back to the same values, Danish letters intact', () => {
    const [header, ...records] = parseCsv(csv, { emptyAsNull: true });
    expect(header).toEqual([...ROW_COLUMNS]);
    expect(records).toHaveLength(rows.length);
    records.forEach((record, i) => {
      const row = rows[i]!;
      ROW_COLUMNS.forEach((column, j) => {
        const value = row[column];
        const expected = value === null ? null : typeof value === 'object' ? JSON.stringify(value) : String(value);
        expect(record[j], `${row.id} ${column}`).toBe(expected);
      });
    });
    const titles = records.map((r) => r[ROW_COLUMNS.indexOf('title')]).join('\n');
    expect(titles).toMatch(/[æøå]/);
    expect(records.some((r) => /[ÆØÅæøå]/.test(r[ROW_COLUMNS.indexOf('beslutning')] ?? ''))).toBe(true);
  });

  it('quotes as RFC 4180 asks', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('sagt "ja"')).toBe('"sagt ""ja"""');
    expect(csvField('to\nlinjer')).toBe('"to\nlinjer"');
    expect(csvField(null)).toBe('');
    expect(csvField('')).toBe('""');
    expect(parseCsv('a,,""\r\n', { emptyAsNull: true })).toEqual([['a', null, '']]);
    expect(csvField(['x'])).toBe('"[""x""]"');
    expect(parseCsv('a,"b,""c"""\r\n"d\r\ne",\r\n')).toEqual([['a', 'b,"c"'], ['d\r\ne', '']]);
  });
});
