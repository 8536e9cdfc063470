/**
 * OCR in the viewer: tesseract.js workers (up to one per core, at most four)
 * loading their script, WebAssembly core and the Danish model from the
 * extension's own ocr/ folder (wxt.config.ts puts them there), never from the
 * network. Pages are rendered by pdf.js into a canvas element and read from it.
 */
import { createWorker } from 'tesseract.js';
import { renderOnCanvas, tesseractOcr, type PageOcr } from '../../core/pdf/ocr.ts';

/** Pages are rendered at this resolution for OCR (as in the command line and the editor). */
const OCR_DPI = 150;

export function createViewerOcr(base: string, doc: Document = document): PageOcr & { close(): Promise<void> } {
  const dir = base.endsWith('/') ? base : `${base}/`;
  return tesseractOcr<HTMLCanvasElement>({
    size: Math.max(1, Math.min(navigator.hardwareConcurrency || 2, 4)),
    start: () =>
      createWorker('dan', 1, {
        workerPath: `${dir}worker.min.js`,
        corePath: dir,
        langPath: dir.replace(/\/$/, ''),
        gzip: true,
        // A worker from the extension's own origin, under its CSP (a blob: worker could not load the core).
        workerBlobURL: false,
        cacheMethod: 'none',
      }),
    render: (request) =>
      renderOnCanvas(request, OCR_DPI, (width, height) => {
        const canvas = doc.createElement('canvas');
        canvas.width = width;
        canvas.height = height;
        return canvas;
      }),
  });
}
