/**
 * A kl.dk PDF → Meeting, through the core parser, in a page or the background.
 * OCR repair word by word as in the CLI and the editor: the lexicon is fetched
 * (gzipped, from the extension) only when the text passes the OCR gate.
 */
import type { Meeting } from '../../core/minutes/model.ts';
import { PdfError, type PdfjsDocument, type PdfjsLike, type PdfjsPage } from '../../core/pdf/extract.ts';
import { parsePdf } from '../../core/pdf/parse-pdf.ts';
import type { OcrProgress, PageOcr } from '../../core/pdf/ocr.ts';
import { sha256Hex } from '../../core/hash/sha256.ts';
import { loadViewerRepairer } from './repair.ts';
import { isKlPdfSource, KL_PDF_ORIGIN } from './links.ts';
import { fileName } from './names.ts';

export interface ParsedDocument {
  meeting: Meeting;
  fingerprint: string | null;
}

/** Asked to fetch from anywhere but https://www.kl.dk. */
export class RefusedSourceError extends Error {
  override name = 'RefusedSourceError';
  constructor(readonly url: string) {
    super(`Referat Studio opens only PDFs from ${KL_PDF_ORIGIN}, not ${url.slice(0, 200)}`);
  }
}

/** Fetch a PDF's bytes (from https://www.kl.dk only); a failure is one line naming the status. */
export async function fetchPdf(url: string, fetcher: typeof fetch = fetch): Promise<Uint8Array> {
  if (!isKlPdfSource(url)) throw new RefusedSourceError(url);
  const res = await fetcher(url, { credentials: 'omit' });
  // A redirect away from kl.dk is refused too.
  if (res.url && !isKlPdfSource(res.url)) throw new RefusedSourceError(res.url);
  if (!res.ok) throw new PdfError('damaged', `${url} answered ${res.status} ${res.statusText}`.trim());
  return new Uint8Array(await res.arrayBuffer());
}

/**
 * Parse a PDF. Pass `loaded` (see `prefetching`) to parse a document the caller
 * already opened, or only its first pages.
 */
/** Where a PDF came from: its https://www.kl.dk URL, or the name of a file the person picked. */
export type PdfOrigin = string | { name: string };

/** Reads scanned pages with OCR (the viewer's), saying how far it has come. */
export interface DocumentOcr {
  ocr: PageOcr;
  onProgress?(progress: OcrProgress): void;
}

export async function parseDocument(pdfjs: PdfjsLike, bytes: Uint8Array, from: PdfOrigin, loaded?: PdfjsDocument, ocr?: DocumentOcr): Promise<ParsedDocument> {
  const lib: PdfjsLike = loaded ? { getDocument: () => ({ promise: Promise.resolve(loaded), destroy: async () => undefined }) } : pdfjs;
  const sha256 = sha256Hex(bytes);
  const { meeting, pdf } = await parsePdf(lib, bytes, {
    params: { isEvalSupported: false },
    fontNames: true,
    includeText: true,
    loadRepairer: () => loadViewerRepairer(),
    ...(ocr ? { ocr: ocr.ocr, onOcrProgress: ocr.onProgress } : {}),
    source: typeof from === 'string' ? { name: fileName(from), url: from, sha256 } : { name: from.name, sha256 },
  });
  return { meeting, fingerprint: pdf.fingerprint };
}

/** How many pages' text is requested ahead of the page the parser reads. */
const TEXT_AHEAD = 6;

/**
 * Views of an open document for the parser: `destroy` and page `cleanup` are
 * no-ops, so the parser leaves it open for its owner, and the text of the next
 * few pages is requested ahead, so the pdf.js worker extracts page after page
 * without waiting for the parser's round trips (but a font request for an early
 * page does not queue behind the whole document). `view(limit)` shows only the
 * first `limit` pages (a quick first parse); all views share the requests.
 */
export function prefetching(doc: PdfjsDocument): (limit?: number) => PdfjsDocument {
  const pages: Promise<Awaited<ReturnType<PdfjsDocument['getPage']>>>[] = [];
  const texts: ReturnType<PdfjsPage['getTextContent']>[] = [];
  const want = (n: number) => {
    for (let i = n; i <= Math.min(doc.numPages, n + TEXT_AHEAD); i++) {
      if (texts[i - 1]) continue;
      pages[i - 1] = doc.getPage(i);
      texts[i - 1] = pages[i - 1]!.then((page) => page.getTextContent());
      // An unread failure is reported when the parser reaches that page.
      texts[i - 1]!.catch(() => undefined);
    }
  };
  const getPage = async (n: number): Promise<PdfjsPage> => {
    want(n);
    const page = await (pages[n - 1] ?? doc.getPage(n));
    return {
      view: page.view,
      getTextContent: () => texts[n - 1] ?? page.getTextContent(),
      getOperatorList: page.getOperatorList?.bind(page),
      commonObjs: page.commonObjs,
      cleanup: () => undefined,
      getViewport: page.getViewport?.bind(page),
      render: page.render?.bind(page),
    };
  };
  return (limit = doc.numPages) => ({
    numPages: Math.min(limit, doc.numPages),
    fingerprints: doc.fingerprints,
    getPage,
    getMetadata: () => doc.getMetadata(),
    destroy: async () => undefined,
    canvasFactory: doc.canvasFactory,
  });
}
