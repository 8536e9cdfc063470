import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { looksOcrDamaged, OCR_SAMPLE_LENGTH, OCR_SUSPECT_RATIO, ocrSample } from './suspect.ts';

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
