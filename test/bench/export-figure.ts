/**
 * Figure: dataset export of 10,000 items (the seeds' parses repeated as
 * distinct documents) to JSONL, CSV and Parquet — building the rows from the
 * curated documents and serializing them — each the median of 3 runs, against
 * `JSON.stringify` of the same rows in the same run as the reference.
 * Runs on its own: `npx tsx test/bench/export-figure.ts`.
 */
import { pathToFileURL } from 'node:url';
import { rowsToCsv } from '../../core/export/csv.ts';
import { rowsToJsonl } from '../../core/export/jsonl.ts';
import type { CuratedDocument } from '../../core/export/model.ts';
import { rowsToParquet } from '../../core/export/parquet.ts';
import { datasetRows } from '../../core/export/rows.ts';
import { seedDocuments } from '../support/curated.ts';

const ITEMS = 10_000;
const RUNS = 3;
const TARGET_S = 2;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (x: number, digits = 2) => x.toFixed(digits);

/**
 * The seeds' curated documents repeated under new document ids until they hold
 * at least `items` items. Each copy's titles and field texts are made distinct,
 * so Parquet's dictionaries do not get repeated text for free.
 */
function documents(items: number): CuratedDocument[] {
  const seeds = seedDocuments();
  const out: CuratedDocument[] = [];
  let count = 0;
  for (let copy = 0; count < items; copy++) {
    for (const seed of seeds) {
      if (count >= items) break;
      const meeting = structuredClone(seed.meeting);
      for (const section of meeting.sections) {
        for (const item of section.items) {
          item.title = `${item.title} (${copy})`;
          for (const field of Object.values(item.fields)) if (field) field.text = `${copy}: ${field.text}`;
        }
      }
      out.push({ ...seed, documentId: `${seed.documentId}-${copy}`, meeting });
      count += seed.meeting.sections.reduce((n, s) => n + s.items.length, 0);
    }
  }
  return out;
}

function timeMs(f: () => unknown): { ms: number; size: number } {
  const t = performance.now();
  const out = f() as string | Uint8Array;
  return { ms: performance.now() - t, size: typeof out === 'string' ? out.length : out.byteLength };
}

export function exportFigures(items = ITEMS): string[] {
  const docs = documents(items);
  const rows = datasetRows(docs).slice(0, items);
  const n = rows.length;
  const cut = (d: readonly CuratedDocument[]) => datasetRows(d).slice(0, items);
  const reference = median(Array.from({ length: RUNS }, () => timeMs(() => JSON.stringify(rows)).ms));
  const formats: [string, () => string | Uint8Array][] = [
    ['JSONL', () => rowsToJsonl(cut(docs))],
    ['CSV', () => rowsToCsv(cut(docs))],
    ['Parquet', () => rowsToParquet(cut(docs))],
  ];
  return formats.map(([name, f]) => {
    const runs = Array.from({ length: RUNS }, () => timeMs(f));
    const ms = median(runs.map((r) => r.ms));
    const mb = runs[0]!.size / 1e6;
    return (
      `export ${name.padEnd(7)} ${n} items (rows built + written, ${fmt(mb, 1)} M${name === 'Parquet' ? 'B' : ' chars'}), median of ${RUNS}: ` +
      `${fmt(ms / 1000)} s | JSON.stringify of the rows ${fmt(reference / 1000)} s | export/reference ${fmt(ms / reference, 1)}× | ` +
      `target ≤ ${TARGET_S} s: ${ms / 1000 <= TARGET_S ? 'met' : 'not met'}`
    );
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const line of exportFigures()) console.log(line);
}
