/**
 * Extraction accuracy on the five seed minutes, measured with the project's
 * scorer (test/fixtures/score-structure.mjs) against the gold, for each seed as
 * extracted and in the layouts other extractors and councils produce.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseMinutes } from '../core/minutes/parse.ts';
import { createDanishRepairer } from '../core/ocr/index.ts';
import type { TextRepairer } from '../core/minutes/parse.ts';
import { loadDanishLexicon } from '../core/ocr/load-lexicon.node.ts';
import { OCR_DAMAGE, VARIANTS, type Gold, type Variant } from './support/variants.ts';
// @ts-expect-error plain JavaScript module without types
import { score } from './fixtures/score-structure.mjs';

const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
const seeds = readdirSync(`${fixtures}seeds`).filter((f) => f.endsWith('.txt')).sort();

type Scores = Record<string, number>;

let repairer: TextRepairer | null = null;
const lazyRepairer = () => (repairer ??= createDanishRepairer(loadDanishLexicon()));

function run(seed: string, variant: Variant): Scores {
  const input = readFileSync(`${fixtures}seeds/${seed}`, 'utf8');
  const gold = JSON.parse(readFileSync(`${fixtures}gold/${seed.replace(/\.txt$/, '.json')}`, 'utf8')) as Gold;
  const { text, gold: expected } = variant.apply(input, gold);
  return score(expected, parseMinutes(text, { repairer: lazyRepairer })) as Scores;
}

/** The bar every seed must clear (quality-bar.md), as extracted and in every layout variant. */
const BAR: Scores = {
  date: 1,
  kind: 1,
  body: 1,
  sectionF1: 1,
  itemNumberF1: 1,
  itemF1: 1,
  caseNumberAcc: 1,
  caseworkersAcc: 1,
  fieldsAcc: 1,
  decisionAcc: 0.98,
  participantsF1: 1,
  absentF1: 1,
};

/** Text damaged by OCR: titles repaired to real Danish at least this well. */
const OCR_BAR: Scores = { ...BAR, itemF1: 0.97, decisionAcc: 0.98, participantsF1: 0.99, absentF1: 0.99 };

function expectBar(scores: Scores, bar: Scores): void {
  const below = Object.entries(bar)
    .filter(([k, min]) => k in scores && scores[k]! < min)
    .map(([k, min]) => `${k}=${scores[k]!.toFixed(3)} (< ${min})`);
  expect(below).toEqual([]);
}

describe.each(seeds)('seed %s', (seed) => {
  const input = readFileSync(`${fixtures}seeds/${seed}`, 'utf8');
  for (const variant of VARIANTS) {
    if (variant.appliesTo && !variant.appliesTo(input)) continue;
    it(variant.name, () => expectBar(run(seed, variant), BAR));
  }
});

describe('simulated OCR damage on the clean seeds, repaired', () => {
  // Seed 002 is damaged already; the others have their æ, ø and å to lose.
  const clean = seeds.filter((seed) => /[æøå]/.test(readFileSync(`${fixtures}seeds/${seed}`, 'utf8').slice(0, 3000)));
  const results = new Map<string, Scores & { gold: { items: number } }>();
  const result = (seed: string) => {
    if (!results.has(seed)) results.set(seed, run(seed, OCR_DAMAGE) as Scores & { gold: { items: number } });
    return results.get(seed)!;
  };

  it.each(clean)('%s keeps its structure, people and decisions', (seed) => {
    const { itemF1: _, ...rest } = OCR_BAR;
    expectBar(result(seed), rest);
  });

  it('repairs item titles to the printed Danish (item F1 over all of them)', () => {
    // Item numbers are all found (itemNumberF1 = 1), so itemF1 × items counts the titles right.
    const right = clean.reduce((n, seed) => n + result(seed).itemF1! * result(seed).gold.items, 0);
    const total = clean.reduce((n, seed) => n + result(seed).gold.items, 0);
    expect(clean.every((seed) => result(seed).itemNumberF1 === 1)).toBe(true);
    expect(right / total).toBeGreaterThanOrEqual(OCR_BAR.itemF1!);
  });
});

describe('the editor re-parses Meeting.text', () => {
  // The editor's document is Meeting.text (running headers removed, hyphenation undone):
  // parsing it again must give the same meeting, dates from headers included.
  it.each(seeds)('%s: the normalized text parses to the same meeting', (seed) => {
    const input = readFileSync(`${fixtures}seeds/${seed}`, 'utf8');
    const first = parseMinutes(input, { repairer: lazyRepairer, includeText: true });
    const again = parseMinutes(first.text!, { repairer: lazyRepairer, includeText: true });
    expect(again.text).toBe(first.text);
    const { diagnostics: _a, source: _s, text: _t, ...meeting } = first;
    const { diagnostics: _b, source: _r, text: _u, ...reparsed } = again;
    expect(reparsed).toEqual(meeting);
  });
});
