/**
 * Minutes text → `Meeting`. Pure and total: any string yields a Meeting.
 *
 * Flow: input → normalize (offset maps) → classify lines → read structure
 * (line indices) → spans in the normalized text → texts through the OCR
 * repair view → Meeting with diagnostics.
 */
import { normalize, type Normalized } from '../text/normalize.ts';
import { splitLines, type Line } from '../text/lines.ts';
import { applyEdits, OffsetMap } from '../text/offset-map.ts';
import { classifyLine, stripLeaders, type ClassifiedLine } from './lines.ts';
import { readStructure, type ItemMark, type SectionMark, type Structure } from './structure.ts';
import { readPeople } from './people.ts';
import { readFrontMatter } from './front-matter.ts';
import { diagnose } from './diagnostics.ts';
import type { Diagnostic, Field, FieldName, Item, Meeting, Section, Source, Span } from './model.ts';
import { SCHEMA_VERSION } from './model.ts';

/** Repairs OCR-damaged words; edits are offsets into the text given. */
export interface TextRepairer {
  repairText(text: string): { text: string; edits: { start: number; end: number; from: string; to: string }[] };
  damageScore(text: string): number;
  /** Repairs a heading as printed (joined, de-hyphenated); may be bolder than running text. */
  repairTitle?(text: string): string;
}

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

export interface ParseOptions {
  source?: Partial<Source>;
  layout?: LayoutEvidence;
  /** Include `Meeting.text` (the normalized text all spans index into). */
  includeText?: boolean;
  /**
   * OCR repair, or a function giving it (called only when the text looks OCR-damaged,
   * so the lexicon loads only when needed).
   */
  repairer?: TextRepairer | (() => TextRepairer | null) | null;
}

/** A parse with everything the editor and the PDF layer need besides the Meeting. */
export interface ParseResult {
  meeting: Meeting;
  normalized: Normalized;
  /** True when the text layer was judged OCR-damaged and repaired for titles and fields. */
  ocr: boolean;
}

/** Danish text has æ, ø and å; a long text with (almost) none is a sign of OCR damage. */
const OCR_SUSPECT_RATIO = 0.003;
const OCR_DAMAGE_THRESHOLD = 0.02;
const OCR_SAMPLE = 12_000;

export function parseMinutes(input: string, options: ParseOptions = {}): Meeting {
  return parseMinutesDetailed(input, options).meeting;
}

export function parseMinutesDetailed(input: string, options: ParseOptions = {}): ParseResult {
  const normalized = normalize(typeof input === 'string' ? input : '');
  const text = normalized.text;
  const lines = splitLines(text).map(classifyLine);
  if (options.layout) demoteUnstyledHeadings(lines, normalized, options.layout);
  const repairer = ocrRepairer(text, options.repairer);
  const structure = readStructure(lines, repairer !== null);
  const view = new TextView(text, repairer);
  const builder = new MeetingBuilder(lines, structure, view, repairer);
  const running = options.layout ? [...normalized.running, ...options.layout.running] : normalized.running;
  const meeting = builder.build(running, options);
  return { meeting, normalized, ocr: repairer !== null };
}

/**
 * Where the document sets its item headings in bold (judged from headings that
 * their case line confirms), a numbered line that is not bold, or is indented
 * further than those headings, is a list entry in the text, not a heading.
 */
function demoteUnstyledHeadings(lines: ClassifiedLine[], normalized: Normalized, layout: LayoutEvidence): void {
  const styleOf = (l: ClassifiedLine) => layout.styleAt(normalized.map.toSource(l.start));
  const confirmed: LineStyle[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.cls.kind !== 'heading') continue;
    let j = i + 1;
    while (j < lines.length && lines[j]!.cls.kind === 'blank') j++;
    const style = styleOf(lines[i]!);
    if (lines[j]?.cls.kind === 'case' && style) confirmed.push(style);
  }
  if (confirmed.length < 2) return;
  const boldHeadings = confirmed.filter((s) => s.bold).length >= confirmed.length * 0.6;
  const xs = confirmed.map((s) => s.x).sort((a, b) => a - b);
  const headingX = xs[Math.floor(xs.length / 2)]!;
  for (const line of lines) {
    if (line.cls.kind !== 'heading') continue;
    const style = styleOf(line);
    if (!style) continue;
    if ((boldHeadings && !style.bold) || style.x > headingX + 6) line.cls = { kind: 'text' };
  }
}

function ocrRepairer(text: string, option: ParseOptions['repairer']): TextRepairer | null {
  if (!option) return null;
  // Counted on char codes over a stretch of the body: this runs on every document, damaged or not.
  const from = Math.max(0, (text.length >> 1) - OCR_SAMPLE / 2);
  const to = Math.min(text.length, from + OCR_SAMPLE);
  let letters = 0;
  let danish = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i) | 0x20; // fold ASCII case
    if (c >= 0x61 && c <= 0x7a) letters++;
    else if (c === 0xe6 || c === 0xf8 || c === 0xe5 || c === 0xf6 || c === 0xe9) {
      // æ ø å (and Æ Ø Å, which fold to them), plus ö é as other Latin letters
      letters++;
      if (c !== 0xf6 && c !== 0xe9) danish++;
    }
  }
  if (letters < 400 || danish / letters > OCR_SUSPECT_RATIO) return null;
  const repairer = typeof option === 'function' ? option() : option;
  if (!repairer) return null;
  // A stretch from the middle of the body is enough to judge the text layer by.
  return repairer.damageScore(text.slice(from, to)) >= OCR_DAMAGE_THRESHOLD ? repairer : null;
}
/** The text as reported: the normalized text, or its OCR-repaired form, sliced by normalized offsets. */
export class TextView {
  readonly repaired: string;
  readonly edits: { start: number; end: number; from: string; to: string }[];
  private readonly map: OffsetMap | null;

  constructor(
    readonly text: string,
    repairer: TextRepairer | null,
  ) {
    if (!repairer) {
      this.repaired = text;
      this.edits = [];
      this.map = null;
      return;
    }
    const r = repairer.repairText(text);
    this.edits = r.edits;
    const applied = applyEdits(
      text,
      r.edits.map((e) => ({ from: e.start, to: e.end, insert: e.to })),
    );
    this.repaired = applied.text;
    this.map = applied.map;
  }

  slice(start: number, end: number): string {
    if (!this.map) return this.text.slice(start, end);
    return this.repaired.slice(this.map.toTarget(start), this.map.toTarget(end));
  }
}

class MeetingBuilder {
  constructor(
    private readonly lines: readonly ClassifiedLine[],
    private readonly structure: Structure,
    private readonly view: TextView,
    private readonly repairer: TextRepairer | null,
  ) {}

  private get ocr(): boolean {
    return this.repairer !== null;
  }

  build(running: readonly { text: string }[], options: ParseOptions): Meeting {
    const { lines, structure, view } = this;
    const cover = lines.slice(0, structure.bodyStart);
    const lineText = (l: Line) => view.slice(l.start, l.end);
    const front = readFrontMatter(
      cover.map((l) => ({ ...l, text: lineText(l) })),
      running,
      view.repaired,
    );
    const people = readPeople(cover, lineText);
    const hasDecision = structure.items.some((i) => i.fields.some((f) => f.field === 'beslutning'));
    const kind = front.kind ?? (hasDecision || structure.items.length === 0 ? 'referat' : 'dagsorden');
    const body = front.body ?? 'KL';
    const id = `${slug(body)}/${front.date ?? 'undated'}`;
    const sections = this.sections(id);
    if (this.ocr) unifyOcrInitials(sections.flatMap((s) => s.items));
    const source: Source = { name: options.source?.name ?? 'input', sha256: options.source?.sha256 ?? '' };
    if (options.source?.url) source.url = options.source.url;
    if (options.source?.pages !== undefined) source.pages = options.source.pages;
    const meeting: Meeting = {
      schemaVersion: SCHEMA_VERSION,
      id,
      body,
      kind,
      date: front.date,
      location: front.location,
      source,
      participants: people.participants,
      absent: people.absent,
      sections,
      diagnostics: [],
    };
    meeting.diagnostics = this.diagnostics(meeting, front.kind !== null || front.body !== null);
    if (options.includeText) meeting.text = view.text;
    return meeting;
  }

  private sections(meetingId: string): Section[] {
    const { structure } = this;
    const sections: Section[] = [];
    const marks = [...structure.sections].sort((a, b) => a.headLine - b.headLine);
    const items = [...structure.items];
    // Boundaries: every section and item head, sorted; a node ends where the next one starts.
    const heads = [...marks.map((s) => s.headLine), ...items.map((i) => i.headLine)].sort((a, b) => a - b);
    const endOf = (head: number, sectionLevel: boolean): number => {
      const nexts = sectionLevel ? marks.map((s) => s.headLine) : heads;
      const next = nexts.find((h) => h > head);
      return next === undefined ? this.view.text.length : this.lineStart(next);
    };
    for (const mark of marks) {
      const sectionEnd = endOf(mark.headLine, true);
      const own = items.filter((it) => it.major === mark.major && it.headLine >= mark.headLine && this.lineStart(it.headLine) < sectionEnd);
      sections.push({
        number: String(mark.major),
        title: this.sectionTitle(mark),
        span: this.trimSpan(this.lineStart(mark.headLine), sectionEnd),
        items: own.map((it) => this.item(it, meetingId, Math.min(endOf(it.headLine, false), sectionEnd))),
      });
    }
    return sections;
  }

  private sectionTitle(mark: SectionMark): string {
    return this.title(mark.titleLines, /^\d{1,2}\.\s*/);
  }

  /** A heading's title: joined, number stripped, OCR-repaired (as a title) where the text is damaged. */
  private title(lines: readonly number[], number: RegExp): string {
    if (this.repairer?.repairTitle) {
      return stripLeaders(this.repairer.repairTitle(this.joinLines(lines, true).replace(number, '')));
    }
    return stripLeaders(this.joinLines(lines).replace(number, ''));
  }

  private item(mark: ItemMark, meetingId: string, end: number): Item {
    const { lines } = this;
    const number = `${mark.major}.${mark.minor}`;
    const titleLines = mark.titleLines;
    const titleStart = titleLines.length ? this.lineStart(titleLines[0]!) : this.lineStart(mark.headLine);
    const titleEnd = titleLines.length ? lines[titleLines[titleLines.length - 1]!]!.end : titleStart;
    const title = this.title(titleLines, /^\d{1,2}\.\d{1,2}\.?\s*/);
    const start = this.lineStart(mark.headLine);
    const item: Item = {
      id: `${meetingId}/${number}`,
      number,
      title,
      caseNumber: null,
      caseworkers: [],
      fields: {},
      attachments: mark.attachments.map((l) => this.lineSpan(l)),
      span: this.trimSpan(start, end),
      titleSpan: { start: titleStart, end: titleEnd },
    };
    if (this.ocr) {
      const raw = this.joinLines(titleLines, true).replace(/^\d{1,2}\.\d{1,2}\.?\s*/, '');
      if (raw !== title) item.titleRaw = raw;
    }
    if (mark.caseLine !== null) {
      const c = lines[mark.caseLine]!;
      if (c.cls.kind === 'case') {
        item.caseNumber = c.cls.caseNumber;
        item.caseworkers = c.cls.workers.map((w) => w.toLowerCase());
        item.caseSpan = this.lineSpan(mark.caseLine);
      }
    }
    const fields = mark.fields;
    fields.forEach((f, k) => {
      const next = fields[k + 1];
      const fieldEnd = next ? this.lineStart(next.line) : end;
      item.fields[f.field] = this.field(f.line, fieldEnd);
    });
    return item;
  }

  private field(headingLine: number, end: number): Field {
    const start = this.lineStart(headingLine);
    const span = this.trimSpan(start, end);
    const parts: string[] = [];
    let paragraph: string[] = [];
    for (let l = headingLine + 1; l < this.lines.length && this.lines[l]!.start < span.end; l++) {
      const line = this.lines[l]!;
      if (this.structure.skip.has(l)) continue;
      if (line.cls.kind === 'blank') {
        if (paragraph.length) parts.push(paragraph.join(' '));
        paragraph = [];
        continue;
      }
      paragraph.push(this.view.slice(line.start, line.end).trim());
    }
    if (paragraph.length) parts.push(paragraph.join(' '));
    return { text: parts.join('\n\n'), span };
  }

  private diagnostics(meeting: Meeting, looksLikeKl: boolean): Diagnostic[] {
    const out = diagnose(meeting, this.structure, this.lines, looksLikeKl);
    // One diagnostic per misread word, listing where it occurs, so a fix can apply to all of them.
    const byWord = new Map<string, Diagnostic & { occurrences: Span[] }>();
    for (const e of this.view.edits) {
      const key = `${e.from}\u0000${e.to}`;
      const span = { start: e.start, end: e.end };
      const seen = byWord.get(key);
      if (seen) seen.occurrences.push(span);
      else byWord.set(key, { severity: 'info', code: 'ocr-word', message: '', span, suggestion: e.to, occurrences: [span] });
    }
    for (const d of byWord.values()) {
      const n = d.occurrences.length;
      d.message = `"${this.view.text.slice(d.span!.start, d.span!.end)}" looks like OCR damage of "${d.suggestion}"${n > 1 ? ` (${n} times)` : ''}`;
      out.push(d);
    }
    return out;
  }

  /** Joins title lines into one line (already de-hyphenated by normalization). */
  private joinLines(lineIdx: readonly number[], raw = false): string {
    return lineIdx
      .map((l) => {
        const line = this.lines[l]!;
        return raw ? line.text : this.view.slice(line.start, line.end);
      })
      .join(' ')
      .replace(/\s+/g, ' ')
      .trim();
  }

  private lineStart(l: number): number {
    return this.lines[l]?.start ?? this.view.text.length;
  }

  private lineSpan(l: number): Span {
    const line = this.lines[l]!;
    return { start: line.start, end: line.end };
  }

  /** A span that ends at the last non-blank character before `end`. */
  private trimSpan(start: number, end: number): Span {
    let e = end;
    const t = this.view.text;
    while (e > start && /\s/.test(t[e - 1]!)) e--;
    return { start, end: e };
  }
}

/**
 * OCR reads a thin `l` as `i` (`hlth` → `hith`). Where both spellings of a case
 * worker's initials occur in one damaged document, the one with `l` is the printed one.
 */
function unifyOcrInitials(items: Item[]): void {
  const known = new Set(items.flatMap((i) => i.caseworkers));
  for (const item of items) {
    item.caseworkers = item.caseworkers.map((w) => {
      for (let k = w.indexOf('i'); k >= 0; k = w.indexOf('i', k + 1)) {
        const variant = `${w.slice(0, k)}l${w.slice(k + 1)}`;
        if (known.has(variant)) return variant;
      }
      return w;
    });
  }
}

export function slug(s: string): string {
  return s
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'oe')
    .replace(/å/g, 'aa')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

export type { FieldName };
