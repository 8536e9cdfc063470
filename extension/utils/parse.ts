/**
 * A kl.dk PDF → Meeting, through the core parser, in a page or the background.
 * No OCR repair here (its lexicon is 15 MB); KL's own PDFs have clean text layers.
 */
import type { Meeting } from '../../core/minutes/model.ts';
import { PdfError, type PdfjsDocument, type PdfjsLike } from '../../core/pdf/extract.ts';
import { parsePdf } from '../../core/pdf/parse-pdf.ts';

export interface ParsedDocument {
  meeting: Meeting;
  fingerprint: string | null;
}

/** The file name of a URL's path, decoded. */
export function fileName(url: string): string {
  try {
    const path = new URL(url).pathname;
    return decodeURIComponent(path.slice(path.lastIndexOf('/') + 1)) || 'document.pdf';
  } catch {
    return 'document.pdf';
  }
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Fetch a PDF's bytes; a failure is one line naming the status. */
export async function fetchPdf(url: string, fetcher: typeof fetch = fetch): Promise<Uint8Array> {
  const res = await fetcher(url, { credentials: 'omit' });
  if (!res.ok) throw new PdfError('damaged', `${url} answered ${res.status} ${res.statusText}`.trim());
  return new Uint8Array(await res.arrayBuffer());
}

/**
 * Parse a PDF. Pass `loaded` to reuse a document the caller already opened (the
 * viewer renders from the same one), so pdf.js reads the file once.
 */
export async function parseDocument(pdfjs: PdfjsLike, bytes: Uint8Array, url: string, loaded?: PdfjsDocument): Promise<ParsedDocument> {
  const lib: PdfjsLike = loaded
    ? { getDocument: () => ({ promise: Promise.resolve({ ...shareable(loaded) }), destroy: async () => undefined }) }
    : pdfjs;
  performance.mark('referat:parse-start');
  const sha256 = await sha256Hex(bytes);
  const { meeting, pdf } = await parsePdf(lib, bytes, {
    params: { isEvalSupported: false },
    fontNames: true,
    includeText: true,
    repairer: null,
    source: { name: fileName(url), url, sha256 },
  });
  performance.mark('referat:parsed');
  return { meeting, fingerprint: pdf.fingerprint };
}

/**
 * The document with `destroy` and page `cleanup` no-ops, so the parser leaves it
 * open for the viewer; every page's text is requested at once, so the pdf.js
 * worker extracts page after page without waiting for the parser's round trips.
 */
function shareable(doc: PdfjsDocument): PdfjsDocument {
  const pages = Array.from({ length: doc.numPages }, (_, i) => doc.getPage(i + 1));
  const texts = pages.map((p) => p.then((page) => page.getTextContent()));
  // An unread failure is reported when the parser reaches that page.
  for (const t of texts) t.catch(() => undefined);
  return {
    get numPages() {
      return doc.numPages;
    },
    get fingerprints() {
      return doc.fingerprints;
    },
    getPage: async (n) => {
      const page = await (pages[n - 1] ?? doc.getPage(n));
      return {
        view: page.view,
        getTextContent: () => texts[n - 1] ?? page.getTextContent(),
        getOperatorList: page.getOperatorList?.bind(page),
        commonObjs: page.commonObjs,
        cleanup: () => undefined,
      };
    },
    getMetadata: () => doc.getMetadata(),
    destroy: async () => undefined,
  };
}
