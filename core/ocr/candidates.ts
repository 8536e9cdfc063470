/**
 * The candidate search of the OCR repair: how a single token (a word, maybe
 * damaged) is best read.
 *
 * A token that is not a word is repaired by searching, with the lexicon
 * walked like a trie, for the cheapest set of confusions (at most three) that
 * turns it into a word or into a valid compound of lexicon parts (Danish writes
 * compounds as one word). Cheaper substitutions, fewer substitutions and whole
 * words are preferred over compounds. Proper names missing from the lexicon get
 * a phonotactic fallback: a "g" in a position where Danish cannot have one
 * (after a word-initial consonant cluster, as in "Jgnsson") becomes "ø".
 *
 * Pure: all state lives in the closure `createCandidateSearch` returns (and in
 * per-call memo tables).
 */

import type { Lexicon, PrefixRange } from './lexicon.ts';
import { MUNICIPALITIES } from './domain-words.ts';
import { ROLE_BEGIN, ROLE_END, ROLE_MIDDLE, ROLE_PROPER, ROLE_WEAK, ROLE_WORD } from './roles.ts';
import { alignByConfusions, applySubs, caseFor, casePattern, type AppliedSub, type Confusion } from './confusions.ts';
import { LETTER_RE, type TokenContext } from './tokenize.ts';

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

/** A token's reading, with the substitutions that make it (in token coordinates). */
export interface Analysis extends WordExplanation {
  subs: AppliedSub[];
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

/** Longer tokens are not analysed (no Danish word, compound or not, is that long in minutes). */
const MAX_TOKEN_LENGTH = 60;

const VOWELS = 'aeiouyæøåéèáàäöü';

function isVowel(ch: string): boolean {
  return VOWELS.includes(ch);
}

function isConsonant(ch: string): boolean {
  return ch >= 'a' && ch <= 'z' && !isVowel(ch);
}

/** The search's bounds and preferences, with `RepairOptions`' defaults resolved (repair.ts documents each). */
export interface CandidateSettings {
  maxSubs: number;
  maxCost: number;
  /** Score added per compound boundary. */
  penalty: number;
  maxScore: number;
  /** Frequent words (any case). */
  commonWords: Iterable<string>;
  /** Score taken off a repair into a frequent word. */
  bonus: number;
  maxParts: number;
  minRepairedPart: number;
  maxCompoundRule: number;
  confusions: readonly Confusion[];
  phonotactic: boolean;
  maxAcronym: number;
}

/** The candidate search over `lexicon`: a token's analysis, and a rare word's frequent neighbour. */
export function createCandidateSearch(lexicon: Lexicon, settings: CandidateSettings): {
  /** How `token` reads where it stands (`context`). */
  analyze(token: string, context?: TokenContext): Analysis;
  /** The cheapest single confusion turning a rare word into a frequent one (its case restored), or null. */
  frequentNeighbour(token: string): AppliedSub | null;
} {
  const { maxSubs, maxCost, penalty, maxParts, minRepairedPart, maxCompoundRule, confusions, phonotactic, maxAcronym, maxScore, bonus } = settings;
  const shortPartPenalty = 0.3;
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
  for (const w of settings.commonWords) common.add(w.toLowerCase());

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

  return { analyze, frequentNeighbour };
}

/** Phonotactic fallback for unknown names: "g"s Danish cannot have. */
function impossibleG(s: string): number[] {
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
