import { describe, expect, it } from 'vitest';
import { decisionChip } from './decision.ts';

describe('decisionChip', () => {
  it.each([
    ['KKR Nordjylland godkendte dagsordenen.', 'godkendt'],
    ['Godkendt.', 'godkendt'],
    ['KKR Nordjylland drøftede og godkendte anbefalingerne.', 'godkendt'],
    ['KKR Nordjylland tog orienteringen til efterretning.', 'taget til efterretning'],
    ['KKR Nordjylland drøftede sagen og tog den til efterretning.', 'taget til efterretning'],
    ['KKR Nordjylland drøftede sagen.', 'drøftet'],
    ['Sagen blev udsat til næste KKR-møde den 19. april 2024.', 'udsat'],
    ['KKR Nordjylland drøftede fordelingen og besluttede at følge modellen.', 'besluttet'],
    ['Jannie Knudsen og Netta Ben-Yedidia orienterede.', 'orienteret'],
    ['KKR Nordjylland behandlede resultatkontrakt 2024.', 'behandlet'],
  ] as const)('%s → %s', (text, chip) => {
    expect(decisionChip(text)).toBe(chip);
  });
  it('has no chip without a decision', () => {
    expect(decisionChip('')).toBeNull();
    expect(decisionChip(undefined)).toBeNull();
  });
});
