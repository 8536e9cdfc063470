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
import { attachmentMarker, endsSentence, type ClassifiedLines } from './lines.ts';
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
          if (cls.toc) {
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
          } else if (this.fitsSequence(cls.major, cls.minor) || this.opensLostSection(cls.major, cls.minor)) {
            if (cls.major !== this.currentMajor) this.impliedSection(cls.major, i);
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
    // A wider jump (sections lost with a page) only when the section's first item follows.
    if (major - this.currentMajor > MAX_SECTION_GAP && hasItems && !this.firstItemFollows(i, major)) return false;
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
      if (cls.kind === 'heading' && cls.toc) return true;
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

  /** The next numbered line after `i` (past a few lines of title) is one of the first items of section `major`. */
  private firstItemFollows(i: number, major: number): boolean {
    for (let j = i + 1, text = 0; j < this.lines.length && text <= MAX_SECTION_TEXT; j++) {
      const cls = this.lines.cls(j);
      if (cls.kind === 'blank') continue;
      if (cls.kind === 'text') {
        text++;
        continue;
      }
      if (cls.kind !== 'heading' && cls.kind !== 'number') return false;
      return cls.minor !== null && cls.major === major && cls.minor <= MAX_ITEM_GAP && (cls.kind === 'number' || this.itemConfirmed(j));
    }
    return false;
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

  /**
   * A detached item number of a later section, in the body, whose section number
   * is gone (left out, or on a page that could not be read) with its first items.
   */
  private opensLostSection(major: number, minor: number): boolean {
    return this.items.length > 0 && major > this.currentMajor && major - this.currentMajor <= MAX_SECTION_GAP && minor <= MAX_ITEM_GAP;
  }

  /** A section known only from its items' numbers: no heading, no title. */
  private impliedSection(major: number, line: number): void {
    const mark: SectionMark = { major, headLine: line, titleLines: [] };
    this.sections.push(mark);
    this.section = mark;
    this.item = null;
    this.untitled = null;
    this.queue.length = 0;
  }

  private tryInlineItem(i: number, major: number, minor: number): boolean {
    // An item may open a section whose heading is missing: left out, or on a page that
    // could not be read, with the section's first items (its case line confirms it).
    const opensSection = major > this.currentMajor && major - this.currentMajor <= MAX_SECTION_GAP && minor <= MAX_ITEM_GAP;
    if (!opensSection && !this.fitsSequence(major, minor)) {
      // The same number as a detached one waiting in the queue is the heading it belongs to.
      if (!this.queue.some((q) => q.major === major && q.minor === minor)) return false;
    }
    if (!this.itemConfirmed(i)) return false;
    if (opensSection) this.impliedSection(major, i);
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
    if (titleLines.length === 0 && this.queue.length === 0 && this.items.length > 0) {
      // A heading out of sequence (a number printed twice) right above: its title, numbered from the sequence.
      const above = this.lineAbove(i);
      const cls = above === null ? null : this.lines.cls(above);
      if (cls?.kind === 'heading' && cls.minor !== null && cls.major === this.currentMajor && !this.titleOwned.has(above!)) titleLines.push(above!);
      // Else the heading is gone (a page that could not be read ends there): numbering it from
      // the sequence would invent a number, so the case line stays text of the item before.
      else return;
    }
    this.dropStrandedNumbers(titleLines[0] ?? i);
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

  /**
   * Detached numbers stand in a column before their titles, or each above its own
   * title. A number above this title with text between it and the numbers before
   * it is this item's: those before it lost their titles and case lines (a page
   * that could not be read), and are dropped rather than given to the wrong items.
   */
  private dropStrandedNumbers(titleStart: number): void {
    let own = -1;
    for (let q = 0; q < this.queue.length && this.queue[q]!.line < titleStart; q++) own = q;
    if (own <= 0) return;
    let text = 0;
    for (let k = this.queue[own - 1]!.line + 1; k < this.queue[own]!.line; k++) if (this.lines.cls(k).kind !== 'blank') text++;
    if (text > 2) this.queue.splice(0, own);
  }

  /** The nearest line above `i` that is not blank, or null. */
  private lineAbove(i: number): number | null {
    for (let k = i - 1; k >= 0; k--) if (this.lines.cls(k).kind !== 'blank') return k;
    return null;
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
