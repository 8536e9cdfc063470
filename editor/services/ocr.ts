/**
 * OCR in the editor: tesseract.js workers (up to one per core, at most four),
 * loading their script, WebAssembly core and the Danish model from the editor's
 * own `ocr/` folder (editor/ocr-assets.ts), never from the network beyond it.
 * Pages are rendered by pdf.js into a canvas element and read from it.
 */
import { createWorker } from 'tesseract.js';
import { renderOnCanvas, tesseractOcr, type PageOcr } from '../../core/pdf/ocr.ts';

/** Pages are rendered at this resolution for OCR (as in the command line). */
const OCR_DPI = 150;

export function createEditorOcr(doc: Document = document): PageOcr & { close(): Promise<void> } {
  const base = new URL('ocr/', doc.baseURI).href;
  return tesseractOcr<HTMLCanvasElement>({
    size: Math.max(1, Math.min(navigator.hardwareConcurrency || 2, 4)),
    start: () =>
      createWorker('dan', 1, {
        workerPath: `${base}worker.min.js`,
        corePath: base,
        langPath: base.replace(/\/$/, ''),
        gzip: true,
        // A worker from the editor's own origin (a blob: worker would need the page's CSP to allow its imports).
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
