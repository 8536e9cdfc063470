/** Opening a PDF for the viewer: fetch, open once in pdf.js, parse from the same document. */
import * as pdfjs from 'pdfjs-dist';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import type { PdfjsDocument, PdfjsLike } from '../../../core/pdf/extract.ts';
import type { ViewBox } from '../../utils/geometry.ts';
import { fetchPdf, parseDocument, type ParsedDocument } from '../../utils/parse.ts';

export interface OpenedPdf {
  bytes: Uint8Array;
  doc: PDFDocumentProxy;
  /** View box of every page (placeholders use page 1's until a page is known). */
  views: ViewBox[];
  parsed: Promise<ParsedDocument>;
}

export async function openPdf(url: string): Promise<OpenedPdf> {
  const bytes = await fetchPdf(url);
  const doc = await pdfjs.getDocument({ data: bytes.slice(), isEvalSupported: false }).promise;
  const first = await doc.getPage(1);
  const view = first.view as unknown as ViewBox;
  const views = Array.from({ length: doc.numPages }, () => view);
  const parsed = parseDocument(pdfjs as unknown as PdfjsLike, bytes, url, doc as unknown as PdfjsDocument);
  return { bytes, doc, views, parsed };
}
