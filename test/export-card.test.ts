/**
 * The dataset card as data hubs and users read it: Hugging Face YAML front
 * matter (licence, `language: da`, one config per data file), how the data
 * was made, and load snippets — the DuckDB ones run here on the written files.
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { DATASET_FORMATS, exportDatasetAsync } from '../core/export/index.ts';
import { exportDocuments } from './support/export-data.ts';

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

async function exported(csvDelimiter: ',' | ';') {
  const result = await exportDatasetAsync(exportDocuments(), { formats: DATASET_FORMATS, csvDelimiter, generatedAt: '2026-11-23T10:00:00.000Z', origin: 'test files', tool: 'referat-studio test' });
  const dir = await mkdtemp(path.join(tmpdir(), 'referat-card-'));
  dirs.push(dir);
  for (const f of result.files) {
    await mkdir(path.dirname(path.join(dir, f.name)), { recursive: true });
    await writeFile(path.join(dir, f.name), f.data);
  }
  const card = result.files.find((f) => f.name === 'README.md')!.data as string;
  return { dir, card, rows: result.rows };
}

function frontMatter(card: string): Record<string, unknown> {
  const m = /^---\n([\s\S]*?)\n---\n/.exec(card);
  expect(m).not.toBeNull();
  return parseYaml(m![1]!) as Record<string, unknown>;
}

describe('dataset card', () => {
  it('has Hugging Face front matter: licence, language da, one config per data file', async () => {
    const { card, rows } = await exported(',');
    const meta = frontMatter(card);
    expect(meta).toMatchObject({ license: 'other', license_name: 'publisher-chosen', language: ['da'], size_categories: [rows.length < 1000 ? 'n<1K' : '1K<n<10K'] });
    expect(meta.configs).toEqual([
      { config_name: 'items', default: true, data_files: 'items.parquet' },
      { config_name: 'items_jsonl', data_files: 'items.jsonl' },
      { config_name: 'items_csv', data_files: 'items.csv' },
      { config_name: 'documents', data_files: 'documents.jsonl' },
    ]);
    expect(card).toMatch(/\n---\n\n# Referat Studio dataset\n/);
  });

  it('says how the data was made and how to load it in pandas, DuckDB and R', async () => {
    const { card } = await exported(',');
    expect(card).toContain('## How it was made');
    expect(card).toContain('## Load it');
    expect(card).toContain('pd.read_parquet("items.parquet")');
    expect(card).toContain('dtype={"number": str, "sectionNumber": str}');
    expect(card).toContain('arrow::read_parquet("items.parquet")');
    expect(card).toContain('readr::read_delim("items.csv", delim = ","');
    expect(card).toContain('load_dataset("path/to/this/folder", "items")');
  });

  it.each([',', ';'] as const)('its DuckDB snippets run on the written files (CSV delimiter %s), number as text, items in order', async (delimiter) => {
    const { dir, card, rows } = await exported(delimiter);
    if (delimiter === ';') expect((frontMatter(card).configs as Record<string, unknown>[]).find((c) => c.config_name === 'items_csv')).toMatchObject({ sep: ';' });
    const sql = /```sql\n([\s\S]*?)```/.exec(card)![1]!.trim().split('\n');
    expect(sql).toHaveLength(3);
    const db = await (await DuckDBInstance.create(':memory:')).connect();
    try {
      await db.run(`SET file_search_path = '${dir}'`);
      for (const statement of sql) {
        const got = (await db.runAndReadAll(statement)).getRowObjectsJson();
        expect(got, statement).toHaveLength(rows.length);
        const numbers = new Set(got.map((r) => `${String(r.documentId)} ${String(r.number)}`));
        expect(numbers.size, statement).toBe(rows.length);
        expect(got.some((r) => r.number === '2.10'), statement).toBe(true);
      }
    } finally {
      db.closeSync();
    }
  });
});
