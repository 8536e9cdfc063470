/**
 * Minutes text → `Meeting`. Pure and total: any string yields a Meeting.
 *
 * Flow: input → normalize (offset maps) → classify lines → read structure
 * (line indices) → spans in the normalized text → texts through the OCR
 * repair view → Meeting with diagnostics.
 */
import { normalizeTaking, type Normalized, type NormalizeOptions } from '../text/normalize.ts';
import { findSuspectWord, looksOcrDamaged, ocrSample } from '../ocr/suspect.ts';
import { ClassifiedLines, TEXT } from './lines.ts';
import { readStructure, type Structure } from './structure.ts';
import { MeetingBuilder, type BuildOptions } from './meeting-builder.ts';
import { TextView, type RepairScope, type TextRepairer } from './text-view.ts';
import type { FieldName, Meeting, Source } from './model.ts';

/** How a line is set: bold, font size, left edge (PDF user units). */
export interface LineStyle {
  bold: boolean;
  size: number;
  x: number;
}

/** Typography of the input, where it came from a PDF: evidence for headings. */
export interface LayoutEvidence {
  /** Style of the input line holding `inputOffset`, or null where unknown. */
  styleAt(inputOffset: number): LineStyle | null;
  /** Running headers and footers recognized by position (removed from the input). */
  running: { text: string }[];
}

export interface ParseOptions extends BuildOptions {
  layout?: LayoutEvidence;
  /**
   * OCR repair, or a function giving it (called only when the OCR gate says some
   * word may be damaged, core/ocr/suspect.ts, so the lexicon loads only when needed).
   */
  repairer?: TextRepairer | (() => TextRepairer | null) | null;
}

/** A parse with everything the editor and the PDF layer need besides the Meeting. */
export interface ParseResult {
  meeting: Meeting;
  normalized: Normalized;
  /** True when OCR repair changed words (or the text layer was judged damaged as a whole). */
  ocr: boolean;
}

/**
 * A text that lost its æ, ø and å (core/ocr/suspect.ts) is judged damaged as a
 * whole when at least this share of the words in the judged sample are not words
 * but repairable ones; any other text is repaired word by word.
 */
const OCR_DAMAGE_THRESHOLD = 0.02;

export function parseMinutes(input: string, options: ParseOptions = {}): Meeting {
  return parseMinutesDetailedTaking({ text: input }, options).meeting;
}

/**
 * `parseMinutes` over the text in `holder`, which it empties: the caller's
 * input is then not kept alive through the parse (a long text would be held
 * twice, as input and normalized).
 */
export function parseMinutesTaking(holder: { text: string }, options: ParseOptions = {}): Meeting {
  return parseMinutesDetailedTaking(holder, options).meeting;
}

export function parseMinutesDetailed(input: string, options: ParseOptions = {}): ParseResult {
  return parseMinutesDetailedTaking({ text: input }, options);
}

function parseMinutesDetailedTaking(holder: { text: string }, options: ParseOptions): ParseResult {
  const { meeting, normalized, repairer } = parseParts(holder, options);
  return { meeting, normalized, ocr: repairer !== null };
}

/** A parse with its intermediate parts, which an incremental re-parse (incremental.ts) keeps. */
export interface ParseParts {
  meeting: Meeting;
  normalized: Normalized;
  lines: ClassifiedLines;
  structure: Structure;
  view: TextView;
  /** The OCR repairer that changed words, or null (a clean text, or no repairer given). */
  repairer: TextRepairer | null;
  /** How it repaired: the text as a whole, or word by word. */
  repairScope: RepairScope;
}

/** The parse, step by step (`normalizeOptions` reaches the normalization). */
export function parseParts(holder: { text: string }, options: ParseOptions, normalizeOptions?: NormalizeOptions): ParseParts {
  if (typeof holder.text !== 'string') holder.text = '';
  const normalized = normalizeTaking(holder, undefined, normalizeOptions);
  const text = normalized.text;
  const lines = new ClassifiedLines(text);
  if (options.layout) demoteUnstyledHeadings(lines, normalized, options.layout);
  const repair = ocrRepair(text, options.repairer);
  // OCR's own layout (an attachment marker read as "A ") only in a text layer damaged as a whole.
  const structure = readStructure(lines, repair?.scope === 'document');
  const view = new TextView(text, repair?.repairer ?? null, repair?.scope);
  // Judged word by word, a text with no damaged word is clean: its titles are not repaired either.
  const active = repair && (repair.scope === 'document' || view.repairs.length > 0) ? repair : null;
  const repairer = active?.repairer ?? null;
  const repairScope = active?.scope ?? 'document';
  const builder = new MeetingBuilder(lines, structure, view, repairer, repairScope);
  const running = options.layout ? [...normalized.running, ...options.layout.running] : normalized.running;
  const meeting = builder.build(running, options);
  return { meeting, normalized, lines, structure, view, repairer, repairScope };
}

/**
 * Where the document sets its item headings in bold (judged from headings that
 * their case line confirms), a numbered line that is not bold, or is indented
 * further than those headings, is a list entry in the text, not a heading.
 */
function demoteUnstyledHeadings(lines: ClassifiedLines, normalized: Normalized, layout: LayoutEvidence): void {
  const styleOf = (i: number) => layout.styleAt(normalized.map.toSource(lines.start(i)));
  const confirmed: LineStyle[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines.cls(i).kind !== 'heading') continue;
    let j = i + 1;
    while (j < lines.length && lines.cls(j).kind === 'blank') j++;
    const style = styleOf(i);
    if (j < lines.length && lines.cls(j).kind === 'case' && style) confirmed.push(style);
  }
  if (confirmed.length < 2) return;
  const boldHeadings = confirmed.filter((s) => s.bold).length >= confirmed.length * 0.6;
  const xs = confirmed.map((s) => s.x).sort((a, b) => a - b);
  const headingX = xs[Math.floor(xs.length / 2)]!;
  for (let i = 0; i < lines.length; i++) {
    if (lines.cls(i).kind !== 'heading') continue;
    const style = styleOf(i);
    if (!style) continue;
    if ((boldHeadings && !style.bold) || style.x > headingX + 6) lines.setCls(i, TEXT);
  }
}

/**
 * The repairer and its scope, or null for a text the OCR gate finds clean. The
 * cheap gate runs on every document; the lexicon loads only behind it. A text
 * that lost its æ, ø and å and whose sample the lexicon confirms is repaired as
 * a whole ('document'); any other text that passed the gate word by word.
 */
export function ocrRepair(text: string, option: ParseOptions['repairer']): { repairer: TextRepairer; scope: RepairScope } | null {
  if (!option) return null;
  const lost = looksOcrDamaged(text);
  // The one gate (mayNeedOcrRepair), its two halves apart: the first also decides the scope.
  if (!lost && findSuspectWord(text) === null) return null;
  const repairer = typeof option === 'function' ? option() : option;
  if (!repairer) return null;
  const whole = lost && repairer.damageScore(ocrSample(text)) >= OCR_DAMAGE_THRESHOLD;
  return { repairer, scope: whole ? 'document' : 'words' };
}
export type { FieldName, TextRepairer };

export { slug } from './meeting-builder.ts';
export { TextView };
