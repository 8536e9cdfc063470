import { parquetWrite, ByteWriter } from 'hyparquet-writer';
import { snappyCompress as hyparquetSnappy } from 'hyparquet-writer/src/snappy.js';
import { snappyUncompress } from 'hyparquet';
import { describe, expect, it } from 'vitest';
import { exportDocuments } from '../../test/support/export-data.ts';
import { FIELD_NAMES } from '../minutes/model.ts';
import { PARQUET_COLUMNS, rowsToParquet } from './parquet.ts';
import { elements, type Element, type Node } from './parquet-shred.ts';
import { datasetRows, ROW_COLUMNS, type ItemRow } from './rows.ts';
import { snappyCompress } from './snappy.ts';

/**
 * The oracle: the rows shaped into nested values and handed whole to
 * hyparquet-writer's parquetWrite, which shreds them itself (as the export
 * did before it shredded them in one walk).
 */
function oracleParquet(rows: readonly ItemRow[]): Uint8Array {
  const shape = (node: Node, v: unknown): unknown => {
    if (v === null || v === undefined) return null;
    if (node.kind === 'leaf') return node.value ? node.value(v) : v;
    if (node.kind === 'list') return Array.isArray(v) ? v.map((x) => shape(node.of, x)) : null;
    const o = v as Record<string, unknown>;
    return Object.fromEntries(Object.entries(node.fields).map(([k, child]) => [k, shape(child, o[k])]));
  };
  const schema: Element[] = [{ name: 'root', num_children: ROW_COLUMNS.length }];
  for (const name of ROW_COLUMNS) elements(name, PARQUET_COLUMNS[name], schema);
  const free: ReadonlySet<string> = new Set(FIELD_NAMES);
  const columnData = ROW_COLUMNS.map((name) => {
    const data = rows.map((r) => shape(PARQUET_COLUMNS[name], r[name]));
    return free.has(name) ? { name, data, encoding: 'PLAIN' as const, statistics: false } : { name, data };
  });
  const writer = new ByteWriter();
  parquetWrite({ writer, columnData, schema, createdBy: 'referat-studio', kvMetadata: [{ key: 'referat.schemaVersion', value: '1' }] });
  return new Uint8Array(writer.getBuffer());
}

const seedRows = datasetRows(exportDocuments());

/** Rows with every kind of gap: missing lists and objects, empty lists, lists that are not arrays, bad dates, entries with missing fields. */
function awkwardRows(): ItemRow[] {
  const base = seedRows.find((r) => r.annotations.length && r.participants.length)!;
  const variants: Partial<Record<keyof ItemRow, unknown>>[] = [
    {},
    { caseworkers: [], participants: [], annotations: [], fieldSpans: {} },
    { caseworkers: null, participants: null, labels: null, source: null, span: null, fieldSpans: null },
    { caseworkers: 'not a list', attachments: { start: 1 } },
    { date: '4. september 2020', reviewedAt: 'not a time', sectionNo: null },
    { participants: [{ name: 'Ana Æbelø' }, { name: null, party: 'V', span: { start: 3, end: 9, pages: [] } }] },
    { span: { start: 0, end: 4, pages: null }, titleSpan: { start: 0, end: 4, pages: [{ page: 1 }, { x: 1.5 }] } },
    {
      annotations: [
        { ...base.annotations[0]!, labels: [], comments: [{ id: 'c', author: 'bo', text: 'hej 👍', at: '2026-01-05T09:01:00.000Z', replyTo: null }] },
        { ...base.annotations[0]!, labels: null, comments: null, createdAt: null },
      ],
    },
  ];
  return variants.map((v, i) => ({ ...base, id: `awkward-${i}`, ...v }) as ItemRow);
}

describe('rowsToParquet', () => {
  it('writes byte for byte what hyparquet-writer writes when it shreds the same rows itself', () => {
    expect(Buffer.from(rowsToParquet(seedRows)).equals(Buffer.from(oracleParquet(seedRows)))).toBe(true);
  });

  it('the same with awkward rows, and over more than one row group', () => {
    const rows = awkwardRows();
    expect(Buffer.from(rowsToParquet(rows)).equals(Buffer.from(oracleParquet(rows)))).toBe(true);
    const many = Array.from({ length: 1300 }, (_, i) => seedRows[i % seedRows.length]!);
    many.splice(700, 8, ...rows);
    many.splice(1250, 8, ...rows);
    expect(Buffer.from(rowsToParquet(many)).equals(Buffer.from(oracleParquet(many)))).toBe(true);
  });

  it('writes a file with no rows', () => {
    expect(Buffer.from(rowsToParquet([])).equals(Buffer.from(oracleParquet([])))).toBe(true);
  });

  it('refuses a row without its required schemaVersion, naming the column', () => {
    expect(() => rowsToParquet([{ ...seedRows[0]!, schemaVersion: null } as unknown as ItemRow])).toThrow(/schemaVersion/);
  });
});

describe('snappyCompress', () => {
  const samples: Uint8Array[] = [];
  for (const n of [0, 1, 14, 15, 16, 60, 61, 256, 257, 65_536, 70_000, 300_000]) {
    const noise = new Uint8Array(n);
    let s = n + 1;
    for (let i = 0; i < n; i++) noise[i] = (s = (Math.imul(s, 1103515245) + 12345) >>> 0) >>> 24;
    const runs = noise.map((b, i) => (i % 97 < 50 ? b : i & 3));
    samples.push(noise, new Uint8Array(n), runs);
  }
  samples.push(new TextEncoder().encode('Økonomiudvalget godkendte indstillingen. '.repeat(5000)));

  it('gives the bytes hyparquet-writer gives, and they uncompress to the input', () => {
    for (const input of samples) {
      const out = snappyCompress(input);
      expect(Buffer.from(out).equals(Buffer.from(hyparquetSnappy(input))), `${input.length} bytes`).toBe(true);
      const back = new Uint8Array(input.length);
      snappyUncompress(out, back);
      expect(Buffer.from(back).equals(Buffer.from(input))).toBe(true);
    }
  });
});
