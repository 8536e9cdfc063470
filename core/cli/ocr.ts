/**
 * OCR for the command line: tesseract.js with the Danish model from npm
 * (@tesseract.js-data/dan), in worker threads (tesseract.js's own), one per
 * core at most and started only when a page needs one. Pages are rendered with
 * pdf.js into its Node canvas (@napi-rs/canvas).
 */
import { createRequire } from 'node:module';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { tesseractOcr, type PageOcr, type PageOcrRequest } from '../pdf/ocr.ts';

/** Pages are rendered at this resolution for OCR: 10 pt text is then about 21 px high, which tesseract reads well. */
export const OCR_DPI = 150;

export interface NodeOcrOptions {
  /** Engines at most (default: the core count). */
  workers?: number;
  dpi?: number;
}

interface CanvasFactory {
  create(width: number, height: number): { canvas: { toBuffer(mime: 'image/png'): Buffer }; context: unknown };
  destroy(pair: unknown): void;
}

/** Where the Danish model lies (gzipped traineddata, "best_int": the LSTM model in 8-bit integers). */
export function danishModelPath(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('@tesseract.js-data/dan/package.json')), '4.0.0_best_int');
}

export function createNodeOcr(options: NodeOcrOptions = {}): PageOcr & { close(): Promise<void> } {
  const dpi = options.dpi ?? OCR_DPI;
  return tesseractOcr<Buffer>({
    size: options.workers ?? availableParallelism(),
    async start() {
      const { createWorker } = await import('tesseract.js');
      // The model unpacked once into a cache beside other temporary files, never into the working directory.
      return createWorker('dan', 1, { langPath: danishModelPath(), gzip: true, cachePath: path.join(tmpdir(), 'referat-tesseract') });
    },
    render: async (request) => {
      const { png, width, height } = await renderPage(request, dpi);
      return { image: png, width, height };
    },
  });
}

/** The page as a PNG at `dpi`, drawn by pdf.js into the canvas of its Node canvas factory. */
export async function renderPage(request: PageOcrRequest, dpi: number): Promise<{ png: Buffer; width: number; height: number }> {
  const factory = request.canvasFactory as CanvasFactory | undefined;
  if (!factory) throw new Error('pdf.js has no canvas here to render a page for OCR');
  const viewport = request.pdfPage.getViewport({ scale: dpi / 72 });
  const width = Math.round(viewport.width);
  const height = Math.round(viewport.height);
  const pair = factory.create(width, height);
  try {
    await request.pdfPage.render({ canvas: pair.canvas, canvasContext: pair.context, viewport, background: 'white' }).promise;
    return { png: pair.canvas.toBuffer('image/png'), width, height };
  } finally {
    factory.destroy(pair);
  }
}
