/**
 * What each line of a minutes text looks like on its own: the vocabulary the
 * structure reader works with. No context here; see structure.ts for that.
 */
import type { Line } from '../text/lines.ts';
import type { FieldName } from './model.ts';

export type LineClass =
  | { kind: 'blank' }
  | { kind: 'case'; caseNumber: string; workers: string[] }
  | { kind: 'field'; field: FieldName }
  | { kind: 'number'; major: number; minor: number | null; label: string }
  | { kind: 'heading'; major: number; minor: number | null; label: string; title: string; /** A table-of-contents entry (dot leaders and a page number). */ toc: boolean }
  | { kind: 'text' };

export interface ClassifiedLine extends Line {
  cls: LineClass;
}

const CASE = /^SAG-(\d{2,4})-(\d{3,6})\b\s*(.*)$/i;
const FIELD = /^(baggrund|indstilling|sagsfremstilling|beslutning)\s*:?$/i;
const NUMBER_ONLY = /^(\d{1,2})\.(?:(\d{1,2})\.?)?$/;
const NUMBERED = /^(\d{1,2})\.(?:(\d{1,2})\.?)?\s+(\S.*)$/;
const MONTH = /^(januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|okt|nov|dec)\b/i;
// Dot leaders and a page number: a table-of-contents entry.
const LEADERS = /\s*(?:\.\s?){3,}\s*\d{1,3}$|\s*…+\s*\d{1,3}$/;

export function classifyLine(line: Line): ClassifiedLine {
  return { index: line.index, start: line.start, end: line.end, text: line.text, cls: classify(line.text) };
}

/**
 * The lines of a text with their classes, held as offsets into the text (typed
 * arrays) and a class each (most lines share the one text class), not as an
 * object and a string per line: a long text has hundreds of thousands of lines.
 * A line's text is sliced from the text when asked for.
 *
 * A line's class is a number: 0 text, 1 blank, or the index of its class in
 * `pool`, which a splice shares with the lines it was made from (it only ever
 * grows, so what an older copy indexes stays): a keystroke copies typed arrays,
 * never an array of objects as long as the text (which cost a 1 MB text more
 * than a millisecond and most of its garbage).
 */
export class ClassifiedLines {
  readonly length: number;
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  private readonly kinds: Int32Array;
  /** The classes lines refer to by index: 0 and 1 are text and blank. */
  private readonly pool: LineClass[];
  /** How many lines have a class of their own (in `pool`). */
  private special: number;

  /** Splits `text` into lines (an empty text has one empty line) and classifies each. */
  constructor(readonly text: string, parts?: { starts: Int32Array; ends: Int32Array; kinds: Int32Array; pool: LineClass[]; special: number }) {
    if (parts) {
      this.length = parts.starts.length;
      this.starts = parts.starts;
      this.ends = parts.ends;
      this.kinds = parts.kinds;
      this.pool = parts.pool;
      this.special = parts.special;
      return;
    }
    let count = 1;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', nl + 1)) count++;
    this.length = count;
    this.starts = new Int32Array(count);
    this.ends = new Int32Array(count);
    this.kinds = new Int32Array(count);
    this.pool = [TEXT, BLANK];
    this.special = 0;
    let start = 0;
    for (let i = 0; i < count; i++) {
      const nl = text.indexOf('\n', start);
      const end = nl < 0 ? text.length : nl;
      this.starts[i] = start;
      this.ends[i] = end;
      this.setCls(i, classifyAt(text, start, end));
      start = end + 1;
    }
  }

  /**
   * The lines of `text`, which is this text with the whole lines `[from, to)`
   * (line indices) replaced by `count` new lines starting at offset `this.start(from)`
   * and ending `shift` units later than the old ones did: lines before are kept,
   * the new ones classified, those after shifted.
   */
  spliced(text: string, from: number, to: number, count: number, shift: number): ClassifiedLines {
    const n = this.length - (to - from) + count;
    const starts = new Int32Array(n);
    const ends = new Int32Array(n);
    const kinds = new Int32Array(n);
    // Block copies (a keystroke's cost should not grow with the lines around it), then the shift.
    starts.set(this.starts.subarray(0, from));
    ends.set(this.ends.subarray(0, from));
    kinds.set(this.kinds.subarray(0, from));
    starts.set(this.starts.subarray(to), from + count);
    ends.set(this.ends.subarray(to), from + count);
    kinds.set(this.kinds.subarray(to), from + count);
    if (shift !== 0) {
      for (let i = from + count; i < n; i++) {
        starts[i]! += shift;
        ends[i]! += shift;
      }
    }
    let special = this.special;
    for (let i = from; i < to; i++) if (this.kinds[i]! > 1) special--;
    // The pool is shared while it holds no more than twice the classes in use; else the new lines get one of their own.
    const compact = this.pool.length > 2 * (special + count) + 64;
    const pool = compact ? [TEXT, BLANK] : this.pool;
    if (compact) {
      for (let i = 0; i < n; i++) {
        if (i === from) i += count;
        if (i >= n) break;
        const k = kinds[i]!;
        if (k > 1) kinds[i] = pool.push(this.pool[k]!) - 1;
      }
    }
    const out = new ClassifiedLines(text, { starts, ends, kinds, pool, special });
    let start = from < this.length ? this.starts[from]! : text.length;
    for (let i = from; i < from + count; i++) {
      const nl = text.indexOf('\n', start);
      const end = nl < 0 ? text.length : nl;
      starts[i] = start;
      ends[i] = end;
      kinds[i] = 0;
      out.setCls(i, classifyAt(text, start, end));
      start = end + 1;
    }
    return out;
  }

  /** The index of the line holding `offset` (a line's newline belongs to it). */
  lineAt(offset: number): number {
    let lo = 0;
    let hi = this.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  start(i: number): number {
    return this.starts[i]!;
  }

  end(i: number): number {
    return this.ends[i]!;
  }

  /** The line's text (without its newline). */
  lineText(i: number): string {
    return this.text.slice(this.starts[i]!, this.ends[i]!);
  }

  cls(i: number): LineClass {
    return this.pool[this.kinds[i]!]!;
  }

  /** Sets line `i`'s class (a line of this copy only: the pool is appended to, never changed). */
  setCls(i: number, cls: LineClass): void {
    const was = this.kinds[i]!;
    if (was > 1) this.special--;
    if (cls === TEXT || cls === BLANK) this.kinds[i] = cls === TEXT ? 0 : 1;
    else {
      this.kinds[i] = this.pool.push(cls) - 1;
      this.special++;
    }
  }

  /** Line `i` as an object of its own (for the few lines read as a list: the cover). */
  line(i: number): ClassifiedLine {
    return { index: i, start: this.starts[i]!, end: this.ends[i]!, text: this.lineText(i), cls: this.cls(i) };
  }
}

export const BLANK: LineClass = { kind: 'blank' };
export const TEXT: LineClass = { kind: 'text' };

/** `classify(text.slice(start, end))`, slicing only the lines the cheap tests do not decide. */
function classifyAt(text: string, start: number, end: number): LineClass {
  if (end === start) return BLANK;
  const first = text.charCodeAt(start);
  const digit = first >= 48 && first <= 57;
  if (!digit && first !== 83 && first !== 115 && end - start > 20) return TEXT;
  return classify(text.slice(start, end));
}

function classify(text: string): LineClass {
  if (text.length === 0) return BLANK;
  // Cheap first-character tests keep the regular expressions off most lines.
  const first = text.charCodeAt(0);
  const digit = first >= 48 && first <= 57;
  if (!digit && first !== 83 && first !== 115 && text.length > 20) return TEXT; // 'S', 's': case lines
  const c = (first === 83 || first === 115) && CASE.exec(text);
  if (c) {
    const workers = c[3]!
      .split(/[/,;\s]+/)
      .map((w) => w.trim())
      .filter((w) => /^[\p{Ll}\p{Lu}]{2,8}$/u.test(w));
    return { kind: 'case', caseNumber: `SAG-${c[1]}-${c[2]}`.toUpperCase(), workers };
  }
  const f = FIELD.exec(text);
  if (f) return { kind: 'field', field: f[1]!.toLowerCase() as FieldName };
  if (!digit) return TEXT;
  const n = NUMBER_ONLY.exec(text);
  if (n) return numberClass('number', n[1]!, n[2], '');
  const h = NUMBERED.exec(text);
  if (h) {
    const title = h[3]!;
    // A heading title starts like a title: not a month ("1. maj 2024"), not lower case, not a bullet.
    if (MONTH.test(title) || !/^[\p{Lu}\p{N}"“'‘]/u.test(title)) return TEXT;
    return numberClass('heading', h[1]!, h[2], title, isTocEntry(text));
  }
  return TEXT;
}

function numberClass(kind: 'number' | 'heading', a: string, b: string | undefined, title: string, toc = false): LineClass {
  const major = Number(a);
  const minor = b === undefined ? null : Number(b);
  const label = minor === null ? `${major}` : `${major}.${minor}`;
  if (kind === 'number') return { kind, major, minor, label };
  return { kind, major, minor, label, title, toc };
}

/** True when a heading line is really a table-of-contents entry. */
export function isTocEntry(text: string): boolean {
  return LEADERS.test(text);
}

/** Strips dot leaders and the page number from a table-of-contents entry. */
export function stripLeaders(text: string): string {
  return text.replace(LEADERS, '').trim();
}

/** A line that ends a sentence, so a title cannot continue above it. */
export function endsSentence(text: string): boolean {
  return /[.!?:;]["”’)]?$/.test(text);
}

/** The line is an attachment marker: `./.` or, in OCR text, `A ` before a capitalized word. */
export function attachmentMarker(text: string, ocr: boolean): boolean {
  if (/^\.\s?\/\s?\./.test(text)) return true;
  return ocr && /^A (?:Bilag\b|[\p{Lu}])/u.test(text);
}
