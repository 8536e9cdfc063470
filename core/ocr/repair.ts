/**
 * Repair of Danish words whose letters were damaged by OCR.
 *
 * The text layers of scanned KL minutes lose the Danish letters in a few
 * characteristic ways: ø is read as g (sometimes a, e or o), æ as ae / ee /
 * ze / e (sometimes a), å as a / d / & / 4 / é / A, a word-initial Ø as @,
 * a lower-case l as a capital I, and a line-initial I as "|" (the table:
 * confusions.ts).
 *
 * The text is cut into tokens (tokenize.ts); each token that is not a word is
 * read by the candidate search (candidates.ts), in the context of its
 * neighbours; this module puts the readings back into the text as edits, and
 * scores how damaged a text is.
 *
 * Pure: no I/O, no globals; all state lives in the object `createRepairer`
 * returns (and in per-call memo tables).
 */

import type { Lexicon } from './lexicon.ts';
import { COMMON_WORDS } from './domain-words.ts';
import { applySubs, DANISH_OCR_CONFUSIONS, type AppliedSub, type Confusion } from './confusions.ts';
import { createCandidateSearch, type Analysis, type WordExplanation } from './candidates.ts';
import {
  contextOf,
  createProtection,
  createTokenizer,
  eligible,
  gapBetween,
  HYPHEN_BREAK_RE,
  HYPHEN_INLINE,
  isLineInitialBar,
  type Token,
  type TokenContext,
} from './tokenize.ts';

export type { Lexicon, PrefixRange } from './lexicon.ts';
export { alignByConfusions, DANISH_OCR_CONFUSIONS, type Confusion } from './confusions.ts';
export type { WordExplanation } from './candidates.ts';

export interface RepairOptions {
  /** At most this many substitutions per token. Default 3. */
  maxSubstitutions?: number;
  /** Upper bound on the summed substitution cost. Default 3.5. */
  maxCost?: number;
  /** Score added per compound boundary (a whole word beats a compound of equal cost). Default 1.05. */
  compoundPenalty?: number;
  /** Upper bound on cost plus compound penalties of an accepted repair. Default 3.3. */
  maxScore?: number;
  /**
   * Frequent words: among repairs of similar cost, one of these wins
   * (score minus `commonWordBonus`). Default `COMMON_WORDS`.
   */
  commonWords?: Iterable<string>;
  /** Default 0.6. */
  commonWordBonus?: number;
  /** At most this many parts in a compound. Default 4. */
  maxCompoundParts?: number;
  /** Shortest compound part when the token had to be changed. Default 4. */
  minRepairedPartLength?: number;
  /**
   * Inside a compound only confusions up to this cost are tried (the rarer
   * ones, such as e → ø, make too many accidental compounds). Default 1.
   */
  maxCompoundRuleCost?: number;
  /** The confusion table. Default `DANISH_OCR_CONFUSIONS`. */
  confusions?: readonly Confusion[];
  /** Turn impossible "g"s in unknown capitalized names into "ø". Default true. */
  phonotacticFallback?: boolean;
  /**
   * ALL-CAPS tokens up to this length are taken for acronyms: repaired only
   * into a frequent word ("PA" → "PÅ", but "NEET" stays). Default 4.
   */
  maxAcronymLength?: number;
  /**
   * In `repairText`/`damageScore`: leave alone short lower-case tokens that
   * follow a case number on the same line ("SAG-2020-03136 hlth"): they are
   * caseworker initials. Default true.
   */
  protectInitialsAfterCaseNumber?: boolean;
  /**
   * In `repairText`/`damageScore`: return true for a token the caller wants
   * left alone (initials, codes). `start` is the token's offset in `text`.
   */
  isProtected?: (token: string, start: number, text: string) => boolean;
  /**
   * In `repairText`: also replace a real but infrequent word by a frequent
   * word one confusion away ("mode" → "møde") when another word on the same
   * line needed repair. Off by default: it breaks the rule that a word is
   * never changed. `'always'`: on every line, for short texts known to come from
   * a damaged document (headings).
   */
  realWordRepair?: boolean | 'always';
}

export interface RepairEdit {
  /** Offsets into the ORIGINAL text, half-open. */
  start: number;
  end: number;
  from: string;
  to: string;
  /**
   * Why the word was taken for damaged: 'document', the whole text lost its
   * æ, ø and å (scope 'document'); 'word', the word is no Danish word but its
   * reading is; 'line', a weaker reading (a name's impossible "g", a line-initial
   * "|", a rare real word) taken because another word on its line was damaged.
   */
  evidence: RepairEvidence;
  /** How the reading was found: a word, a compound, a name's "g" ('phonotactic'), a real word made frequent, an OCR symbol. */
  reading: 'word' | 'compound' | 'phonotactic' | 'real-word' | 'symbol';
  /** Summed cost of the confusions read (see confusions.ts). */
  cost: number;
}

export type RepairEvidence = 'document' | 'word' | 'line';

/**
 * What a text is repaired as: 'document', a text layer judged damaged as a whole
 * (every repairable word is repaired); 'words', any other text, where each word
 * is judged on its own and on its line (a clean text comes back unchanged).
 */
export type RepairScope = 'document' | 'words';

export interface RepairTextResult {
  text: string;
  /** Sorted, non-overlapping. */
  edits: RepairEdit[];
}

export interface Repairer {
  /** The repaired token, or null when it is a known word or cannot be repaired. */
  repairWord(token: string): string | null;
  /** Like `repairWord`, with the reasoning. */
  explainWord(token: string): WordExplanation;
  repairText(text: string, scope?: RepairScope): RepairTextResult;
  /**
   * Fraction of the word tokens (length >= 2) that are not lexicon words but
   * repairable: near 0 for clean Danish, clearly higher for damaged text.
   */
  damageScore(text: string): number;
  /** The counts behind `damageScore`, read token by token over the whole of `text` (the score sums them line by line). */
  damageCounts(text: string): { damaged: number; total: number };
}

/** Create a repairer over `lexicon`. The repairer keeps no state between calls. */
export function createRepairer(lexicon: Lexicon, options: RepairOptions = {}): Repairer {
  const settings = {
    maxSubs: options.maxSubstitutions ?? 3,
    maxCost: options.maxCost ?? 3.5,
    penalty: options.compoundPenalty ?? 1.05,
    maxParts: options.maxCompoundParts ?? 4,
    minRepairedPart: options.minRepairedPartLength ?? 4,
    maxCompoundRule: options.maxCompoundRuleCost ?? 1,
    confusions: options.confusions ?? DANISH_OCR_CONFUSIONS,
    phonotactic: options.phonotacticFallback ?? true,
    maxAcronym: options.maxAcronymLength ?? 4,
    maxScore: options.maxScore ?? 3.3,
    commonWords: options.commonWords ?? COMMON_WORDS,
    bonus: options.commonWordBonus ?? 0.6,
  };
  const { analyze, frequentNeighbour } = createCandidateSearch(lexicon, settings);
  // Word by word, a word no reading above repairs may be a compound with a rarer confusion
  // ("padagog|dimensionering", a→æ): tried only there, where the document as a whole was not
  // judged damaged, so the repair of such documents stays as it was.
  const wide = createCandidateSearch(lexicon, { ...settings, maxCompoundRule: Math.max(settings.maxCompoundRule, 1.7) });
  const tokenize = createTokenizer();
  const protectedToken = createProtection(lexicon, {
    protectInitials: options.protectInitialsAfterCaseNumber ?? true,
    isProtected: options.isProtected,
  });
  const realWordRepair = options.realWordRepair ?? false;

  const explainWord = (token: string): WordExplanation => {
    const a = analyze(token);
    return { known: a.known, repaired: a.repaired, cost: a.cost, parts: a.parts, method: a.method };
  };

  const repairWord = (token: string): string | null => analyze(token).repaired;

  // Analyses are pure functions of token and context, and the words of minutes recur
  // from document to document: keep them for the repairer's life, up to a bound.
  // One map per scope and context, keyed by the token itself: no key is built per token.
  const caches: Record<RepairScope, Map<TokenContext, Map<string, Analysis>>> = { document: new Map(), words: new Map() };
  let cached = 0;
  const CACHE_LIMIT = 200_000;
  const cachedAnalyze = (tok: string, context: TokenContext = 'plain', scope: RepairScope = 'document'): Analysis => {
    let cache = caches[scope].get(context);
    if (!cache) caches[scope].set(context, (cache = new Map()));
    let a = cache.get(tok);
    if (!a) {
      a = analyze(tok, context);
      if (scope === 'words' && !a.known && !a.repaired) a = wide.analyze(tok, context);
      if (++cached > CACHE_LIMIT) {
        for (const byContext of Object.values(caches)) for (const m of byContext.values()) m.clear();
        cached = 1;
      }
      cache.set(tok, a);
    }
    return a;
  };

  const repairText = (text: string, scope: RepairScope = 'document'): RepairTextResult => {
    const tokens = tokenize(text);
    const edits: RepairEdit[] = [];
    /** In scope 'words': edits that stand only on a line where a word was damaged. */
    const weak: RepairEdit[] = [];
    const realWords: Token[] = [];
    const analyzeMemo = cachedAnalyze;
    const byWord: RepairEvidence = scope === 'document' ? 'document' : 'word';
    const byLine: RepairEvidence = scope === 'document' ? 'document' : 'line';
    const pushEdit = (tok: Token, subs: AppliedSub[], offset: number, a: Analysis | null): void => {
      const own = subs
        .filter((s) => s.pos >= offset && s.pos + s.len <= offset + tok.text.length)
        .map((s) => ({ ...s, pos: s.pos - offset }));
      if (own.length === 0) return;
      const to = applySubs(tok.text, own);
      if (to === tok.text) return;
      if (a) edits.push({ start: tok.start, end: tok.end, from: tok.text, to, evidence: byWord, reading: a.parts.length > 1 ? 'compound' : 'word', cost: a.cost });
      else (scope === 'document' ? edits : weak).push({ start: tok.start, end: tok.end, from: tok.text, to, evidence: byLine, reading: 'real-word', cost: own.length });
    };
    /** `pushEdit(tok, a.subs, 0)` for the token's own analysis: its substitutions all lie in it, so the result is `a.repaired`. */
    const pushRepair = (tok: Token, a: Analysis): void => {
      if (a.subs.length === 0 || a.repaired === null || a.repaired === tok.text) return;
      const phonotactic = a.method === 'phonotactic';
      const edit: RepairEdit = { start: tok.start, end: tok.end, from: tok.text, to: a.repaired, evidence: phonotactic ? byLine : byWord, reading: a.method ?? 'word', cost: a.cost };
      (phonotactic && scope === 'words' ? weak : edits).push(edit);
    };

    for (let i = 0; i < tokens.length; i++) {
      const tok = tokens[i]!;
      if (isLineInitialBar(text, tok)) {
        (scope === 'document' ? edits : weak).push({ start: tok.start, end: tok.end, from: '|', to: 'I', evidence: byLine, reading: 'symbol', cost: 0.4 });
        continue;
      }
      // No Danish word or code starts with "@": it is a misread "Ø" ("@A25" → "ØA25").
      if (tok.text.charCodeAt(0) === 64 && /^@[\p{Lu}\p{N}]/u.test(tok.text) && !protectedToken(text, tok)) {
        edits.push({ start: tok.start, end: tok.end, from: tok.text, to: `Ø${tok.text.slice(1)}`, evidence: byWord, reading: 'symbol', cost: 0.3 });
        continue;
      }
      // Protection is checked only where an edit would follow: most tokens are words.
      if (tok.text.length < 2 || !eligible(tok.text)) continue;
      // A word hyphenated across a line break: judge the joined word.
      const nextTok = tokens[i + 1];
      const gap = gapBetween(text, tok, nextTok);
      const lineBreak = gap.charCodeAt(0) === 45 && HYPHEN_BREAK_RE.test(gap);
      if (
        nextTok &&
        (lineBreak || gap === HYPHEN_INLINE) &&
        /^\p{Ll}/u.test(nextTok.text) &&
        eligible(nextTok.text) &&
        !protectedToken(text, tok) &&
        !protectedToken(text, nextTok)
      ) {
        const joined = tok.text + nextTok.text;
        const a = analyzeMemo(joined);
        // Across a line break a repaired joined word counts; inside a line
        // ("koordi-neret") only a known one (else "KKR-mgde" is two words).
        if (a.known || (lineBreak && a.repaired)) {
          const straddles = a.subs.some((s) => s.pos < tok.text.length && s.pos + s.len > tok.text.length);
          if (!straddles) {
            pushEdit(tok, a.subs, 0, a);
            pushEdit(nextTok, a.subs, tok.text.length, a);
            i++;
            continue;
          }
        }
      }
      const a = analyzeMemo(tok.text, contextOf(gap, nextTok), scope);
      if (a.repaired) {
        if (!protectedToken(text, tok)) pushRepair(tok, a);
      } else if (realWordRepair && a.known && a.parts.length === 1 && !protectedToken(text, tok)) {
        realWords.push(tok);
      }
    }

    // Lines that needed a repair are damaged; their rare words are suspect.
    const lineOf = (e: { start: number }) => text.lastIndexOf('\n', e.start - 1);
    const damagedLines = new Set<number>();
    if (edits.length > 0 && (realWords.length > 0 || weak.length > 0)) for (const e of edits) damagedLines.add(lineOf(e));
    let added = false;
    if (realWordRepair && realWords.length > 0 && (edits.length > 0 || realWordRepair === 'always')) {
      for (const tok of realWords) {
        if (realWordRepair !== 'always' && !damagedLines.has(lineOf(tok))) continue;
        const sub = frequentNeighbour(tok.text);
        if (sub) {
          pushEdit(tok, [sub], 0, null);
          added = true;
        }
      }
    }
    for (const e of weak) {
      if (!damagedLines.has(lineOf(e)) && !(realWordRepair === 'always' && e.reading === 'real-word')) continue;
      edits.push(e);
      added = true;
    }
    if (added) edits.sort((x, y) => x.start - y.start);

    if (edits.length === 0) return { text, edits };
    let out = '';
    let p = 0;
    for (const e of edits) {
      out += text.slice(p, e.start) + e.to;
      p = e.end;
    }
    out += text.slice(p);
    return { text: out, edits };
  };

  /** Damaged and eligible word tokens of `text`, token by token; `tokens`, how many tokens of any kind. */
  const damageCounts = (text: string): { damaged: number; total: number; tokens: number } => {
    const tokens = tokenize(text);
    let total = 0;
    let damaged = 0;
    for (let i = 0; i < tokens.length; i++) {
      const tok = tokens[i]!;
      if (tok.text.length < 2 || !eligible(tok.text)) continue;
      total++;
      const next = tokens[i + 1];
      const context = next ? contextOf(gapBetween(text, tok, next), next) : 'plain';
      if (cachedAnalyze(tok.text, context).repaired !== null && !protectedToken(text, tok)) damaged++;
    }
    return { damaged, total, tokens: tokens.length };
  };

  // A token's count depends on its line alone, and on whether any token follows in the
  // text (its context, "børne- og" across a line break): tokens, gaps, contexts and the
  // protections (an abbreviation, initials after a case number, an e-mail or URL) stop
  // at a line break. So the score sums its lines' counts, each kept by the line's text:
  // an edit (the editor scores the middle of the text on every keystroke) reads only the
  // lines it changed. A caller's own protection sees the whole text: then it is read whole.
  /** Per line, for a line some token follows and for one none does. */
  type LineCounts = { damaged: number; total: number; hasToken: boolean };
  const lineCounts = { followed: new Map<string, LineCounts>(), last: new Map<string, LineCounts>() };
  const LINE_CACHE_LIMIT = 50_000;
  const countLine = (line: string, followed: boolean): LineCounts => {
    const cache = followed ? lineCounts.followed : lineCounts.last;
    let counts = cache.get(line);
    if (counts === undefined) {
      // A token after the line break stands for the tokens that follow (one letter: never counted itself).
      const c = damageCounts(followed ? `${line}\nx` : line);
      counts = { damaged: c.damaged, total: c.total, hasToken: (followed ? c.tokens - 1 : c.tokens) > 0 };
      if (cache.size >= LINE_CACHE_LIMIT) cache.clear();
      cache.set(line, counts);
    }
    return counts;
  };
  const damageScore = (text: string): number => {
    let damaged = 0;
    let total = 0;
    if (options.isProtected) ({ damaged, total } = damageCounts(text));
    else {
      // From the last line back, knowing whether a token follows.
      let followed = false;
      for (let end = text.length; ; ) {
        const nl = end > 0 ? text.lastIndexOf('\n', end - 1) : -1;
        if (end > nl + 1) {
          const counts = countLine(text.slice(nl + 1, end), followed);
          damaged += counts.damaged;
          total += counts.total;
          followed ||= counts.hasToken;
        }
        if (nl < 0) break;
        end = nl;
      }
    }
    return total === 0 ? 0 : damaged / total;
  };

  return { repairWord, explainWord, repairText, damageScore, damageCounts };
}
