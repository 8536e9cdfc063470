import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyEdits } from '../text/offset-map.ts';
import { TextView, type TextRepairEdit } from './text-view.ts';

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
        const view = new TextView(text, null, 'words', { edits });
        expect(view.slice(start, end)).toBe(applied.text.slice(applied.map.toTarget(start), applied.map.toTarget(end)));
        expect(view.repaired).toBe(applied.text);
      }),
      { numRuns: 2000, seed: 7 },
    );
  });
});
