/**
 * Figure: dataset export of 10,000 items (the seeds' parses repeated as
 * distinct documents, with annotations) to every format — JSONL, CSV, xlsx,
 * Parquet, W3C Web Annotation, OParl, Label Studio, doccano — building the
 * rows from the curated documents and serializing them, each the median of 3
 * runs, against `JSON.stringify` of the same rows as the reference. Each
 * format's runs alternate with runs of the reference, so that a format and
 * its reference see the same load on a shared machine. Runs on its own:
 * `npx tsx test/bench/export-figure.ts`.
 */
import { pathToFileURL } from 'node:url';
import { rowsToCsv } from '../../core/export/csv.ts';
import { doccanoJsonl, labelStudioConfig, labelStudioTasks } from '../../core/export/exchange.ts';
import { toOParl } from '../../core/export/oparl.ts';
import { annotationCollection, textFileNames } from '../../core/export/web-annotation.ts';
import { rowsToXlsx } from '../../core/export/xlsx.ts';
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
      // Two annotations an item's worth of text apart, with labels and a comment, so the annotation formats have work.
      const its = meeting.sections.flatMap((s) => s.items);
      const annotations = its.slice(0, 4).map((item, k) => ({
        id: `a${k}`,
        start: item.titleSpan.start,
        end: item.titleSpan.end,
        orphaned: false,
        quote: meeting.text.slice(item.titleSpan.start, item.titleSpan.end),
        prefix: '',
        suffix: '',
        labels: [{ label: k % 2 ? 'klima' : 'godkendt', author: k % 2 ? 'ana' : 'bo', at: '2026-01-05T09:00:00.000Z' }],
        comments: k ? [] : [{ id: 'c1', author: 'ana', text: 'Se også 3.2', at: '2026-01-05T09:01:00.000Z', replyTo: null }],
        author: k % 2 ? 'ana' : 'bo',
        createdAt: '2026-01-05T09:00:00.000Z',
      }));
      out.push({ ...seed, documentId: `${seed.documentId}-${copy}`, meeting, annotations });
      count += seed.meeting.sections.reduce((n, s) => n + s.items.length, 0);
    }
  }
  return out;
}

async function timeMs(f: () => unknown): Promise<{ ms: number; size: number }> {
  const t = performance.now();
  const out = (await f()) as string | Uint8Array | { path: string; data: unknown }[];
  const ms = performance.now() - t;
  return { ms, size: typeof out === 'string' ? out.length : out instanceof Uint8Array ? out.byteLength : out.length };
}

export async function exportFigures(items = ITEMS): Promise<string[]> {
  const docs = documents(items);
  const rows = datasetRows(docs).slice(0, items);
  const n = rows.length;
  const cut = (d: readonly CuratedDocument[]) => datasetRows(d).slice(0, items);
  const chosen = docs.filter((d) => rows.some((r) => r.documentId === d.documentId));
  // Each format as the export makes it: rows (or documents) in, the file's text or bytes out.
  const formats: [string, string, () => unknown][] = [
    ['JSONL', 'M chars', () => rowsToJsonl(cut(docs))],
    ['CSV', 'M chars', () => rowsToCsv(cut(docs))],
    ['xlsx', 'MB', () => rowsToXlsx(cut(docs))],
    ['Parquet', 'MB', () => rowsToParquet(cut(docs))],
    ['W3C', 'M chars', () => {
      cut(docs);
      const texts = textFileNames(chosen);
      return JSON.stringify(annotationCollection(chosen), null, 2) + [...texts.keys()].length;
    }],
    ['OParl', 'k files', () => {
      const files = toOParl(cut(docs), { base: 'https://example.org/oparl/' }).files;
      for (const f of files) JSON.stringify(f.data);
      return files;
    }],
    ['LabelStudio', 'M chars', () => {
      const r = cut(docs);
      return JSON.stringify(labelStudioTasks(r, chosen, 'bench')) + labelStudioConfig(r, chosen);
    }],
    ['doccano', 'M chars', () => doccanoJsonl(cut(docs), chosen)],
  ];
  const lines: string[] = [];
  for (const [name, unit, f] of formats) {
    const runs: { ms: number; size: number }[] = [];
    const references: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      references.push((await timeMs(() => JSON.stringify(rows))).ms);
      runs.push(await timeMs(f));
    }
    const ms = median(runs.map((r) => r.ms));
    const reference = median(references);
    const size = unit === 'k files' ? runs[0]!.size / 1e3 : runs[0]!.size / 1e6;
    lines.push(
      `export ${name.padEnd(11)} ${n} items (rows built + written, ${fmt(size, 1)} ${unit}), median of ${RUNS}: ` +
        `${fmt(ms / 1000)} s | JSON.stringify of the rows ${fmt(reference / 1000)} s | export/reference ${fmt(ms / reference, 1)}× | ` +
        `target ≤ ${TARGET_S} s: ${ms / 1000 <= TARGET_S ? 'met' : 'not met'}`,
    );
  }
  return lines;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const line of await exportFigures()) console.log(line);
}
