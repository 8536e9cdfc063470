/**
 * OCR repair word by word, measured on damage it was not designed on: partial
 * damage generated (test/support/ocr-partial.ts) with several substitution
 * tables, over a share of the words, of the lines, some pages only, or in
 * stretches between clean text, on all five seeds; scored with the project's
 * scorer against the gold. And the other half of the decision: a clean text
 * does not load the lexicon and parses exactly as without a repairer.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseMinutes, type TextRepairer } from '../core/minutes/parse.ts';
import { createDanishRepairer } from '../core/ocr/index.ts';
import { loadDanishLexicon } from '../core/ocr/load-lexicon.node.ts';
import { partialDamages } from './support/ocr-partial.ts';
import { VARIANTS, type Gold } from './support/variants.ts';
// @ts-expect-error plain JavaScript module without types
import { score } from './fixtures/score-structure.mjs';

const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
const seeds = readdirSync(`${fixtures}seeds`).filter((f) => f.endsWith('.txt')).sort();
const DAMAGED_SEED = '002_d4bf133e628f21e0.txt';
const input = (seed: string) => readFileSync(`${fixtures}seeds/${seed}`, 'utf8');
const goldOf = (seed: string) => JSON.parse(readFileSync(`${fixtures}gold/${seed.replace(/\.txt$/, '.json')}`, 'utf8')) as Gold;

let repairer: TextRepairer | null = null;
/** How often a parse asked for the repairer (so loaded, or would have loaded, the lexicon). */
let asked = 0;
const lazyRepairer = () => {
  asked++;
  return (repairer ??= createDanishRepairer(loadDanishLexicon()));
};

type Scores = Record<string, number> & { gold: { items: number } };

describe('partial OCR damage, repaired word by word', () => {
  const damages = partialDamages();
  const byTable = new Map<string, { right: number; items: number; participants: number[]; fields: number[]; numbers: number[]; decisions: number[] }>();
  for (const damage of damages) {
    for (const seed of seeds) {
      const { text } = damage.apply(input(seed), goldOf(seed));
      const s = score(goldOf(seed), parseMinutes(text, { repairer: lazyRepairer })) as Scores;
      const t = byTable.get(damage.table) ?? { right: 0, items: 0, participants: [], fields: [], numbers: [], decisions: [] };
      t.right += s.itemF1! * s.gold.items;
      t.items += s.gold.items;
      t.participants.push(s.participantsF1!);
      t.fields.push(s.fieldsAcc!);
      t.numbers.push(s.itemNumberF1!);
      t.decisions.push(s.decisionAcc!);
      byTable.set(damage.table, t);
    }
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const figures = [...byTable].map(([table, t]) => ({
    table,
    itemF1: t.right / t.items,
    participants: mean(t.participants),
    fields: mean(t.fields),
    itemNumbers: mean(t.numbers),
    decisions: mean(t.decisions),
  }));
  console.log(
    figures
      .map((f) => `${f.table}: items ${f.itemF1.toFixed(3)}, participants ${f.participants.toFixed(3)}, fields ${f.fields.toFixed(3)}, decision start ${f.decisions.toFixed(3)}`)
      .join('\n'),
  );

  it('covers every table and scope on every seed', () => {
    expect(byTable.size).toBe(6);
    expect(new Set(damages.map((d) => d.scope))).toEqual(new Set(['words', 'lines', 'pages', 'stretches']));
  });

  it.each(figures.map((f) => [f.table, f] as const))('%s: titles, fields and participants as the gold has them', (_table, f) => {
    // Item numbers are all found, so itemF1 × items counts the titles right (strict: the printed Danish).
    expect(f.itemNumbers).toBe(1);
    expect(f.itemF1).toBeGreaterThanOrEqual(0.97);
    expect(f.participants).toBeGreaterThanOrEqual(0.97);
    expect(f.fields).toBe(1);
  });
});

describe('a clean text is left as it is', () => {
  it.each(seeds.filter((s) => s !== DAMAGED_SEED))('%s in every layout variant: no lexicon, the same Meeting as without a repairer', (seed) => {
    for (const variant of VARIANTS) {
      if (variant.appliesTo && !variant.appliesTo(input(seed))) continue;
      const { text } = variant.apply(input(seed), goldOf(seed));
      const before = asked;
      const repaired = parseMinutes(text, { repairer: lazyRepairer, includeText: true });
      expect(asked, variant.name).toBe(before);
      expect(repaired, variant.name).toEqual(parseMinutes(text, { includeText: true }));
    }
  });

  it('the damaged seed is judged damaged as a whole (no word-by-word evidence)', () => {
    const meeting = parseMinutes(input(DAMAGED_SEED), { repairer: lazyRepairer });
    const words = meeting.diagnostics.filter((d) => d.code === 'ocr-word');
    expect(words.length).toBeGreaterThan(50);
    expect(words.filter((d) => d.params?.reason !== undefined)).toEqual([]);
  });

  it('a partly damaged text says why each word was taken for damaged', () => {
    const seed = seeds[0]!;
    const damage = partialDamages().find((d) => d.scope === 'lines' && d.share < 0.5)!;
    const meeting = parseMinutes(damage.apply(input(seed), goldOf(seed)).text, { repairer: lazyRepairer, includeText: true });
    const words = meeting.diagnostics.filter((d) => d.code === 'ocr-word');
    expect(words.length).toBeGreaterThan(0);
    for (const d of words) {
      expect(['word', 'line']).toContain(d.params?.reason);
      // The quick fix's data: the suggestion replaces each occurrence of the word as read.
      for (const o of d.occurrences ?? []) expect(meeting.text!.slice(o.start, o.end)).toBe(d.params?.found);
    }
  });
});
