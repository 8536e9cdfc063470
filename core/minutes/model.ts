/**
 * The public data contract, schema version 1 (see README "Data contract").
 *
 * All offsets are UTF-16 code-unit offsets into `Meeting.text`, the normalized
 * text — the one canonical coordinate system of Referat Studio. Page boxes are
 * PDF user units on a 1-based page.
 */

export const SCHEMA_VERSION = 1 as const;

export type FieldName = 'baggrund' | 'indstilling' | 'sagsfremstilling' | 'beslutning';
export const FIELD_NAMES: readonly FieldName[] = ['baggrund', 'indstilling', 'sagsfremstilling', 'beslutning'];

export type MeetingKind = 'referat' | 'dagsorden';

/** A box on a PDF page, in PDF user units (origin bottom-left as pdf.js reports it), page 1-based. */
export interface PageBox {
  page: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A half-open range `[start, end)` of UTF-16 offsets into `Meeting.text`. */
export interface Span {
  start: number;
  end: number;
  pages?: PageBox[];
}

export interface Person {
  name: string;
  party: string | null;
  municipality: string | null;
  note: string | null;
  span?: Span;
}

export interface Field {
  /** De-hyphenated, running headers removed, OCR-repaired where the text layer was damaged. */
  text: string;
  span: Span;
}

export interface Item {
  /** `${meeting.id}/${number}` */
  id: string;
  number: string;
  /** One line, de-hyphenated, OCR-repaired. */
  title: string;
  /** The title as printed (joined and de-hyphenated), present only when OCR repair changed it. */
  titleRaw?: string;
  caseNumber: string | null;
  caseworkers: string[];
  /** Keys in the order the sub-headings occur in the document. */
  fields: Partial<Record<FieldName, Field>>;
  /** Lines marked "./." (or their OCR form "A "). */
  attachments: Span[];
  span: Span;
  /** Span of the heading (number and title lines). */
  titleSpan: Span;
  /** Span of the case line, when there is one. */
  caseSpan?: Span;
}

export interface Section {
  number: string;
  title: string;
  span: Span;
  items: Item[];
}

export type Severity = 'error' | 'warning' | 'info';

export interface Diagnostic {
  severity: Severity;
  code: DiagnosticCode;
  /** What it says, in English; people read it in their language from `code` and `params` (see diagnostic-messages.ts). */
  message: string;
  /** The values its message names (item and section numbers, a page, a word and its count), for saying it in another language. */
  params?: DiagnosticParams;
  span?: Span;
  /** For OCR diagnostics: the suggested replacement text for `span`. */
  suggestion?: string;
  /** For OCR diagnostics: every place the same misread word occurs (`span` is the first). */
  occurrences?: Span[];
}

export type DiagnosticParams = Record<string, string | number>;

export type DiagnosticCode =
  | 'not-kl-minutes'
  | 'numbering-gap'
  | 'numbering-duplicate'
  | 'item-outside-section'
  | 'missing-case-line'
  | 'missing-decision'
  | 'ocr-word'
  | 'ocr-detached-number'
  | 'no-date'
  | 'no-text-layer'
  | 'ocr-page';

export interface Source {
  name: string;
  /** SHA-256 of the input bytes, hex. */
  sha256: string;
  url?: string;
  /** Page count, for a PDF. */
  pages?: number;
  /** What the PDF says of itself, for a PDF. */
  pdf?: PdfSource;
}

export interface PdfSource {
  /** pdf.js fingerprint of the file (stable across copies of the same PDF). */
  fingerprint: string | null;
  title?: string;
  author?: string;
  creator?: string;
  producer?: string;
  /** ISO 8601. */
  creationDate?: string;
  /** ISO 8601. */
  modDate?: string;
}

export interface Meeting {
  schemaVersion: typeof SCHEMA_VERSION;
  /** Stable: `${slug(body)}/${date}` e.g. "kkr-nordjylland/2020-09-04". */
  id: string;
  body: string;
  kind: MeetingKind;
  date: string | null;
  location: string | null;
  source: Source;
  participants: Person[];
  absent: Person[];
  sections: Section[];
  diagnostics: Diagnostic[];
  /** The normalized text all spans index into (included on request). */
  text?: string;
}
