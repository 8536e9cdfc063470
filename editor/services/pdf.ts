/** PDFs in the browser: pdf.js with the worker bundled by vite, then the core PDF parser. */
import * as pdfjs from 'pdfjs-dist';
import workerSrc from 'pdfjs-dist/build/pdf.worker.mjs?url';
import { parsePdf } from '../../core/pdf/parse-pdf.ts';
import type { PdfjsLike } from '../../core/pdf/extract.ts';
import type { TextRepairer } from '../../core/minutes/parse.ts';
import { sha256Hex } from '../../core/hash/sha256.ts';
import type { OcrProgress } from '../../core/pdf/ocr.ts';
import type { PdfRead } from './import.ts';
import { createEditorOcr } from './ocr.ts';

pdfjs.GlobalWorkerOptions.workerSrc = workerSrc;

/**
 * Reads a PDF; pages without a text layer (or with a garbled one) are read with
 * OCR, whose engines start only when such a page comes and stop once it is read.
 */
export async function readPdf(bytes: Uint8Array, name: string, repairer: TextRepairer | null = null, onOcrProgress?: (progress: OcrProgress) => void): Promise<PdfRead> {
  const hash = sha256Hex(bytes);
  const ocr = createEditorOcr();
  try {
    const { meeting, runs } = await parsePdf(pdfjs as unknown as PdfjsLike, bytes.slice(), {
      fontNames: true,
      includeText: true,
      repairer,
      source: { name, sha256: hash },
      params: { isEvalSupported: false },
      ocr,
      onOcrProgress,
    });
    return { meeting, runs };
  } finally {
    await ocr.close();
  }
}

/** Opens PDF bytes for display (the page view); the bytes are copied, pdf.js may take them over. */
export function openPdf(bytes: Uint8Array): Promise<pdfjs.PDFDocumentProxy> {
  return pdfjs.getDocument({ data: bytes.slice(), isEvalSupported: false }).promise;
}
