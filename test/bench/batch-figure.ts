/**
 * Figure 1: text → JSON Lines through the CLI, process start included, against
 * the floor for any Node program on the same files in the same run (floor.mjs:
 * read, split lines, find numbered lines, write JSON lines, on one core), and
 * `cat` of the files. The figure is the ratio to the floor, which moves with the
 * machine as the CLI does; an absolute MB/s target did not.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fmt, median, met } from './stats.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const seedsDir = path.join(root, 'test/fixtures/seeds');
const bin = path.join(root, 'core/cli/bin.mjs');
const floor = path.join(here, 'floor.mjs');

const BATCH_DOCUMENTS = 500;
const BATCH_RUNS = 5;
const BATCH_TARGET_RATIO = 1.5;

function run(file: string, args: string[]): () => number {
  return () => {
    const start = performance.now();
    const r = spawnSync(file, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    const ms = performance.now() - start;
    if (r.status !== 0) throw new Error(`${path.basename(args[0] ?? file)} exited with ${r.status}: ${String(r.stderr).split('\n')[0]}`);
    return ms;
  };
}

export function batchFigure(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'referat-bench-'));
  try {
    const seeds = readdirSync(seedsDir).filter((n) => n.endsWith('.txt')).sort();
    let bytes = 0;
    for (let i = 0; i < BATCH_DOCUMENTS; i++) {
      const seed = seeds[i % seeds.length]!;
      const target = path.join(dir, `${String(i).padStart(4, '0')}_${seed}`);
      copyFileSync(path.join(seedsDir, seed), target);
      bytes += statSync(target).size;
    }
    const mb = bytes / 1e6;
    const referat = run(process.execPath, [bin, 'parse', dir, '--format', 'jsonl', '-o', '/dev/null']);
    const floorRun = run(process.execPath, [floor, dir, '/dev/null']);
    const cat = run('sh', ['-c', 'find "$1" -type f -name "*.txt" -print0 | xargs -0 cat > /dev/null', 'sh', dir]);
    // Warm the page cache and the bundles, then alternate, so that both see the same machine.
    cat();
    floorRun();
    referat();
    const times = { referat: [] as number[], floor: [] as number[], cat: [] as number[] };
    for (let i = 0; i < BATCH_RUNS; i++) {
      times.cat.push(cat());
      times.floor.push(floorRun());
      times.referat.push(referat());
    }
    const referatMs = median(times.referat);
    const floorMs = median(times.floor);
    const catMs = median(times.cat);
    const ratio = referatMs / floorMs;
    const rate = (ms: number) => fmt(mb / (ms / 1000));
    return (
      `figure 1  CLI batch text → JSONL, ${BATCH_DOCUMENTS} documents, ${fmt(mb)} MB, process start included, median of ${BATCH_RUNS}: ` +
      `referat ${fmt(referatMs / 1000, 2)} s (${rate(referatMs)} MB/s, ${availableParallelism()} cores) | ` +
      `floor (test/bench/floor.mjs: read, split lines, numbered lines, JSON lines; one core) ${fmt(floorMs / 1000, 2)} s (${rate(floorMs)} MB/s) | ` +
      `cat ${fmt(catMs / 1000, 3)} s | referat/floor ${fmt(ratio, 2)}× | target ≤ ${BATCH_TARGET_RATIO}×: ${met(ratio <= BATCH_TARGET_RATIO)}`
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
