import { describe, expect, it } from 'vitest';
import { catalogKeys, catalogLeaves, catalogMismatches, createTranslator, type Catalog } from './translate.ts';

const en: Catalog = {
  problems_one: '{{count}} problem',
  problems_other: '{{count}} problems',
  greeting: 'Hello, {{name}}',
  menu: { open: 'Open', items_one: 'one item', items_other: '{{count}} items' },
};
const da: Catalog = {
  problems_one: '{{count}} problem',
  problems_other: '{{count}} problemer',
  greeting: 'Hej, {{name}}',
  menu: { open: 'Åbn', items_one: 'ét punkt', items_other: '{{count}} punkter' },
};

describe('createTranslator', () => {
  it('chooses the plural form by count in Danish and in English (0 and 2 are "other", 1 is "one")', () => {
    const tDa = createTranslator('da', da);
    const tEn = createTranslator('en', en);
    expect([0, 1, 2, 21].map((count) => tDa('problems', { count }))).toEqual(['0 problemer', '1 problem', '2 problemer', '21 problemer']);
    expect([0, 1, 2, 21].map((count) => tEn('problems', { count }))).toEqual(['0 problems', '1 problem', '2 problems', '21 problems']);
    expect(tDa('menu.items', { count: 1 })).toBe('ét punkt');
    expect(tDa('menu.items', { count: 3 })).toBe('3 punkter');
  });

  it('interpolates values as given, without HTML escaping (the views escape)', () => {
    const t = createTranslator('da', da);
    expect(t('greeting', { name: 'Åse <b>' })).toBe('Hej, Åse <b>');
    expect(t('menu.open')).toBe('Åbn');
  });

  it('returns the key for a missing string and keeps instances apart', () => {
    const tDa = createTranslator('da', da);
    const tEn = createTranslator('en', en);
    expect(tDa('nope')).toBe('nope');
    expect(tDa('greeting', { name: 'A' })).toBe('Hej, A');
    expect(tEn('greeting', { name: 'A' })).toBe('Hello, A');
  });

  it('lists keys with plural forms folded into their base key', () => {
    expect(catalogKeys(en).sort()).toEqual(['greeting', 'menu.items', 'menu.open', 'problems']);
    expect(catalogLeaves(da).map(([k]) => k)).toContain('menu.items_other');
  });
});

describe('catalogMismatches', () => {
  it('names keys missing on either side and strings with other values', () => {
    expect(catalogMismatches(en, da)).toEqual([]);
    expect(catalogMismatches({ a: 'x {{n}}', b: 'y' }, { a: 'x {{m}}', c: 'z' })).toEqual(['a: {{n}} vs {{m}}', 'only in the first: b', 'only in the second: c']);
  });
});
