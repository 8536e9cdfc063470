import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findSuspectWord, looksOcrDamaged, mayNeedOcrRepair, OCR_SAMPLE_LENGTH, OCR_SUSPECT_RATIO, ocrSample, REAL_WORD_FORMS, screenForms } from './suspect.ts';
import { loadDanishLexicon } from './load-lexicon.node.ts';
import { ROLE_PROPER, ROLE_WORD } from './roles.ts';

const seeds = fileURLToPath(new URL('../../test/fixtures/seeds/', import.meta.url));

/** `letters` letters in words of five, the first `danish` of them "ø". */
function text(letters: number, danish: number): string {
  return ('ø'.repeat(danish) + 'e'.repeat(letters - danish)).replace(/(.{5})/g, '$1 ');
}

describe('looksOcrDamaged', () => {
  it('picks the OCR-damaged seed and none of the clean ones', () => {
    const picked = readdirSync(seeds)
      .filter((name) => name.endsWith('.txt'))
      .sort()
      .filter((name) => looksOcrDamaged(readFileSync(seeds + name, 'utf8')));
    expect(picked).toEqual(['002_d4bf133e628f21e0.txt']);
  });

  it('judges by æ, ø, å per letter, with the threshold included', () => {
    const letters = 2000;
    const atThreshold = Math.floor(letters * OCR_SUSPECT_RATIO);
    expect(looksOcrDamaged(text(letters, 0))).toBe(true);
    expect(looksOcrDamaged(text(letters, atThreshold))).toBe(true);
    expect(looksOcrDamaged(text(letters, atThreshold + 1))).toBe(false);
    // Upper case counts the same.
    expect(looksOcrDamaged(text(letters, atThreshold + 1).toUpperCase())).toBe(false);
  });

  it('leaves short and letterless texts alone', () => {
    expect(looksOcrDamaged(text(399, 0))).toBe(false);
    expect(looksOcrDamaged(text(400, 0))).toBe(true);
    expect(looksOcrDamaged('1234 5678\n'.repeat(2000))).toBe(false);
    expect(looksOcrDamaged('')).toBe(false);
  });

  it('reads the middle of a long text only', () => {
    const clean = 'Mødet i regionsrådet blev åbnet, og forslaget om fælles indkøb blev vedtaget. ';
    const damaged = clean.replace(/[æøå]/g, 'a');
    const ends = clean.repeat(300);
    const middle = damaged.repeat(Math.ceil(OCR_SAMPLE_LENGTH / damaged.length));
    expect(looksOcrDamaged(ends + middle + ends)).toBe(true);
    expect(looksOcrDamaged(middle + clean.repeat(400) + middle)).toBe(false);
    expect(ocrSample(ends + middle + ends)).toHaveLength(OCR_SAMPLE_LENGTH);
    expect(ocrSample(clean)).toBe(clean);
  });
});

describe('the per-word screen (findSuspectWord, mayNeedOcrRepair)', () => {
  it('finds nothing in the clean seeds, nor in their layout variants', () => {
    for (const name of readdirSync(seeds).filter((n) => n.endsWith('.txt') && !n.startsWith('002'))) {
      const text = readFileSync(seeds + name, 'utf8');
      expect(findSuspectWord(text), name).toBeNull();
      expect(mayNeedOcrRepair(text), name).toBe(false);
      expect(mayNeedOcrRepair(text.replace(/\n/g, '\r\n').replace(/ /g, '\u00a0')), name).toBe(false);
    }
  });

  it('finds one damaged frequent word or OCR symbol in a clean text', () => {
    const clean = readFileSync(seeds + '000_0c2e4851483b96f9.txt', 'utf8');
    const at = clean.length >> 1;
    for (const word of ['pa', 'Mgdet', 'ogsaa', 'vaere', '0konomi', 'm0de', 'p&', '@sterbro']) {
      const text = `${clean.slice(0, at)} ${word} ${clean.slice(at)}`;
      const found = findSuspectWord(text);
      expect(found && text.slice(found.start, found.end), word).toBe(word);
    }
    // Acronyms and words hyphenated across a line are not damaged words.
    expect(findSuspectWord('Danske Regioner (DR) og KL')).toBeNull();
    expect(findSuspectWord('kendskab til ma-\n\nterialet')).toBeNull();
  });

  it('looks only for forms that are no Danish word (REAL_WORD_FORMS is what the lexicon says)', () => {
    const lexicon = loadDanishLexicon();
    const words = [...screenForms()].filter((f) => lexicon.roles(f) & (ROLE_WORD | ROLE_PROPER));
    expect(words).toEqual([]);
    // and every listed form is one (the list holds nothing it need not)
    for (const f of REAL_WORD_FORMS) expect(lexicon.roles(f) & (ROLE_WORD | ROLE_PROPER), f).not.toBe(0);
  });
});
