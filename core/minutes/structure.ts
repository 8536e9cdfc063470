/**
 * Reads sections and items from classified lines.
 *
 * Two layouts occur: numbers printed with their titles (`3.2. Title` on one line),
 * and numbers detached from their titles (a column of `1.` `1.1.` `1.2.` lines,
 * sometimes printed before the end of the previous item). Case lines
 * (`SAG-2020-04159 hlth`) anchor items in both. A heading is only believed when
 * what follows it agrees: an item heading is followed by its case line or a
 * sub-heading; a section heading by its first item or the next section.
 * The result is line indices; spans are built from them by the caller.
 */
import { attachmentMarker, endsSentence, isTocEntry, type ClassifiedLines } from './lines.ts';
import type { FieldName } from './model.ts';

export interface SectionMark {
  major: number;
  /** The line the section starts on (its number or heading). */
  headLine: number;
  /** Lines holding the title (the heading itself when number and title share a line). */
  titleLines: number[];
}

export interface ItemMark {
  major: number;
  minor: number;
  /** First line of the item: its heading or first title line. */
  headLine: number;
  titleLines: number[];
  caseLine: number | null;
  fields: { field: FieldName; line: number }[];
  attachments: number[];
  /** The number stood apart from the title (detached layout). */
  detached: boolean;
  /** No number was printed for it; it was inferred from the sequence. */
  inferred: boolean;
}

export interface Structure {
  sections: SectionMark[];
  items: ItemMark[];
  /** Lines that are not content: detached numbers, table-of-contents entries. */
  skip: Set<number>;
  /** Index of the first structural line; what comes before is front matter. */
  bodyStart: number;
}

const MAX_TITLE_LINES = 4;
const MAX_SECTION_GAP = 3;
const MAX_ITEM_GAP = 3;
/** Lines of text a section heading may have under it before the next section. */
const MAX_SECTION_TEXT = 8;

/** Reads like a heading's title: short, no colon, not ending a sentence. */
function looksLikeTitle(title: string): boolean {
  return title.length <= 60 && !title.includes(':') && !/[.,;]$/.test(title);
}

export function readStructure(lines: ClassifiedLines, ocr: boolean): Structure {
  return new StructureReader(lines, ocr).read();
}

class StructureReader {
  private readonly sections: SectionMark[] = [];
  private readonly items: ItemMark[] = [];
  private readonly skip = new Set<number>();
  private readonly titleOwned = new Set<number>();
  /** Detached item numbers waiting for their titles. */
  private readonly queue: { major: number; minor: number; line: number }[] = [];
  private readonly maxMinor = new Map<number, number>();
  private section: SectionMark | null = null;
  private item: ItemMark | null = null;
  private untitled: SectionMark | null = null;

  constructor(
    private readonly lines: ClassifiedLines,
    private readonly ocr: boolean,
  ) {}

  read(): Structure {
    const { lines } = this;
    for (let i = 0; i < lines.length; i++) {
      const cls = lines.cls(i);
      switch (cls.kind) {
        case 'blank':
          break;
        case 'heading':
          if (isTocEntry(lines.lineText(i))) {
            this.skip.add(i);
          } else if (cls.minor === null) {
            if (!this.trySection(i, cls.major, false)) this.onText(i);
          } else if (!this.tryInlineItem(i, cls.major, cls.minor)) {
            this.onText(i);
          }
          break;
        case 'number':
          if (cls.minor === null) {
            if (!this.trySection(i, cls.major, true)) this.onText(i);
          } else if (this.fitsSequence(cls.major, cls.minor)) {
            this.queue.push({ major: cls.major, minor: cls.minor, line: i });
            this.maxMinor.set(cls.major, Math.max(this.maxMinor.get(cls.major) ?? 0, cls.minor));
            this.skip.add(i);
          } else {
            this.onText(i);
          }
          break;
        case 'case':
          this.onCase(i);
          break;
        case 'field':
          if (this.item && !this.item.fields.some((f) => f.field === cls.field)) {
            this.item.fields.push({ field: cls.field, line: i });
          }
          break;
        case 'text':
          this.onText(i);
          break;
      }
    }
    const firstMarks = [...this.sections.map((s) => s.headLine), ...this.items.map((it) => it.headLine)];
    const bodyStart = firstMarks.length ? Math.min(...firstMarks) : lines.length;
    return { sections: this.sections, items: this.items, skip: this.skip, bodyStart };
  }

  private get currentMajor(): number {
    return this.section?.major ?? 0;
  }

  private trySection(i: number, major: number, numberOnly: boolean): boolean {
    const hasItems = this.items.length > 0;
    if (major <= this.currentMajor && hasItems) return false;
    if (major - this.currentMajor > MAX_SECTION_GAP && hasItems) return false;
    if (major === 0 || !this.sectionConfirmed(i, major, numberOnly)) return false;
    // Before any item, a restarted numbering means what came before was a table of contents.
    if (!hasItems) {
      for (const s of this.sections.filter((x) => x.major >= major)) {
        s.titleLines.forEach((l) => this.skip.add(l));
        this.skip.add(s.headLine);
      }
      const keep = this.sections.filter((x) => x.major < major);
      this.sections.length = 0;
      this.sections.push(...keep);
      // Item numbers the contents listed do not count against the real ones.
      for (const k of [...this.maxMinor.keys()]) if (k >= major) this.maxMinor.delete(k);
    }
    const mark: SectionMark = { major, headLine: i, titleLines: numberOnly ? [] : [i] };
    this.sections.push(mark);
    this.section = mark;
    this.item = null;
    this.untitled = numberOnly ? mark : null;
    this.queue.length = 0;
    if (!numberOnly) this.titleOwned.add(i);
    return true;
  }

  /** What follows a section heading must be its first item, the next section, or the end. */
  private sectionConfirmed(i: number, major: number, numberOnly: boolean): boolean {
    const { lines } = this;
    // A heading that reads like one (short, no colon, no full stop) may have a few lines of
    // text under it ("7. Eventuelt" / "Intet."), but only before the next section or the end.
    const heading = lines.cls(i);
    const plain = !numberOnly && heading.kind === 'heading' && looksLikeTitle(heading.title);
    let textLines = 0;
    for (let j = i + 1; j < lines.length; j++) {
      const cls = lines.cls(j);
      if (cls.kind === 'blank') continue;
      if (cls.kind === 'text') {
        // A detached section number is followed by its title (and the item titles) as text;
        // a heading with its title is followed directly by the next heading.
        if (++textLines > (numberOnly ? 6 : plain ? MAX_SECTION_TEXT : 0)) return false;
        continue;
      }
      if (cls.kind === 'heading' && isTocEntry(lines.lineText(j))) return true;
      if (cls.kind === 'heading' || cls.kind === 'number') {
        if (cls.minor === null) {
          const next = cls.major > major && (textLines === 0 || numberOnly || (cls.kind === 'heading' && looksLikeTitle(cls.title)));
          // Two list entries in a row ("2. …", "3. …") look like sections until an item of the
          // section they stand in follows.
          return next && !this.laterItemOfEarlierSection(j, major);
        }
        if (textLines > 0 && !numberOnly) return false;
        if (cls.major !== major) return false;
        return cls.kind === 'number' || this.itemConfirmed(j);
      }
      // A case line right after a detached section number and its titles belongs to its first item.
      return numberOnly && cls.kind === 'case' && textLines >= 2;
    }
    return !this.laterItemOfEarlierSection(i, major);
  }

  /** A confirmed item heading further on that belongs to an earlier section: then `i` was no section. */
  private laterItemOfEarlierSection(i: number, major: number): boolean {
    for (let j = i + 1; j < this.lines.length; j++) {
      const cls = this.lines.cls(j);
      if (cls.kind === 'heading' && cls.minor !== null && this.itemConfirmed(j)) return cls.major < major;
    }
    return false;
  }

  /** An item heading is followed, within a few lines, by its case line or a sub-heading. */
  private itemConfirmed(i: number): boolean {
    const { lines } = this;
    let seen = 0;
    for (let j = i + 1; j < lines.length && seen < MAX_TITLE_LINES + 2; j++) {
      const cls = lines.cls(j);
      if (cls.kind === 'blank') continue;
      seen++;
      if (cls.kind === 'case' || cls.kind === 'field') return true;
      if (cls.kind === 'heading' || cls.kind === 'number') return false;
    }
    return false;
  }

  private fitsSequence(major: number, minor: number): boolean {
    if (major !== this.currentMajor) return false;
    const last = this.maxMinor.get(major) ?? 0;
    return minor > last && minor - last <= MAX_ITEM_GAP;
  }

  private tryInlineItem(i: number, major: number, minor: number): boolean {
    // An item may open a section whose heading is missing.
    const opensSection = major > this.currentMajor && major - this.currentMajor <= MAX_SECTION_GAP && minor === 1;
    if (!opensSection && !this.fitsSequence(major, minor)) {
      // The same number as a detached one waiting in the queue is the heading it belongs to.
      if (!this.queue.some((q) => q.major === major && q.minor === minor)) return false;
    }
    if (!this.itemConfirmed(i)) return false;
    if (opensSection) {
      const mark: SectionMark = { major, headLine: i, titleLines: [] };
      this.sections.push(mark);
      this.section = mark;
    }
    const titleLines = [i];
    let caseLine: number | null = null;
    for (let j = i + 1, n = 0; j < this.lines.length && n < MAX_TITLE_LINES; j++) {
      const cls = this.lines.cls(j);
      if (cls.kind === 'blank') continue;
      if (cls.kind === 'case') {
        caseLine = j;
        break;
      }
      if (cls.kind !== 'text') break;
      titleLines.push(j);
      n++;
    }
    // Without a case line, only the heading line is surely title.
    const title = caseLine === null ? [i] : titleLines;
    title.forEach((l) => this.titleOwned.add(l));
    this.dropQueued(major, minor);
    this.openItem({ major, minor, headLine: i, titleLines: title, caseLine, fields: [], attachments: [], detached: false, inferred: false });
    if (caseLine !== null) this.titleOwned.add(caseLine);
    return true;
  }

  private onCase(i: number): void {
    if (this.titleOwned.has(i)) return;
    if (this.item && this.item.caseLine === null && this.item.fields.length === 0 && !this.item.detached) {
      this.item.caseLine = i;
      return;
    }
    // A case line without a numbered heading above it: the title is the run of lines above.
    const titleLines = this.titleAbove(i);
    const queued = this.queue.shift();
    const major = queued?.major ?? (this.currentMajor || 1);
    const minor = queued?.minor ?? (this.maxMinor.get(major) ?? 0) + 1;
    if (!this.section || this.section.major !== major) {
      const mark: SectionMark = { major, headLine: titleLines[0] ?? i, titleLines: [] };
      this.sections.push(mark);
      this.section = mark;
    }
    this.maxMinor.set(major, Math.max(this.maxMinor.get(major) ?? 0, minor));
    titleLines.forEach((l) => this.titleOwned.add(l));
    this.openItem({
      major,
      minor,
      headLine: titleLines[0] ?? i,
      titleLines,
      caseLine: i,
      fields: [],
      attachments: [],
      detached: true,
      inferred: queued === undefined,
    });
  }

  private titleAbove(i: number): number[] {
    const out: number[] = [];
    for (let k = i - 1; k >= 0 && out.length < MAX_TITLE_LINES - 1; k--) {
      const kind = this.lines.cls(k).kind;
      // Blank lines may stand between the title and its case line, not inside the title.
      if (kind === 'blank' && out.length === 0) continue;
      if (kind !== 'text' || this.titleOwned.has(k) || this.skip.has(k)) break;
      if (this.item && k <= this.item.headLine) break;
      const text = this.lines.lineText(k);
      if (out.length > 0 && endsSentence(text)) break;
      if (out.length === 0 && endsSentence(text) && text.length > 60) break;
      out.unshift(k);
    }
    return out;
  }

  private onText(i: number): void {
    if (this.untitled && !this.item) {
      this.untitled.titleLines.push(i);
      this.titleOwned.add(i);
      this.untitled = null;
      return;
    }
    if (!this.item) return;
    // An attachment marker starts with "." (or, in OCR text, "A"): only those lines are cut out.
    const first = this.lines.text.charCodeAt(this.lines.start(i));
    if ((first === 0x2e || (this.ocr && first === 0x41)) && attachmentMarker(this.lines.lineText(i), this.ocr)) this.item.attachments.push(i);
  }

  private openItem(mark: ItemMark): void {
    this.maxMinor.set(mark.major, Math.max(this.maxMinor.get(mark.major) ?? 0, mark.minor));
    this.items.push(mark);
    this.item = mark;
    this.untitled = null;
  }

  private dropQueued(major: number, minor: number): void {
    for (let q = this.queue.length - 1; q >= 0; q--) {
      const e = this.queue[q]!;
      if (e.major === major && e.minor <= minor) this.queue.splice(q, 1);
    }
  }
}
