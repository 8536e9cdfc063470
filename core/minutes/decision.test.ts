import { describe, expect, it } from 'vitest';
import { DEFAULT_TAXONOMY } from '../document/taxonomy.ts';
import { datasetRows } from '../export/rows.ts';
import { seedDocuments } from '../../test/support/curated.ts';
import { DECISION_LABELS, DECISION_TYPES, decisionTypeOf, itemDecision } from './decision.ts';

describe('decisionTypeOf', () => {
  it.each([
    ['KKR Nordjylland godkendte dagsordenen.', 'godkendt'],
    ['Godkendt.', 'godkendt'],
    ['Referatet blev godkendt.', 'godkendt'],
    ['KKR Nordjylland drøftede og godkendte anbefalingerne.', 'godkendt'],
    ['KKR Nordjylland tog orienteringen til efterretning.', 'taget til efterretning'],
    ['KKR Nordjylland drøftede sagen og tog den til efterretning.', 'taget til efterretning'],
    ['KKR Nordjylland drøftede sagen og tog den til efterretning. Følgende blev bemærket:', 'taget til efterretning'],
    ['KKR Nordjylland drøftede sagen.', 'drøftet'],
    ['Sagen blev udsat til næste KKR-møde den 19. april 2024.', 'udsat'],
    ['KKR Nordjylland drøftede fordelingen og besluttede at følge modellen.', 'besluttet'],
    ['Jannie Knudsen og Netta Ben-Yedidia orienterede.', 'orienteret'],
    ['Arne Boelt orienterede om, at der er udsendt en videnspakke.', 'orienteret'],
    ['KKR Nordjylland behandlede resultatkontrakt 2024.', 'andet'],
    ['-', 'andet'],
    ['  ', 'andet'],
  ] as const)('%s → %s', (text, type) => {
    expect(decisionTypeOf(text)).toBe(type);
  });

  it('reads only the first paragraph, where the outcome is stated', () => {
    expect(decisionTypeOf('Arne Boelt gav en status.\n\nDer var en drøftelse heraf.')).toBe('orienteret');
    expect(decisionTypeOf('KKR Nordjylland behandlede sagen.\n\nDen blev godkendt.')).toBe('andet');
  });

  it('is null without a decision text', () => {
    expect(decisionTypeOf(null)).toBeNull();
    expect(decisionTypeOf(undefined)).toBeNull();
    expect(itemDecision({ fields: {} })).toBeNull();
  });
});

describe('one decision vocabulary', () => {
  it('only adds to the decision types datasets have held', () => {
    expect(DECISION_TYPES).toEqual(expect.arrayContaining(['godkendt', 'taget til efterretning', 'drøftet', 'udsat', 'andet']));
    expect(DECISION_TYPES.slice(0, 4)).toEqual(['godkendt', 'taget til efterretning', 'drøftet', 'udsat']);
  });

  it('gives analysts every decision type but "andet" as a label', () => {
    expect(DEFAULT_TAXONOMY.groups.find((g) => g.id === 'decision')?.labels.map((l) => l.id)).toEqual([...DECISION_LABELS]);
    expect([...DECISION_LABELS, 'andet'].sort()).toEqual([...DECISION_TYPES].sort());
  });

  it('gives every item of the seeds the same decision in the viewer’s chip and in the dataset', () => {
    const docs = seedDocuments();
    const rows = new Map(datasetRows(docs).map((r) => [r.id, r]));
    const seen = new Set<string | null>();
    for (const doc of docs) {
      for (const item of doc.meeting.sections.flatMap((s) => s.items)) {
        const chip = itemDecision(item);
        expect(rows.get(item.id)?.decisionType, item.id).toBe(chip);
        seen.add(chip);
      }
    }
    // The seeds have items the old export called "andet" while the viewer said otherwise.
    expect(seen).toContain('orienteret');
    expect(seen).toContain('besluttet');
  });
});
