/**
 * `referat export` as a user runs it, on the seeds and a generated PDF: every
 * format written, every export valid against its schema, Parquet read back by
 * hyparquet (an independent reader; test/export-tables.test.ts reads every
 * tabular format with DuckDB too), the spreadsheet by read-excel-file, JSONL
 * round trip byte for byte, bad input in one line.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile, copyFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import { parquetReadObjects } from 'hyparquet';
import readXlsxFile from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtures } from './fixtures/pdf/generate.ts';
import { neutralizeFormula, parseCsv } from '../core/export/csv.ts';
import { documentsToJsonl, importJsonl, rowsToJsonl } from '../core/export/jsonl.ts';
import { datasetRows, ROW_COLUMNS, type ItemRow } from '../core/export/rows.ts';
import { ITEM_ROW_SCHEMA } from '../core/export/schema.ts';
import { referat } from './support/referat.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const seeds = path.join(root, 'test/fixtures/seeds');

const ajv = new Ajv({ allErrors: true, strict: false });
const validateRow = ajv.compile(ITEM_ROW_SCHEMA);
const JSON_COLUMNS = new Set(['caseworkers', 'labels', 'finalLabels', 'adjudications', 'comments', 'annotations', 'attachments', 'participants', 'absent', 'source', 'span', 'titleSpan', 'caseSpan', 'fieldSpans']);

function expectValidRows(rows: unknown[]): void {
  expect(rows.length).toBeGreaterThan(0);
  for (const row of rows) expect(validateRow(row) ? null : { id: (row as ItemRow).id, errors: validateRow.errors }).toBeNull();
}

let dir: string;
let input: string;
const out = (...parts: string[]) => path.join(dir, 'out', ...parts);

beforeAll(async () => {
  execFileSync(process.execPath, [path.join(root, 'core/cli/build.mjs')], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  dir = await mkdtemp(path.join(tmpdir(), 'referat-export-'));
  input = path.join(dir, 'input');
  await mkdir(input);
  for (const name of (await readdir(seeds)).filter((n) => n.endsWith('.txt'))) await copyFile(path.join(seeds, name), path.join(input, name));
  const pdf = fixtures().find((f) => f.file === '001_9e1bcf5ac8b7483e.pdf')!;
  await writeFile(path.join(input, 'pdf-001.pdf'), (await pdf.build()).bytes);
}, 180_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('referat export FILES --format all', () => {
  let rows: ItemRow[];

  beforeAll(async () => {
    const run = await referat(['export', input, '--format', 'all', '-o', out('all')]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Wrote \d+ items from 6 documents/);
    rows = (await readFile(out('all', 'items.jsonl'), 'utf8')).trimEnd().split('\n').map((l) => JSON.parse(l) as ItemRow);
  }, 120_000);

  it('writes every format, the cases table, the schema and the card', async () => {
    expect((await readdir(out('all'))).sort()).toEqual(
      ['README.md', 'annotations.jsonld', 'cases.json', 'documents.jsonl', 'item.schema.json', 'items.csv', 'items.jsonl', 'items.parquet', 'items.xlsx', 'oparl', 'texts', 'labelstudio', 'doccano.jsonl'].sort(),
    );
    const schema = JSON.parse(await readFile(out('all', 'item.schema.json'), 'utf8'));
    expect(schema).toEqual(JSON.parse(JSON.stringify(ITEM_ROW_SCHEMA)));
    const card = await readFile(out('all', 'README.md'), 'utf8');
    expect(card).toContain(`| items | ${rows.length} |`);
    expect(card).toContain('| documents | 6 |');
    expect(card).toContain('| meetings (distinct meeting ids) | 5 |');
    expect(card).toMatch(/## Agreement between analysts/);
  });

  it('JSONL rows are valid against the schema and carry PDF provenance', () => {
    expectValidRows(rows);
    const fromPdf = rows.filter((r) => r.source.name === 'pdf-001.pdf');
    expect(fromPdf.length).toBeGreaterThan(0);
    for (const r of fromPdf) {
      expect(r.source.fingerprint).toMatch(/^[0-9a-f]+$/);
      expect(r.span.pages?.length).toBeGreaterThan(0);
      expect(r.span.pages![0]!.page).toBeGreaterThanOrEqual(1);
    }
  });

  it('CSV parses back into the same rows, Danish text intact', async () => {
    const bytes = await readFile(out('all', 'items.csv'));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...records] = parseCsv(bytes.toString('utf8'), { emptyAsNull: true });
    expect(header).toEqual([...ROW_COLUMNS]);
    const parsed = records.map((rec) => rowFromCells(header as string[], rec));
    expectValidRows(parsed);
    expect(parsed).toEqual(rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'string' ? neutralizeFormula(v) : v]))));
    expect(parsed.some((r) => /[æøå]/.test(r.title))).toBe(true);
  });

  it('the spreadsheet holds the same rows and columns', async () => {
    const [sheet] = await readXlsxFile(await readFile(out('all', 'items.xlsx')), { trim: false });
    const [header, ...records] = sheet!.data;
    expect(header).toEqual([...ROW_COLUMNS]);
    expect(records.map((r) => r[ROW_COLUMNS.indexOf('id')])).toEqual(rows.map((r) => r.id));
    expect(records.map((r) => r[ROW_COLUMNS.indexOf('number')])).toEqual(rows.map((r) => r.number));
    expect(records.map((r) => r[ROW_COLUMNS.indexOf('itemNo')])).toEqual(rows.map((r) => r.itemNo));
  });

  it('Parquet is read back by hyparquet (an independent reader) with the same rows', async () => {
    const bytes = await readFile(out('all', 'items.parquet'));
    const read = (await parquetReadObjects({ file: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) })) as Record<string, unknown>[];
    expect(read.map((r) => Object.keys(r))).toEqual(rows.map(() => [...ROW_COLUMNS]));
    expect(read.map((r) => plain(r))).toEqual(rows.map((r) => plain(r)));
    expect(read.some((r) => /[æøå]/.test(r.title as string))).toBe(true);
  });

  it('Web Annotation and OParl files have their shapes', async () => {
    const anno = JSON.parse(await readFile(out('all', 'annotations.jsonld'), 'utf8'));
    expect(ajv.validate(WEB_ANNOTATION_COLLECTION, anno) ? null : ajv.errors).toBeNull();
    const system = JSON.parse(await readFile(out('all', 'oparl', 'system.json'), 'utf8'));
    expect(system).toMatchObject({ type: 'https://schema.oparl.org/1.1/System', id: 'http://localhost:8000/oparl/system.json' });
    const items = JSON.parse(await readFile(out('all', 'oparl', 'body', 'kl', 'agenda-items.json'), 'utf8'));
    expect(items.pagination.totalElements).toBe(rows.length);
    const cases = JSON.parse(await readFile(out('all', 'cases.json'), 'utf8'));
    expect(ajv.validate(CASES, cases) ? null : ajv.errors).toBeNull();
  });

  it('referat import ANNOTATIONS --onto documents.jsonl re-anchors W3C annotations and counts the orphans', async () => {
    const documents = out('all', 'documents.jsonl');
    const read = importJsonl(await readFile(documents, 'utf8'));
    if (!read.ok) throw new Error(read.reason);
    const seed = read.documents.find((d) => d.documentId === '000_0c2e4851483b96f9')!;
    const quote = 'godkendte dagsordenen';
    const annotations = {
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      type: 'AnnotationPage',
      items: [
        { type: 'Annotation', id: 'https://hypothes.is/a/1', creator: 'acct:ana@hypothes.is', created: '2026-02-01T10:00:00Z', body: [{ type: 'TextualBody', purpose: 'tagging', value: 'godkendt' }], target: [{ source: `urn:sha256:${seed.meeting.source.sha256}`, selector: [{ type: 'TextQuoteSelector', exact: quote }] }] },
        { type: 'Annotation', id: 'https://hypothes.is/a/2', creator: 'acct:ana@hypothes.is', created: '2026-02-01T10:00:00Z', target: [{ source: `urn:sha256:${seed.meeting.source.sha256}`, selector: [{ type: 'TextQuoteSelector', exact: 'et citat som ingen steder står' }] }] },
      ],
    };
    await writeFile(path.join(dir, 'annotations.json'), JSON.stringify(annotations));
    const merged = path.join(dir, 'merged.jsonl');
    const run = await referat(['import', path.join(dir, 'annotations.json'), '--onto', documents, '-o', merged]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Read 2 annotations: 1 anchored, 1 orphaned \(kept with their quote\), 0 for no document/);
    const after = importJsonl(await readFile(merged, 'utf8'));
    if (!after.ok) throw new Error(after.reason);
    const [a, orphan] = after.documents.find((d) => d.documentId === seed.documentId)!.annotations;
    expect(seed.meeting.text.slice(a!.start!, a!.end!)).toBe(quote);
    expect(a!.labels).toEqual([{ label: 'godkendt', author: 'ana', at: '2026-02-01T10:00:00Z' }]);
    expect(orphan).toMatchObject({ orphaned: true, start: null });
    const usage = await referat(['import', path.join(dir, 'annotations.json'), '--onto', documents]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/^referat: importing annotations needs -o OUT\.jsonl/);
  });

  it('JSONL round trip: export → import → export is byte for byte the same', async () => {
    const documents = await readFile(out('all', 'documents.jsonl'), 'utf8');
    const items = await readFile(out('all', 'items.jsonl'), 'utf8');
    const read = importJsonl(documents);
    if (!read.ok) throw new Error(read.reason);
    expect(read.documents).toHaveLength(6);
    expect(documentsToJsonl(read.documents)).toBe(documents);
    expect(rowsToJsonl(datasetRows(read.documents))).toBe(items);
  });
});

describe('referat export, one format at a time and filtered', () => {
  it.each([
    ['jsonl', ['items.jsonl', 'documents.jsonl']],
    ['csv', ['items.csv']],
    ['parquet', ['items.parquet']],
    ['webannotation', ['annotations.jsonld', 'texts']],
    ['xlsx', ['items.xlsx']],
    ['oparl', ['oparl']],
    ['labelstudio', ['labelstudio']],
    ['doccano', ['doccano.jsonl']],
  ])('--format %s', async (format, files) => {
    const run = await referat(['export', path.join(input, '000_0c2e4851483b96f9.txt'), '--format', format, '-o', out(format)]);
    expect(run.code).toBe(0);
    expect((await readdir(out(format))).sort()).toEqual([...files, 'README.md', 'cases.json', 'item.schema.json'].sort());
  });

  it('--from, --to and --body choose meetings; --approved-only leaves nothing unreviewed', async () => {
    const txts = ['000_0c2e4851483b96f9.txt', '001_9e1bcf5ac8b7483e.txt', '003_018046a384c397c7.txt'].map((n) => path.join(input, n));
    let run = await referat(['export', ...txts, '-f', 'jsonl', '--from', '2021-01-01', '--to', '2024-12-31', '--body', 'KKR Nordjylland', '-o', out('range')]);
    expect(run.code).toBe(0);
    const rows = (await readFile(out('range', 'items.jsonl'), 'utf8')).trimEnd().split('\n').map((l) => JSON.parse(l) as ItemRow);
    expect(new Set(rows.map((r) => r.date))).toEqual(new Set(['2021-10-15', '2024-02-09']));
    expect(await readFile(out('range', 'README.md'), 'utf8')).toContain('meetings 2021-01-01 to 2024-12-31');
    run = await referat(['export', ...txts, '-f', 'jsonl', '--approved-only', '-o', out('approved')]);
    expect(run.code).toBe(0);
    expect(await readFile(out('approved', 'items.jsonl'), 'utf8')).toBe('');
    expect(run.stdout).toMatch(/^Wrote 0 items/);
  });

  it.each([
    [['export', 'nope.txt', '-o', 'x'], 1, /^referat: nope\.txt: no such file or directory$/],
    [['export', 'test/fixtures/seeds', '--from', '2020-13-01', '-o', 'x'], 2, /^referat: --from expects a date like 2020-09-04/],
    [['export', 'test/fixtures/seeds'], 2, /^referat: export needs -o OUTDIR/],
    [['export', 'test/fixtures/seeds', '-o', 'x', '--oparl-base', 'ftp://example.org/'], 2, /^referat: --oparl-base must be an http or https URL/],
    [['export', 'test/fixtures/seeds', '-o', 'x', '--csv-delimiter', '|'], 2, /^referat: .*csv-delimiter/],
    [['export', '--workspace', 'w', '-o', 'x'], 2, /^referat: --workspace needs --server/],
    [['export', '--workspace', 'w', '--server', 'ws://127.0.0.1:9', '--token', 'rs_x', '-o', 'x'], 1, /^referat: http:\/\/127\.0\.0\.1:9: cannot reach the sync server/],
    [['import', 'nope.jsonl', '--workspace', 'w', '--server', 'ws://127.0.0.1:9', '--token', 'rs_x'], 1, /^referat: nope\.jsonl: no such file or directory$/],
    [['import', 'package.json', '--workspace', 'w', '--server', 'ws://127.0.0.1:9', '--token', 'rs_x'], 1, /^referat: package\.json:1: not JSON/],
  ])('bad input %j: one line, exit %i', async (args, code, message) => {
    const run = await referat(args as string[]);
    expect(run.code).toBe(code);
    const lines = run.stderr.split('\n').filter(Boolean);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
    expect(run.stderr).not.toMatch(/^\s+at /m);
  });
});

/** A row as plain data to compare: Dates as ISO text (`date` as a day), nulls and absent fields alike left out. */
function plain(value: unknown, key?: string): unknown {
  if (value instanceof Date) return key === 'date' ? value.toISOString().slice(0, 10) : value.toISOString();
  if (Array.isArray(value)) return value.map((v) => plain(v));
  if (value && typeof value === 'object') {
    const o: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== null && v !== undefined) o[k] = plain(v, k);
    return o;
  }
  return value;
}

/** A row from CSV cells: JSON cells parsed, integer columns numbers. */
function rowFromCells(header: readonly string[], cells: readonly (string | null)[]): ItemRow {
  const row: Record<string, unknown> = {};
  header.forEach((name, i) => {
    const cell = cells[i] ?? null;
    row[name] = cell === null ? null : ['schemaVersion', 'sectionNo', 'itemNo'].includes(name) ? Number(cell) : JSON_COLUMNS.has(name) ? JSON.parse(cell) : cell;
  });
  return row as unknown as ItemRow;
}

const iri = { type: 'string', pattern: '^[a-z][a-z0-9+.-]*:' };
const WEB_ANNOTATION_COLLECTION = {
  type: 'object',
  required: ['@context', 'id', 'type', 'total', 'first'],
  properties: {
    '@context': { type: 'array', minItems: 2, items: [{ const: 'http://www.w3.org/ns/anno.jsonld' }, { type: 'object' }] },
    id: iri,
    type: { const: 'AnnotationCollection' },
    first: {
      type: 'object',
      required: ['type', 'items'],
      properties: {
        type: { const: 'AnnotationPage' },
        items: {
          type: 'array',
          items: {
            type: 'object',
            required: ['id', 'type', 'motivation', 'creator', 'created', 'target'],
            properties: {
              id: iri,
              type: { const: 'Annotation' },
              motivation: { enum: ['tagging', 'commenting', 'highlighting', 'replying'] },
              created: { type: 'string', format: 'date-time' },
              body: { type: 'array', items: { type: 'object', required: ['type', 'purpose', 'value'], properties: { type: { const: 'TextualBody' } } } },
              target: {
                oneOf: [
                  iri,
                  {
                    type: 'array',
                    minItems: 1,
                    items: {
                      type: 'object',
                      required: ['type', 'source', 'selector'],
                      properties: {
                        type: { const: 'SpecificResource' },
                        source: { oneOf: [iri, { type: 'object', required: ['id', 'type', 'format'], properties: { id: { type: 'string', pattern: '^texts/' }, format: { const: 'text/plain' } } }] },
                        selector: {
                          type: 'array',
                          minItems: 1,
                          items: {
                            oneOf: [
                              { type: 'object', required: ['type', 'exact', 'prefix', 'suffix'], properties: { type: { const: 'TextQuoteSelector' } } },
                              { type: 'object', required: ['type', 'start', 'end'], properties: { type: { const: 'TextPositionSelector' }, start: { type: 'integer' }, end: { type: 'integer' } } },
                              { type: 'object', required: ['type', 'conformsTo', 'value'], properties: { type: { const: 'FragmentSelector' }, value: { type: 'string', pattern: '^page=\\d+$' } } },
                            ],
                          },
                        },
                      },
                    },
                  },
                ],
              },
            },
          },
        },
      },
    },
  },
};

const CASES = {
  type: 'array',
  items: {
    type: 'object',
    additionalProperties: false,
    required: ['caseNumber', 'items', 'meetings', 'firstDate', 'lastDate'],
    properties: {
      caseNumber: { type: 'string', pattern: '^SAG-' },
      items: { type: 'array', minItems: 1, items: { type: 'string' } },
      meetings: { type: 'array', minItems: 1, items: { type: 'string' } },
      firstDate: { type: ['string', 'null'] },
      lastDate: { type: ['string', 'null'] },
    },
  },
};
