/**
 * PDF → Meeting: extraction, then the same parser as for text, with the page's
 * typography as evidence, then page boxes on every span through the offset maps.
 */
import { parseMinutesDetailed, type LineStyle, type ParseOptions, type ParseResult, type TextRepairer } from '../minutes/parse.ts';
import { mayNeedOcrRepair } from '../ocr/suspect.ts';
import type { Span } from '../minutes/model.ts';
import { forEverySpan } from '../minutes/spans.ts';
import { extractPdf, type ExtractOptions, type PdfjsLike, type PdfText } from './extract.ts';
import { boxesForRuns, layerRuns, mapRuns, type PageRun, type TextLayer } from './text-layer.ts';

export interface PdfParseResult extends ParseResult {
  pdf: PdfText;
  /** The PDF's text runs with offsets in `Meeting.text`: page boxes for any range of it, spans made later included. */
  runs: PageRun[];
}

export interface PdfParseOptions extends ParseOptions, ExtractOptions {
  /**
   * The OCR repairer, loaded only when the extracted text passes the OCR gate
   * (core/ocr/suspect.ts), where no `repairer` is given: for a page or worker that
   * fetches the lexicon (a failure parses unrepaired).
   */
  loadRepairer?: () => Promise<TextRepairer | null>;
}

export async function parsePdf(pdfjs: PdfjsLike, data: Uint8Array, options: PdfParseOptions = {}): Promise<PdfParseResult> {
  const pdf = await extractPdf(pdfjs, data, options);
  const layer = pdf.layer;
  let repairer = options.repairer;
  if (!repairer && options.loadRepairer && mayNeedOcrRepair(layer.text)) repairer = await options.loadRepairer().catch(() => null);
  const result = parseMinutesDetailed(layer.text, {
    ...options,
    repairer,
    layout: { styleAt: (offset) => styleAt(layer, offset), running: layer.running },
    source: { ...options.source, pages: pdf.pages.length },
  });
  const { meeting, normalized } = result;
  const inputRuns = layerRuns(layer);
  forEverySpan(meeting, (span: Span) => {
    span.pages = boxesForRuns(inputRuns, normalized.map.toSource(span.start), normalized.map.toSource(span.end));
  });
  meeting.source.pdf = { fingerprint: pdf.fingerprint, ...pdf.info };
  for (const p of pdf.pages) {
    if (p.ocr) {
      meeting.diagnostics.push({
        severity: 'info',
        code: 'ocr-page',
        message: `Page ${p.page} was read with OCR (${p.ocr.garbled ? 'its text layer was garbled' : 'it had no text layer'}; ${p.ocr.confidence} % confidence)`,
        params: { page: p.page, confidence: p.ocr.confidence, reason: p.ocr.garbled ? 'garbled' : 'image' },
      });
    } else if (!p.hasText) {
      meeting.diagnostics.push({
        severity: 'warning',
        code: 'no-text-layer',
        message: `Page ${p.page} has no text layer (a scanned image?); its content could not be read`,
        params: { page: p.page },
      });
    }
  }
  return { ...result, pdf, runs: mapRuns(inputRuns, (o) => normalized.map.toTarget(o)) };
}

/** Style of the text-layer line holding `offset`. */
function styleAt(layer: TextLayer, offset: number): LineStyle | null {
  const lines = layer.lines;
  let lo = 0;
  let hi = lines.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const l = lines[mid]!;
    if (offset < l.start) hi = mid - 1;
    else if (offset > l.end) lo = mid + 1;
    // An OCR line carries no typography to weigh (bold is not read from images).
    else return l.line.ocr ? null : { bold: l.line.bold, size: l.line.size, x: l.line.box.x };
  }
  return null;
}
