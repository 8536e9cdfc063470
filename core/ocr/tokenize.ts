/**
 * Tokens of a text for the OCR repair, and what the text around a token says
 * about it: where it stands (before "- og", before "Kommune"), whether it is
 * hyphenated across a line, whether the caller or the text protects it
 * (initials after a case number, abbreviations, e-mail addresses, URLs).
 *
 * Pure: offsets are UTF-16 offsets into the text given.
 */

import type { Lexicon } from './lexicon.ts';
import { ROLE_PROPER, ROLE_WEAK, ROLE_WORD } from './roles.ts';

/** A token: `text` is the text's slice [start, end), in UTF-16 offsets. */
export interface Token {
  start: number;
  end: number;
  text: string;
}

/**
 * Where a token stands: plain; before "- og" (first half of a suspended
 * compound, "børne- og ungeområdet"); before "Kommune" (a municipality name).
 */
export type TokenContext = 'plain' | 'suspended' | 'place';

/** A letter (any script). */
export const LETTER_RE = /\p{L}/u;
const TOKEN_CHAR_RE = /[\p{L}\p{M}\p{N}]/u;

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13 || c === 0xa0 || c === 12 || c === 11 || c === 0x2028;
}

/** Whether a token is a candidate for repair at all (letters, at most an OCR digit). */
export function eligible(tok: string): boolean {
  let digits = 0;
  let zero = false;
  let asciiLetters = 0;
  for (let i = 0; i < tok.length; i++) {
    const c = tok.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (c !== 52 && c !== 48) return false; // only "4" stands for "å", "0" for "ø"
      digits++;
      zero = c === 48;
    } else if (((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a && c < 0x80)) asciiLetters++;
  }
  if (digits > 1) return false;
  // "0" is as often a misread "o" ("0g"): only inside a longer word ("m0de", "0konomi") is it "ø".
  if (zero) return tok.length >= 4;
  // An ASCII letter is a letter; otherwise the Unicode property decides.
  return asciiLetters > 0 || LETTER_RE.test(tok);
}

/**
 * A tokenizer: runs of letters, marks, digits and the OCR symbols @ & |. ASCII is
 * decided on char codes, other units by \p{L}, \p{M}, \p{N}, remembered per unit
 * in the tokenizer's own table.
 */
export function createTokenizer(): (text: string) => Token[] {
  /** `TOKEN_CHAR_RE` on one UTF-16 unit (a lone surrogate is none), remembered per unit. */
  const tokenUnits = new Int8Array(0x10000).fill(-1);
  const isTokenUnit = (code: number): boolean => {
    let known = tokenUnits[code]!;
    if (known < 0) known = tokenUnits[code] = TOKEN_CHAR_RE.test(String.fromCharCode(code)) ? 1 : 0;
    return known === 1;
  };

  const tokenize = (text: string): Token[] => {
    const out: Token[] = [];
    let start = -1;
    for (let i = 0; i <= text.length; i++) {
      const c = i < text.length ? text.charCodeAt(i) : 32;
      const inToken =
        c < 128
          ? (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 64 || c === 38 || c === 124
          : isTokenUnit(c);
      if (inToken) {
        if (start < 0) start = i;
      } else if (start >= 0) {
        out.push({ start, end: i, text: text.slice(start, i) });
        start = -1;
      }
    }
    return out;
  };
  return tokenize;
}

// Initials after a case number, apart or with slashes ("SAG-2025-03687 kanm/haan/snm").
const CASE_LINE_RE = /[A-ZÆØÅ]{2,6}-\d{2,4}-\d+(?:[ \t/]+\p{Ll}{2,6})*[ \t/]+$/u;

export interface ProtectionOptions {
  /** Leave alone short lower-case tokens after a case number on the same line (caseworker initials). */
  protectInitials: boolean;
  /** The caller's own test; `start` is the token's offset in `text`. */
  isProtected?: ((token: string, start: number, text: string) => boolean) | undefined;
}

/** A URL, or the rest of one whose "https:" a line break cut off ("//rn.dk/-/media/…"), or a host with a path. */
const URL_RE = /https?:|www\.|^\/\/|[\p{L}\d-]\.(?:dk|com|org|net|eu|gov|int)\/|\.(?:ashx|aspx|html?|pdf)\b/iu;

/** Whether a token is to be left alone: the caller says so, or it is an abbreviation, initials, part of an address or URL. */
export function createProtection(lexicon: Lexicon, { protectInitials, isProtected }: ProtectionOptions): (text: string, tok: Token) => boolean {
  return (text: string, tok: Token): boolean => {
    if (isProtected && isProtected(tok.text, tok.start, text)) return true;
    // A dictionary abbreviation: "vedr.", "flg.".
    if (text.charCodeAt(tok.end) === 46 && tok.text.length <= 6) {
      const r = lexicon.roles(tok.text.toLowerCase() + '.');
      if (r & (ROLE_WORD | ROLE_PROPER | ROLE_WEAK)) return true;
    }
    if (protectInitials && tok.text.length >= 2 && tok.text.length <= 6 && /^\p{Ll}+$/u.test(tok.text)) {
      const lineStart = text.lastIndexOf('\n', tok.start - 1) + 1;
      if (CASE_LINE_RE.test(text.slice(lineStart, tok.start))) return true;
    }
    // Part of an e-mail address or a URL.
    let a = tok.start;
    while (a > 0 && !isSpace(text.charCodeAt(a - 1))) a--;
    let b = tok.end;
    while (b < text.length && !isSpace(text.charCodeAt(b))) b++;
    if (b - a > tok.text.length + 3) {
      const chunk = text.slice(a, b);
      if (/\S@\S+\.\S/.test(chunk) || URL_RE.test(chunk)) return true;
    }
    return false;
  };
}

/** "|" standing for "I" at the start of a line, before a word. */
export function isLineInitialBar(text: string, tok: Token): boolean {
  if (tok.text !== '|') return false;
  const lineStart = text.lastIndexOf('\n', tok.start - 1) + 1;
  if (text.slice(lineStart, tok.start).trim() !== '') return false;
  return /^[ \t]+\p{L}/u.test(text.slice(tok.end, tok.end + 3));
}

/** The gap of a word hyphenated across a line break. */
export const HYPHEN_BREAK_RE = /^-[ \t]*\r?\n[\s]*$/;
/** The gap of a hyphen inside a line ("koordi-neret"). */
export const HYPHEN_INLINE = '-';
/** "børne- og", "social-, sundheds- og": the first half of a suspended compound. */
const SUSPENDED_RE = /^-,?[ \t]/;
const PLACE_NOUN_RE = /^Kommune(?:s|r|rs)?$/;

/** Where the token before `gap` stands, given the token after it. */
export function contextOf(gap: string, next: Token | undefined): TokenContext {
  // Most gaps are one space before a word that is not "Kommune": decided on the first characters.
  const g = gap.charCodeAt(0);
  if (g === 45 && SUSPENDED_RE.test(gap)) return 'suspended';
  if (next && next.text.charCodeAt(0) === 75 && (g === 32 || g === 9) && /^[ \t]+$/.test(gap) && PLACE_NOUN_RE.test(next.text)) return 'place';
  return 'plain';
}

/** The text between two tokens, without allocating for the usual single space. */
export function gapBetween(text: string, tok: Token, next: Token | undefined): string {
  if (!next) return '';
  if (next.start === tok.end + 1 && text.charCodeAt(tok.end) === 32) return ' ';
  return text.slice(tok.end, next.start);
}
