/**
 * The PDF page beside the text: the page the cursor's line was read from,
 * with the current item, its title and the cursor's line outlined on it. The
 * boxes come from the document's page runs (anchored to the text, so they
 * follow edits); the PDF's bytes are those kept in this browser at import.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import type { PageBox } from '../../core/minutes/model.ts';
import { boxToCss, pageSize, renderPageCanvas, type RenderablePage, type ViewBox } from '../../core/pdf/geometry.ts';
import { boxesForRuns } from '../../core/pdf/text-layer.ts';
import { useStore, useT, useWorkbench } from '../workbench/use-store.ts';
import { openPdf } from '../services/pdf.ts';
import { itemNumbered } from '../workbench/items.ts';

type Loaded = { id: string; pdf: PDFDocumentProxy } | { id: string; pdf: null; reason: 'none' | 'failed' };

/** Outlines reach a little beyond the glyphs (PDF units). */
const PAD = 1.5;

export function PagePane() {
  const wb = useWorkbench();
  const t = useT();
  const active = useStore(wb.tabs, (s) => s.active);
  const meeting = useStore(wb.session, (s) => s.meeting);
  const currentItem = useStore(wb.session, (s) => s.currentItem);
  const cursorPos = useStore(wb.session, (s) => s.cursor.pos);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [width, setWidth] = useState(0);
  const host = useRef<HTMLDivElement>(null);
  const canvasBox = useRef<HTMLDivElement>(null);
  const lastPage = useRef(1);
  const [view, setView] = useState<{ page: number; box: ViewBox } | null>(null);

  // The PDF of the active document, opened once per document.
  useEffect(() => {
    const id = active;
    if (!id) return;
    let gone = false;
    let opened: PDFDocumentProxy | null = null;
    setLoaded(null);
    setView(null);
    void wb
      .library.pdfBytes(id)
      .then(async (bytes) => {
        if (!bytes) return { id, pdf: null, reason: 'none' as const };
        opened = await openPdf(bytes);
        return { id, pdf: opened };
      })
      .catch(() => ({ id, pdf: null, reason: 'failed' as const }))
      .then((l) => {
        if (gone) void opened?.destroy();
        else setLoaded(l);
      });
    return () => {
      gone = true;
      void opened?.destroy();
    };
  }, [wb, active]);

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setWidth(el.clientWidth));
    observer.observe(el);
    setWidth(el.clientWidth);
    return () => observer.disconnect();
  }, []);

  // Where the runs are now: recomputed when the text is parsed again.
  const runs = useMemo(() => wb.tabs.activeDoc()?.currentPageRuns() ?? [], [wb, active, meeting]);
  const editor = wb.session.view;
  const line = editor?.state.doc.lineAt(Math.min(cursorPos, editor.state.doc.length));
  const lineBoxes = line && runs.length ? boxesForRuns(runs, line.from, Math.max(line.to, line.from + 1)) : [];
  const item = itemNumbered(meeting, currentItem);
  const itemBoxes = item && runs.length ? boxesForRuns(runs, item.span.start, item.span.end) : [];
  const titleBoxes = item && runs.length ? boxesForRuns(runs, item.titleSpan.start, item.titleSpan.end) : [];
  const page = lineBoxes[0]?.page ?? titleBoxes[0]?.page ?? lastPage.current;
  lastPage.current = page;
  const pdf = loaded?.id === active ? loaded.pdf : null;

  // Renders the page to fit the pane's width.
  useEffect(() => {
    const box = canvasBox.current;
    if (!pdf || !box || width < 50) return;
    let cancelled = false;
    let task: { cancel(): void } | null = null;
    void (async () => {
      const n = Math.min(Math.max(1, page), pdf.numPages);
      const p = await pdf.getPage(n);
      if (cancelled) return;
      const base = p.getViewport({ scale: 1 });
      const scale = (width - 16) / base.width;
      const { canvas, task: render } = renderPageCanvas(p as unknown as RenderablePage, scale, window.devicePixelRatio || 1, () => document.createElement('canvas'));
      task = render;
      await render.promise.catch(() => undefined);
      if (cancelled) return;
      box.querySelector('canvas')?.remove();
      box.prepend(canvas);
      setView({ page: n, box: p.view as unknown as ViewBox });
    })();
    return () => {
      cancelled = true;
      task?.cancel();
    };
  }, [pdf, page, width]);

  const scale = view ? (width - 16) / (view.box[2] - view.box[0]) : 0;
  const outline = (boxes: PageBox[], kind: string) =>
    view
      ? boxes
          .filter((b) => b.page === view.page)
          .map((b, i) => {
            const css = boxToCss(b, view.box, scale, PAD);
            return <div key={`${kind}${i}`} class={`pp-box pp-${kind}`} data-kind={kind} style={{ left: `${css.left}px`, top: `${css.top}px`, width: `${css.width}px`, height: `${css.height}px` }} />;
          })
      : null;

  let note: string | null = null;
  if (!runs.length) note = t('noPdfRuns');
  else if (loaded?.id === active && !loaded.pdf) note = loaded.reason === 'none' ? t('noPdfHere') : t('pdfFailed');

  return (
    <aside class="page-pane" ref={host} aria-label={t('pdfPage')} data-page={view?.page ?? ''}>
      <header>
        {t('pdfPage')} {view ? `${view.page} / ${pdf?.numPages ?? '?'}` : ''}
        {item && <span class="pp-item-name"> · {item.number}</span>}
        <button class="link" onClick={() => wb.settings.togglePageView()} title="Ctrl+Alt+P" aria-label={t('close')}>
          ×
        </button>
      </header>
      {note ? (
        <p class="empty">{note}</p>
      ) : (
        <div class="pp-page" ref={canvasBox} style={view ? { width: `${pageSize(view.box, scale).width}px`, height: `${pageSize(view.box, scale).height}px` } : {}} data-rendered={view ? 'true' : 'false'}>
          {outline(itemBoxes, 'item')}
          {outline(titleBoxes, 'title')}
          {outline(lineBoxes, 'line')}
        </div>
      )}
    </aside>
  );
}
