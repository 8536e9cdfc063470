/**
 * A small, pure hunspell reader: parses the affix rules of an `.aff` file and
 * expands the stems of a `.dic` file into every word form they license,
 * recording which forms may stand alone and which may begin, continue or end a
 * compound.
 *
 * Supported: FLAG (char / long / num / UTF-8), PFX and SFX classes with strip,
 * append, continuation flags and conditions, cross products, two-fold suffixes
 * (a suffix whose continuation class names further suffixes), prefixes named in
 * a suffix's continuation class, NEEDAFFIX, FORBIDDENWORD, ONLYINCOMPOUND,
 * NOSUGGEST, COMPOUNDFLAG / COMPOUNDBEGIN / COMPOUNDMIDDLE / COMPOUNDEND,
 * COMPOUNDPERMITFLAG, COMPOUNDMIN (recorded) and AF flag aliases.
 * Morphological fields (and AM aliases) are ignored; entries containing a
 * space are skipped, and forms are kept only when they consist of Latin-1
 * letters, optionally with one final "." (abbreviations such as "vedr.").
 *
 * No I/O: callers pass the file contents as strings.
 */

import { ROLE_BEGIN, ROLE_END, ROLE_MIDDLE, ROLE_PROPER, ROLE_WEAK, ROLE_WORD } from './roles.ts';

export type FlagMode = 'char' | 'long' | 'num' | 'utf8';

/** One condition position: a set of characters, possibly negated ("." = any). */
export interface CondPart {
  any: boolean;
  neg: boolean;
  chars: string;
}

export interface AffixRule {
  strip: string;
  add: string;
  /** Continuation flags of the affixed form. */
  cont: readonly number[];
  cond: readonly CondPart[];
}

export interface AffixClass {
  kind: 'PFX' | 'SFX';
  flag: number;
  cross: boolean;
  rules: AffixRule[];
}

export interface AffixData {
  flagMode: FlagMode;
  prefixes: Map<number, AffixClass>;
  suffixes: Map<number, AffixClass>;
  needAffix: number;
  forbidden: number;
  onlyInCompound: number;
  noSuggest: number;
  compoundFlag: number;
  compoundBegin: number;
  compoundMiddle: number;
  compoundEnd: number;
  compoundPermit: number;
  compoundMin: number;
  /** AF alias table (index 1-based), empty when unused. */
  flagAliases: number[][];
}

const NO_FLAG = -1;

export function parseFlags(text: string, mode: FlagMode): number[] {
  if (text === '') return [];
  switch (mode) {
    case 'num': {
      const out: number[] = [];
      for (const part of text.split(',')) {
        const n = Number.parseInt(part, 10);
        if (Number.isFinite(n)) out.push(n);
      }
      return out;
    }
    case 'long': {
      const out: number[] = [];
      for (let i = 0; i + 1 < text.length; i += 2) out.push(text.charCodeAt(i) * 65536 + text.charCodeAt(i + 1));
      return out;
    }
    case 'utf8':
      return Array.from(text, (ch) => ch.codePointAt(0) ?? 0);
    default: {
      const out: number[] = [];
      for (let i = 0; i < text.length; i++) out.push(text.charCodeAt(i));
      return out;
    }
  }
}

function parseFlag(text: string | undefined, mode: FlagMode): number {
  if (text === undefined) return NO_FLAG;
  return parseFlags(text, mode)[0] ?? NO_FLAG;
}

function parseCondition(cond: string): CondPart[] {
  if (cond === '.' || cond === '') return [];
  const parts: CondPart[] = [];
  for (let i = 0; i < cond.length; i++) {
    const ch = cond[i]!;
    if (ch === '[') {
      const close = cond.indexOf(']', i + 1);
      const end = close < 0 ? cond.length : close;
      let body = cond.slice(i + 1, end);
      let neg = false;
      if (body.startsWith('^')) {
        neg = true;
        body = body.slice(1);
      }
      parts.push({ any: false, neg, chars: body });
      i = end;
    } else if (ch === '.') {
      parts.push({ any: true, neg: false, chars: '' });
    } else {
      parts.push({ any: false, neg: false, chars: ch });
    }
  }
  return parts;
}

function partMatches(part: CondPart, ch: string): boolean {
  if (part.any) return true;
  const found = part.chars.includes(ch);
  return part.neg ? !found : found;
}

function suffixCondition(rule: AffixRule, word: string): boolean {
  const n = rule.cond.length;
  if (word.length <= rule.strip.length || word.length < n) return false;
  if (rule.strip !== '' && !word.endsWith(rule.strip)) return false;
  const off = word.length - n;
  for (let i = 0; i < n; i++) if (!partMatches(rule.cond[i]!, word[off + i]!)) return false;
  return true;
}

function prefixCondition(rule: AffixRule, word: string): boolean {
  const n = rule.cond.length;
  if (word.length <= rule.strip.length || word.length < n) return false;
  if (rule.strip !== '' && !word.startsWith(rule.strip)) return false;
  for (let i = 0; i < n; i++) if (!partMatches(rule.cond[i]!, word[i]!)) return false;
  return true;
}

/** Parse the contents of a hunspell `.aff` file. */
export function parseAff(text: string): AffixData {
  const lines = text.split(/\r?\n/);
  let flagMode: FlagMode = 'char';
  // FLAG must be known before any flag is parsed; it conventionally comes early.
  for (const line of lines) {
    const m = /^FLAG\s+(\S+)/.exec(line);
    if (m) {
      const v = m[1]!.toLowerCase();
      flagMode = v === 'num' ? 'num' : v === 'long' ? 'long' : v === 'utf-8' ? 'utf8' : 'char';
      break;
    }
  }
  const data: AffixData = {
    flagMode,
    prefixes: new Map(),
    suffixes: new Map(),
    needAffix: NO_FLAG,
    forbidden: NO_FLAG,
    onlyInCompound: NO_FLAG,
    noSuggest: NO_FLAG,
    compoundFlag: NO_FLAG,
    compoundBegin: NO_FLAG,
    compoundMiddle: NO_FLAG,
    compoundEnd: NO_FLAG,
    compoundPermit: NO_FLAG,
    compoundMin: 3,
    flagAliases: [],
  };
  const flagsOf = (s: string): number[] => {
    if (data.flagAliases.length > 0 && /^\d+$/.test(s)) return data.flagAliases[Number(s) - 1] ?? [];
    return parseFlags(s, flagMode);
  };
  for (let li = 0; li < lines.length; li++) {
    const line = lines[li]!;
    if (line === '' || line.startsWith('#')) continue;
    const f = line.split(/\s+/);
    const key = f[0];
    switch (key) {
      case 'NEEDAFFIX':
      case 'PSEUDOROOT':
        data.needAffix = parseFlag(f[1], flagMode);
        break;
      case 'FORBIDDENWORD':
        data.forbidden = parseFlag(f[1], flagMode);
        break;
      case 'ONLYINCOMPOUND':
        data.onlyInCompound = parseFlag(f[1], flagMode);
        break;
      case 'NOSUGGEST':
        data.noSuggest = parseFlag(f[1], flagMode);
        break;
      case 'COMPOUNDFLAG':
        data.compoundFlag = parseFlag(f[1], flagMode);
        break;
      case 'COMPOUNDBEGIN':
        data.compoundBegin = parseFlag(f[1], flagMode);
        break;
      case 'COMPOUNDMIDDLE':
        data.compoundMiddle = parseFlag(f[1], flagMode);
        break;
      case 'COMPOUNDEND':
      case 'COMPOUNDLAST':
        data.compoundEnd = parseFlag(f[1], flagMode);
        break;
      case 'COMPOUNDPERMITFLAG':
        data.compoundPermit = parseFlag(f[1], flagMode);
        break;
      case 'COMPOUNDMIN': {
        const n = Number.parseInt(f[1] ?? '', 10);
        if (Number.isFinite(n)) data.compoundMin = Math.max(1, n);
        break;
      }
      case 'AF': {
        // "AF n" header followed by n alias lines "AF flags".
        const count = Number.parseInt(f[1] ?? '', 10);
        if (Number.isFinite(count) && data.flagAliases.length === 0 && f.length === 2) {
          for (let k = 0; k < count && li + 1 < lines.length; k++) {
            li++;
            const g = lines[li]!.split(/\s+/);
            data.flagAliases.push(parseFlags(g[1] ?? '', flagMode));
          }
        }
        break;
      }
      case 'PFX':
      case 'SFX': {
        if (f.length < 4) break;
        const flag = parseFlag(f[1], flagMode);
        const map = key === 'PFX' ? data.prefixes : data.suffixes;
        const existing = map.get(flag);
        if (!existing && (f[2] === 'Y' || f[2] === 'N') && f.length <= 5 && /^\d+$/.test(f[3] ?? '')) {
          map.set(flag, { kind: key, flag, cross: f[2] === 'Y', rules: [] });
          break;
        }
        if (!existing) break;
        const strip = f[2] === '0' ? '' : (f[2] ?? '');
        const addField = f[3] ?? '';
        const slash = addField.indexOf('/');
        let add = slash >= 0 ? addField.slice(0, slash) : addField;
        if (add === '0') add = '';
        const cont = slash >= 0 ? flagsOf(addField.slice(slash + 1)) : [];
        const condText = f[4] ?? '.';
        existing.rules.push({ strip, add, cont, cond: parseCondition(condText) });
        break;
      }
      default:
        break;
    }
  }
  return data;
}

export interface ExpandOptions {
  /** Forms longer than this (UTF-16 units) are dropped. Default 30. */
  maxLength?: number;
  /** Keep forms containing characters other than letters (hyphen, apostrophe, dot). Default false. */
  keepNonLetters?: boolean;
}

/** Expanded forms, keyed by lower-cased form, valued by ROLE_* bits. */
export type FormTable = Map<string, number>;

/**
 * Letters only (Latin-1), optionally ending in one "." (abbreviations such as
 * "vedr." and "flg." are kept so that an abbreviation is not "repaired").
 */
function isLetterForm(s: string): boolean {
  const n = s.length > 1 && s.charCodeAt(s.length - 1) === 46 ? s.length - 1 : s.length;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 97 && c <= 122) continue;
    if (c >= 65 && c <= 90) continue;
    // Latin-1 letters only: keeps the serialized lexicon a one-byte string.
    if (c >= 0xc0 && c <= 0xff && c !== 0xd7 && c !== 0xf7) continue;
    return false;
  }
  return s.length > 0;
}

/** Split one `.dic` line into its word and flag text, or null for a blank line. */
export function splitDicLine(line: string): { word: string; flags: string } | null {
  if (line === '') return null;
  // Morphological fields follow a tab, or a space before "xx:".
  let end = line.indexOf('\t');
  if (end < 0) end = line.length;
  const sp = line.indexOf(' ');
  if (sp >= 0 && sp < end) {
    const morph = /\s[a-z][a-z]:/.exec(line);
    if (morph && morph.index < end) end = morph.index;
  }
  let entry = end === line.length ? line : line.slice(0, end).trimEnd();
  if (entry === '') return null;
  // A slash escaped as "\/" belongs to the word.
  let slash = -1;
  for (let i = entry.length - 1; i > 0; i--) {
    if (entry[i] === '/' && entry[i - 1] !== '\\') {
      slash = i;
      break;
    }
  }
  let flags = '';
  if (slash > 0) {
    flags = entry.slice(slash + 1);
    entry = entry.slice(0, slash);
  }
  return { word: entry.includes('\\/') ? entry.replace(/\\\//g, '/') : entry, flags };
}

/**
 * Role of a standalone form that is not all lower case: a capitalized name of
 * three or more letters is a proper name; acronyms, units and mixed case
 * ("PD", "pA", "Pa") are weak.
 */
function caseRole(form: string, lower: string): number {
  if (form.length < 3) return ROLE_WEAK;
  const first = form[0]!;
  if (first === lower[0] || form.slice(1) !== lower.slice(1)) return ROLE_WEAK;
  return ROLE_PROPER;
}

// Bits summarising what a flag list says about compounding.
const M_ONLY = 1;
const M_BEGIN = 2;
const M_MIDDLE = 4;
const M_END = 8;
const M_ANY = 16;
const M_PERMIT = 32;
const M_NEED = 64;
const M_WEAK = 128;
const M_FORBIDDEN = 256;

function maskOf(aff: AffixData, flags: readonly number[]): number {
  let m = 0;
  for (const f of flags) {
    if (f === aff.onlyInCompound) m |= M_ONLY;
    if (f === aff.compoundBegin) m |= M_BEGIN;
    if (f === aff.compoundMiddle) m |= M_MIDDLE;
    if (f === aff.compoundEnd) m |= M_END;
    if (f === aff.compoundFlag) m |= M_ANY;
    if (f === aff.compoundPermit) m |= M_PERMIT;
    if (f === aff.needAffix) m |= M_NEED;
    if (f === aff.noSuggest) m |= M_WEAK;
    if (f === aff.forbidden) m |= M_FORBIDDEN;
  }
  return m;
}

interface CompiledRule {
  strip: string;
  add: string;
  cont: readonly number[];
  cond: readonly CondPart[];
  mask: number;
  /** The appended text is lower-case letters only. */
  plain: boolean;
}

interface CompiledClass {
  cross: boolean;
  rules: CompiledRule[];
}

/**
 * Expand `.dic` text (first line: the entry count, as hunspell writes it) into
 * the table of all word forms. `extraLines` are additional `.dic`-syntax
 * entries (same flag numbering) expanded alongside.
 */
export function expandDictionary(
  aff: AffixData,
  dicText: string,
  options: ExpandOptions = {},
  extraLines: readonly string[] = [],
): FormTable {
  const maxLength = options.maxLength ?? 30;
  const keepNonLetters = options.keepNonLetters ?? false;
  const out: FormTable = new Map();
  const forbidden = new Set<string>();

  const compile = (cls: AffixClass): CompiledClass => ({
    cross: cls.cross,
    rules: cls.rules.map((r) => ({
      ...r,
      mask: maskOf(aff, r.cont),
      plain: r.add === '' || (isLetterForm(r.add) && !r.add.includes('.') && r.add === r.add.toLowerCase()),
    })),
  });
  const prefixes = new Map<number, CompiledClass>();
  for (const [k, v] of aff.prefixes) prefixes.set(k, compile(v));
  const suffixes = new Map<number, CompiledClass>();
  for (const [k, v] of aff.suffixes) suffixes.set(k, compile(v));

  // Per-entry state, set by expandEntry: whether the stem is all lower case
  // letters (then suffixed forms need neither a letter check nor lower-casing).
  let plainStem = false;
  /**
   * Record a form.
   * @param outerMask mask of the flags of the outermost element (stem when no affix)
   * @param union mask of all flags involved
   * @param plain the form is known to be lower-case letters
   */
  const emit = (
    form: string,
    outerMask: number,
    union: number,
    sfxPermit: boolean,
    pfxPermit: boolean,
    plain = false,
  ): void => {
    if (form.length === 0 || form.length > maxLength) return;
    let lower = form;
    if (!plain) {
      if (!keepNonLetters && !isLetterForm(form)) return;
      lower = form.toLowerCase();
    }
    if (union & M_FORBIDDEN) {
      forbidden.add(lower);
      return;
    }
    // A form that needs a further affix is no form at all, not even in compounds.
    if (outerMask & M_NEED) return;
    let roles = 0;
    if (!(union & M_ONLY)) {
      if (union & M_WEAK) roles |= ROLE_WEAK;
      else if (plain || lower === form) roles |= ROLE_WORD;
      else roles |= caseRole(form, lower);
    }
    const anyCompound = (union & M_ANY) !== 0;
    if (sfxPermit && (anyCompound || union & M_BEGIN)) roles |= ROLE_BEGIN;
    if (sfxPermit && pfxPermit && (anyCompound || union & M_MIDDLE)) roles |= ROLE_MIDDLE;
    if (pfxPermit && (anyCompound || union & M_END)) roles |= ROLE_END;
    if (roles === 0) return;
    const prev = out.get(lower);
    out.set(lower, prev === undefined ? roles : prev | roles);
  };

  const applyPrefixes = (
    word: string,
    flagSources: readonly (readonly number[])[],
    union: number,
    sfxPermit: boolean,
    requireCross: boolean,
    hasSuffix: boolean,
  ): void => {
    let seen: number[] | null = null;
    for (const src of flagSources) {
      for (const pf of src) {
        const cls = prefixes.get(pf);
        if (!cls || (requireCross && !cls.cross)) continue;
        if (seen) {
          if (seen.includes(pf)) continue;
          seen.push(pf);
        } else seen = [pf];
        for (const rule of cls.rules) {
          if (!prefixCondition(rule, word)) continue;
          const w = rule.add + word.slice(rule.strip.length);
          const u = union | rule.mask;
          const permit = (rule.mask & M_PERMIT) !== 0;
          emit(w, rule.mask, u, sfxPermit, permit);
          // A prefix may carry suffix flags of its own (cross product).
          if (!hasSuffix && cls.cross) {
            for (const sf of rule.cont) {
              const scls = suffixes.get(sf);
              if (!scls || !scls.cross) continue;
              for (const srule of scls.rules) {
                if (!suffixCondition(srule, w)) continue;
                const w2 = w.slice(0, w.length - srule.strip.length) + srule.add;
                emit(w2, srule.mask, u | srule.mask, (srule.mask & M_PERMIT) !== 0, permit);
              }
            }
          }
        }
      }
    }
  };

  const expandEntry = (word: string, flags: readonly number[], stemMask: number): void => {
    plainStem = isLetterForm(word) && !word.endsWith('.') && word === word.toLowerCase();
    emit(word, stemMask, stemMask, true, true, plainStem);
    for (const f of flags) {
      const cls = suffixes.get(f);
      if (!cls) continue;
      for (const rule of cls.rules) {
        if (!suffixCondition(rule, word)) continue;
        const w1 = word.slice(0, word.length - rule.strip.length) + rule.add;
        const u1 = stemMask | rule.mask;
        const permit1 = (rule.mask & M_PERMIT) !== 0;
        emit(w1, rule.mask, u1, permit1, true, plainStem && rule.plain);
        for (const f2 of rule.cont) {
          const cls2 = suffixes.get(f2);
          if (!cls2) continue;
          for (const rule2 of cls2.rules) {
            if (!suffixCondition(rule2, w1)) continue;
            const w2 = w1.slice(0, w1.length - rule2.strip.length) + rule2.add;
            const u2 = u1 | rule2.mask;
            const permit2 = permit1 && (rule2.mask & M_PERMIT) !== 0;
            emit(w2, rule2.mask, u2, permit2, true, plainStem && rule.plain && rule2.plain);
            if (cls.cross && cls2.cross) applyPrefixes(w2, [flags, rule.cont, rule2.cont], u2, permit2, true, true);
          }
        }
        if (cls.cross) applyPrefixes(w1, [flags, rule.cont], u1, permit1, true, true);
      }
    }
    applyPrefixes(word, [flags], stemMask, true, false, false);
  };

  const flagCache = new Map<string, { flags: number[]; mask: number }>();
  const handleLine = (line: string): void => {
    const e = splitDicLine(line);
    if (!e) return;
    if (e.word.includes(' ')) return;
    let parsed = flagCache.get(e.flags);
    if (!parsed) {
      const flags =
        e.flags === ''
          ? []
          : aff.flagAliases.length > 0 && /^\d+$/.test(e.flags)
            ? (aff.flagAliases[Number(e.flags) - 1] ?? [])
            : parseFlags(e.flags, aff.flagMode);
      parsed = { flags, mask: maskOf(aff, flags) };
      flagCache.set(e.flags, parsed);
    }
    expandEntry(e.word, parsed.flags, parsed.mask);
  };

  let pos = 0;
  let first = true;
  while (pos < dicText.length) {
    let nl = dicText.indexOf('\n', pos);
    if (nl < 0) nl = dicText.length;
    let line = dicText.slice(pos, nl);
    pos = nl + 1;
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (first) {
      first = false;
      if (/^\d+(\s|$)/.test(line)) continue;
    }
    handleLine(line);
  }
  for (const line of extraLines) handleLine(line);
  for (const f of forbidden) out.delete(f);
  return out;
}
