/**
 * Line indices from the structure reader → the Meeting: spans in the normalized
 * text, titles and field texts through the text view, people, front matter and
 * diagnostics.
 */
import type { Line } from '../text/lines.ts';
import { stripLeaders, type ClassifiedLines } from './lines.ts';
import type { ItemMark, SectionMark, Structure } from './structure.ts';
import { readPeople } from './people.ts';
import { readFrontMatter, type FrontMatter } from './front-matter.ts';
import { diagnose } from './diagnostics.ts';
import { OcrWords } from './ocr-words.ts';
import type { Diagnostic, Field, Item, Meeting, Section, Source, Span } from './model.ts';
import { SCHEMA_VERSION } from './model.ts';
import type { RepairScope, TextRepairer, TextView } from './text-view.ts';

/** What the builder takes from the parse options: where the text came from, and whether to include it. */
export interface BuildOptions {
  source?: Partial<Source>;
  /** Include `Meeting.text` (the normalized text all spans index into). */
  includeText?: boolean;
}

export class MeetingBuilder {
  constructor(
    private readonly lines: ClassifiedLines,
    private readonly structure: Structure,
    private readonly view: TextView,
    private readonly repairer: TextRepairer | null,
    private readonly scope: RepairScope = 'document',
  ) {}

  /** OCR repair ran: titles are repaired, and `titleRaw` kept where that changed them. */
  private get ocr(): boolean {
    return this.repairer !== null;
  }

  build(running: readonly { text: string }[], options: BuildOptions): Meeting {
    const { lines, structure, view } = this;
    const cover: Line[] = [];
    for (let i = 0; i < structure.bodyStart && i < lines.length; i++) cover.push(lines.line(i));
    const lineText = (l: Line) => view.slice(l.start, l.end);
    const front = this.frontMatter(
      cover.map((l) => ({ ...l, text: lineText(l) })),
      running,
    );
    const people = readPeople(cover, lineText);
    const hasDecision = structure.items.some((i) => i.fields.some((f) => f.field === 'beslutning'));
    const kind = front.kind ?? (hasDecision || structure.items.length === 0 ? 'referat' : 'dagsorden');
    const body = front.body ?? 'KL';
    const id = `${slug(body)}/${front.date ?? 'undated'}`;
    const sections = this.sections(id);
    if (this.ocr && this.scope === 'document') unifyOcrInitials(sections.flatMap((s) => s.items));
    const source: Source = { name: options.source?.name ?? 'input', sha256: options.source?.sha256 ?? '' };
    if (options.source?.url) source.url = options.source.url;
    if (options.source?.pages !== undefined) source.pages = options.source.pages;
    if (options.source?.pdf) source.pdf = options.source.pdf;
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

  /** The OCR-word diagnostics of the text view's repairs. */
  protected ocrWords(): OcrWords {
    return OcrWords.of(this.view.text, this.view.repairs);
  }

  /** The front matter from the cover lines (as reported), the running lines and the whole text. */
  protected frontMatter(cover: readonly Line[], running: readonly { text: string }[]): FrontMatter {
    return readFrontMatter(cover, running, () => this.view.repaired);
  }

  private sections(meetingId: string): Section[] {
    const { structure } = this;
    const sections: Section[] = [];
    const marks = [...structure.sections].sort((a, b) => a.headLine - b.headLine);
    const items = [...structure.items];
    // Boundaries: every section and item head, sorted; a node ends where the next one starts.
    const heads = [...marks.map((s) => s.headLine), ...items.map((i) => i.headLine)].sort((a, b) => a - b);
    const sectionHeads = marks.map((s) => s.headLine);
    const inOrder = items.every((it, k) => k === 0 || items[k - 1]!.headLine <= it.headLine);
    const endOf = (head: number, sectionLevel: boolean): number => {
      const next = firstAbove(sectionLevel ? sectionHeads : heads, head);
      return next === undefined ? this.view.text.length : this.lineStart(next);
    };
    for (const mark of marks) {
      const sectionEnd = endOf(mark.headLine, true);
      // The items from the section's head to its end (found by binary search where the items are in text order).
      let own: ItemMark[];
      if (inOrder) {
        own = [];
        for (let k = firstAtOrAbove(items, mark.headLine); k < items.length && this.lineStart(items[k]!.headLine) < sectionEnd; k++) {
          if (items[k]!.major === mark.major) own.push(items[k]!);
        }
      } else own = items.filter((it) => it.major === mark.major && it.headLine >= mark.headLine && this.lineStart(it.headLine) < sectionEnd);
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
  protected title(lines: readonly number[], number: RegExp): string {
    if (this.repairer?.repairTitle) {
      return stripLeaders(this.repairer.repairTitle(this.joinLines(lines, true).replace(number, ''), this.scope));
    }
    return stripLeaders(this.joinLines(lines).replace(number, ''));
  }

  protected item(mark: ItemMark, meetingId: string, end: number): Item {
    const { lines } = this;
    const number = `${mark.major}.${mark.minor}`;
    const titleLines = mark.titleLines;
    const titleStart = titleLines.length ? this.lineStart(titleLines[0]!) : this.lineStart(mark.headLine);
    const titleEnd = titleLines.length ? lines.end(titleLines[titleLines.length - 1]!) : titleStart;
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
      const c = lines.cls(mark.caseLine);
      if (c.kind === 'case') {
        item.caseNumber = c.caseNumber;
        item.caseworkers = c.workers.map((w) => w.toLowerCase());
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
    const { lines } = this;
    for (let l = headingLine + 1; l < lines.length && lines.start(l) < span.end; l++) {
      if (this.structure.skip.has(l)) continue;
      if (lines.cls(l).kind === 'blank') {
        if (paragraph.length) parts.push(paragraph.join(' '));
        paragraph = [];
        continue;
      }
      paragraph.push(this.view.slice(lines.start(l), lines.end(l)).trim());
    }
    if (paragraph.length) parts.push(paragraph.join(' '));
    return { text: parts.join('\n\n'), span };
  }

  private diagnostics(meeting: Meeting, looksLikeKl: boolean): Diagnostic[] {
    const out = diagnose(meeting, this.structure, this.lines, looksLikeKl);
    // One diagnostic per misread word, listing where it occurs, so a fix can apply to all of them.
    for (const d of this.ocrWords().list) out.push(d);
    return out;
  }

  /** Joins title lines into one line (already de-hyphenated by normalization). */
  private joinLines(lineIdx: readonly number[], raw = false): string {
    return lineIdx
      .map((l) => (raw ? this.lines.lineText(l) : this.view.slice(this.lines.start(l), this.lines.end(l))))
      .join(' ')
      .replace(/\s+/g, ' ')
      .trim();
  }

  private lineStart(l: number): number {
    return l >= 0 && l < this.lines.length ? this.lines.start(l) : this.view.text.length;
  }

  private lineSpan(l: number): Span {
    return { start: this.lines.start(l), end: this.lines.end(l) };
  }

  /** A span that ends at the last non-blank character before `end`. */
  private trimSpan(start: number, end: number): Span {
    let e = end;
    const t = this.view.text;
    while (e > start && /\s/.test(t[e - 1]!)) e--;
    return { start, end: e };
  }
}

/** The index of the first of `items` (in text order) whose head is at or after line `line`. */
function firstAtOrAbove(items: readonly ItemMark[], line: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid]!.headLine >= line) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The first of the ascending `sorted` above `value`. */
function firstAbove(sorted: readonly number[], value: number): number | undefined {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! > value) hi = mid;
    else lo = mid + 1;
  }
  return sorted[lo];
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

/** Lower case with the Danish letters spelled out (æ → ae, ø → oe, å → aa) and other accents dropped. */
export function foldDanish(s: string): string {
  return s
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'oe')
    .replace(/å/g, 'aa')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '');
}

/** The form of a name in a meeting id: `foldDanish`, then every run of other characters a hyphen. */
export function slug(s: string): string {
  return foldDanish(s)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
