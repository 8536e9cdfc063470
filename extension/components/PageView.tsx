/**
 * One PDF page: a placeholder of the right size, rendered (canvas + text layer)
 * when it comes near the viewport, with the structure overlays on top.
 */
import * as pdfjs from 'pdfjs-dist';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import { boxToCss, pageSize, type ViewBox } from '../utils/geometry.ts';
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

/** Overlays reach a little beyond the glyphs they mark (PDF units). */
const PAD = 1.5;

export function PageView({ doc, number, view, scale, overlays, activeItem, onRendered, onOverlays }: PageViewProps) {
  const ref = useRef<HTMLDivElement>(null);
  const size = pageSize(view, scale);

  useEffect(() => {
    const host = ref.current;
    if (!host) return;
    let cancelled = false;
    let task: { cancel(): void } | null = null;
    const render = async () => {
      const page = await doc.getPage(number);
      if (cancelled) return;
      const viewport = page.getViewport({ scale });
      const dpr = window.devicePixelRatio || 1;
      const canvas = document.createElement('canvas');
      canvas.width = Math.floor(viewport.width * dpr);
      canvas.height = Math.floor(viewport.height * dpr);
      canvas.style.width = `${viewport.width}px`;
      canvas.style.height = `${viewport.height}px`;
      canvas.className = 'page-canvas';
      const renderTask = page.render({ canvas, viewport, transform: dpr !== 1 ? [dpr, 0, 0, dpr, 0, 0] : undefined });
      task = renderTask;
      await renderTask.promise;
      if (cancelled) return;
      host.querySelector('.page-canvas')?.remove();
      host.prepend(canvas);
      host.dataset.rendered = 'true';
      onRendered?.(number);
      const text = document.createElement('div');
      text.className = 'textLayer';
      host.querySelector('.textLayer')?.remove();
      canvas.after(text);
      await new pdfjs.TextLayer({ textContentSource: page.streamTextContent(), container: text, viewport }).render();
    };
    const io = new IntersectionObserver(
      (entries) => {
        if (!entries.some((e) => e.isIntersecting)) return;
        io.disconnect();
        render().catch((e: unknown) => {
          if ((e as { name?: string })?.name !== 'RenderingCancelledException') host.dataset.error = String(e);
        });
      },
      { rootMargin: '100% 0px' },
    );
    io.observe(host);
    return () => {
      cancelled = true;
      io.disconnect();
      task?.cancel();
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
