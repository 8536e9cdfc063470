import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyEdits } from '../text/offset-map.ts';
import { Repairs, TextView, type TextRepairEdit } from './text-view.ts';

/** A text and sorted, non-overlapping repairs of it, some replacing nothing (insertions), some next to each other. */
const repaired = fc
  .tuple(fc.string({ unit: fc.constantFrom('a', 'b', ' ', '\n', 'ø'), maxLength: 60 }), fc.array(fc.tuple(fc.nat(), fc.nat({ max: 4 }), fc.string({ maxLength: 4 })), { maxLength: 12 }))
  .map(([text, raw]) => {
    const edits: TextRepairEdit[] = [];
    let pos = 0;
    for (const [gap, len, to] of raw) {
      const start = Math.min(text.length, pos + (gap % 6));
      const end = Math.min(text.length, start + len);
      if (start === end && to === '') continue;
      edits.push({ start, end, from: text.slice(start, end), to });
      pos = end;
    }
    return { text, edits };
  });

describe('TextView', () => {
  it('slices the repaired text by the text’s own offsets as a map of the repairs does, without making the whole repaired text', () => {
    fc.assert(
      fc.property(repaired, fc.nat(), fc.nat(), ({ text, edits }, a, b) => {
        const applied = applyEdits(text, edits.map((e) => ({ from: e.start, to: e.end, insert: e.to })));
        const start = a % (text.length + 1);
        const end = start + (b % (text.length - start + 1));
        const view = new TextView(text, null, 'words', Repairs.of(edits));
        expect(view.slice(start, end)).toBe(applied.text.slice(applied.map.toTarget(start), applied.map.toTarget(end)));
        expect(view.repaired).toBe(applied.text);
      }),
      { numRuns: 2000, seed: 7 },
    );
  });

  it('moves the repairs after an edit as making them afresh would: those before kept, the stretch’s own put in, those after shifted', () => {
    fc.assert(
      fc.property(repaired, fc.nat(), fc.nat(), fc.integer({ min: -20, max: 20 }), repaired, ({ text, edits }, a, b, d, inserted) => {
        const from = a % (text.length + 1);
        const to = from + (b % (text.length - from + 1));
        const shift = Math.max(d, from - to);
        const { repairs, splice } = Repairs.of(edits).spliced(from, to, shift, inserted.edits);
        const kept = edits.filter((e) => e.end <= from);
        const after = edits.slice(edits.findIndex((e, i) => i >= kept.length && e.start >= to) >>> 0).filter((e) => e.start >= to);
        const expected = [...kept, ...inserted.edits.map((e) => ({ ...e, start: e.start + from, end: e.end + from })), ...after.map((e) => ({ ...e, start: e.start + shift, end: e.end + shift }))];
        expect(splice).toEqual({ before: kept.length, own: inserted.edits.length, resume: edits.length - after.length });
        expect([...repairs.start]).toEqual(expected.map((e) => e.start));
        expect([...repairs.end]).toEqual(expected.map((e) => e.end));
        expect(repairs.words.map((w) => w.to)).toEqual(expected.map((e) => e.to));
      }),
      { numRuns: 2000, seed: 3 },
    );
  });
});
