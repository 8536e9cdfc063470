import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OcrWords } from './ocr-words.ts';
import { Repairs, type TextRepairEdit } from './text-view.ts';

/** Words of a text and their readings; two words share a misread form ("|" in "|" and "|n", both read as "I"). */
const WORDS = ['pa', 'mgde', '|', '|n', 'ogsa', 'og', 'vaere', 'den'];
const READINGS: Record<string, string[]> = { pa: ['på'], mgde: ['møde', 'mode'], '|': ['I'], '|n': ['I'], ogsa: ['også'], vaere: ['være'] };
type Word = { w: string; reading: number; evidence: TextRepairEdit['evidence'] };
const word: fc.Arbitrary<Word> = fc.record({ w: fc.constantFrom(...WORDS), reading: fc.nat({ max: 1 }), evidence: fc.constantFrom<TextRepairEdit['evidence']>('word', 'line', 'document') });

/** The text of `words` (one space between), its repairs, the word each repair is in, and where each word starts. */
function textOf(words: Word[]): { text: string; edits: TextRepairEdit[]; owner: number[]; starts: number[] } {
  let text = '';
  const edits: TextRepairEdit[] = [];
  const owner: number[] = [];
  const starts: number[] = [];
  words.forEach(({ w, reading, evidence }, k) => {
    if (text) text += ' ';
    starts.push(text.length);
    const readings = READINGS[w];
    if (readings) {
      edits.push({ start: text.length, end: text.length + w.length, from: w.startsWith('|') ? '|' : w, to: readings[reading % readings.length]!, evidence });
      owner.push(k);
    }
    text += w;
  });
  return { text, edits, owner, starts };
}

describe('OcrWords', () => {
  it('after an edit lists what grouping the repairs afresh lists, and keeps the diagnostics the edit did not reach', () => {
    let kept = 0;
    fc.assert(
      fc.property(fc.array(word, { maxLength: 40 }), fc.nat(), fc.nat(), fc.array(word, { maxLength: 6 }), (words, a, b, inserted) => {
        const old = textOf(words);
        const prev = OcrWords.of(old.text, Repairs.of(old.edits));
        // Words [i, j) replaced by `inserted`: their repairs go, those of `inserted` come, those after move.
        const i = a % (words.length + 1);
        const j = i + (b % (words.length - i + 1));
        const now = textOf([...words.slice(0, i), ...inserted, ...words.slice(j)]);
        const before = old.owner.filter((k) => k < i).length;
        const resume = old.owner.filter((k) => k < j).length;
        const own = now.owner.filter((k) => k >= i && k < i + inserted.length).length;
        const repairs = Repairs.of(now.edits);
        const next = prev.spliced(now.text, repairs, { before, own, resume });
        expect(next.list).toEqual(OcrWords.of(now.text, repairs).list);
        const boundary = i < words.length ? old.starts[i]! : old.text.length;
        for (const d of next.list) {
          if (!prev.list.includes(d)) continue;
          kept++;
          expect(d.occurrences.every((s) => s.end <= boundary)).toBe(true);
        }
      }),
      { numRuns: 3000, seed: 11 },
    );
    expect(kept).toBeGreaterThan(100);
  });
});
