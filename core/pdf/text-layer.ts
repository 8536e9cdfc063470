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
 * A run of text on a page — its offsets in some text (the text layer, or
 * `Meeting.text` once mapped) and its box. Page boxes of any range are made
 * from runs, so keeping the runs keeps every span's way back to the page.
 */
export interface PageRun {
  start: number;
  end: number;
  page: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Every run of the text layer's lines, in text order, with offsets in the text layer. */
export function layerRuns(layer: TextLayer): PageRun[] {
  const runs: PageRun[] = [];
  for (const { line, start } of layer.lines) {
    for (const run of line.runs) if (run.end > run.start) runs.push({ start: start + run.start, end: start + run.end, ...run.box });
  }
  return runs;
}

/**
 * Runs carried into another text through an offset map (`toTarget`: an offset
 * of the runs' text → one of the other); runs that map to nothing are dropped.
 */
export function mapRuns(runs: readonly PageRun[], toTarget: (offset: number) => number): PageRun[] {
  const out: PageRun[] = [];
  for (const r of runs) {
    const start = toTarget(r.start);
    const end = toTarget(r.end);
    if (end > start) out.push({ ...r, start, end });
  }
  return out;
}

/**
 * The boxes that draw the text at `[start, end)`: one box per page, the union
 * of the parts of the runs that the range covers (a run's width is split evenly
 * over its characters). `runs` are in text order.
 */
export function boxesForRuns(runs: readonly PageRun[], start: number, end: number): PageBox[] {
  // First run that ends after start (binary search).
  let lo = 0;
  let hi = runs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (runs[mid]!.end <= start) lo = mid + 1;
    else hi = mid;
  }
  const byPage = new Map<number, PageBox[]>();
  for (let i = lo; i < runs.length && runs[i]!.start < end; i++) {
    const r = runs[i]!;
    const a = Math.max(r.start, start);
    const b = Math.min(r.end, end);
    if (a >= b) continue;
    const perChar = r.width / Math.max(1, r.end - r.start);
    const box: PageBox = { page: r.page, x: r.x + (a - r.start) * perChar, y: r.y, width: (b - a) * perChar, height: r.height };
    if (!byPage.has(r.page)) byPage.set(r.page, []);
    byPage.get(r.page)!.push(box);
  }
  return [...byPage.values()].map((boxes) => union(boxes)!);
}
