/**
 * The OCR lexicon as the extension ships it: `dist/lexicon-da.txt` (built by
 * `npm install`, core/ocr/build-lexicon.mjs) gzipped beside it, made again when
 * the text is newer. The viewer unpacks it with DecompressionStream.
 */
import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** The path of the gzipped lexicon under `root`'s dist/, made when missing or stale. */
export function lexiconAsset(root: string): string {
  const text = join(root, 'dist', 'lexicon-da.txt');
  const gz = `${text}.gz`;
  if (!existsSync(text)) throw new Error(`${text} is missing: run \`node core/ocr/build-lexicon.mjs\` (npm install does) before building the extension`);
  if (!existsSync(gz) || statSync(gz).mtimeMs < statSync(text).mtimeMs) {
    // Written aside and renamed: a build or test reading it meanwhile sees the old file or the new, whole.
    const part = `${gz}.${process.pid}.part`;
    writeFileSync(part, gzipSync(readFileSync(text), { level: 9 }));
    renameSync(part, gz);
  }
  return gz;
}
