import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applyEdits, ComposedMap, type Edit } from './offset-map.ts';

/** Random sorted, non-overlapping edits over a text of length n. */
const editsFor = (n: number) =>
  fc
    .array(fc.tuple(fc.nat(n), fc.nat(4), fc.string({ maxLength: 4 })), { maxLength: 12 })
    .map((raw) => {
      const sorted = raw.map(([from, len, insert]) => ({ from, to: Math.min(n, from + len), insert })).sort((a, b) => a.from - b.from);
      const out: Edit[] = [];
      let last = -1;
      for (const e of sorted) {
        if (e.from <= last) continue;
        out.push(e);
        last = e.to;
      }
      return out;
    });

const textAndEdits = fc.string({ maxLength: 60 }).chain((text) => fc.tuple(fc.constant(text), editsFor(text.length)));

describe('OffsetMap', () => {
  it('keeps the text outside edits at mapped positions', () => {
    fc.assert(
      fc.property(textAndEdits, ([text, edits]) => {
        const { text: out, map } = applyEdits(text, edits);
        expect(map.targetLength).toBe(out.length);
        for (let i = 0; i < text.length; i++) {
          if (edits.some((e) => i >= e.from && i < e.to)) continue;
          expect(out[map.toTarget(i)]).toBe(text[i]);
        }
      }),
    );
  });

  it('round-trips offsets in unchanged stretches', () => {
    fc.assert(
      fc.property(textAndEdits, ([text, edits]) => {
        const { map } = applyEdits(text, edits);
        for (let i = 0; i <= text.length; i++) {
          if (edits.some((e) => i >= e.from && i <= e.to)) continue;
          expect(map.toSource(map.toTarget(i))).toBe(i);
        }
      }),
    );
  });

  it('is monotonic and stays in bounds both ways', () => {
    fc.assert(
      fc.property(textAndEdits, fc.integer({ min: -5, max: 80 }), ([text, edits], probe) => {
        const { out, map } = { out: applyEdits(text, edits).text, map: applyEdits(text, edits).map };
        let prev = -1;
        for (let i = 0; i <= out.length; i++) {
          const s = map.toSource(i);
          expect(s).toBeGreaterThanOrEqual(prev);
          expect(s).toBeLessThanOrEqual(text.length);
          prev = s;
        }
        const t = map.toTarget(probe);
        expect(t).toBeGreaterThanOrEqual(0);
        expect(t).toBeLessThanOrEqual(out.length);
      }),
    );
  });

  it('composes maps step by step', () => {
    const a = applyEdits('ab-\ncd', [{ from: 2, to: 4, insert: '' }]);
    const b = applyEdits(a.text, [{ from: 0, to: 0, insert: '>' }]);
    const m = new ComposedMap([a.map, b.map]);
    expect(b.text).toBe('>abcd');
    expect(m.toSource(3)).toBe(4); // 'c'
    expect(m.toTarget(5)).toBe(4); // 'd'
  });

  it('rejects overlapping edits with the numbers', () => {
    expect(() =>
      applyEdits('abcdef', [
        { from: 1, to: 4, insert: '' },
        { from: 3, to: 5, insert: '' },
      ]),
    ).toThrow(/\[3, 5\).*previous end 4/);
  });
});
