/**
 * Import: text files, PDFs, pasted text and extension handoffs become library
 * documents. Every failure is a one-line reason and leaves the library as it was.
 */
import type { Meeting } from '../../core/minutes/model.ts';
import { parseMinutes } from '../../core/minutes/parse.ts';
import type { HandoffDocument } from '../../core/handoff/handoff.ts';
import type { LibraryEntry, LibrarySource } from './library.ts';
import { summarize } from './library.ts';

/** A document ready to be stored: its normalized text and what the library shows. */
export interface ImportedDocument {
  text: string;
  entry: Omit<LibraryEntry, 'id' | 'createdAt' | 'updatedAt'>;
  /** Overrides that carry evidence the text alone lacks (PDF typography). */
  hints: { kind: 'not-heading'; pos: number }[];
}

export class ImportError extends Error {}

const MAX_BYTES = 100 * 1024 * 1024;

/** Decodes text bytes: UTF-8 (BOM or not), UTF-16 with a BOM, else windows-1252. */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 4096);
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0 || (b < 9 && b !== 0)) bad++;
  }
  return bad > n * 0.01;
}

/** From a parse of the text (spans in its normalized text). */
export function fromMeeting(meeting: Meeting, source: LibrarySource, fileName: string, url?: string): ImportedDocument {
  const text = meeting.text;
  if (typeof text !== 'string') throw new ImportError(`${fileName}: no text`);
  if (meeting.sections.length === 0 && meeting.diagnostics.some((d) => d.code === 'not-kl-minutes')) {
    throw new ImportError(`${fileName}: not KL minutes or an agenda (no sections or items found)`);
  }
  const entry = { ...summarize(meeting), source, fileName, review: 'unreviewed' as const, ...(url ? { url } : {}) };
  return { text, entry, hints: [] };
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
export function fromPdfMeeting(pdfMeeting: Meeting, fileName: string, source: LibrarySource = 'pdf', url?: string): ImportedDocument {
  const doc = fromMeeting(pdfMeeting, source, fileName, url);
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

export function importHandoff(doc: HandoffDocument): ImportedDocument {
  const name = doc.url.split('/').pop() || 'kl.dk';
  return fromPdfMeeting(doc.meeting, name, 'extension', doc.url);
}

/** Reads one file: a PDF (by its `%PDF-` header) or text. */
export async function importFile(file: { name: string; size: number; arrayBuffer(): Promise<ArrayBuffer> }, readPdf: (bytes: Uint8Array, name: string) => Promise<Meeting>): Promise<ImportedDocument> {
  if (file.size === 0) throw new ImportError(`${file.name}: the file is empty`);
  if (file.size > MAX_BYTES) throw new ImportError(`${file.name}: larger than 100 MB`);
  const bytes = new Uint8Array(await file.arrayBuffer());
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  if (head.includes('%PDF-')) {
    let meeting: Meeting;
    try {
      meeting = await readPdf(bytes, file.name);
    } catch (e) {
      throw new ImportError(`${file.name}: ${e instanceof Error ? e.message : String(e)}`);
    }
    return fromPdfMeeting(meeting, file.name);
  }
  if (/\.pdf$/i.test(file.name)) throw new ImportError(`${file.name}: not a PDF (no %PDF- header)`);
  if (looksBinary(bytes)) throw new ImportError(`${file.name}: not a text file (binary content)`);
  return importText(decodeText(bytes), file.name);
}
