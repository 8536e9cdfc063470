/**
 * The one decision whether a text looks OCR-damaged, before any lexicon is
 * loaded: Danish running text has æ, ø and å; a stretch of text with plenty of
 * letters and (almost) none of them is a text layer that lost them.
 *
 * The parser (core/minutes/parse.ts) asks it before it loads the repairer, and
 * then confirms with the repairer's damage score over the same sample; the
 * editor asks it before it fetches the lexicon, and the CLI's worker pool asks
 * it of a file's decoded middle to route the file. One function and one
 * threshold, so the CLI and the editor repair the same texts.
 *
 * Pure and cheap: it reads at most `OCR_SAMPLE_LENGTH` characters, on char codes.
 */

import { COMMON_WORDS } from './domain-words.ts';

/** How much of the text is judged: this many UTF-16 units from its middle. */
export const OCR_SAMPLE_LENGTH = 12_000;
/** Fewer letters than this in the sample: too little to judge, never suspect. */
const MIN_LETTERS = 400;
/** æ, ø, å per letter at or below which the sample is suspect. */
export const OCR_SUSPECT_RATIO = 0.003;

/** The stretch judged: `OCR_SAMPLE_LENGTH` units from the middle of a text of `length` units (half-open). */
export function ocrSampleRange(length: number): { from: number; to: number } {
  const from = Math.max(0, (length >> 1) - OCR_SAMPLE_LENGTH / 2);
  return { from, to: Math.min(length, from + OCR_SAMPLE_LENGTH) };
}

/** The stretch of `text` that `looksOcrDamaged` judges (the whole text when it is short). */
export function ocrSample(text: string): string {
  const { from, to } = ocrSampleRange(text.length);
  return from === 0 && to === text.length ? text : text.slice(from, to);
}

/**
 * Whether `text` looks like an OCR-damaged Danish text layer: at least 400
 * letters in the middle `OCR_SAMPLE_LENGTH` characters, and at most
 * `OCR_SUSPECT_RATIO` of them æ, ø or å (either case; ö and é count as letters).
 */
export function looksOcrDamaged(text: string): boolean {
  const { from, to } = ocrSampleRange(text.length);
  let letters = 0;
  let danish = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i) | 0x20; // fold ASCII case (and Æ Ø Å Ö É onto æ ø å ö é)
    if (c >= 0x61 && c <= 0x7a) letters++;
    else if (c === 0xe6 || c === 0xf8 || c === 0xe5) {
      letters++;
      danish++;
    } else if (c === 0xf6 || c === 0xe9) letters++;
  }
  return letters >= MIN_LETTERS && danish / letters <= OCR_SUSPECT_RATIO;
}

/*
 * Damage confined to some words, lines or pages leaves a text with plenty of
 * æ, ø and å, so the rate above cannot see it. The second, per-word screen looks
 * for words that are damaged forms of frequent Danish words ("pa", "mgde",
 * "ogsa", "vaere", "0konomi") and for the OCR symbols no Danish word holds
 * ("@sterbro", "p&", "m0de"): one such word is reason enough to load the lexicon,
 * which then judges every word on its own (core/ocr/repair.ts). Still no lexicon
 * here: the damaged forms come from `COMMON_WORDS` and the confusions below,
 * minus the forms that are Danish words themselves (`REAL_WORD_FORMS`, checked
 * against the lexicon by suspect.test.ts).
 */

/** How each Danish letter is misread, for the screen (the repair's own table is confusions.ts). */
const MISREADINGS: Readonly<Record<string, readonly string[]>> = {
  æ: ['ae', 'ee', 'ze', 'a', 'e'],
  ø: ['g', 'o', '0', 'e', 'a', '@'],
  å: ['a', 'aa', 'd', '&', '4'],
};

/** Damaged forms of frequent words that are words themselves ("for" for "før", "mode" for "møde"). */
export const REAL_WORD_FORMS: ReadonlySet<string> = new Set([
  'aars', 'age', 'agede', 'ager', 'ages', 'aget', 'akter', 'akteren', 'akterer', 'aktor', 'aktoren',
  'aktorer', 'aktorerne', 'aldre', 'ar', 'arene', 'ars', 'bade', 'bar', 'barn', 'bern', 'bor', 'born',
  'direktor', 'direktorer', 'ege', 'egede', 'eger', 'eges', 'eget', 'fa', 'falles', 'far', 'fare', 'farer',
  'fares', 'fart', 'farte', 'fer', 'fere', 'feres', 'fore', 'forer', 'fores', 'forsag', 'forsaget', 'forst',
  'fort', 'forte', 'galde', 'galder', 'gennemfart', 'ger', 'gere', 'gore', 'haj', 'hare', 'harer', 'hares',
  'hart', 'hej', 'heres', 'hore', 'horer', 'hores', 'iser', 'kare', 'kart', 'karte', 'kere', 'kerer',
  'kerte', 'kore', 'lage', 'lager', 'lan', 'lange', 'laser', 'lases', 'last', 'lege', 'leger', 'len',
  'leses', 'loft', 'loftet', 'lose', 'loses', 'losning', 'losningen', 'losninger', 'losningerne', 'lost',
  'made', 'maden', 'mader', 'maderne', 'mades', 'madet', 'madets', 'mal', 'malene', 'malet', 'mede', 'meder',
  'mederne', 'medes', 'medet', 'medets', 'mode', 'moder', 'moderne', 'modes', 'modet', 'modets', 'nar',
  'ner', 'neste', 'oplag', 'raad', 'rad', 'sagt', 'sattes', 'sette', 'setter', 'settes', 'stetter', 'tanke',
  'tanker', 'traffes', 'vakst', 'vare', 'varet', 'veer',
]);

/** Lower-cased damaged forms of the frequent words, and their hashes (see `formHash`). */
function damagedForms(words: readonly string[], realWords: ReadonlySet<string>): { forms: Set<string>; hashes: Set<number>; bits: Uint8Array } {
  const forms = new Set<string>();
  const clean = new Set(words);
  for (const word of clean) {
    if (!/[æøå]/.test(word)) continue;
    let variants = [''];
    for (const ch of word) {
      // "d" for "å" and "e" for "æ"/"ø" make too many short words and fragments ("dr", "ver").
      const misread = MISREADINGS[ch];
      const readings = misread ? misread.filter((r) => word.length >= 5 || (r !== 'd' && r !== 'e')) : [ch];
      const next: string[] = [];
      for (const v of variants) for (const r of readings) next.push(v + r);
      variants = next.length > 400 ? next.filter((_, i) => i % readings.length === 0) : next;
    }
    for (const v of variants) if (!clean.has(v) && !realWords.has(v) && v.length >= 2) forms.add(v);
  }
  const hashes = new Set<number>();
  // A bit per hash's low 16 bits: most words are ruled out without a Set lookup.
  const bits = new Uint8Array(1 << 13);
  for (const f of forms) {
    const h = formHash(f, 0, f.length);
    hashes.add(h);
    bits[(h & 0xffff) >>> 3]! |= 1 << (h & 7);
  }
  return { forms, hashes, bits };
}

/** A hash of `text[from, to)` with ASCII letters lower-cased (the same for a token and its form). */
function formHash(text: string, from: number, to: number): number {
  let h = 0;
  for (let i = from; i < to; i++) {
    let c = text.charCodeAt(i);
    if (c >= 65 && c <= 90) c |= 0x20;
    h = (Math.imul(h, 31) + c) | 0;
  }
  return h;
}

const SCREEN = damagedForms(COMMON_WORDS, REAL_WORD_FORMS);
/** Tokens longer than this are never a damaged frequent word. */
const MAX_FORM = 24;

/** The damaged forms the screen looks for (for tests). */
export function screenForms(): ReadonlySet<string> {
  return SCREEN.forms;
}

/** What a UTF-16 unit below 0x250 is to the screen; units above are no part of a word. */
const NONE = 0;
const LOWER = 1;
const UPPER = 2;
const DIGIT = 3;
const SYMBOL = 4;
const CLASS = new Uint8Array(0x250);
for (let c = 0; c < 0x250; c++) {
  if (c >= 97 && c <= 122) CLASS[c] = LOWER;
  else if (c >= 65 && c <= 90) CLASS[c] = UPPER;
  else if (c >= 48 && c <= 57) CLASS[c] = DIGIT;
  else if (c === 64 || c === 38 || c === 124) CLASS[c] = SYMBOL;
  else if (c >= 0xdf && c <= 0xff && c !== 0xf7) CLASS[c] = LOWER;
  else if (c >= 0xc0 && c !== 0xd7 && c !== 0xf7) CLASS[c] = UPPER; // Latin capitals and the extended Latin letters
}
const classOf = (c: number): number => (c < 0x250 ? CLASS[c]! : NONE);

/**
 * The first word of `text` that looks like an OCR-damaged Danish word without
 * a lexicon: a damaged form of a frequent word ("pa", "mgde", "vaere",
 * "0konomi"), "@" opening a word ("@sterbro"), or "&", "0" or "4" inside a
 * lower-case word ("p&", "m0de"). Null when there is none. One pass over char codes.
 */
export function findSuspectWord(text: string): { start: number; end: number } | null {
  const { forms, hashes, bits } = SCREEN;
  const n = text.length;
  let i = 0;
  while (i < n) {
    let c = text.charCodeAt(i);
    let k = c < 0x250 ? CLASS[c]! : NONE;
    if (k === NONE) {
      i++;
      continue;
    }
    const start = i;
    let h = 0;
    let digits = 0;
    let lower = 0;
    let upper = 0;
    let symbolInside = false;
    let prev = NONE;
    for (;;) {
      if (k === LOWER) lower++;
      else if (k === UPPER) {
        upper++;
        if (c <= 90) c |= 0x20;
      } else if (k === DIGIT) {
        digits++;
        if (prev === LOWER && (c === 48 || c === 52)) symbolInside = true;
      } else if (c === 38 && prev === LOWER) symbolInside = true;
      prev = k;
      h = (Math.imul(h, 31) + c) | 0;
      if (++i >= n) break;
      c = text.charCodeAt(i);
      k = c < 0x250 ? CLASS[c]! : NONE;
      if (k === NONE) break;
    }
    const end = i;
    if (text.charCodeAt(start) === 64 && end - start > 2 && classOf(text.charCodeAt(start + 1)) === LOWER) return { start, end };
    if (symbolInside && digits <= 1 && lower >= 2) return { start, end };
    // Short ALL-CAPS tokens are acronyms ("DR", "EU").
    if (lower === 0 && upper >= 2 && end - start <= 4) continue;
    if (end - start <= MAX_FORM && (bits[(h & 0xffff) >>> 3]! & (1 << (h & 7))) !== 0 && hashes.has(h) && !hyphenated(text, start, end) && forms.has(text.slice(start, end).toLowerCase())) return { start, end };
  }
  return null;
}

/** A token hyphenated across a line ("ma-\nterialet", "bli-\nver"): a fragment, not a word. */
function hyphenated(text: string, start: number, end: number): boolean {
  if (text.charCodeAt(end) === 45) return true;
  let newline = false;
  for (let i = start - 1; i >= 0 && i >= start - 8; i--) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13 || c === 12) newline = true;
    else if (c === 45) return newline;
    else if (c !== 32 && c !== 9 && c !== 0xa0) return false;
  }
  return false;
}

/**
 * The one gate before the lexicon is loaded: the text lost its æ, ø and å
 * (`looksOcrDamaged`), or some word in it looks damaged (`findSuspectWord`).
 * The parser, the CLI, the editor and the extension's viewer ask it; the
 * lexicon then decides word by word.
 */
export function mayNeedOcrRepair(text: string): boolean {
  return looksOcrDamaged(text) || findSuspectWord(text) !== null;
}
