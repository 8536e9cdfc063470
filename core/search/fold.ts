/**
 * Danish word forms for search: lower case, æ/ø/å folded to ae/oe/aa (the
 * way they are written without the letters, and in old texts and URLs: ä and
 * ö fold the same way), other accents dropped, so "Åbenrå", "aabenraa" and
 * "ABENRÅ"… meet. Pure.
 */
export function foldDanish(s: string): string {
  return s
    .toLocaleLowerCase('da')
    .replace(/[æä]/g, 'ae')
    .replace(/[øö]/g, 'oe')
    .replace(/å/g, 'aa')
    .normalize('NFD')
    .replace(/\p{M}/gu, '');
}

/** A word, or a run of words joined by `.`, `-`, `/` or `:` (a case number such as `00.01.00-P35-1-20`). */
const TOKEN = /[\p{L}\p{N}]+(?:[./:-][\p{L}\p{N}]+)*/gu;

/**
 * The terms of a text: every word, and a joined run (a case number, a date)
 * both whole and in its parts, so a case number is found whole or by a part.
 * Terms are not folded here (the index folds them). Pure.
 */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const whole = m[0];
    out.push(whole);
    if (/[./:-]/.test(whole)) out.push(...whole.split(/[./:-]+/).filter(Boolean));
  }
  return out;
}
