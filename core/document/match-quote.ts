/**
 * Finding a quote again in a text whose positions were lost, as the Hypothesis
 * client does: the exact quote first (fast), else its approximate occurrences
 * (Myers' bit-parallel search, `approx-string-match`, up to about a third
 * of the quote's length in edits), each scored by how much its quote, the text before and
 * after it and its place agree with what was recorded. Pure.
 *
 * Offsets are UTF-16 offsets into `text`.
 */
import approxSearch from 'approx-string-match';

/** What an anchor recorded about its text: the quote, up to 32 characters either side, and where it started. */
export interface QuoteSelector {
  quote: string;
  prefix: string;
  suffix: string;
  /** The start offset when the anchor was made or last resolved. */
  hint: number;
}

export interface QuoteMatch {
  start: number;
  end: number;
  /** 0..1: 1 is the exact quote with the exact context at the hint. */
  score: number;
}

export interface MatchOptions {
  /** Search approximate occurrences when the exact quote is not there (default true). */
  fuzzy?: boolean;
}

// The weights of Hypothesis's match-quote: the quote counts most, the context
// next, the distance from the hint only breaks ties.
const QUOTE_WEIGHT = 50;
const PREFIX_WEIGHT = 20;
const SUFFIX_WEIGHT = 20;
const POSITION_WEIGHT = 2;
const MAX_SCORE = QUOTE_WEIGHT + PREFIX_WEIGHT + SUFFIX_WEIGHT + POSITION_WEIGHT;

/**
 * An approximate occurrence is believed from this score on. A quote changed in
 * a third of its characters with its context intact passes (a corrected letter
 * in a short word, a few characters in or out); half of it changed, even with
 * the context intact, does not: that quote is gone and its anchor is orphaned.
 */
export const MIN_FUZZY_SCORE = 0.8;

/**
 * The share of a quote's characters that may be edits: beyond it not even a
 * perfect context and place lift a candidate to `MIN_FUZZY_SCORE`, so the
 * search (whose cost grows with it) stops there — a little over a third,
 * where Hypothesis searches up to half.
 */
const MAX_ERROR_SHARE = 1 - (MIN_FUZZY_SCORE * MAX_SCORE - PREFIX_WEIGHT - SUFFIX_WEIGHT - POSITION_WEIGHT) / QUOTE_WEIGHT;

/** How far either side of the hint the first, quick search looks (UTF-16 code units). */
const NEAR = 2048;

interface Candidate {
  start: number;
  end: number;
  errors: number;
}

/**
 * The best occurrence of `selector.quote` in `text`, or null. An exact
 * occurrence always wins over approximate ones (among several, context and then
 * nearness to the hint choose); an approximate one counts only from
 * `MIN_FUZZY_SCORE` on.
 */
export function matchQuote(text: string, selector: QuoteSelector, options: MatchOptions = {}): QuoteMatch | null {
  const { quote } = selector;
  if (!quote || !text) return null;
  const exact = exactMatches(text, quote);
  if (exact.length) return best(text, selector, exact);
  if (options.fuzzy === false) return null;
  const maxErrors = Math.min(256, Math.floor(quote.length * MAX_ERROR_SHARE));
  if (maxErrors === 0) return null;
  const candidates = new Map<string, Candidate>();
  const add = (c: Candidate) => {
    const at = snap(text, selector, c);
    candidates.set(`${at.start}:${at.end}`, { ...at, errors: distance(text.slice(at.start, at.end), quote) });
  };
  /** Approximate occurrences of `pattern` in `text[lo, hi)`, in offsets of `text`. */
  const search = (pattern: string, maxErrors: number, lo = 0, hi = text.length) =>
    approxSearch(lo === 0 && hi === text.length ? text : text.slice(lo, hi), pattern, maxErrors).map((m) => ({ start: m.start + lo, end: m.end + lo, errors: m.errors }));
  // A believable occurrence in exactly the recorded context settles it: nothing further is searched.
  const inContext = () => [...candidates.values()].some((c) => contextScores(text, selector, c).every((x) => x === 1) && scoreOf(text, selector, c) >= MIN_FUZZY_SCORE);
  const { prefix, suffix, hint } = selector;
  // Near the hint first: an edit seldom moves the text far, and a window is searched in no time.
  const lo = Math.max(0, Math.min(hint, text.length) - NEAR);
  for (const c of search(quote, maxErrors, lo, Math.min(text.length, lo + 2 * NEAR + quote.length))) add(c);
  // Then the whole text. The search reports only the occurrences with the fewest edits,
  // so a look-alike elsewhere can hide the quote itself ...
  if (!inContext()) for (const c of search(quote, maxErrors)) add(c);
  // ... which the quote in its context finds: minutes repeat their phrases, rarely with the same words around them.
  if ((prefix || suffix) && !inContext()) {
    const contextErrors = Math.min(256, maxErrors + Math.floor((prefix.length + suffix.length) / 4));
    for (const w of search(prefix + quote + suffix, contextErrors)) {
      const start = Math.min(w.start + prefix.length, text.length);
      add({ start, end: Math.max(start, w.end - suffix.length), errors: w.errors });
    }
  }
  const found = best(text, selector, [...candidates.values()]);
  return found && found.score >= MIN_FUZZY_SCORE ? found : null;
}

/** Edits that turn `actual` into `quote`, at most (its closest occurrence in `actual`, and the rest of `actual` deleted). */
function distance(actual: string, quote: string): number {
  if (!actual) return quote.length;
  const [m] = approxSearch(actual, quote, quote.length);
  return m ? m.errors + actual.length - (m.end - m.start) : Math.max(actual.length, quote.length);
}

/**
 * An approximate occurrence with its ends moved (by at most its edit count) to
 * where the recorded context meets it best: edit distance alone cannot tell
 * whether "aendringen" for "ændringen" starts at its "a" or its "e", the text
 * before it can.
 */
function snap(text: string, { prefix, suffix }: QuoteSelector, c: Candidate): Candidate {
  let { start, end } = c;
  if (prefix) {
    let bestLength = tailAgreement(text, start, prefix);
    for (let d = -c.errors; d <= c.errors; d++) {
      const s = c.start + d;
      if (s < 0 || s >= c.end) continue;
      const length = tailAgreement(text, s, prefix);
      if (length > bestLength || (length === bestLength && Math.abs(d) < Math.abs(start - c.start))) [start, bestLength] = [s, length];
    }
  }
  if (suffix) {
    let bestLength = headAgreement(text, end, suffix);
    for (let d = -c.errors; d <= c.errors; d++) {
      const e = c.end + d;
      if (e <= start || e > text.length) continue;
      const length = headAgreement(text, e, suffix);
      if (length > bestLength || (length === bestLength && Math.abs(d) < Math.abs(end - c.end))) [end, bestLength] = [e, length];
    }
  }
  return { start, end, errors: c.errors };
}

/** How many characters before `at` agree with the end of `prefix`. */
function tailAgreement(text: string, at: number, prefix: string): number {
  let n = 0;
  while (n < prefix.length && at - 1 - n >= 0 && text[at - 1 - n] === prefix[prefix.length - 1 - n]) n++;
  return n;
}

/** How many characters from `at` agree with the start of `suffix`. */
function headAgreement(text: string, at: number, suffix: string): number {
  let n = 0;
  while (n < suffix.length && at + n < text.length && text[at + n] === suffix[n]) n++;
  return n;
}

function exactMatches(text: string, quote: string): Candidate[] {
  const out: Candidate[] = [];
  for (let i = text.indexOf(quote); i >= 0; i = text.indexOf(quote, i + 1)) out.push({ start: i, end: i + quote.length, errors: 0 });
  return out;
}

function best(text: string, selector: QuoteSelector, candidates: readonly Candidate[]): QuoteMatch | null {
  let top: QuoteMatch | null = null;
  for (const c of candidates) {
    const score = scoreOf(text, selector, c);
    if (!top || score > top.score) top = { start: c.start, end: c.end, score };
  }
  return top;
}

/** How well the text before and after a candidate agrees with the recorded prefix and suffix, 0..1 each. */
function contextScores(text: string, { prefix, suffix }: QuoteSelector, c: Candidate): [number, number] {
  return [
    prefix ? similarity(text.slice(Math.max(0, c.start - prefix.length), c.start), prefix) : 1,
    suffix ? similarity(text.slice(c.end, c.end + suffix.length), suffix) : 1,
  ];
}

function scoreOf(text: string, selector: QuoteSelector, c: Candidate): number {
  const { quote, hint } = selector;
  const quoteScore = Math.max(0, 1 - c.errors / quote.length);
  const [prefixScore, suffixScore] = contextScores(text, selector, c);
  const positionScore = 1 - Math.abs(c.start - hint) / text.length;
  return (QUOTE_WEIGHT * quoteScore + PREFIX_WEIGHT * prefixScore + SUFFIX_WEIGHT * suffixScore + POSITION_WEIGHT * positionScore) / MAX_SCORE;
}

/** 0..1: how nearly `expected` occurs in `actual` (1 - its fewest edits / its length). */
function similarity(actual: string, expected: string): number {
  if (!actual || !expected) return 0;
  if (actual === expected) return 1;
  const [m] = approxSearch(actual, expected, expected.length);
  return m ? 1 - m.errors / expected.length : 0;
}
