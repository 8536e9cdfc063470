/**
 * Import: text files, PDFs, pasted text and extension handoffs become library
 * documents. Every failure is a one-line reason and leaves the library as it was.
 */
import type { Meeting } from '../../core/minutes/model.ts';
import { parseMinutes } from '../../core/minutes/parse.ts';
import type { HandoffDocument } from '../../core/handoff/handoff.ts';
import type { PageRun } from '../../core/pdf/text-layer.ts';
import type { OcrProgress } from '../../core/pdf/ocr.ts';
import { fileContent } from '../../core/text/decode.ts';
import { sha256Hex, sha256HexOfText } from '../../core/hash/sha256.ts';
import type { LibraryEntry, LibrarySource } from './library.ts';
import { summarize } from './library.ts';

/** A document ready to be stored: its normalized text and what the library shows. */
export interface ImportedDocument {
  text: string;
  entry: Omit<LibraryEntry, 'id' | 'createdAt' | 'updatedAt'>;
  /** Overrides that carry evidence the text alone lacks (PDF typography). */
  hints: { kind: 'not-heading'; pos: number }[];
  /** Where the text came from: name, sha256, URL, pages, PDF fingerprint and metadata (kept as the document's `source`). */
  source: Meeting['source'];
  /** A PDF's text runs in the coordinates of `text`: the way back to the page for any span. */
  runs: PageRun[];
  /** The PDF itself, kept in this browser for the page view. */
  pdf?: Uint8Array;
}

/** A PDF's parse and its text runs (offsets in `meeting.text`), from which page boxes of any range are made. */
export interface PdfRead {
  meeting: Meeting;
  runs: PageRun[];
}

/** Reads PDF bytes into a parse and its text runs (pdf.js in the page, a stand-in in tests). */
/** Reads a PDF; `onOcrProgress` hears how far the OCR of its scanned pages has come. */
export type PdfReader = (bytes: Uint8Array, name: string, onOcrProgress?: (progress: OcrProgress) => void) => Promise<PdfRead>;

export class ImportError extends Error {}

const MAX_BYTES = 100 * 1024 * 1024;

/** From a parse of the text (spans in its normalized text). */
export function fromMeeting(meeting: Meeting, source: LibrarySource, fileName: string, url?: string): ImportedDocument {
  const text = meeting.text;
  if (typeof text !== 'string') throw new ImportError(`${fileName}: no text`);
  if (meeting.sections.length === 0 && meeting.diagnostics.some((d) => d.code === 'not-kl-minutes')) {
    throw new ImportError(`${fileName}: not KL minutes or an agenda (no sections or items found)`);
  }
  const entry = { ...summarize(meeting), source, fileName, review: 'unreviewed' as const, ...(url ? { url } : {}) };
  return { text, entry, hints: [], source: { ...meeting.source, ...(url ? { url } : {}) }, runs: [] };
}

export function importText(raw: string, fileName: string, source: LibrarySource = 'text'): ImportedDocument {
  if (!raw.trim()) throw new ImportError(`${fileName}: the file is empty`);
  const meeting = parseMinutes(raw, { includeText: true, source: { name: fileName } });
  return fromMeeting(meeting, source, fileName);
}

/**
 * From the PDF's own parse (which had its typography as evidence): headings
 * the plain text would suggest but the PDF parse rejected become `not-heading`
 * overrides, so the editor's re-parse of the text agrees with the PDF's.
 */
export function fromPdfMeeting(pdfMeeting: Meeting, fileName: string, source: LibrarySource = 'pdf', url?: string, runs: PageRun[] = []): ImportedDocument {
  const doc = { ...fromMeeting(pdfMeeting, source, fileName, url), runs };
  const plain = parseMinutes(doc.text, { includeText: true });
  const headingStarts = (m: Meeting) => {
    const set = new Set<number>();
    for (const s of m.sections) {
      set.add(s.span.start);
      for (const i of s.items) set.add(i.titleSpan.start);
    }
    return set;
  };
  const real = headingStarts(pdfMeeting);
  for (const start of headingStarts(plain)) if (!real.has(start)) doc.hints.push({ kind: 'not-heading', pos: start });
  return doc;
}

/**
 * A document from the extension. With the PDF's bytes it is read again here, so
 * the editor keeps the PDF's text runs (page boxes for every later span) — the
 * same parser gives the same text; without them, the extension's parse is used.
 */
export async function importHandoff(doc: HandoffDocument, readPdf?: PdfReader): Promise<ImportedDocument> {
  const name = doc.url.split('/').pop() || 'kl.dk';
  if (doc.pdfBase64 && readPdf) {
    try {
      const bytes = Uint8Array.from(atob(doc.pdfBase64), (c) => c.charCodeAt(0));
      const read = await readPdf(bytes, name);
      if (read.meeting.text === doc.meeting.text) return { ...fromPdfMeeting(read.meeting, name, 'extension', doc.url, read.runs), pdf: bytes };
    } catch {
      // The extension's parse stands.
    }
  }
  return fromPdfMeeting(doc.meeting, name, 'extension', doc.url);
}

/** Reads one file: a PDF (by its `%PDF-` header) or text. */
export async function importFile(file: { name: string; size: number; arrayBuffer(): Promise<ArrayBuffer> }, readPdf: PdfReader, onOcrProgress?: (progress: OcrProgress) => void): Promise<ImportedDocument> {
  if (file.size === 0) throw new ImportError(`${file.name}: the file is empty`);
  if (file.size > MAX_BYTES) throw new ImportError(`${file.name}: larger than 100 MB`);
  const bytes = new Uint8Array(await file.arrayBuffer());
  // The CLI decides what a file is by the same function (core/text/decode.ts).
  const content = fileContent(bytes, file.name);
  if (!content.ok) throw new ImportError(`${file.name}: ${content.reason}`);
  if (content.kind === 'pdf') {
    let read: PdfRead;
    try {
      read = await readPdf(bytes, file.name, onOcrProgress);
    } catch (e) {
      throw new ImportError(`${file.name}: ${e instanceof Error ? e.message : String(e)}`);
    }
    return { ...fromPdfMeeting(read.meeting, file.name, 'pdf', undefined, read.runs), pdf: bytes };
  }
  const doc = importText(content.text, file.name);
  return { ...doc, source: { ...doc.source, sha256: sha256Hex(bytes) } };
}

/** Text as typed or pasted (or fetched): the source's SHA-256 is that of its UTF-8 bytes. */
export async function importTextHashed(raw: string, fileName: string, source: LibrarySource): Promise<ImportedDocument> {
  const doc = importText(raw, fileName, source);
  return { ...doc, source: { ...doc.source, sha256: sha256HexOfText(raw) } };
}
