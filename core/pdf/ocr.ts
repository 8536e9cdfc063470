/**
 * Scanned pages: the interface through which a host (the CLI, the editor, the
 * extension) reads a page image with OCR, the test for a text layer that is
 * garbage, and OCR words → the same items (and so lines with page boxes) as a
 * text layer gives. Pure: the OCR engine, its workers and the canvas a page is
 * rendered into belong to the host.
 */
import type { PdfItem } from './layout.ts';

/** A rectangle in image pixels, origin top-left. */
export interface PixelBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface OcrWord {
  text: string;
  bbox: PixelBox;
  /** 0–100. */
  confidence: number;
}

export interface OcrLine {
  words: OcrWord[];
  bbox: PixelBox;
  /** The baseline from its left to its right end, in pixels. */
  baseline?: PixelBox;
  /** Height of the line's letters (x-height and ascenders), in pixels; about the font size. */
  rowHeight?: number;
}

/** What OCR read on one page image of `width` × `height` pixels covering the page's view box. */
export interface OcrPageText {
  width: number;
  height: number;
  lines: OcrLine[];
  /** Mean word confidence, 0–100. */
  confidence: number;
}

/** The part of a pdf.js page a host renders. */
export interface OcrRenderablePage {
  getViewport(options: { scale: number }): { width: number; height: number };
  render(options: Record<string, unknown>): { promise: Promise<unknown> };
}

export interface PageOcrRequest {
  /** 1-based page number, of `pages`. */
  page: number;
  pages: number;
  /** The pdf.js page to render. */
  pdfPage: OcrRenderablePage;
  /** The document's pdf.js canvas factory, where there is one (Node's draws with @napi-rs/canvas). */
  canvasFactory?: unknown;
}

/** Progress of the OCR of one document: `done` of `total` pages read, `page` the one just finished (0 when OCR starts). */
export interface OcrProgress {
  page: number;
  done: number;
  total: number;
}

/**
 * A host's OCR. `read` may be called for several pages at once; the host runs
 * as many at a time as it has workers (and renders a page only when one is free).
 */
export interface PageOcr {
  read(request: PageOcrRequest): Promise<OcrPageText>;
}

/**
 * Whether a page's text layer is garbage rather than text: mostly characters no
 * font maps to letters (replacement and private-use characters, control codes),
 * or words that are not words (no vowel, or letters drowned in symbols), as a
 * broken font encoding or a bad OCR layer under a scan gives.
 */
export function looksGarbled(text: string): boolean {
  const chars = [...text.replace(/\s+/g, '')];
  if (chars.length < 20) return false;
  let bad = 0;
  let ordinary = 0;
  for (const ch of chars) {
    if (/[\uFFFD\uE000-\uF8FF\u0000-\u001F\u007F-\u009F]/u.test(ch)) bad++;
    else if (/[\p{L}\p{N}.,;:!?()[\]\/'"«»“”‘’§%–—-]/u.test(ch)) ordinary++;
  }
  if (bad / chars.length >= 0.2) return true;
  // Letters, digits and ordinary punctuation make up text, tables of figures included.
  if (ordinary / chars.length < 0.7) return true;
  const words = text.match(/\p{L}{2,}/gu) ?? [];
  if (words.length < 8) return false;
  const voweled = words.filter((w) => /[aeiouyæøåéäöü]/iu.test(w)).length;
  return voweled / words.length < 0.6;
}

/**
 * OCR words → text items in PDF user space (origin bottom-left) on a page whose
 * view box is `view` (`[x0, y0, x1, y1]`). Every word of a line stands on the
 * line's baseline, so the layout groups them into that line again; a word is
 * followed by a space unless it ends its line.
 */
export function ocrItems(ocr: OcrPageText, view: readonly number[]): PdfItem[] {
  const [vx0 = 0, vy0 = 0, vx1 = 595, vy1 = 842] = view;
  const sx = (vx1 - vx0) / Math.max(1, ocr.width);
  const sy = (vy1 - vy0) / Math.max(1, ocr.height);
  const items: PdfItem[] = [];
  for (const line of ocr.lines) {
    const words = line.words.filter((w) => w.text.trim().length > 0);
    if (words.length === 0) continue;
    const base = line.baseline && line.baseline.y0 > line.bbox.y0 ? (line.baseline.y0 + line.baseline.y1) / 2 : line.bbox.y1 - (line.bbox.y1 - line.bbox.y0) * 0.2;
    const rowHeight = line.rowHeight && line.rowHeight > 0 ? line.rowHeight : (line.bbox.y1 - line.bbox.y0) * 0.85;
    const size = round(rowHeight * sy);
    // Items are given relative to the view box, as extraction gives text items.
    const y = round(vy1 - vy0 - base * sy);
    words.forEach((w, i) => {
      items.push({
        str: i < words.length - 1 ? `${w.text.trim()} ` : w.text.trim(),
        x: round(w.bbox.x0 * sx),
        y,
        width: round((w.bbox.x1 - w.bbox.x0) * sx),
        size,
        bold: false,
      });
    });
  }
  return items;
}

/** Mean of the words' confidences (0 for none). */
export function meanConfidence(lines: readonly OcrLine[]): number {
  let sum = 0;
  let n = 0;
  for (const l of lines) {
    for (const w of l.words) {
      sum += w.confidence;
      n++;
    }
  }
  return n ? Math.round(sum / n) : 0;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

/** The part of a tesseract.js result (`recognize(image, {}, { blocks: true })`) read here. */
export interface TesseractPageLike {
  blocks: Array<{
    paragraphs: Array<{
      lines: Array<{
        bbox: PixelBox;
        baseline?: PixelBox;
        rowAttributes?: { rowHeight?: number };
        words: Array<{ text: string; bbox: PixelBox; confidence: number }>;
      }>;
    }>;
  }> | null;
  confidence?: number;
}

/** A tesseract.js page of an image of `width` × `height` pixels → what OCR read, in reading order. */
export function fromTesseract(page: TesseractPageLike, width: number, height: number): OcrPageText {
  const lines: OcrLine[] = [];
  for (const block of page.blocks ?? []) {
    for (const paragraph of block.paragraphs) {
      for (const line of paragraph.lines) {
        lines.push({
          bbox: line.bbox,
          ...(line.baseline ? { baseline: line.baseline } : {}),
          ...(line.rowAttributes?.rowHeight ? { rowHeight: line.rowAttributes.rowHeight } : {}),
          words: line.words.map((w) => ({ text: w.text, bbox: w.bbox, confidence: w.confidence })),
        });
      }
    }
  }
  return { width, height, lines, confidence: meanConfidence(lines) };
}

export interface OcrPool<W> {
  /** How many engines at most (the host's core count, or fewer). */
  size: number;
  /** Starts one engine; called only when a page waits and fewer than `size` run. */
  start(): Promise<W>;
  stop(engine: W): Promise<void>;
  /** Renders the page and reads it with this engine (the engine is busy until it resolves). */
  read(engine: W, request: PageOcrRequest): Promise<OcrPageText>;
}

/**
 * A PageOcr over up to `size` engines started on demand: a page is rendered and
 * read only once an engine is free, so a long scan never holds more than `size`
 * page images. `close` stops the engines (a host calls it when done).
 */
export function ocrPool<W>(pool: OcrPool<W>): PageOcr & { close(): Promise<void> } {
  const all: Promise<W>[] = [];
  const idle: W[] = [];
  const waiting: ((engine: W) => void)[] = [];
  const acquire = (): Promise<W> => {
    const free = idle.pop();
    if (free !== undefined) return Promise.resolve(free);
    if (all.length < Math.max(1, pool.size)) {
      const started = pool.start();
      all.push(started);
      return started;
    }
    return new Promise((resolve) => waiting.push(resolve));
  };
  const release = (engine: W) => {
    const next = waiting.shift();
    if (next) next(engine);
    else idle.push(engine);
  };
  return {
    async read(request) {
      const engine = await acquire();
      try {
        return await pool.read(engine, request);
      } finally {
        release(engine);
      }
    },
    async close() {
      const engines = await Promise.allSettled(all.splice(0));
      idle.length = 0;
      await Promise.all(engines.map((e) => (e.status === 'fulfilled' ? pool.stop(e.value).catch(() => undefined) : undefined)));
    },
  };
}

/** The part of a tesseract.js worker used here (its `recognize` with word boxes). */
export interface TesseractWorkerLike<I> {
  recognize(image: I, options: Record<string, unknown>, output: { blocks: true; text: false }): Promise<{ data: unknown }>;
  terminate(): Promise<unknown>;
}

/** A page rendered for OCR: what the engine reads, and its size in pixels. */
export interface RenderedPage<I> {
  image: I;
  width: number;
  height: number;
  /** Lets the image go (a canvas's memory), once read. */
  release?(): void;
}

/**
 * A PageOcr over tesseract.js workers: `start` makes one (the host knows where
 * its worker script, core and Danish model lie), `render` draws a page into
 * what `recognize` takes (a PNG in Node, a canvas in a browser).
 */
export function tesseractOcr<I>(options: { size: number; start(): Promise<TesseractWorkerLike<I>>; render(request: PageOcrRequest): Promise<RenderedPage<I>> }): PageOcr & { close(): Promise<void> } {
  return ocrPool<TesseractWorkerLike<I>>({
    size: options.size,
    start: options.start,
    stop: async (worker) => {
      await worker.terminate();
    },
    read: async (worker, request) => {
      const page = await options.render(request);
      try {
        const result = await worker.recognize(page.image, {}, { blocks: true, text: false });
        return fromTesseract(result.data as TesseractPageLike, page.width, page.height);
      } finally {
        page.release?.();
      }
    },
  });
}

/** A canvas as pdf.js draws into it and tesseract.js reads it. */
export interface SizedCanvasLike {
  width: number;
  height: number;
}

/**
 * Draws a page at `dpi` into a canvas made by `makeCanvas` (an OffscreenCanvas in
 * a worker, a canvas element in a page), on white, for OCR in a browser.
 */
export async function renderOnCanvas<C extends SizedCanvasLike>(request: PageOcrRequest, dpi: number, makeCanvas: (width: number, height: number) => C): Promise<RenderedPage<C>> {
  const viewport = request.pdfPage.getViewport({ scale: dpi / 72 });
  const canvas = makeCanvas(Math.round(viewport.width), Math.round(viewport.height));
  await request.pdfPage.render({ canvas, viewport, background: 'white' }).promise;
  return {
    image: canvas,
    width: canvas.width,
    height: canvas.height,
    release: () => {
      canvas.width = 0;
      canvas.height = 0;
    },
  };
}
