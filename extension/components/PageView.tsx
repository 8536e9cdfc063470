/**
 * One PDF page: a placeholder of the right size, rendered (canvas + text layer)
 * when it comes near the viewport, with the structure overlays on top.
 */
import * as pdfjs from 'pdfjs-dist';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import { boxToCss, pageSize, renderPageCanvas, type RenderablePage, type ViewBox } from '../../core/pdf/geometry.ts';
import type { Overlay } from '../utils/overlays.ts';

export interface PageViewProps {
  doc: PDFDocumentProxy;
  number: number;
  view: ViewBox;
  /** CSS px per PDF unit. */
  scale: number;
  overlays: Overlay[] | undefined;
  activeItem: string | null;
  onRendered?: (page: number) => void;
  onOverlays?: (page: number) => void;
}

/** Pages a screen ahead wait this long, so the pages on screen render first. */
const RENDER_AHEAD_DELAY_MS = 250;

/** Overlays reach a little beyond the glyphs they mark (PDF units). */
const PAD = 1.5;

export function PageView({ doc, number, view, scale, overlays, activeItem, onRendered, onOverlays }: PageViewProps) {
  const ref = useRef<HTMLDivElement>(null);
  const size = pageSize(view, scale);

  useEffect(() => {
    const host = ref.current;
    if (!host) return;
    const scroller = host.closest('.pages');
    // Each render or drop starts a new generation; work from an older one stops.
    let generation = 0;
    let state: 'idle' | 'rendering' | 'rendered' = 'idle';
    let task: { cancel(): void } | null = null;
    let loaded: { cleanup(): unknown } | null = null;
    const render = async (g: number) => {
      const page = await doc.getPage(number);
      loaded = page;
      if (g !== generation) return;
      const { canvas, task: renderTask } = renderPageCanvas(page as unknown as RenderablePage, scale, window.devicePixelRatio || 1, () => document.createElement('canvas'));
      canvas.className = 'page-canvas';
      task = renderTask;
      await renderTask.promise;
      if (g !== generation) return;
      host.querySelector('.page-canvas')?.remove();
      host.prepend(canvas);
      host.dataset.rendered = 'true';
      onRendered?.(number);
      const text = document.createElement('div');
      text.className = 'textLayer';
      host.querySelector('.textLayer')?.remove();
      canvas.after(text);
      await new pdfjs.TextLayer({ textContentSource: page.streamTextContent(), container: text, viewport: page.getViewport({ scale }) }).render();
    };
    /** Free a page far from view: its canvas holds megabytes. */
    const drop = () => {
      generation++;
      task?.cancel();
      task = null;
      host.querySelector('.page-canvas')?.remove();
      host.querySelector('.textLayer')?.remove();
      delete host.dataset.rendered;
      loaded?.cleanup();
      state = 'idle';
    };
    const start = () => {
      if (state !== 'idle') return;
      state = 'rendering';
      const g = ++generation;
      render(g)
        .then(() => {
          if (g === generation) state = 'rendered';
        })
        .catch((e: unknown) => {
          if ((e as { name?: string })?.name !== 'RenderingCancelledException') host.dataset.error = String(e);
        });
    };
    let ahead: ReturnType<typeof setTimeout> | undefined;
    // Render what is on screen at once and a screen ahead a moment later, so the
    // pages being read are first in pdf.js's queue; drop beyond four screens.
    const near = new IntersectionObserver(
      (entries) => {
        clearTimeout(ahead);
        if (state !== 'idle' || !entries.some((e) => e.isIntersecting)) return;
        const r = host.getBoundingClientRect();
        const view = scroller?.getBoundingClientRect() ?? { top: 0, bottom: window.innerHeight };
        if (r.bottom > view.top && r.top < view.bottom) start();
        else ahead = setTimeout(start, RENDER_AHEAD_DELAY_MS);
      },
      { root: scroller, rootMargin: '100% 0px' },
    );
    const far = new IntersectionObserver(
      (entries) => {
        if (state !== 'idle' && entries.every((e) => !e.isIntersecting)) drop();
      },
      { root: scroller, rootMargin: '400% 0px' },
    );
    near.observe(host);
    far.observe(host);
    return () => {
      clearTimeout(ahead);
      near.disconnect();
      far.disconnect();
      drop();
    };
  }, [doc, number, scale]);

  useLayoutEffect(() => {
    if (overlays?.length) onOverlays?.(number);
  }, [overlays]);

  return (
    <div
      ref={ref}
      class="page"
      id={`page-${number}`}
      data-page-number={number}
      style={{ width: `${size.width}px`, height: `${size.height}px`, '--total-scale-factor': String(scale) }}
    >
      <div class="overlays" aria-hidden="true">
        {overlays?.map((o, i) => {
          const css = boxToCss(o.box, view, scale, o.kind === 'item' ? PAD : PAD / 2);
          return (
            <div
              key={i}
              class={`ov ov-${o.kind}${o.field ? ` ov-${o.field}` : ''}${activeItem === o.itemNumber ? ' active' : ''}`}
              data-kind={o.kind}
              data-item-number={o.itemNumber}
              data-field={o.field}
              title={o.message}
              style={{ left: `${css.left}px`, top: `${css.top}px`, width: `${css.width}px`, height: `${css.height}px` }}
            />
          );
        })}
      </div>
    </div>
  );
}
