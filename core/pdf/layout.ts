/**
 * Text items on PDF pages → lines in reading order, with boxes and font facts,
 * and the running headers and footers told apart by position and repetition.
 * Pure: works on plain item records, so it runs wherever pdf.js does.
 *
 * Coordinates are PDF user units with the origin at the page's bottom left, as
 * pdf.js reports text positions; a box's `y` is its bottom edge.
 */
import type { PageBox } from '../minutes/model.ts';

/** One run of text as pdf.js reports it, reduced to what layout needs. */
export interface PdfItem {
  str: string;
  /** Left edge of the baseline. */
  x: number;
  /** Baseline. */
  y: number;
  width: number;
  /** Font size (the text matrix's vertical scale). */
  size: number;
  bold: boolean;
}

export interface PdfPageItems {
  /** 1-based page number. */
  page: number;
  width: number;
  height: number;
  items: PdfItem[];
}

/** A run inside a line, with its offsets in the line's text. */
export interface PdfRun {
  start: number;
  end: number;
  box: PageBox;
}

export interface PdfLine {
  page: number;
  text: string;
  box: PageBox;
  /** Most of the line's characters are bold. */
  bold: boolean;
  /** The largest font size on the line. */
  size: number;
  runs: PdfRun[];
  /** A running header or footer. */
  running: boolean;
  /** Vertical gap above the line, in multiples of its font size (0 for a page's first line). */
  gapAbove: number;
  /** Read with OCR from a page image: its words have boxes, but whether it is bold is not known. */
  ocr?: boolean;
}

/** Groups a page's items into lines, top to bottom, left to right. */
export function pageLines(page: PdfPageItems): PdfLine[] {
  const items = page.items.filter((i) => i.str.length > 0 && i.str.trim().length > 0);
  items.sort((a, b) => b.y - a.y || a.x - b.x);
  const groups: PdfItem[][] = [];
  for (const item of items) {
    const last = groups[groups.length - 1];
    const ref = last?.[0];
    if (last && ref && Math.abs(ref.y - item.y) <= Math.max(ref.size, item.size) * 0.45) last.push(item);
    else groups.push([item]);
  }
  const lines: PdfLine[] = [];
  let prevBaseline: number | null = null;
  for (const group of groups) {
    group.sort((a, b) => a.x - b.x);
    let text = '';
    const runs: PdfRun[] = [];
    let boldChars = 0;
    let size = 0;
    let prevEnd: number | null = null;
    for (const item of group) {
      const str = item.str.replace(/\s+$/, (s) => (s.length ? ' ' : ''));
      if (prevEnd !== null && item.x - prevEnd > item.size * 0.15 && !text.endsWith(' ') && !str.startsWith(' ')) text += ' ';
      const start = text.length;
      text += str;
      runs.push({ start, end: text.length, box: itemBox(page.page, item) });
      if (item.bold) boldChars += str.trim().length;
      size = Math.max(size, item.size);
      prevEnd = item.x + item.width;
    }
    const trimmed = text.replace(/\s+$/, '');
    const baseline = Math.min(...group.map((g) => g.y));
    lines.push({
      page: page.page,
      text: trimmed,
      box: union(runs.map((r) => r.box))!,
      bold: boldChars > 0 && boldChars >= trimmed.replace(/\s/g, '').length * 0.6,
      size: round(size),
      runs,
      running: false,
      gapAbove: prevBaseline === null ? 0 : round((prevBaseline - baseline) / Math.max(size, 1) - 1),
    });
    prevBaseline = baseline;
  }
  return lines;
}

/**
 * Marks running headers and footers: lines in the top or bottom band of the page
 * whose digit-masked text recurs on several pages.
 */
export function markRunning(pages: readonly PdfPageItems[], lines: PdfLine[]): void {
  const band = new Map<number, { height: number }>(pages.map((p) => [p.page, { height: p.height }]));
  const inBand = (l: PdfLine) => {
    const h = band.get(l.page)?.height ?? 842;
    return l.box.y > h * 0.88 || l.box.y + l.box.height < h * 0.1;
  };
  const pagesOf = new Map<string, Set<number>>();
  for (const l of lines) {
    if (!inBand(l)) continue;
    const key = maskDigits(l.text);
    if (!pagesOf.has(key)) pagesOf.set(key, new Set());
    pagesOf.get(key)!.add(l.page);
  }
  const textPages = new Set(lines.map((l) => l.page)).size;
  const minPages = Math.max(2, Math.ceil(textPages * 0.3));
  for (const l of lines) {
    if (!inBand(l)) continue;
    const n = pagesOf.get(maskDigits(l.text))?.size ?? 0;
    // A bare page number at the foot is running even on a short document.
    if (n >= minPages || (/^\d{1,4}$/.test(l.text.trim()) && l.box.y < (band.get(l.page)?.height ?? 842) * 0.1)) l.running = true;
  }
}

function maskDigits(s: string): string {
  return s.replace(/\d+/g, '#').replace(/\s+/g, ' ').trim().toLowerCase();
}

function itemBox(page: number, item: PdfItem): PageBox {
  // Descenders reach about a fifth of the size below the baseline.
  return { page, x: round(item.x), y: round(item.y - item.size * 0.2), width: round(item.width), height: round(item.size) };
}

/** The smallest box holding all boxes (all on one page), or null for none. */
export function union(boxes: readonly PageBox[]): PageBox | null {
  if (boxes.length === 0) return null;
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const b of boxes) {
    x0 = Math.min(x0, b.x);
    y0 = Math.min(y0, b.y);
    x1 = Math.max(x1, b.x + b.width);
    y1 = Math.max(y1, b.y + b.height);
  }
  return { page: boxes[0]!.page, x: round(x0), y: round(y0), width: round(x1 - x0), height: round(y1 - y0) };
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
