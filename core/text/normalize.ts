/**
 * Normalization of a minutes text layer into the canonical text (`Meeting.text`).
 *
 * Each step is a pure function from text to edits; the pipeline applies them in
 * order and keeps every step's offset map, so any offset in the normalized text
 * maps back to the input (and forward). Normalizing a normalized text changes
 * nothing, so the editor can re-run the pipeline on edited text.
 */
import { applyEach, applyEditList, applyEdits, ComposedMap, EditList, OffsetMap } from './offset-map.ts';
import { findRunningLines, mayBeRunning, pickRunningLines, type RunningCandidate, type RunningLine } from './running-lines.ts';

export interface NormalizeStep {
  name: string;
  /** Appends the step's edits of `text` to `out` (sorted, non-overlapping). */
  edits(text: string, out: EditList): void;
  /** The step removes lines worth reporting (running headers and footers). */
  reportsRemovals?: boolean;
}

/**
 * The blank-line step's count of the text it works on (the spaced text without
 * running lines): content lines, and those directly followed by another. They
 * decide whether the text is double-spaced; an incremental normalization keeps
 * them to decide it again after an edit.
 */
export interface BlankLineStats {
  content: number;
  adjacent: number;
  doubleSpaced: boolean;
}

export interface NormalizeOptions {
  /** Decide double spacing so, instead of from the text's own counts (a stretch of a longer text). */
  doubleSpaced?: boolean;
  /** Receives the blank-line counts (only with the default steps). */
  stats?: BlankLineStats;
}

export interface Normalized {
  /** The normalized text. */
  text: string;
  /** Maps normalized offsets to input offsets and back. */
  map: ComposedMap;
  /** Running headers and footers that were removed, as found in the input. */
  running: RunningLine[];
  /** Input offsets where a new page starts (form feeds). */
  pageBreaks: number[];
}

// Most texts have none of the characters the first steps replace: indexOf (a fast
// native search) tells, before any regular expression scans the whole text.
// (U+2028 and U+2029 are found by their bytes 0x28 and 0x29, which are rare.)
const LINE_BREAKS = '\r\u2028\u2029\u0085';

const lineEndings: NormalizeStep = {
  name: 'line-endings',
  edits: (text, out) => {
    if (hasAnyOf(text, LINE_BREAKS)) matchEdits(text, /\r\n?|[\u2028\u2029\u0085]/g, '\n', out);
  },
};

const formFeeds: NormalizeStep = {
  name: 'form-feeds',
  edits: (text, out) => {
    if (text.includes('\f')) matchEdits(text, /\f/g, '\n', out);
  },
};

// NBSP and friends become spaces; tabs become spaces; zero-width characters and a BOM vanish;
// a soft hyphen at the end of a line is a real hyphenation point, elsewhere it vanishes.
const SPACE_LIKE = '\u00a0\u2007\u202f\t\v';
const INVISIBLE = '\u200b\u200c\u200d\u2060\ufeff';
// V8 looks for a character above U+00FF by its larger byte; for U+2007 and U+200B–D
// that is 0x20, as in every space, so indexOf is slow there and an expression scans instead.
const INDEXOF_FRIENDLY = '\u00a0\u202f\t\v\u2060\ufeff\u00ad';
const INDEXOF_UNFRIENDLY = /[\u2007\u200b\u200c\u200d]/;
const SPECIAL_CHARACTER = /[\u00a0\u2007\u202f\t\v\u200b\u200c\u200d\u2060\ufeff\u00ad]/g;
const characters: NormalizeStep = {
  name: 'characters',
  edits: (text, out) => {
    if (!hasAnyOf(text, INDEXOF_FRIENDLY) && !INDEXOF_UNFRIENDLY.test(text)) return;
    SPECIAL_CHARACTER.lastIndex = 0;
    for (let m = SPECIAL_CHARACTER.exec(text); m; m = SPECIAL_CHARACTER.exec(text)) {
      const i = m.index;
      const c = m[0];
      if (c === '\u00ad') {
        const atEol = i + 1 === text.length || text[i + 1] === '\n';
        out.push(i, i + 1, atEol ? '-' : '');
      } else if (SPACE_LIKE.includes(c)) {
        out.push(i, i + 1, ' ');
      } else {
        out.push(i, i + 1, '');
      }
    }
  },
};

// Leading and trailing spaces on every line; runs of spaces inside a line become one.
// This runs on every line of every document: a regular expression finds the runs that
// may need an edit (two or more spaces, or one at a line's start or end), skipping the
// single spaces between words; the run and the edit are then decided on char codes.
const SPACE_RUN = / (?: |$)|^ /gm;
const spaces: NormalizeStep = {
  name: 'spaces',
  edits: (text, out) => {
    const n = text.length;
    const re = SPACE_RUN;
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const i = m.index;
      let j = i + 1;
      while (j < n && text.charCodeAt(j) === 32) j++;
      re.lastIndex = j;
      const lineStart = i === 0 || text.charCodeAt(i - 1) === 10;
      const lineEnd = j === n || text.charCodeAt(j) === 10;
      if (lineStart || lineEnd) out.push(i, j, '');
      else if (j - i > 1) out.push(i, j, ' ');
    }
  },
};

const runningLines: NormalizeStep = {
  name: 'running-lines',
  reportsRemovals: true,
  edits: (text, out) => {
    for (const r of findRunningLines(text)) out.push(r.start, r.end, '');
  },
};

/**
 * Blank lines. Some extractors put a blank line after every line; then a single blank
 * line means nothing and two or more mean a paragraph break. Afterwards any run of
 * blank lines is one blank line, and the text has no blank lines at its ends.
 */
const blankLines: NormalizeStep = {
  name: 'blank-lines',
  edits: (text, out) => {
    const n = text.length;
    // The text is content lines separated by runs of newlines; a run of k newlines
    // between two content lines holds k - 1 blank lines. Found with indexOf, run by run,
    // twice: once to count, once to edit (nothing is kept per run in between).
    let content = 0;
    let adjacent = 0;
    let segmentStart = 0;
    for (let q = text.indexOf('\n'); q >= 0; q = text.indexOf('\n', q)) {
      let k = 1;
      while (q + k < n && text.charCodeAt(q + k) === 10) k++;
      if (q > segmentStart) {
        content++;
        // One newline between two content lines: the line before is directly followed by another.
        if (k === 1 && q > 0 && q + 1 < n) adjacent++;
      }
      q += k;
      segmentStart = q;
    }
    if (n > segmentStart) content++;
    // Double-spaced: almost no content line is directly followed by another.
    const doubleSpaced = content > 8 && adjacent / content < 0.25;
    if (content === 0) {
      if (n) out.push(0, n, '');
      return;
    }
    for (let q = text.indexOf('\n'); q >= 0; q = text.indexOf('\n', q)) {
      let k = 1;
      while (q + k < n && text.charCodeAt(q + k) === 10) k++;
      if (q === 0) {
        // Leading blank lines.
        out.push(0, k, '');
      } else if (q + k === n) {
        // Trailing blank lines: drop them and the newline before them.
        out.push(q, n, '');
        break;
      } else {
        const blank = k - 1;
        const keep = doubleSpaced ? (blank >= 2 ? 1 : 0) : 1;
        if (blank > keep) out.push(q + 1, q + 1 + blank - keep, '');
      }
      q += k;
    }
  },
};

// Words that, after a line-end hyphen, show a suspended compound ("Proces-" / "og tidsplan").
const WORD_CHAR = /[\p{L}\p{N}]/u;
const DIGIT = /\p{N}/u;
const UPPER = /\p{Lu}/u;
// Sticky: each is tried at one offset (the start of the line after a hyphen).
const LOWER_AT = /\p{Ll}/uy;
const DIGIT_OR_UPPER_AT = /[\p{N}\p{Lu}]/uy;
const NEXT_WORD_AT = /[\p{L}\p{N}][\p{L}\p{N}'’´/-]*[.,;:!?)”"]*/uy;
const FIRST_WORD_AT = /[\p{L}\p{N}]+/uy;
const SUSPENDED = new Set(['og', 'eller', 'samt', 'til', 'såvel', 'som', 'and', 'or']);
const SUSPENDED_MAX_LENGTH = 5;

// The character tests below run on every hyphenated line end: ASCII is decided on
// char codes, anything else by the Unicode property expressions above.
const wordUnits = new Int8Array(0x10000).fill(-1);

/** Whether one UTF-16 unit is a letter or digit (`WORD_CHAR`); a lone surrogate is not. */
function isWordUnit(code: number): boolean {
  if (code < 0x80) return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39);
  let known = wordUnits[code]!;
  if (known < 0) known = wordUnits[code] = WORD_CHAR.test(String.fromCharCode(code)) ? 1 : 0;
  return known === 1;
}

function isDigitUnit(code: number): boolean {
  return code < 0x80 ? code >= 0x30 && code <= 0x39 : DIGIT.test(String.fromCharCode(code));
}

/** Whether the line `text.slice(start, end)` starts with a lower-case letter (`/^\p{Ll}/u`). */
function startsLowerAt(text: string, start: number, end: number): boolean {
  if (start >= end) return false;
  const c = text.charCodeAt(start);
  if (c < 0x80) return c >= 0x61 && c <= 0x7a;
  LOWER_AT.lastIndex = start;
  return LOWER_AT.test(text);
}

/** Whether the line `text.slice(start, end)` starts with a digit or capital (`/^[\p{N}\p{Lu}]/u`). */
function startsDigitOrUpperAt(text: string, start: number, end: number): boolean {
  if (start >= end) return false;
  const c = text.charCodeAt(start);
  if (c < 0x80) return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a);
  DIGIT_OR_UPPER_AT.lastIndex = start;
  return DIGIT_OR_UPPER_AT.test(text);
}

/** For the word `text.slice(start, end)`: `word === word.toUpperCase() && UPPER.test(word)`. */
function allUpper(text: string, start: number, end: number): boolean {
  // An ASCII lower-case letter changes when upper-cased: most words end here.
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x61 && c <= 0x7a) return false;
  }
  const word = text.slice(start, end);
  return word === word.toUpperCase() && UPPER.test(word);
}

/**
 * The length of `FIRST_WORD_AT` matched at `start` (0: no match), decided on char
 * codes; where a surrogate is met (a character outside the BMP), the expression decides.
 */
function firstWordLength(text: string, start: number): number {
  const n = text.length;
  let k = start;
  for (; k < n; k++) {
    const c = text.charCodeAt(k);
    if (c >= 0xd800 && c <= 0xdfff) {
      FIRST_WORD_AT.lastIndex = start;
      return FIRST_WORD_AT.exec(text)?.[0].length ?? 0;
    }
    if (!isWordUnit(c)) break;
  }
  return k - start;
}

/** The length of `NEXT_WORD_AT` matched at `start`, after a first word of `first` units (> 0); as above. */
function nextWordLength(text: string, start: number, first: number): number {
  const n = text.length;
  let k = start + first;
  for (; k < n; k++) {
    const c = text.charCodeAt(k);
    if (c >= 0xd800 && c <= 0xdfff) {
      NEXT_WORD_AT.lastIndex = start;
      return NEXT_WORD_AT.exec(text)![0].length;
    }
    // ' ’ ´ / -
    if (!(isWordUnit(c) || c === 0x27 || c === 0x2019 || c === 0xb4 || c === 0x2f || c === 0x2d)) break;
  }
  for (; k < n; k++) {
    const c = text.charCodeAt(k);
    // . , ; : ! ? ) ” "
    if (!(c === 0x2e || c === 0x2c || c === 0x3b || c === 0x3a || c === 0x21 || c === 0x3f || c === 0x29 || c === 0x201d || c === 0x22)) break;
  }
  return k - start;
}

/**
 * End-of-line hyphenation: `regerin-` + `gen grundet` becomes `regeringen` + `grundet`.
 * The hyphen stays when it is part of the word (`2026-` + `2030`, `DK-` + `2020`,
 * `KKR-` + `møde`), a suspended compound (`Proces-` + `og`), or a dash (`soci -`).
 */
const dehyphenate: NormalizeStep = {
  name: 'dehyphenate',
  edits: (text, out) => {
    // indexOf finds the few candidates; the Unicode tests run only on those, in place
    // (sticky expressions at the next line's start: no word matches across a newline).
    for (let hyphenAt = text.indexOf('-\n'); hyphenAt >= 0; hyphenAt = text.indexOf('-\n', hyphenAt + 2)) {
      // A hyphen the text starts with joins nothing (and does not end the search).
      if (hyphenAt === 0) continue;
      const beforeCode = text.charCodeAt(hyphenAt - 1);
      if (!isWordUnit(beforeCode)) continue;
      const gap = text.charCodeAt(hyphenAt + 2) === 10 ? 1 : 0;
      const nextStart = hyphenAt + 2 + gap;
      let nextEnd = text.indexOf('\n', nextStart);
      if (nextEnd < 0) nextEnd = text.length;
      // Across a blank line only a lower-case continuation is a hyphenated word.
      if (gap && !startsLowerAt(text, nextStart, nextEnd)) continue;
      // NEXT_WORD_AT starts with a first word (FIRST_WORD_AT); there is none when that is empty.
      const firstLength = firstWordLength(text, nextStart);
      if (firstLength === 0) continue;
      const wordLength = nextWordLength(text, nextStart, firstLength);
      // Lower-casing never shortens a word: a longer first word is none of the short SUSPENDED ones.
      if (firstLength <= SUSPENDED_MAX_LENGTH && SUSPENDED.has(text.slice(nextStart, nextStart + firstLength).toLowerCase())) continue;
      let leadStart = hyphenAt;
      while (leadStart > 0 && isWordUnit(text.charCodeAt(leadStart - 1))) leadStart--;
      const keepHyphen =
        isDigitUnit(beforeCode) ||
        startsDigitOrUpperAt(text, nextStart, nextEnd) ||
        (hyphenAt - leadStart > 1 && allUpper(text, leadStart, hyphenAt));
      // Join the word's halves and break the line after it instead, so that the
      // characters themselves stay where they are and only whitespace is edited.
      out.push(keepHyphen ? hyphenAt + 1 : hyphenAt, nextStart, '');
      let wordEnd = nextStart + wordLength;
      // A continuation ending in a hyphen (`sundheds-` + ` og …`) keeps the next word
      // on its line: breaking there would end a line in a hyphen that never ended one.
      while (text.charCodeAt(wordEnd - 1) === 45) {
        let next = wordEnd;
        while (text.charCodeAt(next) === 32) next++;
        if (next === wordEnd || next >= nextEnd) break;
        const first = firstWordLength(text, next);
        if (first === 0) break;
        wordEnd = next + nextWordLength(text, next, first);
      }
      let end = wordEnd;
      while (text.charCodeAt(end) === 32) end++;
      if (end < nextEnd) out.push(wordEnd, end, '\n');
      // Go on from the word's last character: a continuation that is itself
      // hyphenated at its line's end (`a-` / `b-` / `c`) is joined in this pass too.
      hyphenAt = end - 3;
    }
  },
};

export const DEFAULT_STEPS: readonly NormalizeStep[] = [
  lineEndings,
  formFeeds,
  characters,
  spaces,
  runningLines,
  blankLines,
  dehyphenate,
];

/** Runs the normalization pipeline over `input`. Total: never throws on any string. */
export function normalize(input: string, steps: readonly NormalizeStep[] = DEFAULT_STEPS): Normalized {
  return normalizeTaking({ text: input }, steps);
}

/**
 * `normalize` over the text in `holder`, which it empties: the input is then
 * held only until the first step that changes it has made its text, so a
 * long input is not kept alive beside its normalized form.
 */
export function normalizeTaking(holder: { text: string }, steps: readonly NormalizeStep[] = DEFAULT_STEPS, options: NormalizeOptions = {}): Normalized {
  const maps: OffsetMap[] = [];
  let text = holder.text;
  holder.text = '';
  const running: RunningLine[] = [];
  const pageBreaks: number[] = [];
  for (let at = text.indexOf('\f'); at >= 0; at = text.indexOf('\f', at + 1)) pageBreaks.push(at + 1);
  for (let s = 0; s < steps.length; s++) {
    const step = steps[s]!;
    if (steps === DEFAULT_STEPS && step === spaces && steps[s + 1] === runningLines && steps[s + 2] === blankLines) {
      text = spacesRunningBlankLines(text, maps, running, options);
      s += 2;
      continue;
    }
    const edits = new EditList();
    step.edits(text, edits);
    if (step.reportsRemovals) {
      // Report what the step removed in input coordinates.
      const sofar = new ComposedMap(maps);
      for (let i = 0; i < edits.length; i++) {
        const from = edits.from(i);
        const to = edits.to(i);
        // A copy, not a slice: a slice would keep this step's whole text alive with the line.
        running.push({ text: copyString(text.slice(from, to).trim()), start: sofar.toSource(from), end: sofar.toSource(to) });
      }
    }
    const applied = applyEdits(text, edits);
    maps.push(applied.map);
    text = applied.text;
  }
  return { text, map: new ComposedMap(maps), running, pageBreaks };
}

/**
 * The space, running-line and blank-line steps in one pass over `text`, with the
 * same maps (pushed onto `maps`) and the same result as the three one after the
 * other, but without making the texts in between (a long text is copied once, not
 * three times). The space step only removes spaces, so the spaced text has the
 * same lines; the few lines that may be running are spaced on their own; the
 * blank-line step only needs to know which of the remaining lines are empty.
 */
function spacesRunningBlankLines(text: string, maps: OffsetMap[], running: RunningLine[], options: NormalizeOptions): string {
  const spaceEdits = new EditList();
  spaces.edits(text, spaceEdits);
  const spaceMap = new OffsetMap(text.length, spaceEdits);
  const n = text.length;
  let lineCount = 1;
  for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', nl + 1)) lineCount++;
  // Per line of `text`: its start, and its length once spaced (the spaced text has the same lines).
  const lineStarts = new Int32Array(lineCount);
  const spacedLengths = new Int32Array(lineCount);
  const candidates: RunningCandidate[] = [];
  /** A candidate's line index, by its start in the spaced text. */
  const candidateLines = new Map<number, number>();
  let bar = text.indexOf('|');
  for (let line = 0, pos = 0; line < lineCount; line++) {
    const nl = text.indexOf('\n', pos);
    const stop = nl < 0 ? n : nl;
    const start = spaceMap.toTarget(pos);
    const length = spaceMap.toTarget(stop) - start;
    lineStarts[line] = pos;
    spacedLengths[line] = length;
    if (length > 0 && length <= 80) {
      if (bar !== -1 && bar < pos) bar = text.indexOf('|', pos);
      const rule = bar !== -1 && bar < stop;
      let first = pos;
      while (text.charCodeAt(first) === 32) first++;
      if (mayBeRunning(length, text.charCodeAt(first), rule)) {
        candidates.push({ text: spacedLine(text.slice(pos, stop)), start, end: nl < 0 ? start + length : start + length + 1, rule });
        candidateLines.set(start, line);
      }
    }
    pos = stop + 1;
  }

  // Running lines: reported, and removed (with their newline) from the spaced text.
  const removedLines = new Uint8Array(lineCount);
  const sofar = new ComposedMap([...maps, spaceMap]);
  const runEdits = new EditList();
  for (const r of pickRunningLines(candidates)) {
    runEdits.push(r.start, r.end, '');
    // A copy, not a slice: a slice would keep this step's whole text alive with the line.
    running.push({ text: copyString(r.text.trim()), start: sofar.toSource(r.start), end: sofar.toSource(r.end) });
    removedLines[candidateLines.get(r.start)!] = 1;
  }
  const runMap = new OffsetMap(spaceMap.targetLength, runEdits);

  // Blank lines, as the blank-line step finds them in the text without running lines: that text
  // is the kept lines, each spaced and followed by its newline (the last line has none).
  // `eachRun` calls `f` for each run of newlines in it: its offset, its length, and where its
  // newlines are in `text`.
  const runNewlines: number[] = [];
  const eachRun = (f: (q: number, k: number) => boolean | void): void => {
    let at = 0;
    let runStart = -1;
    for (let line = 0; line < lineCount; line++) {
      if (removedLines[line]) continue;
      const length = spacedLengths[line]!;
      const hasNewline = line + 1 < lineCount;
      if (length > 0 && runStart >= 0) {
        if (f(runStart, runNewlines.length) === false) return;
        runStart = -1;
      }
      if (hasNewline) {
        if (runStart < 0) {
          runStart = at + length;
          runNewlines.length = 0;
        }
        runNewlines.push(line + 1 < lineCount ? lineStarts[line + 1]! - 1 : n);
      }
      at += length + (hasNewline ? 1 : 0);
    }
    if (runStart >= 0) f(runStart, runNewlines.length);
  };
  const blankSource = runMap.targetLength;
  let content = 0;
  let adjacent = 0;
  let segmentStart = 0;
  eachRun((q, k) => {
    if (q > segmentStart) {
      content++;
      if (k === 1 && q > 0 && q + 1 < blankSource) adjacent++;
    }
    segmentStart = q + k;
  });
  if (blankSource > segmentStart) content++;
  const doubleSpaced = options.doubleSpaced ?? (content > 8 && adjacent / content < 0.25);
  if (options.stats) Object.assign(options.stats, { content, adjacent, doubleSpaced: content > 8 && adjacent / content < 0.25 });
  const blankEdits = new EditList();
  // What the blank-line step removes, in `text` (whole stretches: what lies between the
  // removed newlines is spaces or running lines, removed anyway).
  const blankRemovals = new EditList();
  if (content === 0) {
    if (blankSource) {
      blankEdits.push(0, blankSource, '');
      blankRemovals.push(0, n, '');
    }
  } else {
    eachRun((q, k) => {
      if (q === 0) {
        blankEdits.push(0, k, '');
        blankRemovals.push(0, runNewlines[k - 1]! + 1, '');
      } else if (q + k === blankSource) {
        blankEdits.push(q, blankSource, '');
        blankRemovals.push(runNewlines[0]!, n, '');
        return false;
      } else {
        const blank = k - 1;
        const keep = doubleSpaced ? (blank >= 2 ? 1 : 0) : 1;
        if (blank > keep) {
          blankEdits.push(q + 1, q + 1 + blank - keep, '');
          blankRemovals.push(runNewlines[1]!, runNewlines[blank - keep]! + 1, '');
        }
      }
    });
  }
  maps.push(spaceMap, runMap, new OffsetMap(blankSource, blankEdits));

  // The edits of the three steps in `text`: the removed stretches (running lines and blank
  // lines, merged where they meet), and the space edits outside them. Handed out in order,
  // twice (applyEach), rather than stored.
  return applyEach(text, (edit) => {
    let e = 0;
    let b = 0;
    for (let line = 0; ; ) {
      // The next removed stretch: a running line or a blank-line removal, whichever starts first.
      while (line < lineCount && !removedLines[line]) line++;
      const runFrom = line < lineCount ? lineStarts[line]! : n + 1;
      const blankFrom = b < blankRemovals.length ? blankRemovals.from(b) : n + 1;
      if (runFrom > n && blankFrom > n) break;
      let from: number;
      let to: number;
      if (runFrom <= blankFrom) {
        from = runFrom;
        to = line + 1 < lineCount ? lineStarts[line + 1]! : n;
        line++;
      } else {
        from = blankFrom;
        to = blankRemovals.to(b++);
      }
      // Stretches that meet or overlap this one join it.
      for (;;) {
        while (line < lineCount && !removedLines[line]) line++;
        if (line < lineCount && lineStarts[line]! <= to) {
          to = Math.max(to, line + 1 < lineCount ? lineStarts[line + 1]! : n);
          line++;
        } else if (b < blankRemovals.length && blankRemovals.from(b) <= to) {
          to = Math.max(to, blankRemovals.to(b++));
        } else break;
      }
      for (; e < spaceEdits.length && spaceEdits.from(e) < from; e++) edit(spaceEdits.from(e), spaceEdits.to(e), spaceEdits.insert(e));
      while (e < spaceEdits.length && spaceEdits.from(e) < to) e++;
      edit(from, to, '');
    }
    for (; e < spaceEdits.length; e++) edit(spaceEdits.from(e), spaceEdits.to(e), spaceEdits.insert(e));
  });
}

/** One line as the space step leaves it (the step works line by line). */
function spacedLine(line: string): string {
  const edits = new EditList();
  spaces.edits(line, edits);
  return applyEditList(line, edits);
}

/** `s` in a string of its own (V8 keeps a slice's whole parent string alive). */
function copyString(s: string): string {
  return (' ' + s).slice(1);
}

function matchEdits(text: string, re: RegExp, insert: string, out: EditList): void {
  for (let m = re.exec(text); m; m = re.exec(text)) out.push(m.index, m.index + m[0].length, insert);
}

/** Whether `text` holds any of the characters of `chars`. */
function hasAnyOf(text: string, chars: string): boolean {
  for (let k = 0; k < chars.length; k++) if (text.indexOf(chars[k]!) !== -1) return true;
  return false;
}
