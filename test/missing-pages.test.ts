/**
 * A page that could not be read (a scan where OCR is not at hand, a page torn
 * out of the text layer) takes some lines with it, often a section's heading
 * and its first items. Generated, not designed: from each seed's normalized
 * text a run of 20–70 lines at a seeded random place is cut, many times over,
 * and the parse of what is left is held to the parse of the whole text:
 * - no item gets a number the document does not print (a title fragment read
 *   as an item numbered from the sequence was the failure this guards);
 * - every item lying wholly outside the cut keeps its number and title.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseMinutes, type TextRepairer } from '../core/minutes/parse.ts';
import type { Meeting } from '../core/minutes/model.ts';
import { createDanishRepairer } from '../core/ocr/index.ts';
import { loadDanishLexicon } from '../core/ocr/load-lexicon.node.ts';
import { rng } from './support/variants.ts';

const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
const seeds = readdirSync(`${fixtures}seeds`).filter((f) => f.endsWith('.txt')).sort();
const TRIALS = 40;

let repairer: TextRepairer | null = null;
const repair = () => (repairer ??= createDanishRepairer(loadDanishLexicon()));
const items = (m: Meeting) => m.sections.flatMap((s) => s.items);

describe('pages lost from the text', () => {
  for (const seed of seeds) {
    it(`keeps every item outside the lost lines, and invents no number (${seed})`, () => {
      const whole = parseMinutes(readFileSync(`${fixtures}seeds/${seed}`, 'utf8'), { includeText: true, repairer: repair });
      const text = whole.text!;
      const lineStarts = [0];
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
      const printed = new Map(items(whole).map((it) => [it.number, it]));
      const random = rng(seed.length * 7919 + seed.charCodeAt(2));
      let kept = 0;
      let expected = 0;
      const invented: string[] = [];
      const changed: string[] = [];
      for (let trial = 0; trial < TRIALS; trial++) {
        const length = 20 + Math.floor(random() * 51);
        const first = Math.floor(random() * (lineStarts.length - length));
        const from = lineStarts[first]!;
        const to = lineStarts[first + length] ?? text.length;
        const cut = parseMinutes(text.slice(0, from) + text.slice(to), { repairer: repair });
        const found = new Map(items(cut).map((it) => [it.number, it]));
        for (const it of found.values()) if (!printed.has(it.number)) invented.push(`${it.number} "${it.title}" (lines ${first}–${first + length})`);
        for (const it of printed.values()) {
          if (it.span.end > from && it.span.start < to) continue; // touched by the cut
          expected++;
          const got = found.get(it.number);
          if (got?.title === it.title) kept++;
          else changed.push(`${it.number} "${it.title}" → ${got ? `"${got.title}"` : 'lost'} (lines ${first}–${first + length})`);
        }
      }
      console.log(`${seed}: ${TRIALS} cuts, ${kept}/${expected} items outside the cut kept (${(kept / expected).toFixed(3)}), ${invented.length} invented numbers`);
      expect(invented).toEqual([]);
      // An item right after the cut may lose the line that opened it (the cut ends inside its heading): a little room.
      expect(kept / expected, changed.slice(0, 5).join('\n')).toBeGreaterThanOrEqual(0.99);
    });
  }
});
