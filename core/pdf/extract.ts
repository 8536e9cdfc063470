/**
 * PDF bytes → text layer with page boxes, through pdf.js. The pdf.js module is
 * passed in, so the same code runs in Node (the legacy build, no worker) and in
 * a browser or Web Worker (the regular build with its worker).
 */
import type { PageBox, PdfSource } from '../minutes/model.ts';
import { markRunning, pageLines, type PdfItem, type PdfLine, type PdfPageItems } from './layout.ts';
import { buildTextLayer, type TextLayer } from './text-layer.ts';
import { hasPdfHeader } from '../text/decode.ts';
import { looksGarbled, meanConfidence, ocrItems, type OcrProgress, type OcrRenderablePage, type PageOcr } from './ocr.ts';

/** The part of the pdf.js API this module uses. */
export interface PdfjsLike {
  getDocument(params: Record<string, unknown>): { promise: Promise<PdfjsDocument>; destroy(): Promise<void> };
}

export interface PdfjsDocument {
  numPages: number;
  fingerprints: (string | null)[];
  getPage(n: number): Promise<PdfjsPage>;
  getMetadata(): Promise<{ info?: Record<string, unknown> }>;
  destroy(): Promise<void>;
  /** pdf.js's canvas factory (handed to OCR, which renders pages). */
  canvasFactory?: unknown;
}

export interface PdfjsPage {
  view: number[];
  getTextContent(params?: Record<string, unknown>): Promise<{
    items: Array<{ str?: string; transform?: number[]; width?: number; height?: number; fontName?: string }>;
    styles: Record<string, { fontFamily?: string }>;
  }>;
  getOperatorList?(): Promise<unknown>;
  commonObjs?: { has(id: string): boolean; get(id: string): unknown };
  cleanup(): void;
  getViewport?: OcrRenderablePage['getViewport'];
  render?: OcrRenderablePage['render'];
}

/** What the PDF's info dictionary says of it (dates as ISO 8601). */
export type PdfInfo = Omit<PdfSource, 'fingerprint'>;

export interface PdfPageInfo {
  page: number;
  width: number;
  height: number;
  /** The page has a text layer (a scanned page has none). */
  hasText: boolean;
  /** The page was read with OCR (it had no text layer, or a garbled one): the words' mean confidence, 0–100. */
  ocr?: { confidence: number; garbled: boolean };
}

export interface PdfText {
  layer: TextLayer;
  pages: PdfPageInfo[];
  info: PdfInfo;
  fingerprint: string | null;
}

export type PdfErrorReason = 'empty' | 'not-pdf' | 'encrypted' | 'damaged' | 'too-large';

/** An expected failure: the file cannot be read as a PDF. `message` is one line. */
export class PdfError extends Error {
  constructor(
    readonly reason: PdfErrorReason,
    message: string,
  ) {
    super(message);
    this.name = 'PdfError';
  }
}

export interface ExtractOptions {
  /** Refuse inputs larger than this many bytes (default 100 MiB). */
  maxBytes?: number;
  /** Extra pdf.js getDocument parameters (font data URLs, worker settings). */
  params?: Record<string, unknown>;
  /**
   * Ask pdf.js for each page's operator list, so font names (and so bold) are known.
   * Costs time; without it bold is read from the font family pdf.js reports.
   */
  fontNames?: boolean;
  /** Reads pages without a text layer, or with a garbled one, with OCR. Without it such pages stay empty. */
  ocr?: PageOcr;
  /** Called each time OCR has read a page. */
  onOcrProgress?: (progress: OcrProgress) => void;
}

const DEFAULT_MAX_BYTES = 100 * 1024 * 1024;

export async function extractPdf(pdfjs: PdfjsLike, data: Uint8Array, options: ExtractOptions = {}): Promise<PdfText> {
  const max = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (data.byteLength === 0) throw new PdfError('empty', 'empty file');
  if (data.byteLength > max) throw new PdfError('too-large', `file is ${mib(data.byteLength)} MiB, more than the ${mib(max)} MiB allowed`);
  if (!hasPdfHeader(data)) throw new PdfError('not-pdf', 'not a PDF file (no %PDF- header)');
  const task = pdfjs.getDocument({
    // pdf.js may transfer (detach) the buffer it is given, and refuses Node's Buffer: hand it a plain copy.
    data: new Uint8Array(data),
    isEvalSupported: false,
    stopAtErrors: false,
    verbosity: 0,
    ...options.params,
  });
  let doc: PdfjsDocument;
  try {
    doc = await task.promise;
  } catch (e) {
    await task.destroy().catch(() => undefined);
    throw toPdfError(e);
  }
  try {
    const pages: PdfPageItems[] = [];
    const pageInfo: PdfPageInfo[] = [];
    const scanned: { page: PdfjsPage; entry: PdfPageItems; info: PdfPageInfo; garbled: boolean }[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const [x0 = 0, y0 = 0, x1 = 595, y1 = 842] = page.view;
      const content = await page.getTextContent();
      // Font names (and so bold) arrive with a page's operator list; fonts are shared by the
      // document's pages, so only a page that brings a font not seen yet pays for one.
      if (options.fontNames && page.getOperatorList && content.items.some((it) => it.fontName && !page.commonObjs?.has(it.fontName))) {
        await page.getOperatorList();
      }
      const items: PdfItem[] = [];
      for (const it of content.items) {
        if (typeof it.str !== 'string' || !it.transform) continue;
        const [a = 1, b = 0, c = 0, d = 1, e = 0, f = 0] = it.transform;
        const size = Math.hypot(c, d) || Math.hypot(a, b) || it.height || 10;
        items.push({ str: it.str, x: e - x0, y: f - y0, width: it.width ?? 0, size, bold: isBold(page, it.fontName ?? '', content.styles) });
      }
      const hasText = items.some((i) => i.str.trim().length > 0);
      const garbled = hasText && looksGarbled(items.map((i) => i.str).join(' '));
      const entry: PdfPageItems = { page: n, width: x1 - x0, height: y1 - y0, items };
      const info: PdfPageInfo = { page: n, width: round(x1 - x0), height: round(y1 - y0), hasText };
      pages.push(entry);
      pageInfo.push(info);
      if (options.ocr && page.render && page.getViewport && (!hasText || garbled)) scanned.push({ page, entry, info, garbled });
      else page.cleanup();
    }
    if (options.ocr && scanned.length > 0) await readScanned(options.ocr, scanned, doc, options.onOcrProgress);
    const lines: PdfLine[] = pages.flatMap(pageLines);
    const read = new Set(pageInfo.filter((p) => p.ocr).map((p) => p.page));
    for (const line of lines) if (read.has(line.page)) line.ocr = true;
    markRunning(pages, lines);
    const meta = await doc.getMetadata().catch(() => ({ info: {} as Record<string, unknown> }));
    return { layer: buildTextLayer(lines), pages: pageInfo, info: readInfo(meta.info ?? {}), fingerprint: doc.fingerprints[0] ?? null };
  } catch (e) {
    throw toPdfError(e);
  } finally {
    await doc.destroy().catch(() => undefined);
  }
}

/**
 * OCR of the scanned pages, all asked for at once (the host runs as many at a
 * time as it has workers); each page's items are replaced by what OCR read.
 */
async function readScanned(
  ocr: PageOcr,
  scanned: { page: PdfjsPage; entry: PdfPageItems; info: PdfPageInfo; garbled: boolean }[],
  doc: PdfjsDocument,
  onProgress: ExtractOptions['onOcrProgress'],
): Promise<void> {
  let done = 0;
  onProgress?.({ page: 0, done: 0, total: scanned.length });
  const results = await Promise.allSettled(
    scanned.map(async ({ page, entry, info, garbled }) => {
      try {
        const text = await ocr.read({ page: entry.page, pages: doc.numPages, pdfPage: page as OcrRenderablePage, canvasFactory: doc.canvasFactory });
        entry.items = ocrItems(text, page.view);
        info.hasText = entry.items.some((i) => i.str.trim().length > 0);
        info.ocr = { confidence: text.confidence || meanConfidence(text.lines), garbled };
        onProgress?.({ page: entry.page, done: ++done, total: scanned.length });
      } finally {
        page.cleanup();
      }
    }),
  );
  const failed = results.find((r) => r.status === 'rejected');
  if (failed) throw new PdfError('damaged', `OCR failed (${String((failed.reason as Error)?.message ?? failed.reason).split('\n')[0]})`);
}

function isBold(page: PdfjsPage, fontName: string, styles: Record<string, { fontFamily?: string }>): boolean {
  const font = page.commonObjs?.has(fontName) ? (page.commonObjs.get(fontName) as { name?: string; bold?: boolean } | null) : null;
  const name = `${font?.name ?? ''} ${styles[fontName]?.fontFamily ?? ''}`;
  return font?.bold === true || /bold|black|heavy|semibold|demi/i.test(name);
}

function readInfo(info: Record<string, unknown>): PdfInfo {
  const out: PdfInfo = {};
  const str = (k: string) => (typeof info[k] === 'string' && (info[k] as string).trim() ? (info[k] as string).trim() : undefined);
  const set = <K extends keyof PdfInfo>(key: K, value: string | undefined) => {
    if (value !== undefined) out[key] = value;
  };
  set('title', str('Title'));
  set('author', str('Author'));
  set('creator', str('Creator'));
  set('producer', str('Producer'));
  set('creationDate', pdfDate(str('CreationDate')));
  set('modDate', pdfDate(str('ModDate')));
  return out;
}

/** "D:20200904101500+02'00'" → "2020-09-04T10:15:00+02:00". */
export function pdfDate(s: string | undefined): string | undefined {
  if (!s) return undefined;
  const m = /^(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?([Zz+-])?(\d{2})?'?(\d{2})?/.exec(s);
  if (!m) return s;
  const [, y, mo = '01', d = '01', h = '00', mi = '00', se = '00', tz, th, tm] = m;
  const zone = !tz || tz.toUpperCase() === 'Z' ? 'Z' : `${tz}${th ?? '00'}:${tm ?? '00'}`;
  return `${y}-${mo}-${d}T${h}:${mi}:${se}${zone}`;
}

function toPdfError(e: unknown): PdfError {
  if (e instanceof PdfError) return e;
  const name = (e as { name?: string })?.name ?? '';
  const message = String((e as { message?: string })?.message ?? e).split('\n')[0]!;
  if (name === 'PasswordException') return new PdfError('encrypted', 'the PDF is encrypted (password protected)');
  if (name === 'InvalidPDFException') return new PdfError('damaged', `the PDF is damaged or truncated (${message})`);
  return new PdfError('damaged', `the PDF could not be read (${message})`);
}

function mib(n: number): string {
  return (n / 1024 / 1024).toFixed(n < 1024 * 1024 ? 2 : 0);
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

export type { PageBox };
