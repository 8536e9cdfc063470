/**
 * PDF page boxes (user units, origin bottom-left, `y` the bottom edge) → CSS
 * pixels in a page element (origin top-left). The one place the two coordinate
 * systems meet.
 */
import type { PageBox } from '../minutes/model.ts';

export interface CssBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** The page's view box as pdf.js reports it: `[x0, y0, x1, y1]` in PDF units. */
export type ViewBox = readonly [number, number, number, number];

/** Where `box` is drawn in a page element rendered at `scale` CSS px per PDF unit, padded by `pad` PDF units. */
export function boxToCss(box: PageBox, view: ViewBox, scale: number, pad = 0): CssBox {
  if (!(scale > 0)) throw new RangeError(`scale must be positive, got ${scale}`);
  const [x0, , , y1] = view;
  return {
    left: (box.x - pad - x0) * scale,
    top: (y1 - (box.y + box.height) - pad) * scale,
    width: (box.width + 2 * pad) * scale,
    height: (box.height + 2 * pad) * scale,
  };
}

/** The CSS size of a page with this view box at `scale`. */
export function pageSize(view: ViewBox, scale: number): { width: number; height: number } {
  return { width: (view[2] - view[0]) * scale, height: (view[3] - view[1]) * scale };
}

/** What `renderPageCanvas` needs of a pdf.js page (PDFPageProxy). */
export interface RenderablePage {
  getViewport(options: { scale: number }): { width: number; height: number };
  render(options: { canvas: never; viewport: never; transform?: number[] }): { promise: Promise<unknown>; cancel(): void };
}

/** What `renderPageCanvas` needs of a canvas element. */
export interface SizedCanvas {
  width: number;
  height: number;
  style: { width: string; height: string };
}

/**
 * Starts rendering a page at `scale` CSS px per PDF unit into a canvas made by
 * `makeCanvas`, with `dpr` device pixels per CSS pixel so it stays sharp; the
 * canvas is sized in both. Returns the canvas and pdf.js's render task.
 */
export function renderPageCanvas<C extends SizedCanvas>(page: RenderablePage, scale: number, dpr: number, makeCanvas: () => C): { canvas: C; task: { promise: Promise<unknown>; cancel(): void } } {
  const viewport = page.getViewport({ scale });
  const canvas = makeCanvas();
  canvas.width = Math.floor(viewport.width * dpr);
  canvas.height = Math.floor(viewport.height * dpr);
  canvas.style.width = `${viewport.width}px`;
  canvas.style.height = `${viewport.height}px`;
  const task = page.render({ canvas: canvas as never, viewport: viewport as never, transform: dpr !== 1 ? [dpr, 0, 0, dpr, 0, 0] : undefined });
  return { canvas, task };
}
