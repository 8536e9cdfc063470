import { describe, expect, it } from 'vitest';
import { pageLines } from './layout.ts';
import { fromTesseract, looksGarbled, ocrItems, ocrPool, type OcrPageText } from './ocr.ts';

describe('looksGarbled', () => {
  it('passes Danish text, short text and numbers', () => {
    expect(looksGarbled('KKR Nordjylland godkendte referatet fra mødet den 4. september 2020, og tog orienteringen til efterretning.')).toBe(false);
    expect(looksGarbled('Side 5')).toBe(false);
    expect(looksGarbled('SAG-2020-03374 abc 1.1 2.3 12.000 kr. 2020-2024 Bilag 1 2 3 4')).toBe(false);
  });

  it('flags replacement and private-use characters, symbol soup and words without vowels', () => {
    expect(looksGarbled('\uFFFD\uFFFD\uFFFD \uE001\uE002\uE003 \uFFFD\uFFFD\uFFFD\uFFFD \uE010\uE011 abc def ghi jkl')).toBe(true);
    expect(looksGarbled('#%& *+<> {}|~ ^$@ #%& *+<> {}|~ ^$@ bc')).toBe(true);
    expect(looksGarbled('bcdfg hjklm npqrs tvwxz bcdfg hjklm npqrs tvwxz bcdfg hjklm')).toBe(true);
  });
});

describe('ocrItems', () => {
  // A 150 dpi image of an A4 page: 1240 × 1754 px for 595.28 × 841.89 pt.
  const page: OcrPageText = {
    width: 1240,
    height: 1754,
    confidence: 95,
    lines: [
      {
        bbox: { x0: 146, y0: 155, x1: 500, y1: 175 },
        baseline: { x0: 146, y0: 171, x1: 500, y1: 171 },
        rowHeight: 20,
        words: [
          { text: 'Indstilling', bbox: { x0: 146, y0: 155, x1: 260, y1: 175 }, confidence: 96 },
          { text: 'godkendt', bbox: { x0: 272, y0: 156, x1: 360, y1: 175 }, confidence: 95 },
        ],
      },
      {
        bbox: { x0: 146, y0: 182, x1: 300, y1: 202 },
        baseline: { x0: 146, y0: 198, x1: 300, y1: 198 },
        rowHeight: 20,
        words: [{ text: 'Næste', bbox: { x0: 146, y0: 182, x1: 220, y1: 202 }, confidence: 90 }],
      },
    ],
  };

  it('puts words in PDF user space (origin bottom-left) on their line’s baseline', () => {
    const items = ocrItems(page, [0, 0, 595.28, 841.89]);
    const s = 595.28 / 1240;
    expect(items.map((i) => i.str)).toEqual(['Indstilling ', 'godkendt', 'Næste']);
    expect(items[0]!.x).toBeCloseTo(146 * s, 1);
    expect(items[0]!.y).toBeCloseTo(841.89 - 171 * (841.89 / 1754), 1);
    expect(items[1]!.y).toBe(items[0]!.y);
    expect(items[1]!.width).toBeCloseTo(88 * s, 1);
    expect(items[0]!.size).toBeCloseTo(20 * (841.89 / 1754), 1);
  });

  it('gives lines with word boxes, through the same layout as a text layer', () => {
    const lines = pageLines({ page: 3, width: 595.28, height: 841.89, items: ocrItems(page, [0, 0, 595.28, 841.89]) });
    expect(lines.map((l) => l.text)).toEqual(['Indstilling godkendt', 'Næste']);
    expect(lines[0]!.runs.map((r) => lines[0]!.text.slice(r.start, r.end))).toEqual(['Indstilling ', 'godkendt']);
    expect(lines[0]!.runs[1]!.box.x).toBeCloseTo(272 * (595.28 / 1240), 1);
  });

  it('offsets by a view box that does not start at the origin', () => {
    const [shifted] = ocrItems(page, [10, 20, 605.28, 861.89]);
    const [plain] = ocrItems(page, [0, 0, 595.28, 841.89]);
    expect(shifted!.x).toBeCloseTo(plain!.x, 5);
    expect(shifted!.y).toBeCloseTo(plain!.y, 5);
  });

  it('reads a tesseract.js page result', () => {
    const text = fromTesseract({ blocks: [{ paragraphs: [{ lines: page.lines.map((l) => ({ ...l, rowAttributes: { rowHeight: l.rowHeight } })) }] }] }, 1240, 1754);
    expect(text.lines.map((l) => l.words.map((w) => w.text))).toEqual([['Indstilling', 'godkendt'], ['Næste']]);
    expect(text.confidence).toBe(94);
  });
});

describe('ocrPool', () => {
  it('runs at most `size` engines, started on demand, and stops them on close', async () => {
    let started = 0;
    let running = 0;
    let most = 0;
    const stopped: number[] = [];
    const pool = ocrPool<number>({
      size: 2,
      start: async () => ++started,
      stop: async (engine) => void stopped.push(engine),
      read: async (_engine, request) => {
        most = Math.max(most, ++running);
        await new Promise((r) => setTimeout(r, 5));
        running--;
        return { width: 1, height: 1, lines: [], confidence: request.page };
      },
    });
    const request = (page: number) => ({ page, pages: 6, pdfPage: { getViewport: () => ({ width: 1, height: 1 }), render: () => ({ promise: Promise.resolve() }) } });
    const read = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => pool.read(request(n))));
    expect(read.map((r) => r.confidence)).toEqual([1, 2, 3, 4, 5, 6]);
    expect([started, most]).toEqual([2, 2]);
    await pool.close();
    expect(stopped.sort()).toEqual([1, 2]);
  });
});
