/**
 * Figure: how much memory `referat parse` takes for one large minutes text. The
 * peak resident memory of the whole process (its `maxRSS`) on a ~10 MB text,
 * minus the same for a tiny text (process start, the bundle, the parser's code),
 * as a multiple of the input's size. Also the time of the large run. The CLI parses
 * a text this long under V8's memory-saving heap policy (core/cli/process-file.ts),
 * so the figure includes it; without it the growth is 13–15× the input's size.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bigDocument } from '../support/big-document.ts';
import { fmt, median, met } from './stats.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = path.join(root, 'core/cli/bin.mjs');
const seed = path.join(root, 'test/fixtures/seeds/004_0c3ee312dafeca01.txt');

const LARGE_BYTES = 10_000_000;
const RUNS = 3;
const TARGET_RATIO = 10;

/** Peak RSS (bytes) and wall time (ms) of `referat parse FILE -o OUT` (median of `runs`). */
function measure(dir: string, file: string, runs: number): { rss: number; ms: number; failed: number } {
  const report = path.join(dir, 'maxrss');
  // Loaded before the CLI: writes the process's peak resident memory (KiB) when it exits.
  const hook = path.join(dir, 'maxrss-hook.mjs');
  writeFileSync(hook, `import { writeFileSync } from 'node:fs';\nprocess.on('exit', () => writeFileSync(${JSON.stringify(report)}, String(process.resourceUsage().maxRSS)));\n`);
  const rss: number[] = [];
  const ms: number[] = [];
  let failed = 0;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const run = spawnSync(process.execPath, ['--import', hook, bin, 'parse', file, '-o', path.join(dir, 'out.json')], { stdio: ['ignore', 'ignore', 'ignore'] });
    ms.push(performance.now() - start);
    if (run.status !== 0) failed++;
    rss.push(Number(readFileSync(report, 'utf8')) * 1024);
  }
  return { rss: median(rss), ms: median(ms), failed };
}

export function memoryFigure(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'referat-bench-memory-'));
  try {
    const text = readFileSync(seed, 'utf8');
    const large = path.join(dir, 'large.txt');
    writeFileSync(large, bigDocument(text, LARGE_BYTES));
    const tiny = path.join(dir, 'tiny.txt');
    writeFileSync(tiny, text.slice(0, 4000));
    const bytes = statSync(large).size;
    const baseline = measure(dir, tiny, RUNS);
    const big = measure(dir, large, RUNS);
    const growth = big.rss - baseline.rss;
    const ratio = growth / bytes;
    const failures = baseline.failed + big.failed ? `; ${baseline.failed + big.failed} run(s) exited non-zero` : '';
    return (
      `figure M  referat parse, one ${fmt(bytes / 1e6, 1)} MB minutes text → JSON file, peak RSS median of ${RUNS}: ` +
      `${fmt(big.rss / 1e6, 0)} MB | baseline (a 4 KB text) ${fmt(baseline.rss / 1e6, 0)} MB | ` +
      `growth ${fmt(growth / 1e6, 0)} MB = ${fmt(ratio, 1)}× the input | ${fmt(big.ms / 1000, 2)} s | ` +
      `target growth ≤ ${TARGET_RATIO}× the input: ${met(ratio <= TARGET_RATIO)}${failures}`
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
