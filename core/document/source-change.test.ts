import { describe, expect, it } from 'vitest';
import { compareSources, isUnchanged, pageTexts } from './source-change.ts';
import { applyEdits, lineDiff, mapOffset, untouched } from './line-diff.ts';

const item = (n: string, title: string, decision: string) => `${n}. ${title}\nSAG-2020-0000${n.replace('.', '')} ab\n\nBeslutning\n${decision}\n\n`;
const HEAD = 'KKR Nordjylland\nReferat\n\n3. Sager\n\n';
/** One item a page: runs for each item's text. */
function version(items: string[]) {
  const text = HEAD + items.join('');
  const runs = [{ start: 0, end: HEAD.length, page: 1 }];
  let at = HEAD.length;
  items.forEach((t, i) => {
    runs.push({ start: at, end: at + t.length, page: i + 2 });
    at += t.length;
  });
  return { text, runs };
}

const A = item('3.1', 'Budget for 2021', 'Godkendt.');
const B = item('3.2', 'Klima og miljø', 'Drøftet.');
const C = item('3.3', 'Trafik', 'Taget til efterretning.');

describe('compareSources', () => {
  it('finds nothing between a version and itself', () => {
    const v = version([A, B, C]);
    const change = compareSources(v, v);
    expect(isUnchanged(change)).toBe(true);
    expect(change.pages).toMatchObject({ before: 4, after: 4 });
  });

  it('names a renamed item, a removed page and its item, and an added one', () => {
    const before = version([A, B, C]);
    const D = item('3.4', 'Uddannelse', 'Godkendt.');
    const after = version([A, item('3.2', 'Klima, miljø og energi', 'Drøftet.'), D]);
    const change = compareSources(before, after);
    expect(change.textChanged).toBe(true);
    expect(change.items).toEqual({
      added: [{ number: '3.4', title: 'Uddannelse' }],
      removed: [{ number: '3.3', title: 'Trafik' }],
      renamed: [{ number: '3.2', before: 'Klima og miljø', after: 'Klima, miljø og energi' }],
    });
    // Pages 3 and 4 are in the same places with other text.
    expect(change.pages).toEqual({ before: 4, after: 4, added: [], removed: [], changed: [{ before: 3, after: 3 }, { before: 4, after: 4 }] });
  });

  it('counts a page taken out and one put in as removed and added, the others as the same pages moved', () => {
    const before = version([A, B, C]);
    const after = version([A, C]);
    expect(compareSources(before, after).pages).toEqual({ before: 4, after: 3, added: [], removed: [3], changed: [] });
    expect(compareSources(after, before).pages).toEqual({ before: 3, after: 4, added: [3], removed: [], changed: [] });
  });

  it('reads pages with whitespace folded, and a text without runs as having no pages', () => {
    expect(pageTexts({ text: 'a \n b\nc', runs: [{ start: 0, end: 4, page: 1 }, { start: 4, end: 7, page: 2 }] })).toEqual(['a', 'b c']);
    const change = compareSources({ text: HEAD + A, runs: [] }, { text: HEAD + A + B, runs: [] });
    expect(change.pages).toEqual({ before: 0, after: 0, added: [], removed: [], changed: [] });
    expect(change.items.added.map((i) => i.number)).toEqual(['3.2']);
  });
});

describe('lineDiff', () => {
  it('turns one text into the other with whole-line edits, and maps offsets through them', () => {
    const a = 'one\ntwo\nthree\nfour\nfive\n';
    const b = 'one\nTWO\nthree\nfive\nsix\n';
    const edits = lineDiff(a, b);
    expect(applyEdits(a, edits)).toBe(b);
    expect(edits).toEqual([
      { from: 4, to: 8, insert: 'TWO\n' },
      { from: 14, to: 19, insert: '' },
      { from: 24, to: 24, insert: 'six\n' },
    ]);
    expect(mapOffset(edits, a.indexOf('three'))).toBe(b.indexOf('three'));
    expect(mapOffset(edits, a.indexOf('five'))).toBe(b.indexOf('five'));
    expect(untouched(edits, a.indexOf('three'), a.indexOf('three') + 5)).toBe(true);
    expect(untouched(edits, a.indexOf('two'), a.indexOf('two') + 3)).toBe(false);
    expect(lineDiff(a, a)).toEqual([]);
  });

  it('applies to random line edits', () => {
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let round = 0; round < 200; round++) {
      const a = Array.from({ length: rand(30) }, () => `l${rand(8)}\n`).join('') + (rand(2) ? 'end' : '');
      const b = Array.from({ length: rand(30) }, () => `l${rand(8)}\n`).join('') + (rand(2) ? 'end' : '');
      expect(applyEdits(a, lineDiff(a, b))).toBe(b);
    }
  });
});
