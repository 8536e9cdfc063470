import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogKeys, catalogLeaves, catalogMismatches } from '../core/i18n/translate.ts';
import { overrideProblem, validateOverride } from '../core/document/overrides.ts';
import { groupName, kindName, MESSAGES, translator } from './i18n.ts';

const EDITOR = import.meta.dirname;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return ['node_modules', 'public', 'server'].includes(name) ? [] : sources(full);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : [];
  });
}

describe('editor strings', () => {
  it('are complete in Danish and English, with the same values named', () => {
    expect(catalogMismatches(MESSAGES.en, MESSAGES.da)).toEqual([]);
  });

  it('hold every key the editor asks for; a counted word is always asked with its count', () => {
    const keys = new Set(catalogKeys(MESSAGES.en));
    const plural = new Set(catalogLeaves(MESSAGES.en).filter(([k]) => /_(one|other)$/.test(k)).map(([k]) => k.replace(/_(one|other)$/, '')));
    const used: string[] = [];
    for (const file of sources(EDITOR)) {
      for (const m of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([^']+)'\s*(,)?/g)) {
        used.push(m[1]!);
        expect(keys, `${file}: ${m[1]}`).toContain(m[1]);
        if (plural.has(m[1]!)) expect(m[2], `${file}: ${m[1]} needs a count`).toBe(',');
      }
    }
    expect(used.length).toBeGreaterThan(50);
  });

  it('count words in both languages', () => {
    const da = translator('da');
    const en = translator('en');
    expect([0, 1, 2].map((count) => `${count} ${da('problemWord', { count })}`)).toEqual(['0 problemer', '1 problem', '2 problemer']);
    expect([0, 1, 2].map((count) => `${count} ${en('problemWord', { count })}`)).toEqual(['0 problems', '1 problem', '2 problems']);
    expect(`1 ${da('itemWord', { count: 1 })} · 3 ${da('itemWord', { count: 3 })}`).toBe('1 punkt · 3 punkter');
    expect(da('fixAll', { count: 4 })).toBe('alle 4');
  });

  it('fill in values and name the words that come from data', () => {
    const da = translator('da');
    expect(da('parseMs', { ms: 1277.63 })).toBe('fortolket på 1.277,6 ms');
    expect(translator('en')('parseMs', { ms: 1277.63 })).toBe('parse 1,277.6 ms');
    const at = new Date(2024, 1, 9, 14, 5);
    expect(da('byAt', { by: 'Eva', at })).toBe(`Eva · ${at.toLocaleString('da', { dateStyle: 'short', timeStyle: 'short' })}`);
    expect(da('source.shared')).toBe('delt');
    expect([groupName(da, 'topic'), groupName(da, 'Mine egne')]).toEqual(['emne', 'Mine egne']);
    expect([kindName(translator('en'), 'referat'), kindName(da, 'andet'), kindName(da, '')]).toEqual(['minutes', 'andet', '']);
  });
});

describe('override problems', () => {
  it('say in English what validateOverride says, and in Danish with the value given', () => {
    const en = translator('en');
    const da = translator('da');
    const specs = [
      { kind: 'item-start', number: '3' },
      { kind: 'section-heading', number: '3.1' },
      { kind: 'field-start' },
      { kind: 'meeting-date', value: '19-06-2020' },
      { kind: 'meeting-body', value: ' ' },
    ] as const;
    for (const spec of specs) {
      const problem = overrideProblem(spec)!;
      expect(en(`overrideProblem.${problem.code}`, { value: problem.value })).toBe(validateOverride(spec));
      const danish = da(`overrideProblem.${problem.code}`, { value: problem.value });
      expect(danish).not.toBe(validateOverride(spec));
      if (problem.value.trim()) expect(danish).toContain(`»${problem.value}«`);
    }
    expect(overrideProblem({ kind: 'item-start', number: '3.2' })).toBeNull();
  });
});
