/**
 * Lines with boxes → one text layer string, the input of the minutes parser,
 * and the way back: from offsets in that string to boxes on pages.
 *
 * Running headers and footers are left out of the text (they were recognized by
 * position and repetition) and reported separately; a vertical gap wider than
 * a line becomes a blank line; pages are separated by a form feed.
 */
import type { PageBox } from '../minutes/model.ts';
import { union, type PdfLine } from './layout.ts';

export interface TextLayer {
  text: string;
  /** Content lines with their offsets in `text`. */
  lines: { line: PdfLine; start: number; end: number }[];
  /** Running headers and footers, in page order. */
  running: PdfLine[];
}

/** A paragraph gap: more than ~0.9 of the font size of empty space above a line. */
const PARAGRAPH_GAP = 0.9;

export function buildTextLayer(lines: readonly PdfLine[]): TextLayer {
  const parts: string[] = [];
  const out: TextLayer['lines'] = [];
  const running: PdfLine[] = [];
  let length = 0;
  let page = 0;
  const push = (s: string) => {
    parts.push(s);
    length += s.length;
  };
  for (const line of lines) {
    if (line.running) {
      running.push(line);
      continue;
    }
    if (line.page !== page) {
      if (page !== 0) push('\f');
      page = line.page;
    } else {
      push(line.gapAbove > PARAGRAPH_GAP ? '\n\n' : '\n');
    }
    out.push({ line, start: length, end: length + line.text.length });
    push(line.text);
  }
  push('\n');
  return { text: parts.join(''), lines: out, running };
}

/**
 * The boxes that draw the text at `[start, end)` of the text layer: one box per
 * page, the union of the parts of the runs that the range covers (a run's width is
 * split evenly over its characters).
 */
export function boxesFor(layer: TextLayer, start: number, end: number): PageBox[] {
  const lines = layer.lines;
  // First line that ends after start (binary search).
  let lo = 0;
  let hi = lines.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (lines[mid]!.end <= start) lo = mid + 1;
    else hi = mid;
  }
  const byPage = new Map<number, PageBox[]>();
  for (let i = lo; i < lines.length && lines[i]!.start < end; i++) {
    const { line, start: ls } = lines[i]!;
    for (const run of line.runs) {
      const rs = ls + run.start;
      const re = ls + run.end;
      const a = Math.max(rs, start);
      const b = Math.min(re, end);
      if (a >= b) continue;
      const perChar = run.box.width / Math.max(1, re - rs);
      const box: PageBox = { ...run.box, x: run.box.x + (a - rs) * perChar, width: (b - a) * perChar };
      if (!byPage.has(line.page)) byPage.set(line.page, []);
      byPage.get(line.page)!.push(box);
    }
  }
  return [...byPage.values()].map((boxes) => union(boxes)!);
}
