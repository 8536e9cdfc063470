/**
 * PDF input for the CLI: loads pdf.js (the legacy build, which needs no worker
 * in Node; the built-ins it replaces put back) the first time a PDF arrives, so text-only batches never pay for it,
 * and runs the core PDF parse with Node's font data paths. Pages without a text
 * layer (or with a garbled one) are read with OCR (./ocr.ts), started the first
 * time such a page arrives; `closeOcr` stops its workers.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Meeting } from '../minutes/model.ts';
import type { ParseOptions } from '../minutes/parse.ts';
import { PdfError, type PdfjsLike } from '../pdf/extract.ts';
import type { OcrProgress, PageOcr } from '../pdf/ocr.ts';
import { parsePdf } from '../pdf/parse-pdf.ts';

export type PdfResult = { ok: true; meeting: Meeting } | { ok: false; reason: string };

let pdfjs: Promise<{ lib: PdfjsLike; params: Record<string, unknown> }> | null = null;

/**
 * The built-ins pdf.js's legacy build replaces with core-js's versions in
 * JavaScript although Node has them (it finds an edge of the specification
 * Node's do not meet): `Array.prototype.push`, `JSON.stringify` and `JSON.parse`
 * in plain JavaScript made everything after the first PDF slower, the parser
 * and the output's JSON included. What Node lacks (`Promise.withResolvers`,
 * the new `Set` methods) the polyfills still add.
 */
const NATIVE_OWNERS: Record<string, object> = { 'Array.prototype': Array.prototype, JSON, 'Function.prototype': Function.prototype, Object, 'Object.prototype': Object.prototype, 'String.prototype': String.prototype, Promise, Math, 'Map.prototype': Map.prototype, 'Set.prototype': Set.prototype };

/** Runs `load`, then puts back every own property of the built-ins above that it replaced; returns what it put back. */
export async function keepingNativeBuiltins<T>(load: () => Promise<T>): Promise<{ value: T; restored: string[] }> {
  const before = Object.entries(NATIVE_OWNERS).map(([name, owner]) => ({ name, owner, props: Object.getOwnPropertyDescriptors(owner) }));
  const value = await load();
  const restored: string[] = [];
  for (const { name, owner, props } of before) {
    for (const key of Reflect.ownKeys(props)) {
      const was = props[key as keyof typeof props]!;
      const now = Object.getOwnPropertyDescriptor(owner, key);
      if (!now || (now.value === was.value && now.get === was.get && now.set === was.set) || Number.isNaN(was.value)) continue;
      if (!now.configurable) continue;
      Object.defineProperty(owner, key, was);
      restored.push(`${name}.${String(key)}`);
    }
  }
  return { value, restored };
}

function loadPdfjs() {
  pdfjs ??= (async () => {
    // The worker's module first: pdf.js then runs it on this thread instead of importing it at the first document (after the built-ins were put back).
    const { value: lib } = await keepingNativeBuiltins(async () => {
      await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
      return (await import('pdfjs-dist/legacy/build/pdf.mjs')) as unknown as PdfjsLike;
    });
    const root = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
    const dir = (d: string) => `${pathToFileURL(path.join(root, d)).href}/`;
    return { lib, params: { standardFontDataUrl: dir('standard_fonts'), cMapUrl: dir('cmaps'), cMapPacked: true, useSystemFonts: false } };
  })();
  return pdfjs;
}

/** How many OCR engines this process may run (a worker thread of a batch gets one; see parse-command). */
let ocrWorkers: number | undefined;
let ocr: Promise<PageOcr & { close(): Promise<void> }> | null = null;

/** Sets how many OCR engines to run at most (before the first PDF). */
export function setOcrWorkers(n: number): void {
  ocrWorkers = n;
}

/** An OCR that starts its engines only when a page is read, so PDFs with text layers never load them. */
function pageOcr(): Promise<PageOcr> {
  // One OCR for the process, however many PDFs arrive at once.
  ocr ??= import('./ocr.ts').then(({ createNodeOcr }) => createNodeOcr({ workers: ocrWorkers }));
  return ocr;
}

/** Stops the OCR workers, if any were started (the process cannot exit while they run). */
export async function closeOcr(): Promise<void> {
  const running = ocr;
  ocr = null;
  await (await running)?.close();
}

/** Parses a PDF given as raw bytes. Never throws for bad input: the reason is one line. */
export async function parsePdfBytes(bytes: Uint8Array, options: ParseOptions, onOcrProgress?: (progress: OcrProgress) => void): Promise<PdfResult> {
  const { lib, params } = await loadPdfjs();
  try {
    const { meeting } = await parsePdf(lib, bytes, { ...options, params, fontNames: true, ocr: await pageOcr(), onOcrProgress });
    return { ok: true, meeting };
  } catch (e) {
    if (e instanceof PdfError) return { ok: false, reason: e.message };
    throw e;
  }
}
