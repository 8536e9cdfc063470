import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_STEPS, normalize } from './normalize.ts';

const norm = (s: string) => normalize(s).text;

describe('normalize', () => {
  it('unifies line endings, form feeds, NBSP, tabs and spaces', () => {
    expect(norm('a\r\nb\rc\fd')).toBe('a\nb\nc\nd');
    expect(norm('  Indstilling \u00a0\t\n Det  indstilles,\u00a0at ')).toBe('Indstilling\nDet indstilles, at');
    expect(norm('\ufeffKKR\u200b')).toBe('KKR');
  });

  it('removes running headers and footers, even mid-sentence', () => {
    const input = 'Der er ikke indkommet bemærknin-\nKKR Nordjylland  | 04-09-2020\n SIDE  |  7\nger til referatet.';
    const n = normalize(input);
    expect(n.text).toBe('Der er ikke indkommet bemærkninger\ntil referatet.');
    expect(n.running.map((r) => r.text)).toEqual(['KKR Nordjylland | 04-09-2020', 'SIDE | 7']);
    expect(input.slice(n.running[1]!.start, n.running[1]!.end)).toContain('SIDE  |  7');
  });

  it('de-hyphenates line ends with the right exceptions', () => {
    expect(norm('idet regerin-\ngen grundet Covid19')).toBe('idet regeringen\ngrundet Covid19');
    expect(norm('det specialiserede soci-\nalområde\nSAG-2020-04159 hlth')).toBe('det specialiserede socialområde\nSAG-2020-04159 hlth');
    expect(norm('KKR 2026-\n2030')).toBe('KKR 2026-2030');
    expect(norm('erfaringer med DK-\n2020. Hun')).toBe('erfaringer med DK-2020.\nHun');
    expect(norm('tilbud på dag- /døgnområdet')).toBe('tilbud på dag- /døgnområdet');
    expect(norm('Proces-\nog tidsplan')).toBe('Proces-\nog tidsplan');
    expect(norm('Netta Ben-\nYedidia orienterede')).toBe('Netta Ben-Yedidia\norienterede');
    expect(norm('Beskæftigelse –\nstatus')).toBe('Beskæftigelse –\nstatus');
    expect(norm('indsatsområdet "un-\n\nge”.')).toBe('indsatsområdet "unge”.');
  });

  it('drops the single blank lines of a double-spaced extraction but keeps paragraphs', () => {
    const lines = Array.from({ length: 12 }, (_, i) => `linje ${i}`);
    const double = `${lines.slice(0, 6).join('\n \n')}\n\n \n\n${lines.slice(6).join('\n\n')}\n`;
    expect(norm(double)).toBe(`${lines.slice(0, 6).join('\n')}\n\n${lines.slice(6).join('\n')}`);
    const single = `${lines.slice(0, 6).join('\n')}\n\n\n${lines.slice(6).join('\n')}`;
    expect(norm(single)).toBe(`${lines.slice(0, 6).join('\n')}\n\n${lines.slice(6).join('\n')}`);
  });

  it('joins a word hyphenated over three lines in one pass, and never leaves a line ending in a hyphen it made', () => {
    expect(norm('a-\na-\na')).toBe('aaa');
    expect(norm('regerin-\ngen- og noget')).toBe('regeringen- og\nnoget');
    expect(norm('so-\ncial- sundhed og')).toBe('social- sundhed\nog');
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'b', ' ', '-', '\n', '\r', '\f', '\u00a0', '|', '1', 'Æ', '.', '\t') }), (s) => {
        const once = norm(s);
        expect(norm(once)).toBe(once);
      }),
      { numRuns: 400 },
    );
  });

  it('maps every normalized offset back into the input, monotonically, and round-trips kept characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'ø', ' ', '-', '\n', '\r\n', '\f', '\u00a0', 'SIDE | 3\n', 'x-\ny', '\n\n') }), (s) => {
        const n = normalize(s);
        let prev = 0;
        for (let i = 0; i <= n.text.length; i++) {
          const src = n.map.toSource(i);
          expect(src).toBeGreaterThanOrEqual(prev);
          expect(src).toBeLessThanOrEqual(s.length);
          prev = src;
        }
        for (let i = 0; i < n.text.length; i++) {
          const c = n.text[i]!;
          if (/[aø]/.test(c)) {
            const src = n.map.toSource(i);
            expect(s[src]).toBe(c);
            expect(n.map.toTarget(src)).toBe(i);
          }
        }
      }),
      { numRuns: 400 },
    );
  });

  it('gives the same text, running lines and offset maps with its space, running-line and blank-line steps made in one pass', () => {
    const stepwise = [...DEFAULT_STEPS]; // not the default array: every step makes its own text
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({
            unit: fc.constantFrom('a', 'S', 'p', 'ø', ' ', '  ', '-', '\n', '\n', '\n\n', ' \n', '\r\n', '\f', '\u00a0', '|', '1', '07', '.', 'ord\n\n', 'SIDE | 3', '\nSide 2 af 9 \n', 'KKR Nord | 04-09-2020', '\u2003'),
            maxLength: 80,
          }),
          // Double-spaced extractions: lines mostly apart, now and then a paragraph or a running line.
          fc
            .array(fc.tuple(fc.constantFrom('ord', ' ord  to ', 'x-', 'SIDE | 4', '', ' '), fc.constantFrom('\n\n', '\n \n', '\n\n\n', '\n', '\n\n\n\n', '\n\n \n\n')), { minLength: 8, maxLength: 24 })
            .map((parts) => parts.map(([line, gap]) => line + gap).join('')),
        ),
        (s) => {
          const fused = normalize(s);
          const plain = normalize(s, stepwise);
          expect(fused.text).toBe(plain.text);
          expect(fused.running).toEqual(plain.running);
          expect(fused.pageBreaks).toEqual(plain.pageBreaks);
          for (let i = 0; i <= fused.text.length + 1; i++) expect(fused.map.toSource(i)).toBe(plain.map.toSource(i));
          for (let i = 0; i <= s.length + 1; i++) expect(fused.map.toTarget(i)).toBe(plain.map.toTarget(i));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('joins hyphenated words after a hyphen the text starts with', () => {
    expect(normalize('-\nDer er ikke indkommet be-\nmærkninger til referatet.').text).toBe('-\nDer er ikke indkommet bemærkninger\ntil referatet.');
  });
});
