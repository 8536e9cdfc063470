// Whether a build is up to date with its sources: a SHA-256 over the path and bytes of every
// input file (tests excluded), kept in a stamp file beside the build. `npm start` rebuilds the
// editor and the extension only when their stamp no longer matches.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const SKIP_DIRS = new Set(['node_modules', '.output', '.wxt', 'dist', '.git']);
const isTest = (name) => /\.test\.[cm]?[jt]sx?$/.test(name);

function walk(dir, out, exclude) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      const sub = path.join(dir, entry.name);
      if (!SKIP_DIRS.has(entry.name) && !exclude.has(sub)) walk(sub, out, exclude);
    } else if (entry.isFile() && !isTest(entry.name)) {
      out.push(path.join(dir, entry.name));
    }
  }
  return out;
}

/** The hash of `inputs` (files and folders relative to `root`, less the folders in `exclude`); a missing input counts as absent. */
export function inputsHash(root, inputs, exclude = []) {
  const files = [];
  const skip = new Set(exclude.map((e) => path.join(root, e)));
  for (const input of inputs) {
    const full = path.join(root, input);
    if (!existsSync(full)) continue;
    if (statSync(full).isDirectory()) walk(full, files, skip);
    else files.push(full);
  }
  files.sort();
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(path.relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

/** True when `stampFile` records `hash` and every file in `outputs` exists. */
export function isFresh(stampFile, hash, outputs = []) {
  if (!existsSync(stampFile) || !outputs.every((f) => existsSync(f))) return false;
  return readFileSync(stampFile, 'utf8').trim() === hash;
}

export function writeStamp(stampFile, hash) {
  mkdirSync(path.dirname(stampFile), { recursive: true });
  writeFileSync(stampFile, `${hash}\n`);
}

/** What each build reads. */
export const EDITOR_BUILD = { inputs: ['editor', 'core', 'package-lock.json', 'tsconfig.json'], exclude: ['editor/server'] };
export const EXTENSION_BUILD = { inputs: ['extension', 'core', 'wxt.config.ts', 'web-ext.config.ts', 'package-lock.json', 'tsconfig.json'], exclude: [] };
