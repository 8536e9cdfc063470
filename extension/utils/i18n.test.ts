import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogKeys, catalogLeaves, catalogMismatches } from '../../core/i18n/translate.ts';
import { diagnosticText } from '../../core/minutes/diagnostic-messages.ts';
import { STRINGS, t, translator } from './i18n.ts';

const EXTENSION = join(import.meta.dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return name === 'node_modules' ? [] : sources(full);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : [];
  });
}

describe('extension strings', () => {
  it('are complete in Danish and English, with the same values named', () => {
    expect(catalogMismatches(STRINGS.en, STRINGS.da)).toEqual([]);
  });

  it('hold every key the extension asks for; a counted word is always asked with its count', () => {
    const keys = new Set(catalogKeys(STRINGS.en));
    const plural = new Set(catalogLeaves(STRINGS.en).filter(([k]) => /_(one|other)$/.test(k)).map(([k]) => k.replace(/_(one|other)$/, '')));
    const used: string[] = [];
    for (const file of sources(EXTENSION)) {
      for (const m of readFileSync(file, 'utf8').matchAll(/\bt\(\s*\w+,\s*'([^']+)'\s*(,)?/g)) {
        used.push(m[1]!);
        expect(keys, `${file}: ${m[1]}`).toContain(m[1]);
        if (plural.has(m[1]!)) expect(m[2], `${file}: ${m[1]} needs a count`).toBe(',');
      }
    }
    expect(used.length).toBeGreaterThan(30);
  });

  it('count words in both languages and fill in values', () => {
    expect([1, 2].map((count) => `${count} ${t('da', 'itemWord', { count })}`)).toEqual(['1 punkt', '2 punkter']);
    expect([1, 2].map((count) => `${count} ${t('en', 'pageWord', { count })}`)).toEqual(['1 page', '2 pages']);
    expect(t('da', 'onPage', { page: 3 })).toBe('s. 3');
    const d = { code: 'missing-case-line', message: '', params: { item: '3.2' } } as const;
    expect([diagnosticText(translator('en'), d), diagnosticText(translator('da'), d)]).toEqual(['Item 3.2 has no case line (SAG-…)', 'Punkt 3.2 har ingen sagslinje (SAG-…)']);
  });
});
