/**
 * Repair of Danish words whose letters were damaged by OCR.
 *
 * The text layers of scanned KL minutes lose the Danish letters in a few
 * characteristic ways: ø is read as g (sometimes a, e or o), æ as ae / ee /
 * ze / e (sometimes a), å as a / d / & / 4 / é / A, a word-initial Ø as @,
 * a lower-case l as a capital I, and a line-initial I as "|".
 *
 * A token that is not a word is repaired by searching, with the lexicon
 * walked like a trie, for the cheapest set of such substitutions (at most
 * three) that turns it into a word or into a valid compound of lexicon parts
 * (Danish writes compounds as one word). Cheaper substitutions, fewer
 * substitutions and whole words are preferred over compounds. Proper names
 * missing from the lexicon get a phonotactic fallback: a "g" in a position
 * where Danish cannot have one (after a word-initial consonant cluster, as in
 * "Jgnsson") becomes "ø".
 *
 * Pure: no I/O, no globals; all state lives in the object `createRepairer`
 * returns (and in per-call memo tables).
 */

import type { Lexicon, PrefixRange } from './lexicon.ts';
import { COMMON_WORDS, MUNICIPALITIES } from './domain-words.ts';
import { ROLE_BEGIN, ROLE_END, ROLE_MIDDLE, ROLE_PROPER, ROLE_WEAK, ROLE_WORD } from './roles.ts';

export type { Lexicon, PrefixRange } from './lexicon.ts';

/** One OCR confusion: the damaged text `from` (lower case) stands for the letter `to`. */
export interface Confusion {
  from: string;
  to: string;
  /** Search cost; the repair with the lowest total cost wins. */
  cost: number;
  /** Apply only where the original characters were upper case ("I" read for "l"). */
  upperOnly?: boolean;
  /** Apply only where the original characters were lower case (a "d" resembles "å", a "D" does not resemble "Å"). */
  lowerOnly?: boolean;
  /** The restored letter is lower case even at the start of a capitalized token. */
  alwaysLower?: boolean;
}

/** The confusions seen in the KL text layers, cheapest first. */
export const DANISH_OCR_CONFUSIONS: readonly Readonly<Confusion>[] = Object.freeze([
  { from: '@', to: 'ø', cost: 0.3 },
  { from: '&', to: 'å', cost: 0.3 },
  { from: '4', to: 'å', cost: 0.4 },
  { from: '|', to: 'i', cost: 0.4 },
  { from: 'é', to: 'å', cost: 0.8 },
  { from: 'g', to: 'ø', cost: 1 },
  { from: 'ae', to: 'æ', cost: 1 },
  { from: 'ee', to: 'æ', cost: 1 },
  { from: 'ze', to: 'æ', cost: 1 },
  { from: 'a', to: 'å', cost: 1 },
  { from: 'i', to: 'l', cost: 1, upperOnly: true, alwaysLower: true },
  { from: 'd', to: 'å', cost: 1.2, lowerOnly: true },
  { from: 'e', to: 'æ', cost: 1.5 },
  { from: 'a', to: 'ø', cost: 1.5 },
  { from: 'e', to: 'ø', cost: 1.5 },
  { from: 'o', to: 'ø', cost: 1.7 },
  { from: 'a', to: 'æ', cost: 1.7 },
].map((c) => Object.freeze(c)));

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
}

export interface RepairTextResult {
  text: string;
  /** Sorted, non-overlapping. */
  edits: RepairEdit[];
}

/** How a token was judged (for diagnostics and review UIs). */
export interface WordExplanation {
  /** The token is acceptable as it stands: a word or a valid compound. */
  known: boolean;
  /** The repaired token; null when known or not repairable. */
  repaired: string | null;
  /** Summed substitution cost of the repair (0 when none). */
  cost: number;
  /** Compound parts of the (repaired) token; one part for a plain word; empty when unknown. */
  parts: string[];
  /** How the repair was found. */
  method: 'word' | 'compound' | 'phonotactic' | null;
}

export interface Repairer {
  /** The repaired token, or null when it is a known word or cannot be repaired. */
  repairWord(token: string): string | null;
  /** Like `repairWord`, with the reasoning. */
  explainWord(token: string): WordExplanation;
  repairText(text: string): RepairTextResult;
  /**
   * Fraction of the word tokens (length >= 2) that are not lexicon words but
   * repairable: near 0 for clean Danish, clearly higher for damaged text.
   */
  damageScore(text: string): number;
}

interface FoundSub {
  pos: number;
  len: number;
  to: string;
  rule: Confusion;
}

interface SearchResult {
  cost: number;
  subs: FoundSub[];
  /** Source offsets where the compound parts end (last = token length). */
  partEnds: number[];
}

interface SearchLimits {
  maxSubs: number;
  maxCost: number;
  allowCompound: boolean;
  allowProper: boolean;
  properPenalty: number;
  /** Above this cost only a frequent word is accepted (short tokens). */
  plainAbove?: number | undefined;
  /** Accept forms that only begin compounds (before "- og"). */
  beginOnly?: boolean;
  /** Accept proper names only (before "Kommune"). */
  properOnly?: boolean;
}

/**
 * Where a token stands: plain; before "- og" (first half of a suspended
 * compound, "børne- og ungeområdet"); before "Kommune" (a municipality name).
 */
type TokenContext = 'plain' | 'suspended' | 'place';

/** A substitution applied to a token, in token coordinates. */
interface AppliedSub {
  pos: number;
  len: number;
  /** The restored letter, cased for the output. */
  to: string;
}

interface Analysis extends WordExplanation {
  subs: AppliedSub[];
}

/** Longer tokens are not analysed (no Danish word, compound or not, is that long in minutes). */
const MAX_TOKEN_LENGTH = 60;

const VOWELS = 'aeiouyæøåéèáàäöü';
const LETTER_RE = /\p{L}/u;
const TOKEN_CHAR_RE = /[\p{L}\p{M}\p{N}]/u;

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13 || c === 0xa0 || c === 12 || c === 11 || c === 0x2028;
}

function isVowel(ch: string): boolean {
  return VOWELS.includes(ch);
}

function isConsonant(ch: string): boolean {
  return ch >= 'a' && ch <= 'z' && !isVowel(ch);
}

type CasePattern = 'lower' | 'capitalized' | 'upper' | 'mixed';

function casePattern(token: string): CasePattern {
  const lowered = token.toLowerCase();
  const uppered = token.toUpperCase();
  if (lowered.length !== token.length || uppered.length !== token.length) return 'mixed';
  let upper = 0;
  let lower = 0;
  let firstUpper = false;
  let seenLetter = false;
  for (let i = 0; i < token.length; i++) {
    const ch = token[i]!;
    const isUpper = ch !== lowered[i];
    const isLower = ch !== uppered[i];
    if (!seenLetter && (isUpper || isLower || ch === '@' || ch === '|')) {
      seenLetter = true;
      firstUpper = isUpper || ch === '@' || ch === '|';
      if (!isUpper && !isLower) continue;
    }
    if (isUpper) upper++;
    else if (isLower) lower++;
  }
  if (lower === 0 && upper >= 2) return 'upper';
  if (upper === 0 && !firstUpper) return 'lower';
  if (firstUpper && upper <= 1) return 'capitalized';
  if (firstUpper && lower === 0) return 'upper';
  return 'mixed';
}

/** Create a repairer over `lexicon`. The repairer keeps no state between calls. */
export function createRepairer(lexicon: Lexicon, options: RepairOptions = {}): Repairer {
  const maxSubs = options.maxSubstitutions ?? 3;
  const maxCost = options.maxCost ?? 3.5;
  const penalty = options.compoundPenalty ?? 1.05;
  const maxParts = options.maxCompoundParts ?? 4;
  const minRepairedPart = options.minRepairedPartLength ?? 4;
  const maxCompoundRule = options.maxCompoundRuleCost ?? 1;
  const shortPartPenalty = 0.3;
  const confusions = options.confusions ?? DANISH_OCR_CONFUSIONS;
  const phonotactic = options.phonotacticFallback ?? true;
  const maxAcronym = options.maxAcronymLength ?? 4;
  const maxScore = options.maxScore ?? 3.3;
  // The words that stand before "Kommune": every municipality, its parts, and its genitive.
  const municipalityNames = new Set<string>();
  for (const m of MUNICIPALITIES) {
    for (const part of [m, ...m.split(/[-\s]+/)]) {
      if (part.length < 3) continue;
      municipalityNames.add(part);
      municipalityNames.add(`${part}s`);
    }
  }
  const common = new Set<string>();
  for (const w of options.commonWords ?? COMMON_WORDS) common.add(w.toLowerCase());
  const bonus = options.commonWordBonus ?? 0.6;
  const protectInitials = options.protectInitialsAfterCaseNumber ?? true;
  const isProtected = options.isProtected;
  const realWordRepair = options.realWordRepair ?? false;

  // Confusions indexed by the first character of their damaged form.
  const byFirst = new Map<string, Confusion[]>();
  for (const c of confusions) {
    const k = c.from[0]!;
    const list = byFirst.get(k) ?? [];
    list.push(c);
    byFirst.set(k, list);
  }
  const root = lexicon.root();

  /**
   * Search the cheapest reading of `s` (lower case, `orig` its original
   * spelling) as a word or compound. Returns null when none is found within
   * the bounds.
   */
  const search = (s: string, orig: string, limits: SearchLimits): SearchResult | null => {
    const n = s.length;
    let bestScore = Infinity;
    let best: SearchResult | null = null;
    const subs: FoundSub[] = [];
    const partLens: number[] = [];
    const partEnds: number[] = [];
    const partMax = limits.allowCompound ? maxParts : 1;

    const accept = (cost: number, roles: number, lastLen: number, end: number): void => {
      const parts = partLens.length;
      let score = cost + parts * penalty;
      if (score > maxScore) return;
      if (limits.plainAbove !== undefined) {
        // The "I" read for "l" is unambiguous; the other confusions are not.
        let c = cost;
        for (const sub of subs) if (sub.rule.upperOnly) c -= sub.rule.cost;
        if (c > limits.plainAbove && !common.has(spell(end))) return;
      }
      if (limits.properOnly && (parts > 0 || !(roles & ROLE_PROPER))) return;
      if (parts === 0) {
        if (roles & ROLE_WORD || (limits.beginOnly && roles & ROLE_BEGIN)) {
          // fine
        } else if (roles & ROLE_PROPER && limits.allowProper) {
          score += limits.properPenalty;
        } else return;
      } else {
        if (!(roles & ROLE_END)) return;
        if (cost > 0) {
          if (lastLen < minRepairedPart) return;
          for (const l of partLens) if (l < minRepairedPart) return;
          for (const sub of subs) if (sub.rule.cost > maxCompoundRule) return;
        } else {
          // An unchanged compound with very short parts ("ar" + "lige") is a
          // weak reading: a one-letter repair to a word ("årlige") beats it.
          if (lastLen < 4) score += shortPartPenalty;
          for (const l of partLens) if (l < 4) score += shortPartPenalty;
        }
      }
      if (parts === 0 && cost > 0 && common.size > 0 && common.has(spell(end))) score -= bonus;
      if (score < bestScore || (score === bestScore && best !== null && subs.length < best.subs.length)) {
        bestScore = score;
        best = { cost, subs: subs.slice(), partEnds: [...partEnds, n] };
      }
    };

    /** The candidate spelled by the current substitutions, up to `end`. */
    const spell = (end: number): string => {
      let out = '';
      let p = 0;
      for (const sub of subs) {
        out += s.slice(p, sub.pos) + sub.to;
        p = sub.pos + sub.len;
      }
      return out + s.slice(p, end);
    };

    const slack = common.size > 0 ? bonus : 0;
    const dfs = (pos: number, range: PrefixRange, partLen: number, cost: number): void => {
      const floor = cost + partLens.length * penalty;
      if (floor - slack > bestScore || floor > maxScore) return;
      const roles = partLen > 0 ? lexicon.rolesAt(range) : 0;
      if (pos === n) {
        if (partLen > 0 && roles !== 0) accept(cost, roles, partLen, n);
        return;
      }
      // Keep the character.
      const next = lexicon.step(range, s.charCodeAt(pos));
      if (next) dfs(pos + 1, next, partLen + 1, cost);
      // Substitute.
      if (subs.length < limits.maxSubs) {
        const rules = byFirst.get(s[pos]!);
        if (rules) {
          for (const rule of rules) {
            const c2 = cost + rule.cost;
            if (c2 > limits.maxCost || c2 + partLens.length * penalty - slack > bestScore) continue;
            if (rule.from.length > 1 && !s.startsWith(rule.from, pos)) continue;
            if (rule.upperOnly || rule.lowerOnly) {
              const o = orig.slice(pos, pos + rule.from.length);
              if (rule.upperOnly ? o === o.toLowerCase() : o !== o.toLowerCase()) continue;
            }
            const nx = lexicon.step(range, rule.to.charCodeAt(0));
            if (!nx) continue;
            subs.push({ pos, len: rule.from.length, to: rule.to, rule });
            dfs(pos + rule.from.length, nx, partLen + 1, c2);
            subs.pop();
          }
        }
      }
      // Close the current part and start the next one of a compound.
      if (partLen >= 2 && partLens.length + 1 < partMax) {
        const want = partLens.length === 0 ? ROLE_BEGIN : ROLE_MIDDLE;
        if (roles & want) {
          partLens.push(partLen);
          partEnds.push(pos);
          dfs(pos, root, 0, cost);
          partLens.pop();
          partEnds.pop();
        }
      }
    };

    dfs(0, root, 0, 0);
    return best;
  };

  /** Restore the case of a substituted letter. */
  const caseFor = (orig: string, pattern: CasePattern, pos: number, len: number, to: string, rule: Confusion): string => {
    if (pattern === 'upper') return to.toUpperCase();
    if (rule.alwaysLower) return to;
    const src = orig.slice(pos, pos + len);
    if (pos === 0 && (pattern === 'capitalized' || pattern === 'mixed')) {
      const first = src[0]!;
      if (first === '@' || first === '|' || first !== first.toLowerCase()) return to.toUpperCase();
    }
    return to;
  };

  const applySubs = (orig: string, subs: AppliedSub[]): string => {
    let out = '';
    let p = 0;
    for (const sub of subs) {
      out += orig.slice(p, sub.pos) + sub.to;
      p = sub.pos + sub.len;
    }
    return out + orig.slice(p);
  };

  /** Phonotactic fallback for unknown names: "g"s Danish cannot have. */
  const impossibleG = (s: string): number[] => {
    const out: number[] = [];
    const n = s.length;
    for (let i = 0; i < n; i++) {
      if (s[i] !== 'g') continue;
      const next = s[i + 1] ?? '';
      const prev = s[i - 1] ?? '';
      if (i === 0) {
        // "gs-", "gk-", "gv-" … cannot open a Danish word; "gl-", "gr-", "gn-", "gj-" can.
        if (next !== '' && isConsonant(next) && !'lrnj'.includes(next)) out.push(i);
        continue;
      }
      let vowelBefore = false;
      for (let k = 0; k < i; k++) if (isVowel(s[k]!)) vowelBefore = true;
      if (!vowelBefore && next !== '' && isConsonant(next)) {
        // "jgn-", "brgn-", "bjgrn": an onset cluster running into g + consonant.
        out.push(i);
        continue;
      }
      if (i === n - 1 && vowelBefore && isConsonant(prev) && !'nrlg'.includes(prev)) {
        // Final "-sg", "-tg", "-kg" … (as in a damaged "-sø").
        out.push(i);
      }
    }
    return out;
  };

  /**
   * @param context 'suspended': the token stands before a hyphen and a
   *   space, as the first half of a suspended compound ("børne- og
   *   ungeområdet"), so a form that only begins compounds counts as a word;
   *   'place': the token stands before "Kommune", so a municipality (proper
   *   name) reading is preferred.
   */
  const analyze = (token: string, context: TokenContext = 'plain'): Analysis => {
    if (context === 'place') {
      // Before "Kommune" only a municipality makes sense, even where the token
      // happens to be another place ("Branderslev" for "Brønderslev").
      const municipality = municipalityReading(token);
      if (municipality) return municipality;
      const place = analyzeWith(token, false, true);
      if (place.known || place.repaired) return place;
    }
    return analyzeWith(token, context === 'suspended', false);
  };

  const municipalityReading = (token: string): Analysis | null => {
    let best: { cost: number; subs: AppliedSub[]; name: string } | null = null;
    for (const name of municipalityNames) {
      const found = alignByConfusions(token, name, confusions);
      if (found && found.cost <= maxCost && (!best || found.cost < best.cost)) best = { ...found, name };
    }
    if (!best) return null;
    if (best.cost === 0) return { known: true, repaired: null, subs: [], cost: 0, parts: [token], method: null };
    return { known: false, repaired: applySubs(token, best.subs), subs: best.subs, cost: best.cost, parts: [best.name], method: 'word' };
  };

  const analyzeWith = (token: string, beginOnly: boolean, properOnly: boolean): Analysis => {
    const none: Analysis = { known: false, repaired: null, subs: [], cost: 0, parts: [], method: null };
    const known: Analysis = { known: true, repaired: null, subs: [], cost: 0, parts: [token], method: null };
    const lower = token.toLowerCase();
    if (lower.length !== token.length || lower.length > MAX_TOKEN_LENGTH) return none;
    const pattern = casePattern(token);
    const roles = lexicon.roles(lower);
    if (roles & (ROLE_WORD | ROLE_PROPER)) return known;
    if (beginOnly && roles & ROLE_BEGIN) return known;
    if (!LETTER_RE.test(token)) return none;
    // "R&D", "B&O": an ampersand between capitals is an ampersand.
    if (pattern === 'upper' && token.includes('&')) return none;
    const acronym = pattern === 'upper' && token.length <= maxAcronym;

    const weak = (roles & ROLE_WEAK) !== 0;
    const len = token.length;
    const limits: SearchLimits = {
      maxSubs: weak || len <= 2 ? 1 : maxSubs,
      maxCost: weak || len <= 2 ? 1.3 : maxCost,
      allowCompound: !weak && len > 3,
      allowProper: len > 2,
      properPenalty: pattern === 'lower' ? 0.5 : 0,
      // Short fragments ("get", "reg") too easily become some rare word,
      // and short acronyms should only become a frequent word.
      plainAbove: acronym ? 0 : len <= 3 ? 1.2 : undefined,
      beginOnly,
      properOnly,
    };
    let found = search(lower, token, limits);
    if (found && found.subs.length === 0 && shortestPart(found.partEnds) < 3) {
      // A compound with a two-letter part ("ud" + "fere") is a weak reading: a whole
      // word one cheap confusion away ("udføre") is the likelier one.
      const whole = search(lower, token, { ...limits, allowCompound: false, maxCost: 1.5 });
      if (whole && whole.subs.length > 0) found = whole;
    }
    if (found && found.subs.length === 0) {
      const parts = splitParts(token, [], found.partEnds);
      return { ...known, parts };
    }
    if ((weak || acronym) && !found) return known;
    if (found) {
      const subs: AppliedSub[] = found.subs.map((s) => ({
        pos: s.pos,
        len: s.len,
        to: caseFor(token, pattern, s.pos, s.len, s.to, s.rule),
      }));
      const parts = splitParts(token, subs, found.partEnds);
      return {
        known: false,
        repaired: applySubs(token, subs),
        subs,
        cost: found.cost,
        parts,
        method: parts.length > 1 ? 'compound' : 'word',
      };
    }
    if (phonotactic && pattern !== 'lower' && pattern !== 'upper') {
      const subs: AppliedSub[] = [];
      if (lower[0] === '@' && /^@\p{Ll}+$/u.test(token)) subs.push({ pos: 0, len: 1, to: 'Ø' });
      else {
        for (const i of impossibleG(lower)) subs.push({ pos: i, len: 1, to: i === 0 ? 'Ø' : 'ø' });
      }
      if (subs.length > 0) {
        const repaired = applySubs(token, subs);
        return { known: false, repaired, subs, cost: subs.length, parts: [repaired], method: 'phonotactic' };
      }
    }
    return none;
  };

  /** The output spelling of each compound part. */
  const splitParts = (token: string, subs: AppliedSub[], partEnds: number[]): string[] => {
    const parts: string[] = [];
    let start = 0;
    for (const end of partEnds) {
      const own = subs.filter((x) => x.pos >= start && x.pos < end).map((x) => ({ ...x, pos: x.pos - start }));
      parts.push(applySubs(token.slice(start, end), own));
      start = end;
    }
    return parts;
  };

  const explainWord = (token: string): WordExplanation => {
    const a = analyze(token);
    return { known: a.known, repaired: a.repaired, cost: a.cost, parts: a.parts, method: a.method };
  };

  const repairWord = (token: string): string | null => analyze(token).repaired;

  interface Token {
    start: number;
    end: number;
    text: string;
  }

  /** Whether a token is a candidate for repair at all (letters, at most an OCR digit). */
  const eligible = (tok: string): boolean => {
    let digits = 0;
    let asciiLetter = false;
    for (let i = 0; i < tok.length; i++) {
      const c = tok.charCodeAt(i);
      if (c >= 48 && c <= 57) {
        if (c !== 52) return false; // only "4" stands for "å"
        digits++;
      } else if (((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a && c < 0x80)) asciiLetter = true;
    }
    // An ASCII letter is a letter; otherwise the Unicode property decides.
    return digits <= 1 && (asciiLetter || LETTER_RE.test(tok));
  };

  /** `TOKEN_CHAR_RE` on one UTF-16 unit (a lone surrogate is none), remembered per unit. */
  const tokenUnits = new Int8Array(0x10000).fill(-1);
  const isTokenUnit = (code: number): boolean => {
    let known = tokenUnits[code]!;
    if (known < 0) known = tokenUnits[code] = TOKEN_CHAR_RE.test(String.fromCharCode(code)) ? 1 : 0;
    return known === 1;
  };

  /** Tokens: runs of letters, marks, digits and the OCR symbols @ & |. ASCII is decided on char codes. */
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

  const CASE_LINE_RE = /[A-ZÆØÅ]{2,6}-\d{2,4}-\d+(?:[ \t]+\p{Ll}{2,6})*[ \t]+$/u;

  const protectedToken = (text: string, tok: Token): boolean => {
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
      if (/\S@\S+\.\S/.test(chunk) || /https?:|www\./i.test(chunk)) return true;
    }
    return false;
  };

  /** "|" standing for "I" at the start of a line, before a word. */
  const isLineInitialBar = (text: string, tok: Token): boolean => {
    if (tok.text !== '|') return false;
    const lineStart = text.lastIndexOf('\n', tok.start - 1) + 1;
    if (text.slice(lineStart, tok.start).trim() !== '') return false;
    return /^[ \t]+\p{L}/u.test(text.slice(tok.end, tok.end + 3));
  };

  const HYPHEN_BREAK_RE = /^-[ \t]*\r?\n[\s]*$/;
  const HYPHEN_INLINE = '-';
  /** "børne- og", "social-, sundheds- og": the first half of a suspended compound. */
  const SUSPENDED_RE = /^-,?[ \t]/;
  const PLACE_NOUN_RE = /^Kommune(?:s|r|rs)?$/;

  const contextOf = (gap: string, next: Token | undefined): TokenContext => {
    // Most gaps are one space before a word that is not "Kommune": decided on the first characters.
    const g = gap.charCodeAt(0);
    if (g === 45 && SUSPENDED_RE.test(gap)) return 'suspended';
    if (next && next.text.charCodeAt(0) === 75 && (g === 32 || g === 9) && /^[ \t]+$/.test(gap) && PLACE_NOUN_RE.test(next.text)) return 'place';
    return 'plain';
  };

  /** The text between two tokens, without allocating for the usual single space. */
  const gapBetween = (text: string, tok: Token, next: Token | undefined): string => {
    if (!next) return '';
    if (next.start === tok.end + 1 && text.charCodeAt(tok.end) === 32) return ' ';
    return text.slice(tok.end, next.start);
  };

  /** The cheapest single confusion turning a rare word into a frequent one. */
  const frequentNeighbour = (token: string): AppliedSub | null => {
    const lower = token.toLowerCase();
    if (lower.length !== token.length || lower.length < 3 || common.has(lower)) return null;
    const pattern = casePattern(token);
    let best: AppliedSub | null = null;
    let bestCost = Infinity;
    for (let pos = 0; pos < lower.length; pos++) {
      for (const rule of byFirst.get(lower[pos]!) ?? []) {
        if (rule.cost >= bestCost || !lower.startsWith(rule.from, pos)) continue;
        const o = token.slice(pos, pos + rule.from.length);
        if (rule.upperOnly && o === o.toLowerCase()) continue;
        if (rule.lowerOnly && o !== o.toLowerCase()) continue;
        const cand = lower.slice(0, pos) + rule.to + lower.slice(pos + rule.from.length);
        if (!common.has(cand) || !(lexicon.roles(cand) & ROLE_WORD)) continue;
        bestCost = rule.cost;
        best = { pos, len: rule.from.length, to: caseFor(token, pattern, pos, rule.from.length, rule.to, rule) };
      }
    }
    return best;
  };

  // Analyses are pure functions of token and context, and the words of minutes recur
  // from document to document: keep them for the repairer's life, up to a bound.
  const cache = new Map<string, Analysis>();
  const CACHE_LIMIT = 200_000;
  const cachedAnalyze = (tok: string, context: TokenContext = 'plain'): Analysis => {
    const key = context === 'plain' ? tok : context + ':' + tok;
    let a = cache.get(key);
    if (!a) {
      a = analyze(tok, context);
      if (cache.size >= CACHE_LIMIT) cache.clear();
      cache.set(key, a);
    }
    return a;
  };

  const repairText = (text: string): RepairTextResult => {
    const tokens = tokenize(text);
    const edits: RepairEdit[] = [];
    const realWords: Token[] = [];
    const analyzeMemo = cachedAnalyze;
    const pushEdit = (tok: Token, subs: AppliedSub[], offset: number): void => {
      const own = subs
        .filter((s) => s.pos >= offset && s.pos + s.len <= offset + tok.text.length)
        .map((s) => ({ ...s, pos: s.pos - offset }));
      if (own.length === 0) return;
      const to = applySubs(tok.text, own);
      if (to !== tok.text) edits.push({ start: tok.start, end: tok.end, from: tok.text, to });
    };
    /** `pushEdit(tok, a.subs, 0)` for the token's own analysis: its substitutions all lie in it, so the result is `a.repaired`. */
    const pushRepair = (tok: Token, a: Analysis): void => {
      if (a.subs.length > 0 && a.repaired !== null && a.repaired !== tok.text) edits.push({ start: tok.start, end: tok.end, from: tok.text, to: a.repaired });
    };

    for (let i = 0; i < tokens.length; i++) {
      const tok = tokens[i]!;
      if (isLineInitialBar(text, tok)) {
        edits.push({ start: tok.start, end: tok.end, from: '|', to: 'I' });
        continue;
      }
      // No Danish word or code starts with "@": it is a misread "Ø" ("@A25" → "ØA25").
      if (tok.text.charCodeAt(0) === 64 && /^@[\p{Lu}\p{N}]/u.test(tok.text) && !protectedToken(text, tok)) {
        edits.push({ start: tok.start, end: tok.end, from: tok.text, to: `Ø${tok.text.slice(1)}` });
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
            pushEdit(tok, a.subs, 0);
            pushEdit(nextTok, a.subs, tok.text.length);
            i++;
            continue;
          }
        }
      }
      const a = analyzeMemo(tok.text, contextOf(gap, nextTok));
      if (a.repaired) {
        if (!protectedToken(text, tok)) pushRepair(tok, a);
      } else if (realWordRepair && a.known && a.parts.length === 1 && !protectedToken(text, tok)) {
        realWords.push(tok);
      }
    }

    if (realWordRepair && realWords.length > 0 && (edits.length > 0 || realWordRepair === 'always')) {
      // Lines that needed a repair are damaged; their rare words are suspect.
      const damagedLines = new Set<number>();
      for (const e of edits) damagedLines.add(text.lastIndexOf('\n', e.start - 1));
      let added = false;
      for (const tok of realWords) {
        if (realWordRepair !== 'always' && !damagedLines.has(text.lastIndexOf('\n', tok.start - 1))) continue;
        const sub = frequentNeighbour(tok.text);
        if (sub) {
          pushEdit(tok, [sub], 0);
          added = true;
        }
      }
      if (added) edits.sort((x, y) => x.start - y.start);
    }

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

  const damageScore = (text: string): number => {
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
    return total === 0 ? 0 : damaged / total;
  };

  return { repairWord, explainWord, repairText, damageScore };
}

/** Length of the shortest part, given where the parts end. */
function shortestPart(partEnds: readonly number[]): number {
  let start = 0;
  let min = Infinity;
  for (const end of partEnds) {
    min = Math.min(min, end - start);
    start = end;
  }
  return min;
}

/**
 * The cheapest way to read `token` as `target` letter by letter, where letters
 * either match (ignoring case) or stand for a target letter by one of the
 * confusions. Null when no such reading exists.
 */
export function alignByConfusions(
  token: string,
  target: string,
  confusions: readonly Readonly<Confusion>[],
): { cost: number; subs: AppliedSub[] } | null {
  const a = token.toLowerCase();
  const b = target.toLowerCase();
  if (a.length !== token.length || Math.abs(a.length - b.length) > 3) return null;
  const n = a.length;
  const m = b.length;
  const cost: number[] = new Array((n + 1) * (m + 1)).fill(Infinity);
  const back: ({ i: number; j: number; sub: AppliedSub | null } | null)[] = new Array((n + 1) * (m + 1)).fill(null);
  const at = (i: number, j: number) => i * (m + 1) + j;
  cost[at(0, 0)] = 0;
  for (let i = 0; i <= n; i++) {
    for (let j = 0; j <= m; j++) {
      const c = cost[at(i, j)]!;
      if (c === Infinity || i === n || j === m) continue;
      if (a[i] === b[j] && c < cost[at(i + 1, j + 1)]!) {
        cost[at(i + 1, j + 1)] = c;
        back[at(i + 1, j + 1)] = { i, j, sub: null };
      }
      for (const rule of confusions) {
        if (b[j] !== rule.to || !a.startsWith(rule.from, i)) continue;
        const next = at(i + rule.from.length, j + 1);
        if (c + rule.cost < cost[next]!) {
          cost[next] = c + rule.cost;
          const upper = target[j] !== b[j];
          back[next] = { i, j, sub: { pos: i, len: rule.from.length, to: upper ? rule.to.toUpperCase() : rule.to } };
        }
      }
    }
  }
  const total = cost[at(n, m)]!;
  if (total === Infinity) return null;
  const subs: AppliedSub[] = [];
  for (let k = at(n, m); back[k]; ) {
    const step = back[k]!;
    if (step.sub) subs.unshift(step.sub);
    k = at(step.i, step.j);
  }
  return { cost: total, subs };
}
