/**
 * The one seam through which PDF input reaches the CLI.
 *
 * `readDocument` (input.ts) calls `extractPdf` for every file whose bytes start
 * with `%PDF-`. When the pdf.js extractor lands, it replaces the body of this
 * function (importing pdf.js lazily, so text-only batches never pay for it);
 * nothing else in the input layer has to change.
 */

/** Text extracted from a PDF. */
export interface PdfText {
  ok: true;
  /** The text layer, pages in order (page breaks as form feeds). */
  text: string;
  /** Number of pages in the document. */
  pages: number;
}

/** An expected extraction failure (encrypted, image-only, truncated …), as a one-line reason. */
export interface PdfFailure {
  ok: false;
  reason: string;
}

export type PdfResult = PdfText | PdfFailure;

/** Extracts the text layer of a PDF given as raw bytes. Never throws for bad input. */
export async function extractPdf(_bytes: Uint8Array): Promise<PdfResult> {
  return { ok: false, reason: 'PDF input is not supported yet' };
}
