/**
 * The word list the repairer consults, as one sorted text with a line index.
 *
 * Serialized form ("lexicon text"): an optional first line starting with "#"
 * (a header, see `LEXICON_HEADER`), then one line per form, sorted by UTF-16
 * code units: `form \t roleChar \n`, where `form` is lower case and
 * `roleChar` is `String.fromCharCode(48 + roles)` (ROLE_* bits).
 *
 * Because the lines are sorted and the tab sorts before every letter, the
 * forms sharing a prefix form one contiguous range, and the form equal to the
 * prefix (if any) is the first line of that range. The repairer walks these
 * ranges like a trie, without building one.
 *
 * Pure: no I/O, no module-level state.
 */

import { ROLE_PROPER, ROLE_WEAK, ROLE_WORD } from './roles.ts';

export const LEXICON_HEADER = '#referat-lexicon v1';

/** A range of lexicon lines sharing a prefix of length `depth`. */
export interface PrefixRange {
  readonly lo: number;
  readonly hi: number;
  readonly depth: number;
}

export interface Lexicon {
  /** Number of forms. */
  readonly size: number;
  /**
   * Whether `word` is a standalone word, respecting case the way a spelling
   * dictionary does: a lower-case token needs a lower-case word, a
   * Capitalized or ALL-CAPS token may also match a proper name. Weak entries
   * (abbreviations, units, words marked not-to-suggest) count when
   * `includeWeak` is true (default true).
   */
  has(word: string, includeWeak?: boolean): boolean;
  /** ROLE_* bits of a lower-case form; 0 when unknown. */
  roles(form: string): number;
  /** Whether `form` (lower case) may take the compound position given by `role` (ROLE_BEGIN / ROLE_MIDDLE / ROLE_END). */
  isCompoundPart(form: string, role: number): boolean;
  /** The range of all forms (empty prefix). */
  root(): PrefixRange;
  /** Narrow `range` to the forms continuing its prefix with UTF-16 code `code`; null when none. */
  step(range: PrefixRange, code: number): PrefixRange | null;
  /** ROLE_* bits of the form equal to the prefix of `range`, 0 if that prefix is not itself a form. */
  rolesAt(range: PrefixRange): number;
  /** Header line the lexicon text carried ("" when none). */
  readonly header: string;
}

const TAB = 9;
const NL = 10;
const ROLE_BASE = 48;

/** Serialize a form table into lexicon text (sorted, with `header` as first line). */
export function serializeLexicon(forms: Iterable<readonly [string, number]>, header = LEXICON_HEADER): string {
  const lines: string[] = [];
  for (const [form, roles] of forms) {
    if (form.length === 0 || roles <= 0 || roles > 63) continue;
    lines.push(form + '\t' + String.fromCharCode(ROLE_BASE + roles));
  }
  lines.sort(compareUnits);
  // Merge duplicates (same form listed twice).
  const merged: string[] = [];
  for (const line of lines) {
    const prev = merged[merged.length - 1];
    if (prev !== undefined && prev.length === line.length && prev.slice(0, -1) === line.slice(0, -1)) {
      const roles = (prev.charCodeAt(prev.length - 1) - ROLE_BASE) | (line.charCodeAt(line.length - 1) - ROLE_BASE);
      merged[merged.length - 1] = prev.slice(0, -1) + String.fromCharCode(ROLE_BASE + roles);
    } else merged.push(line);
  }
  return (header ? header + '\n' : '') + merged.join('\n') + '\n';
}

function compareUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Merge extra forms into a lexicon text (both sorted), producing a new text.
 * Costs one pass over the text plus a sort of the extras.
 */
export function mergeLexiconText(text: string, extra: Iterable<readonly [string, number]>): string {
  const extraText = serializeLexicon(extra, '');
  if (extraText === '\n') return text;
  const a = createLexicon(text) as SortedLexicon;
  const b = createLexicon(extraText) as SortedLexicon;
  const out: string[] = [];
  if (a.header) out.push(a.header + '\n');
  let cursor = a.size > 0 ? a.lineStart(0) : text.length;
  for (let j = 0; j < b.size; j++) {
    const form = b.formAt(j);
    const k = a.lowerBound(form);
    const kStart = a.lineStart(k);
    if (kStart > cursor) out.push(text.slice(cursor, kStart));
    if (kStart > cursor) cursor = kStart;
    let roles = b.rolesOfLine(j);
    if (k < a.size && a.formAt(k) === form) {
      roles |= a.rolesOfLine(k);
      cursor = a.lineStart(k + 1);
    }
    out.push(form + '\t' + String.fromCharCode(ROLE_BASE + roles) + '\n');
  }
  if (cursor < text.length) out.push(text.slice(cursor));
  return out.join('');
}

/**
 * The index `createLexicon` builds over a lexicon text: everything a lexicon
 * needs, as plain arrays, so that a prebuilt copy can be loaded without
 * indexing the text again (see lexicon-binary.ts).
 */
export interface LexiconIndex {
  /** The lexicon text (with its header line, if any). */
  text: string;
  header: string;
  size: number;
  /** Offset of each form's line, and the text length after the last. */
  starts: Int32Array;
  bucketLo: Int32Array;
  bucketHi: Int32Array;
  firstLo: Int32Array;
  firstHi: Int32Array;
}

class SortedLexicon implements Lexicon {
  readonly size: number;
  readonly header: string;
  private readonly text: string;
  private readonly starts: Int32Array;
  /**
   * Line range per first two characters (index c1 * 256 + c2, Latin-1):
   * `bucketLo[k]`..`bucketHi[k]`. Binary search then runs inside a few
   * kilobytes of text instead of over the whole 15 MB (cache misses dominate).
   */
  private readonly bucketLo: Int32Array;
  private readonly bucketHi: Int32Array;
  /** Line range per first character. */
  private readonly firstLo: Int32Array;
  private readonly firstHi: Int32Array;

  constructor(text: string | LexiconIndex) {
    if (typeof text !== 'string') {
      this.text = text.text;
      this.header = text.header;
      this.size = text.size;
      this.starts = text.starts;
      this.bucketLo = text.bucketLo;
      this.bucketHi = text.bucketHi;
      this.firstLo = text.firstLo;
      this.firstHi = text.firstHi;
      return;
    }
    let pos = 0;
    let header = '';
    if (text.charCodeAt(0) === 35 /* # */) {
      const nl = text.indexOf('\n');
      header = text.slice(0, nl < 0 ? text.length : nl);
      pos = nl < 0 ? text.length : nl + 1;
    }
    // Count lines, then record their starts.
    let count = 0;
    for (let p = text.indexOf('\n', pos); p >= 0; p = text.indexOf('\n', p + 1)) count++;
    if (text.length > pos && text.charCodeAt(text.length - 1) !== NL) {
      text += '\n';
      count++;
    }
    const starts = new Int32Array(count + 1);
    let n = 0;
    let p = pos;
    while (p < text.length) {
      const nl = text.indexOf('\n', p);
      if (nl > p) starts[n++] = p;
      p = nl + 1;
    }
    starts[n] = text.length;
    this.text = text;
    this.header = header;
    this.size = n;
    this.starts = n === count ? starts : starts.slice(0, n + 1);
    this.starts[n] = text.length;
    const bucketLo = new Int32Array(65536);
    const bucketHi = new Int32Array(65536);
    for (let i = 0; i < n; i++) {
      const p0 = this.starts[i]!;
      const c1 = text.charCodeAt(p0);
      const c2 = c1 === TAB ? TAB : text.charCodeAt(p0 + 1);
      if (c1 > 255 || c2 > 255) continue;
      const k = c1 * 256 + c2;
      if (bucketHi[k] === 0) bucketLo[k] = i;
      bucketHi[k] = i + 1;
    }
    this.bucketLo = bucketLo;
    this.bucketHi = bucketHi;
    const firstLo = new Int32Array(256);
    const firstHi = new Int32Array(256);
    for (let c1 = 0; c1 < 256; c1++) {
      for (let c2 = 0; c2 < 256; c2++) {
        const k = c1 * 256 + c2;
        if (bucketHi[k] === 0) continue;
        if (firstHi[c1] === 0) firstLo[c1] = bucketLo[k]!;
        firstHi[c1] = bucketHi[k]!;
      }
    }
    this.firstLo = firstLo;
    this.firstHi = firstHi;
  }

  index(): LexiconIndex {
    const { text, header, size, starts, bucketLo, bucketHi, firstLo, firstHi } = this;
    return { text, header, size, starts, bucketLo, bucketHi, firstLo, firstHi };
  }

  lineStart(i: number): number {
    return this.starts[i]!;
  }

  formAt(i: number): string {
    const s = this.starts[i]!;
    return this.text.slice(s, this.text.indexOf('\t', s));
  }

  rolesOfLine(i: number): number {
    const s = this.starts[i]!;
    return this.text.charCodeAt(this.text.indexOf('\t', s) + 1) - ROLE_BASE;
  }

  /** Compare `form` with the form of line `i` (form < line → negative). */
  private compare(form: string, i: number): number {
    const text = this.text;
    let p = this.starts[i]!;
    for (let k = 0; k < form.length; k++, p++) {
      const c = text.charCodeAt(p);
      const d = form.charCodeAt(k);
      if (d !== c) return c === TAB ? 1 : d - c;
    }
    return text.charCodeAt(p) === TAB ? 0 : -1;
  }

  /** First line whose form is >= `form`. */
  lowerBound(form: string): number {
    let lo = 0;
    let hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.compare(form, mid) > 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  roles(form: string): number {
    if (form.length === 0) return 0;
    const c1 = form.charCodeAt(0);
    const c2 = form.length > 1 ? form.charCodeAt(1) : TAB;
    let lo = 0;
    let hi = this.size;
    if (c1 <= 255 && c2 <= 255) {
      const k = c1 * 256 + c2;
      lo = this.bucketLo[k]!;
      hi = this.bucketHi[k]!;
    }
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.compare(form, mid) > 0) lo = mid + 1;
      else hi = mid;
    }
    if (lo < this.size && this.compare(form, lo) === 0) {
      return this.text.charCodeAt(this.starts[lo]! + form.length + 1) - ROLE_BASE;
    }
    return 0;
  }

  has(word: string, includeWeak = true): boolean {
    if (word.length === 0) return false;
    const lower = word.toLowerCase();
    const r = this.roles(lower);
    if (r & ROLE_WORD) return true;
    if (includeWeak && r & ROLE_WEAK) return true;
    if (lower !== word && r & ROLE_PROPER) return true;
    return false;
  }

  isCompoundPart(form: string, role: number): boolean {
    return (this.roles(form.toLowerCase()) & role) !== 0;
  }

  root(): PrefixRange {
    return { lo: 0, hi: this.size, depth: 0 };
  }

  step(range: PrefixRange, code: number): PrefixRange | null {
    const text = this.text;
    const starts = this.starts;
    const d = range.depth;
    // The first two characters come from the bucket tables.
    if (d === 0 && code <= 255 && range.lo === 0 && range.hi === this.size) {
      const lo = this.firstLo[code]!;
      const hi = this.firstHi[code]!;
      return hi > lo ? { lo, hi, depth: 1 } : null;
    }
    if (d === 1 && code <= 255) {
      const c1 = text.charCodeAt(starts[range.lo]!);
      if (c1 <= 255) {
        const k = c1 * 256 + code;
        const lo = this.bucketLo[k]!;
        const hi = this.bucketHi[k]!;
        return hi > lo ? { lo, hi, depth: 2 } : null;
      }
    }
    // Lines in [lo, hi) share the prefix; their char at depth d is
    // non-decreasing (TAB first for the line equal to the prefix).
    let lo = range.lo;
    let hi = range.hi;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (text.charCodeAt(starts[mid]! + d) < code) lo = mid + 1;
      else hi = mid;
    }
    if (lo >= range.hi || text.charCodeAt(starts[lo]! + d) !== code) return null;
    let a = lo;
    let b = range.hi;
    while (a < b) {
      const mid = (a + b) >>> 1;
      if (text.charCodeAt(starts[mid]! + d) <= code) a = mid + 1;
      else b = mid;
    }
    return { lo, hi: a, depth: d + 1 };
  }

  rolesAt(range: PrefixRange): number {
    if (range.lo >= range.hi) return 0;
    const p = this.starts[range.lo]! + range.depth;
    if (this.text.charCodeAt(p) !== TAB) return 0;
    return this.text.charCodeAt(p + 1) - ROLE_BASE;
  }
}

/** Index a lexicon text (see the module comment for the format). */
export function createLexicon(text: string): Lexicon & {
  lowerBound(form: string): number;
  formAt(i: number): string;
  rolesOfLine(i: number): number;
  lineStart(i: number): number;
} {
  return new SortedLexicon(text);
}

/** The index of a lexicon text, as `createLexicon` builds it. */
export function indexLexicon(text: string): LexiconIndex {
  return new SortedLexicon(text).index();
}

/** A lexicon from an index `indexLexicon` built (no work beyond taking the arrays). */
export function lexiconFromIndex(index: LexiconIndex): Lexicon {
  return new SortedLexicon(index);
}

/** Build a lexicon straight from a form table (serializes, then indexes). */
export function lexiconFromForms(forms: Iterable<readonly [string, number]>, header = LEXICON_HEADER): Lexicon {
  return createLexicon(serializeLexicon(forms, header));
}

