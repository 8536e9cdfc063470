/**
 * Figure 3: PDF → Meeting JSON through the CLI, against `pdftotext` (poppler) on
 * the same files in the same run, for both producers of the fixtures: pdf-lib
 * (embedded CID fonts, which make poppler slow) and pdfkit (the standard fonts
 * as simple fonts with WinAnsi encoding, as many producers write them). A batch
 * of each, then one 20-page document on its own, process start included.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildLongPdf, fixtures, pdfkitFixtures, readGold, readSeed, type Fixture, type Producer } from '../fixtures/pdf/generate.ts';
import { fmt, median, met } from './stats.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = path.join(root, 'core/cli/bin.mjs');

const PDF_DOCUMENTS = 50;
const PDF_RUNS = 3;
const PDF_TARGET_RATIO = 1.5;
const SINGLE_PAGES = 20;
const SINGLE_RUNS = 5;
const SINGLE_TARGET_MS = 500;

function timeMs(run: () => void): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

/** Runs `args` (the CLI or pdftotext); throws when it exits non-zero, so a failure never passes for speed. */
function command(file: string, args: string[]): () => void {
  return () => {
    const run = spawnSync(file, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    if (run.status !== 0) throw new Error(`${path.basename(file)} ${args.join(' ')} exited with ${run.status}: ${String(run.stderr).split('\n')[0]}`);
  };
}

const referat = (target: string) => command(process.execPath, [bin, 'parse', target, '--format', 'jsonl', '-o', '/dev/null']);
const pdftotextAll = (dir: string) => command('sh', ['-c', 'for f in "$1"/*.pdf; do pdftotext -q "$f" /dev/null || exit 1; done', 'sh', dir]);

/** The CLI and pdftotext alternately, `runs` times each after one warm-up; their medians. */
function race(ours: () => void, theirs: () => void, runs: number): { ours: number; theirs: number } {
  ours();
  theirs();
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < runs; i++) {
    b.push(timeMs(theirs));
    a.push(timeMs(ours));
  }
  return { ours: median(a), theirs: median(b) };
}

async function batchLine(producer: Producer, seeds: Fixture[]): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), `referat-bench-pdf-${producer}-`));
  try {
    let pages = 0;
    const built = await Promise.all(seeds.map(async (f) => ({ f, pdf: (await f.build()).pdf! })));
    for (let i = 0; i < PDF_DOCUMENTS; i++) {
      const { f, pdf } = built[i % built.length]!;
      writeFileSync(path.join(dir, `${String(i).padStart(3, '0')}_${f.file}`), pdf.bytes);
      pages += pdf.pages.length;
    }
    const t = race(referat(dir), pdftotextAll(dir), PDF_RUNS);
    const ratio = t.ours / t.theirs;
    return (
      `figure 3  CLI batch PDF → Meeting JSON, ${producer} (${producer === 'pdfkit' ? 'simple fonts, WinAnsi' : 'CID fonts'}), ${PDF_DOCUMENTS} PDFs, ${pages} pages, process start included, median of ${PDF_RUNS}: ` +
      `referat ${fmt(t.ours / 1000, 2)} s (${fmt(pages / (t.ours / 1000), 0)} pages/s, ${availableParallelism()} cores) | ` +
      `pdftotext ${fmt(t.theirs / 1000, 2)} s (${fmt(pages / (t.theirs / 1000), 0)} pages/s, one process a file) | referat/pdftotext ${fmt(ratio, 2)}× | ` +
      `target ≤ ${PDF_TARGET_RATIO}×: ${met(ratio <= PDF_TARGET_RATIO)}`
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function singleLine(producer: Producer): Promise<string> {
  const seed = '004_0c3ee312dafeca01';
  const pdf = await buildLongPdf(readSeed(seed), SINGLE_PAGES, { gold: readGold(seed), producer });
  const dir = mkdtempSync(path.join(tmpdir(), 'referat-bench-pdf1-'));
  try {
    const file = path.join(dir, `referat-${SINGLE_PAGES}-sider.pdf`);
    writeFileSync(file, pdf.bytes);
    const t = race(referat(file), command('pdftotext', ['-q', file, '/dev/null']), SINGLE_RUNS);
    return (
      `figure 3  CLI one ${SINGLE_PAGES}-page PDF (${producer}) → Meeting JSON, end to end, median of ${SINGLE_RUNS}: ` +
      `referat ${fmt(t.ours, 0)} ms | pdftotext ${fmt(t.theirs, 0)} ms | referat/pdftotext ${fmt(t.ours / t.theirs, 1)}× | ` +
      `target < ${SINGLE_TARGET_MS} ms: ${met(t.ours < SINGLE_TARGET_MS)}`
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function pdfFigures(): Promise<string[]> {
  const probe = spawnSync('pdftotext', ['-v'], { stdio: 'ignore' });
  if (probe.error) return ['figure 3  PDF: skipped, pdftotext (poppler-utils) is not installed'];
  return [
    await batchLine('pdf-lib', fixtures().filter((f) => f.kind === 'referat')),
    await batchLine('pdfkit', pdfkitFixtures()),
    await singleLine('pdf-lib'),
    await singleLine('pdfkit'),
  ];
}
