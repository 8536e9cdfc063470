/**
 * Opening a PDF for the viewer: fetch it once, then render from one pdf.js worker
 * and parse in a second one, so the parse's text extraction runs on the other
 * core instead of queueing ahead of the pages on screen.
 */
import * as pdfjs from 'pdfjs-dist';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { PdfError, type PdfjsDocument, type PdfjsLike } from '../../../core/pdf/extract.ts';
import type { ViewBox } from '../../../core/pdf/geometry.ts';
import { hasPdfHeader } from '../../../core/text/decode.ts';
import type { OcrProgress } from '../../../core/pdf/ocr.ts';
import { fetchPdf, parseDocument, prefetching, type ParsedDocument, type PdfOrigin } from '../../utils/parse.ts';
import { createViewerOcr } from '../../utils/ocr.ts';

export interface OpenedPdf {
  bytes: Uint8Array;
  doc: PDFDocumentProxy;
  /** View box of every page (placeholders use page 1's until a page is known). */
  views: ViewBox[];
  /** A parse of the first pages only, for the first overlays on a long document; null for a short one. */
  early: Promise<ParsedDocument | null>;
  parsed: Promise<ParsedDocument>;
}

/** Documents longer than this get a quick parse of their first pages before the whole. */
const EARLY_PAGES = 4;

/**
 * Open an https://www.kl.dk PDF (fetched here: `fetchPdf` refuses any other URL)
 * or, given `{ name, bytes }`, a file the person picked.
 */
export async function openPdf(source: string | { name: string; bytes: Uint8Array }, onOcrProgress?: (progress: OcrProgress) => void): Promise<OpenedPdf> {
  // Both workers start while the file downloads.
  const renderWorker = new pdfjs.PDFWorker();
  const parseWorker = new pdfjs.PDFWorker();
  // Destroying a worker that is still starting rejects its promise: expected here.
  renderWorker.promise.catch(() => undefined);
  parseWorker.promise.catch(() => undefined);
  const url: PdfOrigin = typeof source === 'string' ? source : { name: source.name };
  let bytes: Uint8Array;
  try {
    bytes = typeof source === 'string' ? await fetchPdf(source) : source.bytes;
    if (!hasPdfHeader(bytes)) throw new PdfError('not-pdf', 'not a PDF file (no %PDF- header)');
  } catch (e) {
    renderWorker.destroy();
    parseWorker.destroy();
    throw e;
  }
  performance.mark('referat:fetched');
  const { early, parsed } = parseIn(parseWorker, bytes, url, onOcrProgress);
  parsed.catch(() => undefined); // reported by whoever awaits it
  early.catch(() => undefined);
  let doc: PDFDocumentProxy;
  try {
    doc = await pdfjs.getDocument({ data: bytes.slice(), isEvalSupported: false, worker: renderWorker }).promise;
  } catch (e) {
    // The parse names the reason the way the rest of Referat Studio does (encrypted, damaged …).
    renderWorker.destroy();
    await parsed;
    throw e;
  }
  performance.mark('referat:opened');
  const first = await doc.getPage(1);
  const view = first.view as unknown as ViewBox;
  const views = Array.from({ length: doc.numPages }, () => view);
  return { bytes, doc, views, early, parsed };
}

/**
 * The quick parse of the first pages leaves scanned pages empty; the whole
 * parse reads them with OCR (engines started only when such a page comes).
 */
function parseIn(worker: InstanceType<typeof pdfjs.PDFWorker>, bytes: Uint8Array, url: PdfOrigin, onOcrProgress?: (progress: OcrProgress) => void): Pick<OpenedPdf, 'early' | 'parsed'> {
  const lib = pdfjs as unknown as PdfjsLike;
  const opened = pdfjs.getDocument({ data: bytes.slice(), isEvalSupported: false, worker }).promise;
  const views = opened.then((doc) => ({ doc, view: prefetching(doc as unknown as PdfjsDocument) }));
  const early = views.then(({ doc, view }) => (doc.numPages > EARLY_PAGES + 2 ? parseDocument(lib, bytes, url, view(EARLY_PAGES)) : null));
  const ocr = { ocr: createViewerOcr(new URL('ocr/', document.baseURI).href), onProgress: onOcrProgress };
  const parsed = (async () => {
    try {
      const { doc, view } = await views;
      try {
        await early.catch(() => null); // one parse at a time on the main thread
        return await parseDocument(lib, bytes, url, view(), ocr);
      } finally {
        void doc.destroy();
      }
    } catch (e) {
      // A damaged file: let the core name the reason in one line.
      if ((e as { name?: string })?.name === 'PdfError') throw e;
      return parseDocument(lib, bytes, url, undefined, ocr);
    } finally {
      worker.destroy();
      void ocr.ocr.close();
    }
  })();
  return { early, parsed };
}
