/**
 * PDF input for the CLI: loads pdf.js (the legacy build, which needs no worker
 * in Node) the first time a PDF arrives, so text-only batches never pay for it,
 * and runs the core PDF parse with Node's font data paths.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Meeting } from '../minutes/model.ts';
import type { ParseOptions } from '../minutes/parse.ts';
import { PdfError, type PdfjsLike } from '../pdf/extract.ts';
import { parsePdf } from '../pdf/parse-pdf.ts';

export type PdfResult = { ok: true; meeting: Meeting } | { ok: false; reason: string };

let pdfjs: Promise<{ lib: PdfjsLike; params: Record<string, unknown> }> | null = null;

function loadPdfjs() {
  pdfjs ??= (async () => {
    const lib = (await import('pdfjs-dist/legacy/build/pdf.mjs')) as unknown as PdfjsLike;
    const root = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
    const dir = (d: string) => `${pathToFileURL(path.join(root, d)).href}/`;
    return { lib, params: { standardFontDataUrl: dir('standard_fonts'), cMapUrl: dir('cmaps'), cMapPacked: true, useSystemFonts: false } };
  })();
  return pdfjs;
}

/** Parses a PDF given as raw bytes. Never throws for bad input: the reason is one line. */
export async function parsePdfBytes(bytes: Uint8Array, options: ParseOptions): Promise<PdfResult> {
  const { lib, params } = await loadPdfjs();
  try {
    const { meeting } = await parsePdf(lib, bytes, { ...options, params, fontNames: true });
    return { ok: true, meeting };
  } catch (e) {
    if (e instanceof PdfError) return { ok: false, reason: e.message };
    throw e;
  }
}
