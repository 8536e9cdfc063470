/**
 * Figure: OCR of scanned pages. `referat parse` of an image-only PDF (seed 000's
 * first pages rendered by pdftoppm at 150 dpi and wrapped as a scan), in pages
 * per second, beside Debian's `tesseract` command (tesseract-ocr with
 * tesseract-ocr-dan) reading the same page images, one process per core (one
 * thread each, as the CLI runs one engine per core), in the same run.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fixtures } from '../fixtures/pdf/generate.ts';
import { scanPdf } from '../fixtures/pdf/scanned.ts';
import { fmt, median } from './stats.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = path.join(root, 'core/cli/bin.mjs');

const PAGES = 8;
const DPI = 150;
const RUNS = 2;

export async function ocrFigure(): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), 'referat-bench-ocr-'));
  try {
    const seed = fixtures().find((f) => f.file === '000_0c2e4851483b96f9.pdf')!;
    // The first PAGES pages, as a scan and as the page images it is made from.
    const { PDFDocument } = await import('pdf-lib');
    const full = await PDFDocument.load((await seed.build()).bytes);
    const first = await PDFDocument.create();
    for (const page of await first.copyPages(full, Array.from({ length: PAGES }, (_, i) => i))) first.addPage(page);
    const bytes = await first.save();
    const source = path.join(dir, 'source.pdf');
    writeFileSync(source, bytes);
    execFileSync('pdftoppm', ['-r', String(DPI), '-png', '-gray', source, path.join(dir, 'page')]);
    const images = readdirSync(dir).filter((f) => f.startsWith('page') && f.endsWith('.png'));
    const scanned = path.join(dir, 'scan.pdf');
    writeFileSync(scanned, await scanPdf(bytes, { dpi: DPI }));

    const tesseract = spawnSync('tesseract', ['--version'], { encoding: 'utf8' });
    const hasTesseract = tesseract.status === 0 && (spawnSync('tesseract', ['--list-langs'], { encoding: 'utf8' }).stdout ?? '').split('\n').includes('dan');
    const cores = availableParallelism();
    const ours: number[] = [];
    const theirs: number[] = [];
    let failed = 0;
    for (let i = 0; i < RUNS; i++) {
      let start = performance.now();
      const run = spawnSync(process.execPath, [bin, 'parse', scanned, '--no-progress', '-o', path.join(dir, 'out.json')], { stdio: 'ignore' });
      ours.push(performance.now() - start);
      if (run.status !== 0) failed++;
      if (!hasTesseract) continue;
      start = performance.now();
      // One single-threaded tesseract per core, each page once, word boxes as TSV (as the CLI reads them).
      const ref = spawnSync('sh', ['-c', `ls "$1"/page*.png | xargs -P ${cores} -I{} tesseract {} {} -l dan tsv`, 'sh', dir], { stdio: 'ignore', env: { ...process.env, OMP_THREAD_LIMIT: '1' } });
      theirs.push(performance.now() - start);
      if (ref.status !== 0) throw new Error(`tesseract exited with ${ref.status}`);
    }
    const rate = (ms: number[]) => PAGES / (median(ms) / 1000);
    const reference = hasTesseract ? `tesseract command ${fmt(rate(theirs), 2)} pages/s (${(tesseract.stdout.split('\n')[0] ?? '').trim()}), referat/tesseract ${fmt(rate(ours) / rate(theirs), 2)}×` : 'tesseract command not installed (apt-get install tesseract-ocr tesseract-ocr-dan)';
    return `figure O  OCR of ${images.length} scanned A4 pages at ${DPI} dpi on ${cores} cores: referat parse ${fmt(rate(ours), 2)} pages/s (median of ${RUNS}, worker start included${failed ? `, ${failed} runs FAILED` : ''}); ${reference}`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
