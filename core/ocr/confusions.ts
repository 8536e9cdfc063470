/**
 * The OCR confusions of Danish text layers and the pure operations on them:
 * the table, the case a restored letter takes, applying substitutions to a
 * token, and aligning a token with a known word letter by letter.
 */

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
  { from: '0', to: 'ø', cost: 0.4 },
  { from: '|', to: 'i', cost: 0.4 },
  { from: 'é', to: 'å', cost: 0.8 },
  { from: 'g', to: 'ø', cost: 1 },
  { from: 'ae', to: 'æ', cost: 1 },
  { from: 'ee', to: 'æ', cost: 1 },
  { from: 'ze', to: 'æ', cost: 1 },
  { from: 'a', to: 'å', cost: 1 },
  { from: 'aa', to: 'å', cost: 1 },
  { from: 'i', to: 'l', cost: 1, upperOnly: true, alwaysLower: true },
  { from: 'd', to: 'å', cost: 1.2, lowerOnly: true },
  { from: 'e', to: 'æ', cost: 1.5 },
  { from: 'a', to: 'ø', cost: 1.5 },
  { from: 'e', to: 'ø', cost: 1.5 },
  { from: 'o', to: 'ø', cost: 1.7 },
  { from: 'a', to: 'æ', cost: 1.7 },
].map((c) => Object.freeze(c)));

/** A substitution applied to a token, in token coordinates. */
export interface AppliedSub {
  pos: number;
  len: number;
  /** The restored letter, cased for the output. */
  to: string;
}

export type CasePattern = 'lower' | 'capitalized' | 'upper' | 'mixed';

/** How a token is cased; "@" and "|" count as capitals at its start. */
export function casePattern(token: string): CasePattern {
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

/** Restore the case of a substituted letter. */
export function caseFor(orig: string, pattern: CasePattern, pos: number, len: number, to: string, rule: Confusion): string {
  if (pattern === 'upper') return to.toUpperCase();
  if (rule.alwaysLower) return to;
  const src = orig.slice(pos, pos + len);
  if (pos === 0 && (pattern === 'capitalized' || pattern === 'mixed')) {
    const first = src[0]!;
    if (first === '@' || first === '|' || first !== first.toLowerCase()) return to.toUpperCase();
  }
  return to;
}

/** `orig` with `subs` (sorted, non-overlapping, in `orig` coordinates) applied. */
export function applySubs(orig: string, subs: AppliedSub[]): string {
  let out = '';
  let p = 0;
  for (const sub of subs) {
    out += orig.slice(p, sub.pos) + sub.to;
    p = sub.pos + sub.len;
  }
  return out + orig.slice(p);
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
