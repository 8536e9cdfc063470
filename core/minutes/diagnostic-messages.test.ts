import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { catalogKeys, catalogMismatches, createTranslator } from '../i18n/translate.ts';
import { createDanishRepairer } from '../ocr/index.ts';
import { loadDanishLexicon } from '../ocr/load-lexicon.node.ts';
import { DIAGNOSTIC_MESSAGES, diagnosticText } from './diagnostic-messages.ts';
import type { Diagnostic, DiagnosticCode } from './model.ts';
import { parseMinutes, type TextRepairer } from './parse.ts';

const SEEDS = join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'seeds');
const en = createTranslator('en', { diagnostic: DIAGNOSTIC_MESSAGES.en });
const da = createTranslator('da', { diagnostic: DIAGNOSTIC_MESSAGES.da });

/** Every code the model names; the record makes the compiler hold the list complete. */
const CODES: Record<DiagnosticCode, true> = {
  'not-kl-minutes': true,
  'numbering-gap': true,
  'numbering-duplicate': true,
  'item-outside-section': true,
  'missing-case-line': true,
  'missing-decision': true,
  'ocr-word': true,
  'ocr-detached-number': true,
  'no-date': true,
  'no-text-layer': true,
  'ocr-page': true,
};

const D = (d: Diagnostic) => d;
const doc = (...lines: string[]) => lines.join('\n');
const ITEM = (n: string, title: string) => doc(`${n}. ${title}`, 'SAG-2024-00001 abc', '', 'Beslutning', 'Godkendt.', '');

let repairer: TextRepairer;
let diagnostics: Diagnostic[];

beforeAll(() => {
  repairer = createDanishRepairer(loadDanishLexicon());
  const seeds = readdirSync(SEEDS).filter((f) => f.endsWith('.txt'));
  diagnostics = [
    ...seeds.flatMap((f) => parseMinutes(readFileSync(join(SEEDS, f), 'utf8'), { repairer }).diagnostics),
    // Gaps after an item and at a section's start, a section gap, no case line, no decision.
    ...parseMinutes(doc('1. Sager', ITEM('1.1', 'Første'), ITEM('1.3', 'Tredje'), '1.4. Fjerde', 'Indstilling', 'Tekst.', 'REFERAT')).diagnostics,
    ...parseMinutes(doc('REFERAT', '1. Sager', ITEM('1.1', 'Første'), '3. Andet', ITEM('3.2', 'Anden'))).diagnostics,
    // A repeated number is read as the next one in the sequence.
    ...parseMinutes(doc('REFERAT', '1. Sager', ITEM('1.1', 'Første'), ITEM('1.1', 'Igen'))).diagnostics,
    ...parseMinutes('Dear customer,\nyour invoice is attached.').diagnostics,
    ...parseMinutes(doc('KKR NORDJYLLAND', 'REFERAT', 'Ingen punkter her.')).diagnostics,
  ];
}, 120_000);

describe('diagnostic messages', () => {
  it('have the same keys and values in Danish and English, one entry for each code', () => {
    expect(catalogMismatches(DIAGNOSTIC_MESSAGES.en, DIAGNOSTIC_MESSAGES.da)).toEqual([]);
    const tops = new Set(catalogKeys(DIAGNOSTIC_MESSAGES.en).map((k) => k.split('.')[0]));
    expect([...tops].sort()).toEqual(Object.keys(CODES).sort());
  });

  it('say in English from code and params exactly what the parser wrote into message', () => {
    const seen = new Set<string>();
    for (const d of diagnostics) {
      expect(d.params === undefined ? d.code : diagnosticText(en, d), d.code).toBe(d.params === undefined ? d.code : d.message);
      if (d.code !== 'no-date') expect(d.params, `${d.code} carries params`).toBeDefined();
      seen.add(d.code + (d.params?.unit ? `/${d.params.unit}${d.params.after === undefined && d.code === 'numbering-gap' && d.params.unit === 'item' ? '-first' : ''}` : '') + (d.params?.reason ? `/${d.params.reason}` : '') + (typeof d.params?.count === 'number' ? `/${d.params.count > 1 ? 'many' : 'one'}` : ''));
    }
    // Every variant the parser writes was read here (duplicated numbers, which the structure reader
    // renumbers before diagnosing, are checked by hand below).
    for (const v of ['not-kl-minutes/no-items', 'not-kl-minutes/not-kl', 'no-date', 'numbering-gap/section', 'numbering-gap/item', 'numbering-gap/item-first', 'missing-case-line', 'missing-decision', 'ocr-word/one', 'ocr-word/many', 'ocr-detached-number']) {
      expect(seen, v).toContain(v);
    }
  });

  it('say it in Danish, with the values filled in and the plural chosen by count', () => {
    for (const d of diagnostics) {
      const text = diagnosticText(da, d);
      expect(text).not.toMatch(/\{\{|\b(Item|Section|looks like|missing|occurs)\b/);
      expect(text).not.toBe(d.message);
      for (const [k, value] of Object.entries(d.params ?? {})) if (k !== 'unit' && k !== 'reason' && value !== '' && !(k === 'count' && value === 1)) expect(text).toContain(String(value));
    }
    const word = (count: number): Diagnostic => ({ severity: 'info', code: 'ocr-word', message: '', params: { found: 'Kommuue', suggestion: 'Kommune', count } });
    expect(diagnosticText(da, word(1))).toBe('»Kommuue« ligner OCR-skade af »Kommune«');
    expect(diagnosticText(da, word(3))).toBe('»Kommuue« ligner OCR-skade af »Kommune« (3 gange)');
    const twice: Diagnostic = { severity: 'warning', code: 'numbering-duplicate', message: '', params: { unit: 'section', number: '3' } };
    expect([diagnosticText(en, twice), diagnosticText(da, twice)]).toEqual(['Section 3 occurs twice', 'Afsnit 3 forekommer to gange']);
    const itemTwice: Diagnostic = { ...twice, params: { unit: 'item', number: '3.2' } };
    expect([diagnosticText(en, itemTwice), diagnosticText(da, itemTwice)]).toEqual(['Item 3.2 occurs twice', 'Punkt 3.2 forekommer to gange']);
    expect(diagnosticText(en, D({ severity: 'warning', code: 'no-text-layer', message: '', params: { page: 4 } }))).toBe('Page 4 has no text layer (a scanned image?); its content could not be read');
    expect(diagnosticText(da, D({ severity: 'warning', code: 'no-text-layer', message: '', params: { page: 4 } }))).toBe('Side 4 har intet tekstlag (et scannet billede?); indholdet kunne ikke læses');
  });

  it('fall back to the stored message for a diagnostic written without params', () => {
    expect(diagnosticText(da, D({ severity: 'warning', code: 'missing-case-line', message: 'Item 3.2 has no case line (SAG-…)' }))).toBe('Item 3.2 has no case line (SAG-…)');
    expect(diagnosticText(da, D({ severity: 'warning', code: 'no-date', message: 'old' }))).toMatch(/^Der blev ikke fundet en mødedato/);
  });
});
