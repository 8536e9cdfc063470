/**
 * `npm run bench`: one line per figure of the quality bar this project measures
 * so far. Timings are medians of several runs, shown beside a reference measured
 * in the same run (these machines are shared and noisy). Figures print; they
 * never assert.
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseMinutes } from '../../core/minutes/parse.ts';
import { bigDocument } from '../support/big-document.ts';
import { buildLongPdf, fixtures, readGold, readSeed } from '../fixtures/pdf/generate.ts';
import { buildExtension, launchExtension } from '../support/extension.ts';
import { addSitePdf, KL_ORIGIN, serveSite } from '../support/kl-site.ts';
import { editorFigures } from './editor-figures.ts';
import { syncFigures } from './sync-figure.ts';
import { exportFigures } from './export-figure.ts';
import { memoryFigure } from './memory-figure.ts';
import { batchFigure } from './batch-figure.ts';
import { pdfFigures } from './pdf-figure.ts';
import { ocrFigure } from './ocr-figure.ts';
import { median, percentile, fmt, met } from './stats.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const seedsDir = path.join(root, 'test/fixtures/seeds');
const bin = path.join(root, 'core/cli/bin.mjs');
const seeds = readdirSync(seedsDir).filter((n) => n.endsWith('.txt')).sort();

const PARSE_TARGET_MS = 16;
const PARSE_DOCUMENT_BYTES = 250_000;
const PARSE_WARMUP = 10;
const PARSE_RUNS = 50;



function timeMs(run: () => void): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}


/** Figure 2: in-process parse of one ~250 KB document, against a plain line scan of the same text. */
function parseFigure(): string {
  const seed = readFileSync(path.join(seedsDir, seeds.find((n) => n.startsWith('004_')) ?? seeds[0]!), 'utf8');
  const text = bigDocument(seed, PARSE_DOCUMENT_BYTES);
  const copies = Math.ceil(text.length / seed.length);
  const kb = Buffer.byteLength(text) / 1000;
  const source = { name: 'bench.txt', sha256: '' };

  let items = 0;
  for (let i = 0; i < PARSE_WARMUP; i++) items = parseMinutes(text, { source }).sections.reduce((n, s) => n + s.items.length, 0);
  const parseMs = Array.from({ length: PARSE_RUNS }, () => timeMs(() => parseMinutes(text, { source })));

  // Reference: what any line-based reader of this text must at least do.
  let sink = 0;
  const scan = () => {
    for (const line of text.split('\n')) {
      if (/^\s*\d+(?:\.\d+)*\.\s/.test(line)) sink++;
      if (/SAG-\d{4}-\d+/.test(line)) sink++;
    }
  };
  for (let i = 0; i < PARSE_WARMUP; i++) scan();
  const scanMs = Array.from({ length: PARSE_RUNS }, () => timeMs(scan));
  if (sink < 0) console.log(sink); // keeps the scan from being optimized away

  const med = median(parseMs);
  const ref = median(scanMs);
  return (
    `figure 2  parseMinutes on one ${fmt(kb, 0)} KB document (seed 004, sections ×${copies}, ${items} items found), ${PARSE_RUNS} runs after ${PARSE_WARMUP} warm-up: ` +
    `median ${fmt(med)} ms, p95 ${fmt(percentile(parseMs, 95))} ms | reference split + regex scan median ${fmt(ref, 2)} ms | ` +
    `parse/reference ${fmt(med / ref)}× | target ≤ ${PARSE_TARGET_MS} ms (median): ${met(med <= PARSE_TARGET_MS)}`
  );
}

const VIEWER_RUNS = 5;
const VIEWER_TARGET_MS = 500;

/**
 * Figure 4: the extension's viewer in headless Chromium on a 40-page PDF: from
 * opening it to the first overlay, against pdf.js rendering page 1 in the same
 * load (the viewer's performance marks), and to the complete outline.
 */
async function viewerFigure(): Promise<string> {
  const seed = '000_0c2e4851483b96f9';
  const extension = buildExtension();
  const pdf = await buildLongPdf(readSeed(seed), 40, { gold: readGold(seed) });
  const sitePath = '/media/99999/referat-kkr-nordjylland-bench-40-sider.pdf';
  addSitePdf(sitePath, pdf.bytes);
  const site = await serveSite();
  const browser = await launchExtension(site.port, extension);
  try {
    const url = browser.url(`viewer.html?file=${encodeURIComponent(KL_ORIGIN + sitePath)}`);
    const runs: { page1: number; overlay: number; outline: number }[] = [];
    for (let i = 0; i <= VIEWER_RUNS; i++) {
      const page = await browser.context.newPage();
      await page.setViewportSize({ width: 1400, height: 1000 });
      await page.goto(url);
      // No named inner functions: tsx would wrap them in a helper the page lacks (and the CSP forbids eval).
      const handle = await page.waitForFunction(
        () => {
          const t = ['referat:page1-rendered', 'referat:first-overlay', 'referat:outline-complete'].map((n) => performance.getEntriesByName(n, 'mark')[0]?.startTime);
          return t.every((x) => x !== undefined) ? t : null;
        },
        undefined,
        { timeout: 60_000, polling: 20 },
      );
      const [page1 = 0, overlay = 0, outline = 0] = (await handle.jsonValue()) as number[];
      const m = { page1, overlay, outline };
      if (i > 0) runs.push(m); // the first load warms the browser's caches
      await page.close();
    }
    const afterPage1 = median(runs.map((r) => r.overlay - r.page1));
    const overlay = median(runs.map((r) => r.overlay));
    const page1 = median(runs.map((r) => r.page1));
    const outline = median(runs.map((r) => r.outline));
    return (
      `figure 4  extension viewer, ${pdf.pages.length}-page PDF in headless Chromium, median of ${VIEWER_RUNS} loads: ` +
      `first overlay ${fmt(Math.max(0, afterPage1), 0)} ms after page 1 rendered (target ≤ ${VIEWER_TARGET_MS} ms): ${met(afterPage1 <= VIEWER_TARGET_MS)}, ` +
      `outline complete ${fmt(outline, 0)} ms | from opening: page 1 rendered ${fmt(page1, 0)} ms, first overlay ${fmt(overlay, 0)} ms`
    );
  } finally {
    await browser.context.close();
    await site.close();
    rmSync(extension, { recursive: true, force: true });
  }
}

/**
 * The PDF fixtures (test/fixtures/pdf/generate.ts) generated in this process, the
 * cost every test run that uses them pays; once cold, then the median of warm runs.
 */
async function fixtureFigure(): Promise<string> {
  const all = fixtures();
  const runs: number[] = [];
  let pages = 0;
  for (let i = 0; i < 4; i++) {
    const start = performance.now();
    pages = 0;
    for (const f of all) pages += (await f.build()).pdf?.pages.length ?? 0;
    runs.push(performance.now() - start);
  }
  return `figure F  PDF fixtures generated: ${all.length} files, ${pages} laid-out pages, first ${fmt(runs[0]! / 1000, 2)} s, then median ${fmt(median(runs.slice(1)) / 1000, 2)} s`;
}

/**
 * Figure 2b: the same parse with a repairer offered, so the OCR gate (core/ocr/suspect.ts) reads the
 * whole clean text; it finds no damaged word, so the lexicon is never asked for. Timed interleaved
 * with the parse without a repairer, in the same run.
 */
function ocrGateFigure(): string {
  const seed = readFileSync(path.join(seedsDir, seeds.find((n) => n.startsWith('004_')) ?? seeds[0]!), 'utf8');
  const text = bigDocument(seed, PARSE_DOCUMENT_BYTES);
  const source = { name: 'bench.txt', sha256: '' };
  const repairer = () => {
    throw new Error('the OCR gate asked for the lexicon on a clean text');
  };
  for (let i = 0; i < PARSE_WARMUP; i++) {
    parseMinutes(text, { source });
    parseMinutes(text, { source, repairer });
  }
  const plain: number[] = [];
  const gated: number[] = [];
  for (let i = 0; i < PARSE_RUNS; i++) {
    plain.push(timeMs(() => parseMinutes(text, { source })));
    gated.push(timeMs(() => parseMinutes(text, { source, repairer })));
  }
  const [p, g] = [median(plain), median(gated)];
  return (
    `figure 2b parseMinutes with the OCR gate (repairer offered; the clean text loads no lexicon), same document, ${PARSE_RUNS} runs interleaved: ` +
    `median ${fmt(g)} ms | reference without a repairer, same run: median ${fmt(p)} ms | gate cost ${fmt(g - p, 2)} ms (${fmt(((g - p) / p) * 100, 1)} %)`
  );
}

/**
 * `npm run bench` runs every figure; `npm run bench -- pdf editor` (or BENCH_ONLY=pdf,editor)
 * only those named: batch, memory, parse, pdf, viewer, editor, sync, export, fixtures, ocr.
 */
const FIGURES: Record<string, () => Promise<string[]>> = {
  batch: async () => [batchFigure()],
  memory: async () => [memoryFigure()],
  parse: async () => [parseFigure(), ocrGateFigure()],
  pdf: () => pdfFigures(),
  viewer: async () => [await viewerFigure()],
  editor: () => editorFigures(),
  sync: () => syncFigures(),
  export: () => exportFigures(),
  fixtures: async () => [await fixtureFigure()],
  ocr: async () => [await ocrFigure()],
};
const asked = [...process.argv.slice(2), ...(process.env.BENCH_ONLY ?? '').split(',')].map((s) => s.trim()).filter(Boolean);
const unknown = asked.filter((name) => !(name in FIGURES));
if (unknown.length > 0) {
  console.error(`bench: no figure named ${unknown.join(', ')} (there are: ${Object.keys(FIGURES).join(', ')})`);
  process.exit(2);
}
for (const [name, figure] of Object.entries(FIGURES)) {
  if (asked.length > 0 && !asked.includes(name)) continue;
  for (const line of await figure()) console.log(line);
}
