/**
 * The incremental re-parse (core/minutes/incremental.ts) against a full parse:
 * after every edit of random sequences of edits (insertions, deletions and
 * replacements anywhere, inside headings, case lines, dates and participant
 * lists, whole items copied in or cut out), on the five seeds as files and as
 * normalized, and on OCR-damaged texts with the real repairer, the Meeting
 * (spans, diagnostics) deep-equals the full parse of the text as it stands.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseIncremental, reparse, type IncrementalParse } from '../core/minutes/incremental.ts';
import { parseWithOverrides } from '../core/document/overrides.ts';
import { normalize } from '../core/text/normalize.ts';
import type { ParseOptions } from '../core/minutes/parse.ts';
import { repair, seedFiles } from './support/curated.ts';
import { OCR_DAMAGE } from './support/variants.ts';

const seeds = seedFiles.map((f) => readFileSync(f, 'utf8'));

/** Pieces an edit inserts: structure in the making and breaking, and ordinary typing. */
const PIECES = [
  'x', 'e', ' ', '  ', '\n', '\n\n', '-', '-\n', '.', 'ø', 'å', 'æ', 'g', 'Æ', 'pa', 'mgde',
  '3.', '3.2', '3.2 ', '4. ', '1.1. Godkendelse af dagsorden\n', '\n2. Sager til beslutning\n',
  'SAG-2020-04159', 'SAG-2021-01234 hlth\n', '\nSAG-2020-03136 hith\n', 'Beslutning\n', '\nIndstilling\n', 'Sagsfremstilling',
  'Baggrund\n', 'Dato: 4. september 2020\n', '19-06-2020', 'KKR Nordjylland', 'Deltagere:\n', 'Afbud:\n',
  'Anders Andersen (A), Aalborg Kommune\n', './. Bilag 1\n', 'Side 3\n', 'KKR Nordjylland | 04-09-2020\n', '\f', '\t', '\u00a0', 'regerin-\ngen ',
];

type Edit = { at: number; del: number; kind: 'piece' | 'copy' | 'line'; piece: number; copyAt: number; copyLen: number };

const edit: fc.Arbitrary<Edit> = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  del: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 0, max: 400 })),
  kind: fc.constantFrom('piece', 'piece', 'piece', 'copy', 'line'),
  piece: fc.nat({ max: PIECES.length - 1 }),
  copyAt: fc.double({ min: 0, max: 1, noNaN: true }),
  copyLen: fc.integer({ min: 1, max: 2000 }),
});

/** The change an edit makes of `text`: at a character, or (kind 'line') a whole line cut or a copied stretch put at a line's start. */
function change(text: string, e: Edit): { from: number; to: number; insert: string } {
  let from = Math.floor(e.at * (text.length + 1));
  if (e.kind === 'line') from = text.lastIndexOf('\n', from - 1) + 1;
  const to = Math.min(text.length, from + (e.kind === 'line' && e.del > 0 ? Math.max(0, text.indexOf('\n', from) + 1 - from) || e.del : e.del));
  let insert = PIECES[e.piece]!;
  if (e.kind !== 'piece') {
    // A stretch of the text itself: whole items, headings, case lines, a participant list.
    let a = Math.floor(e.copyAt * text.length);
    if (e.kind === 'line') a = text.lastIndexOf('\n', a - 1) + 1;
    insert = text.slice(a, a + e.copyLen);
  }
  return { from, to, insert };
}

function check(start: string, edits: Edit[], options: ParseOptions, counts: { incremental: number; full: number }): void {
  let text = start;
  let inc: IncrementalParse = parseIncremental(text, options);
  expect(inc.meeting).toEqual(parseWithOverrides(text, [], options));
  for (const e of edits) {
    const c = change(text, e);
    text = text.slice(0, c.from) + c.insert + text.slice(c.to);
    inc = reparse(inc, text, [c], options);
    counts[inc.mode]++;

    expect(inc.meeting).toEqual(parseWithOverrides(text, [], options));
  }
}

/** Lets the test runner's messages through between runs (a run takes a while on a busy machine). */
const breath = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('incremental re-parse', () => {
  it('equals a full parse after any sequence of edits, on the five seeds as files and normalized', async () => {
    // As files (every line ends in a space: mostly parsed whole) and as the editor holds them, normalized.
    const counts = [
      { incremental: 0, full: 0 },
      { incremental: 0, full: 0 },
    ];
    const starts = seeds.flatMap((s) => [s, normalize(s).text]);
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: starts.length - 1 }), fc.array(edit, { minLength: 20, maxLength: 20 }), async (i, edits) => {
        await breath();
        check(starts[i]!, edits, { source: { name: 'editor' } }, counts[i % 2]!);
      }),
      { numRuns: 200, seed: 16 },
    );
    // The property says nothing unless the editor's edits were mostly taken incrementally.
    expect(counts[1]!.incremental).toBeGreaterThan(counts[1]!.full * 2);
  }, 120_000);

  it('keeps the date the text gives across an edit after the agenda phrase it was read from, and reads it again for one in or before it', () => {
    // Seeds without a date on the cover or in the running lines: dated by "dagsorden til … møde den …".
    const dated = seeds.map((s) => normalize(s).text).filter((t) => parseIncremental(t).kept.textDate?.throughLine != null);
    expect(dated.length).toBeGreaterThan(0);
    let kept = 0;
    let readAgain = 0;
    for (const text of dated) {
      const base = parseIncremental(text, { source: { name: 'editor' } });
      const phrase = /dagsorden(?:en)?\s+(?:til|for)\s/i.exec(text)!.index;
      const lastLine = base.kept.textDate!.throughLine!;
      let k = 0;
      for (let at = Math.max(0, phrase - 300); at < Math.min(text.length, phrase + 900); at += 13, k++) {
        // Typing, a line broken or joined, the date's digits changed, a character deleted.
        const c = [
          { from: at, to: at, insert: 'x' },
          { from: at, to: at, insert: '\n' },
          { from: at, to: at + 1, insert: '7' },
          { from: at, to: at + 1, insert: '' },
          { from: at, to: at, insert: ' møde den 3. marts 2021 ' },
        ][k % 5]!;
        const next = text.slice(0, c.from) + c.insert + text.slice(c.to);
        const inc = reparse(base, next, [c]);
        expect(inc.meeting).toEqual(parseWithOverrides(next, [], { source: { name: 'editor' } }));
        if (inc.mode !== 'incremental') continue;
        if (inc.kept.textDate === base.kept.textDate) kept++;
        else readAgain++;
        // Kept only where the edit lies after every line the date was read from.
        if (inc.kept.textDate === base.kept.textDate) expect(text.slice(0, at).split('\n').length - 1).toBeGreaterThan(lastLine);
      }
    }
    expect(kept).toBeGreaterThan(0);
    expect(readAgain).toBeGreaterThan(0);
  }, 60_000);

  it('equals a full parse with the real OCR repairer: damaged texts (repaired as a whole) and the seeds (word by word)', async () => {
    const counts = { incremental: 0, full: 0 };
    const damaged = seeds.filter((s) => OCR_DAMAGE.appliesTo!(s)).map((s) => normalize(OCR_DAMAGE.apply(s, null as never).text).text);
    damaged.push(...seeds.map((s) => normalize(s).text));
    const options: ParseOptions = { repairer: repair, source: { name: 'editor' } };
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: damaged.length - 1 }), fc.array(edit, { minLength: 20, maxLength: 20 }), async (i, edits) => {
        await breath();
        check(damaged[i]!, edits, options, counts);
      }),
      { numRuns: 20, seed: 2 },
    );
    expect(counts.incremental).toBeGreaterThan(counts.full * 2);
  }, 120_000);
});
