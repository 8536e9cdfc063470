import { describe, expect, it } from 'vitest';
import { decisionTypeOf } from './decision.ts';

describe('decisionTypeOf', () => {
  it.each([
    ['KKR Nordjylland godkendte dagsordenen.', 'godkendt'],
    ['Godkendt.', 'godkendt'],
    ['Referatet blev godkendt.', 'godkendt'],
    ['KKR Nordjylland drøftede og godkendte anbefalingerne.', 'godkendt'],
    ['KKR Nordjylland tog orienteringen til efterretning.', 'taget til efterretning'],
    ['KKR Nordjylland drøftede sagen og tog den til efterretning. Følgende blev bemærket:', 'taget til efterretning'],
    ['KKR Nordjylland drøftede sagen.', 'drøftet'],
    ['Sagen blev udsat til næste KKR-møde den 19. april 2024.', 'udsat'],
    ['Arne Boelt orienterede om, at der er udsendt en videnspakke.', 'andet'],
    ['-', 'andet'],
  ] as const)('%s → %s', (text, type) => {
    expect(decisionTypeOf(text)).toBe(type);
  });

  it('reads only the first paragraph, where the outcome is stated', () => {
    expect(decisionTypeOf('Arne Boelt gav en status.\n\nDer var en drøftelse heraf.')).toBe('andet');
  });

  it('is null without a decision text', () => {
    expect(decisionTypeOf(null)).toBeNull();
    expect(decisionTypeOf(undefined)).toBeNull();
  });
});
