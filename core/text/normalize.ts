/**
 * Normalization of a minutes text layer into the canonical text (`Meeting.text`).
 *
 * Each step is a pure function from text to edits; the pipeline applies them in
 * order and keeps every step's offset map, so any offset in the normalized text
 * maps back to the input (and forward). Normalizing a normalized text changes
 * nothing, so the editor can re-run the pipeline on edited text.
 */
import { applyEdits, ComposedMap, type Edit, type OffsetMap } from './offset-map.ts';
import { findRunningLines, type RunningLine } from './running-lines.ts';

export interface NormalizeStep {
  name: string;
  edits(text: string): Edit[];
  /** The step removes lines worth reporting (running headers and footers). */
  reportsRemovals?: boolean;
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

const lineEndings: NormalizeStep = {
  name: 'line-endings',
  edits: (text) => (/[\r\u2028\u2029\u0085]/.test(text) ? matchEdits(text, /\r\n?|[\u2028\u2029\u0085]/g, '\n') : []),
};

const formFeeds: NormalizeStep = {
  name: 'form-feeds',
  edits: (text) => (text.includes('\f') ? matchEdits(text, /\f/g, '\n') : []),
};

// NBSP and friends become spaces; tabs become spaces; zero-width characters and a BOM vanish;
// a soft hyphen at the end of a line is a real hyphenation point, elsewhere it vanishes.
const SPACE_LIKE = /[\u00a0\u2007\u202f\t\v]/;
const INVISIBLE = /[\u200b\u200c\u200d\u2060\ufeff]/;
const characters: NormalizeStep = {
  name: 'characters',
  edits: (text) => {
    const out: Edit[] = [];
    if (!/[\u00a0\u2007\u202f\t\v\u200b\u200c\u200d\u2060\ufeff\u00ad]/.test(text)) return out;
    for (let i = 0; i < text.length; i++) {
      const c = text[i]!;
      if (c === '\u00ad') {
        const atEol = i + 1 === text.length || text[i + 1] === '\n';
        out.push({ from: i, to: i + 1, insert: atEol ? '-' : '' });
      } else if (SPACE_LIKE.test(c)) {
        out.push({ from: i, to: i + 1, insert: ' ' });
      } else if (INVISIBLE.test(c)) {
        out.push({ from: i, to: i + 1, insert: '' });
      }
    }
    return out;
  },
};

// Leading and trailing spaces on every line; runs of spaces inside a line become one.
// A char-code loop: this runs on every line of every document.
const spaces: NormalizeStep = {
  name: 'spaces',
  edits: (text) => {
    const out: Edit[] = [];
    const n = text.length;
    let i = 0;
    while (i < n) {
      if (text.charCodeAt(i) !== 32) {
        i++;
        continue;
      }
      let j = i + 1;
      while (j < n && text.charCodeAt(j) === 32) j++;
      const lineStart = i === 0 || text.charCodeAt(i - 1) === 10;
      const lineEnd = j === n || text.charCodeAt(j) === 10;
      if (lineStart || lineEnd) out.push({ from: i, to: j, insert: '' });
      else if (j - i > 1) out.push({ from: i, to: j, insert: ' ' });
      i = j;
    }
    return out;
  },
};

const runningLines: NormalizeStep = {
  name: 'running-lines',
  reportsRemovals: true,
  edits: (text) => findRunningLines(text).map((r) => ({ from: r.start, to: r.end, insert: '' })),
};

/**
 * Blank lines. Some extractors put a blank line after every line; then a single blank
 * line means nothing and two or more mean a paragraph break. Afterwards any run of
 * blank lines is one blank line, and the text has no blank lines at its ends.
 */
const blankLines: NormalizeStep = {
  name: 'blank-lines',
  edits: (text) => {
    const lines = text.split('\n');
    let content = 0;
    let adjacent = 0;
    for (let i = 0; i < lines.length; i++) {
      if (lines[i] === '') continue;
      content++;
      if (lines[i + 1] !== undefined && lines[i + 1] !== '') adjacent++;
    }
    // Double-spaced: almost no content line is directly followed by another.
    const doubleSpaced = content > 8 && adjacent / content < 0.25;
    const out: Edit[] = [];
    let offset = 0;
    let i = 0;
    const starts: number[] = [];
    for (const l of lines) {
      starts.push(offset);
      offset += l.length + 1;
    }
    const firstContent = lines.findIndex((l) => l !== '');
    if (firstContent < 0) return text.length ? [{ from: 0, to: text.length, insert: '' }] : [];
    if (firstContent > 0) out.push({ from: 0, to: starts[firstContent]!, insert: '' });
    i = firstContent;
    while (i < lines.length) {
      if (lines[i] !== '') {
        i++;
        continue;
      }
      let j = i;
      while (j < lines.length && lines[j] === '') j++;
      const run = j - i;
      if (j === lines.length) {
        // Trailing blank lines: drop them and the newline before them.
        out.push({ from: starts[i]! - 1, to: text.length, insert: '' });
        break;
      }
      const keep = doubleSpaced ? (run >= 2 ? 1 : 0) : 1;
      if (run > keep) out.push({ from: starts[i]!, to: starts[i + run - keep]!, insert: '' });
      i = j;
    }
    return out;
  },
};

// Words that, after a line-end hyphen, show a suspended compound ("Proces-" / "og tidsplan").
const WORD_CHAR = /[\p{L}\p{N}]/u;
const DIGIT = /\p{N}/u;
const UPPER = /\p{Lu}/u;
const LOWER_START = /^\p{Ll}/u;
const DIGIT_OR_UPPER_START = /^[\p{N}\p{Lu}]/u;
const NEXT_WORD = /^[\p{L}\p{N}][\p{L}\p{N}'’´/-]*[.,;:!?)”"]*/u;
const FIRST_WORD = /^[\p{L}\p{N}]+/u;
const SUSPENDED = new Set(['og', 'eller', 'samt', 'til', 'såvel', 'som', 'and', 'or']);

/**
 * End-of-line hyphenation: `regerin-` + `gen grundet` becomes `regeringen` + `grundet`.
 * The hyphen stays when it is part of the word (`2026-` + `2030`, `DK-` + `2020`,
 * `KKR-` + `møde`), a suspended compound (`Proces-` + `og`), or a dash (`soci -`).
 */
const dehyphenate: NormalizeStep = {
  name: 'dehyphenate',
  edits: (text) => {
    const out: Edit[] = [];
    // indexOf finds the few candidates; the Unicode tests run only on those.
    for (let hyphenAt = text.indexOf('-\n'); hyphenAt > 0; hyphenAt = text.indexOf('-\n', hyphenAt + 2)) {
      const before = text[hyphenAt - 1]!;
      if (!WORD_CHAR.test(before)) continue;
      const gap = text[hyphenAt + 2] === '\n' ? 1 : 0;
      const nextStart = hyphenAt + 2 + gap;
      const nextEnd = text.indexOf('\n', nextStart);
      const next = text.slice(nextStart, nextEnd < 0 ? text.length : nextEnd);
      // Across a blank line only a lower-case continuation is a hyphenated word.
      if (gap && !LOWER_START.test(next)) continue;
      const wordMatch = NEXT_WORD.exec(next);
      if (!wordMatch) continue;
      const word = wordMatch[0];
      const firstWord = FIRST_WORD.exec(word)![0];
      if (SUSPENDED.has(firstWord.toLowerCase())) continue;
      let leadStart = hyphenAt;
      while (leadStart > 0 && WORD_CHAR.test(text[leadStart - 1]!)) leadStart--;
      const leadWord = text.slice(leadStart, hyphenAt);
      const keepHyphen =
        DIGIT.test(before) ||
        DIGIT_OR_UPPER_START.test(next) ||
        (leadWord.length > 1 && leadWord === leadWord.toUpperCase() && UPPER.test(leadWord));
      // Join the word's halves and break the line after it instead, so that the
      // characters themselves stay where they are and only whitespace is edited.
      out.push({ from: keepHyphen ? hyphenAt + 1 : hyphenAt, to: nextStart, insert: '' });
      const wordEnd = nextStart + word.length;
      let restSpace = 0;
      while (next.charCodeAt(word.length + restSpace) === 32) restSpace++;
      const end = wordEnd + restSpace;
      if (end < nextStart + next.length) out.push({ from: wordEnd, to: end, insert: '\n' });
      hyphenAt = end - 2;
    }
    return out;
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
  const maps: OffsetMap[] = [];
  let text = input;
  const running: RunningLine[] = [];
  const pageBreaks: number[] = [];
  for (const m of input.matchAll(/\f/g)) pageBreaks.push(m.index + 1);
  for (const step of steps) {
    const edits = step.edits(text);
    const applied = applyEdits(text, edits);
    if (step.reportsRemovals) {
      // Report what the step removed in input coordinates.
      const sofar = new ComposedMap(maps);
      for (const e of edits) {
        const from = sofar.toSource(e.from);
        running.push({ text: text.slice(e.from, e.to).trim(), start: from, end: sofar.toSource(e.to) });
      }
    }
    maps.push(applied.map);
    text = applied.text;
  }
  return { text, map: new ComposedMap(maps), running, pageBreaks };
}

function matchEdits(text: string, re: RegExp, insert: string): Edit[] {
  const out: Edit[] = [];
  for (let m = re.exec(text); m; m = re.exec(text)) out.push({ from: m.index, to: m.index + m[0].length, insert });
  return out;
}
