import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseMinutes } from '../minutes/parse.ts';
import { seedFiles } from '../../test/support/curated.ts';
import { matchQuote, MIN_FUZZY_SCORE, type QuoteSelector } from './match-quote.ts';

const SEED = parseMinutes(readFileSync(seedFiles[0]!, 'utf8'), { includeText: true }).text!;

/** The selector an anchor on `text[from, to)` records (32 characters of context, as createAnchor keeps). */
function selectorOf(text: string, from: number, to: number): QuoteSelector {
  return { quote: text.slice(from, to), prefix: text.slice(Math.max(0, from - 32), from), suffix: text.slice(to, to + 32), hint: from };
}

/** `text` with `[at, at + remove)` replaced by `insert`. */
function splice(text: string, at: number, remove: number, insert: string): string {
  return text.slice(0, at) + insert + text.slice(at + remove);
}

describe('matchQuote, exact', () => {
  it('prefers the occurrence with matching context, then the nearest to the hint', () => {
    const t = 'x Godkendt. y ... z Godkendt. w';
    expect(matchQuote(t, { quote: 'Godkendt.', prefix: 'z ', suffix: ' w', hint: 0 })).toMatchObject({ start: 20, end: 29 });
    expect(matchQuote(t, { quote: 'Godkendt.', prefix: '', suffix: '', hint: 25 })).toMatchObject({ start: 20, end: 29 });
    expect(matchQuote(t, { quote: 'Afvist', prefix: '', suffix: '', hint: 0 })).toBeNull();
  });

  it('scores the exact quote in its own context at its own place 1', () => {
    const from = SEED.indexOf('godkendte dagsordenen');
    const m = matchQuote(SEED, selectorOf(SEED, from, from + 21))!;
    expect(m).toEqual({ start: from, end: from + 21, score: 1 });
  });

  it('searches no approximate occurrences when told not to', () => {
    expect(matchQuote('Kommunernes økonomi', { quote: 'Kommunemes økonomi', prefix: '', suffix: '', hint: 0 }, { fuzzy: false })).toBeNull();
    expect(matchQuote('Kommunernes økonomi', { quote: 'Kommunemes økonomi', prefix: '', suffix: '', hint: 0 })).toMatchObject({ start: 0, end: 19 });
  });
});

describe('matchQuote, after an OCR correction', () => {
  const phrase = 'Det indstilles, at dagsordenen til KKR Nordjyllands møde den 4. september';
  const from = SEED.indexOf(phrase);
  const to = from + phrase.length;
  const selector = selectorOf(SEED, from, to);

  it.each([
    ['ø → o', 'møde', 'mode'],
    ['ø → oe', 'møde', 'moede'],
    ['a → å', 'dagsordenen', 'dågsordenen'],
    ['a letter deleted', 'indstilles', 'indstiles'],
    ['letters inserted', 'september', 'sep tember.'],
  ])('finds the quote when %s', (_name, before, after) => {
    expect(phrase).toContain(before);
    const text = splice(SEED, from + phrase.indexOf(before), before.length, after);
    const m = matchQuote(text, selector)!;
    expect(m).not.toBeNull();
    expect(m.start).toBe(from);
    expect(text.slice(m.start, m.end)).toBe(phrase.replace(before, after));
    expect(m.score).toBeGreaterThan(MIN_FUZZY_SCORE);
    expect(m.score).toBeLessThan(1);
  });

  it('finds a one-word quote with æ written ae, and the other way round', () => {
    const text = 'Forside\n\nBeslutning\nKKR godkendte ændringen af vedtægterne.\n';
    const from = text.indexOf('ændringen');
    const sel = selectorOf(text, from, from + 9);
    const after = splice(text, from, 1, 'ae');
    expect(matchQuote(after, sel)).toMatchObject({ start: from, end: from + 10 });
    // Annotated in the damaged text, which OCR repair then corrected.
    expect(matchQuote(text, selectorOf(after, from, from + 10))).toMatchObject({ start: from, end: from + 9 });
  });

  it('chooses among approximate occurrences by context, then by nearness to the hint', () => {
    const text = 'Punkt A: KKR godkendte indstillingen. Punkt B: KKR godkendte indstillingen. Slut.';
    const second = text.lastIndexOf('KKR');
    const sel = selectorOf(text, second, second + 'KKR godkendte indstillingen.'.length);
    // Both occurrences lose a letter: the same number of edits, so context decides.
    const damaged = text.replaceAll('godkendte', 'godkendt');
    expect(matchQuote(damaged, sel)).toMatchObject({ start: second - 1 });
    // No context: the hint decides.
    const near = matchQuote(damaged, { quote: sel.quote, prefix: '', suffix: '', hint: 0 })!;
    expect(near.start).toBe(text.indexOf('KKR'));
    const far = matchQuote(damaged, { quote: sel.quote, prefix: '', suffix: '', hint: damaged.length })!;
    expect(far.start).toBe(second - 1);
  });

  it('orphans a quote that is really gone: nothing, or only a distant likeness, is left of it', () => {
    const phraseGone = splice(SEED, from, phrase.length, '');
    expect(matchQuote(phraseGone, selector)).toBeNull();
    // Half of it replaced, its context intact: not believed.
    const half = splice(SEED, from, 37, 'x'.repeat(37));
    expect(matchQuote(half, selector)).toBeNull();
    expect(matchQuote('KKR Syddanmark tog orienteringen til efterretning.', { quote: 'godkendte dagsordenen', prefix: '', suffix: '', hint: 0 })).toBeNull();
  });

  it('finds quotes of the seed again after up to three random one-character edits inside them (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: SEED.length - 200 }),
        fc.integer({ min: 24, max: 120 }),
        fc.array(fc.tuple(fc.double({ min: 0.1, max: 0.9, noNaN: true }), fc.constantFrom('sub', 'ins', 'del'), fc.constantFrom('e', 'æ', 'ø', 'å', 'a', 'o', 'n')), { minLength: 1, maxLength: 3 }),
        (start, length, edits) => {
          const end = start + length;
          const sel = selectorOf(SEED, start, end);
          let text = SEED;
          let quoteEnd = end;
          for (const [where, kind, ch] of edits) {
            const at = start + 1 + Math.floor(where * (quoteEnd - start - 2));
            if (kind === 'sub') text = splice(text, at, 1, ch);
            else if (kind === 'ins') (text = splice(text, at, 0, ch)), quoteEnd++;
            else (text = splice(text, at, 1, '')), quoteEnd--;
          }
          // The same words may be in the document elsewhere, untouched: then that is the answer.
          fc.pre(!text.includes(sel.quote));
          const m = matchQuote(text, sel);
          expect(m).not.toBeNull();
          expect(Math.abs(m!.start - start)).toBeLessThanOrEqual(edits.length);
          expect(Math.abs(m!.end - quoteEnd)).toBeLessThanOrEqual(edits.length);
        },
      ),
      { numRuns: 200, seed: 42 },
    );
  });
});
