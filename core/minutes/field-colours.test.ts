import { describe, expect, it } from 'vitest';
import { FIELD_COLOURS } from './field-colours.ts';
import { FIELD_NAMES } from './model.ts';

/** WCAG relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

describe('FIELD_COLOURS', () => {
  it('has one distinct #rrggbb colour per field (the options page’s colour inputs take only that form)', () => {
    expect(Object.keys(FIELD_COLOURS)).toEqual([...FIELD_NAMES]);
    for (const c of Object.values(FIELD_COLOURS)) expect(c).toMatch(/^#[0-9a-f]{6}$/);
    expect(new Set(Object.values(FIELD_COLOURS)).size).toBe(FIELD_NAMES.length);
  });

  it('carries a white letter legibly (contrast at least 4.5:1)', () => {
    for (const [field, c] of Object.entries(FIELD_COLOURS)) expect((1.05 / (luminance(c) + 0.05)), field).toBeGreaterThanOrEqual(4.5);
  });
});
