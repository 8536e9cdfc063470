/** The viewer's layout and state: toolbar, sidebar (legend, outline, people), pages. */
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Meeting } from '../../../core/minutes/model.ts';
import { Legend } from '../../components/Legend.tsx';
import { itemMatches, Outline } from '../../components/Outline.tsx';
import { PageView } from '../../components/PageView.tsx';
import { People } from '../../components/People.tsx';
import type { ViewBox } from '../../../core/pdf/geometry.ts';
import { boxToCss } from '../../../core/pdf/geometry.ts';
import { diagnosticText } from '../../../core/minutes/diagnostic-messages.ts';
import { t, translator } from '../../utils/i18n.ts';
import { errorLine } from '../../utils/messages.ts';
import { itemFromHash, itemNumbers, itemPage, overlaysByPage } from '../../utils/overlays.ts';
import { fileFromViewerSearch, nativeViewUrl } from '../../utils/redirect.ts';
import { sendToEditor as handToEditor } from '../../utils/send-to-editor.ts';
import { coloursSetting, DEFAULT_COLOURS, langSetting, type FieldColours, type Lang } from '../../utils/settings.ts';
import { citation, longDate } from '../../utils/summary.ts';
import { fileName } from '../../utils/names.ts';
import { openPdf } from './load.ts';

const MAX_SCALE = 1.5;
/** A picked file larger than this is not read. */
const MAX_PICKED_BYTES = 100 * 1024 * 1024;

function mark(name: string) {
  if (!performance.getEntriesByName(name, 'mark').length) performance.mark(name);
}

interface Loaded {
  doc: PDFDocumentProxy;
  bytes: Uint8Array;
  views: ViewBox[];
}

export function App() {
  const asked = useMemo(() => fileFromViewerSearch(location.search), []);
  /** The PDF to open: only an https://www.kl.dk URL; anything else is refused before any request. */
  const file = asked?.allowed ? asked.url : null;
  const refused = asked && !asked.allowed ? asked.url : null;
  /** A PDF the person picked or dropped here (read from their disk, not fetched). */
  const [picked, setPicked] = useState<{ name: string; bytes: Uint8Array } | null>(null);
  /** What citations and the title name: the URL, or the picked file's name. */
  const shownAs = file ?? picked?.name ?? null;
  const [lang, setLang] = useState<Lang>('da');
  const [colours, setColours] = useState<FieldColours>(DEFAULT_COLOURS);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [meeting, setMeeting] = useState<Meeting | null>(null);
  const [fingerprint, setFingerprint] = useState<string | null>(null);
  /** The meeting is the whole document's parse (not the first pages'). */
  const [complete, setComplete] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** How far OCR has come in the document's scanned pages (null when none are being read). */
  const [ocr, setOcr] = useState<{ done: number; total: number } | null>(null);
  const [active, setActive] = useState<string | null>(() => itemFromHash(location.hash));
  const [query, setQuery] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const pagesRef = useRef<HTMLDivElement>(null);
  const [scale, setScale] = useState(MAX_SCALE);

  useEffect(() => {
    void langSetting.getValue().then(setLang);
    void coloursSetting.getValue().then(setColours);
    const unwatch = [langSetting.watch(setLang), coloursSetting.watch(setColours)];
    return () => unwatch.forEach((u) => u());
  }, []);

  useEffect(() => {
    const source = file ?? picked;
    if (!source) return;
    document.title = `${file ? fileName(file) : picked!.name} · Referat Studio`;
    let cancelled = false;
    setError(null);
    setLoaded(null);
    setMeeting(null);
    setComplete(false);
    setOcr(null);
    openPdf(source, ({ done, total }) => !cancelled && setOcr(done < total ? { done, total } : null))
      .then(({ doc, bytes, views, early, parsed }) => {
        if (cancelled) return;
        const width = pagesRef.current?.clientWidth ?? 1000;
        const [x0, , x1] = views[0]!;
        setScale(Math.min(MAX_SCALE, Math.max(0.5, (width - 48) / (x1 - x0))));
        setLoaded({ doc, bytes, views });
        // The first pages' structure may be drawn before the whole is parsed.
        void early
          .then((p) => {
            if (p && !cancelled) setMeeting((m) => m ?? p.meeting);
          })
          .catch(() => undefined);
        return parsed.then((p) => {
          if (cancelled) return;
          setMeeting(p.meeting);
          setComplete(true);
          setFingerprint(p.fingerprint);
        });
      })
      .catch((e: unknown) => !cancelled && setError(errorLine(e)));
    return () => {
      cancelled = true;
    };
  }, [file, picked]);

  const pick = useCallback(
    async (f: File | undefined) => {
      if (!f || file) return;
      if (f.size > MAX_PICKED_BYTES) return setError(`${f.name}: ${t(lang, 'tooLarge')}`);
      setPicked({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) });
    },
    [file, lang],
  );

  const overlays = useMemo(() => (meeting ? overlaysByPage(meeting) : new Map()), [meeting]);
  const numbers = useMemo(() => (meeting ? itemNumbers(meeting) : []), [meeting]);

  /** Scroll the pages so the item's heading sits near the top. */
  const scrollToItem = useCallback(
    (number: string, behavior: ScrollBehavior = 'auto') => {
      const scroller = pagesRef.current;
      if (!meeting || !loaded || !scroller) return;
      const page = itemPage(meeting, number);
      const pageEl = page ? scroller.querySelector<HTMLElement>(`#page-${page}`) : null;
      if (!page || !pageEl) return;
      const item = meeting.sections.flatMap((s) => s.items).find((i) => i.number === number);
      const box = item?.titleSpan.pages?.[0];
      const top = box ? boxToCss(box, loaded.views[page - 1]!, scale).top : 0;
      scroller.scrollTo({ top: pageEl.offsetTop + top - 24, behavior });
    },
    [meeting, loaded, scale],
  );

  const select = useCallback(
    (number: string) => {
      setActive(number);
      history.replaceState(null, '', `${location.pathname}${location.search}#item=${number}`);
      scrollToItem(number);
    },
    [scrollToItem],
  );

  // Deep link: on load (and reload) and when the hash changes.
  useEffect(() => {
    if (!meeting) return;
    const go = () => {
      const n = itemFromHash(location.hash);
      if (n && numbers.includes(n)) {
        setActive(n);
        scrollToItem(n);
      }
    };
    go();
    window.addEventListener('hashchange', go);
    return () => window.removeEventListener('hashchange', go);
  }, [meeting, scrollToItem]);

  // Keyboard: j/k (or n/p) to the next/previous item.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey || !numbers.length) return;
      if (e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement) return;
      const step = e.key === 'j' || e.key === 'n' ? 1 : e.key === 'k' || e.key === 'p' ? -1 : 0;
      if (!step) return;
      e.preventDefault();
      const visible = meeting ? numbers.filter((n) => itemMatches(meeting.sections.flatMap((s) => s.items).find((i) => i.number === n)!, query)) : numbers;
      const at = active ? visible.indexOf(active) : -1;
      const next = visible[Math.max(0, Math.min(visible.length - 1, at + step))];
      if (next) select(next);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [numbers, active, select, query, meeting]);

  const cite = useCallback(
    async (number: string) => {
      if (!meeting || !shownAs) return;
      const item = meeting.sections.flatMap((s) => s.items).find((i) => i.number === number);
      if (!item) return;
      const text = citation(meeting, { number, title: item.title, page: itemPage(meeting, number) }, shownAs);
      try {
        await navigator.clipboard.writeText(text);
        setNotice(`${t(lang, 'copied')}: ${text}`);
      } catch {
        setNotice(text);
      }
    },
    [meeting, shownAs, lang],
  );

  const sendToEditor = useCallback(async () => {
    if (!meeting || !file || !loaded || !complete) return;
    try {
      await handToEditor(file, { meeting, fingerprint }, loaded.bytes);
      setNotice(t(lang, 'sent'));
    } catch (e) {
      setNotice(`${t(lang, 'failed')}: ${errorLine(e)}`);
    }
  }, [meeting, file, loaded, fingerprint, lang, complete]);

  const style = Object.fromEntries(Object.entries(colours).map(([k, v]) => [`--c-${k}`, v]));

  return (
    <div class="viewer" style={style} lang={lang} data-complete={complete ? 'true' : undefined}>
      <header class="toolbar">
        <strong class="brand">Referat Studio</strong>
        {meeting && (
          <span class="doc-title" data-meeting-id={meeting.id}>
            {meeting.body} · {t(lang, meeting.kind)} · {longDate(meeting.date, lang)}
          </span>
        )}
        <span class="spacer" />
        {file && (
          <a class="native" href={nativeViewUrl(file)}>
            {t(lang, 'nativeView')}
          </a>
        )}
        {/* A picked file goes to the editor the way it came here: opened there from disk. */}
        <button type="button" class="send" disabled={!complete || !file} onClick={() => void sendToEditor()}>
          {t(lang, 'sendToEditor')}
        </button>
      </header>
      <aside class="sidebar">
        <input type="search" class="search" placeholder={t(lang, 'search')} value={query} onInput={(e) => setQuery(e.currentTarget.value)} aria-label={t(lang, 'search')} />
        <Legend colours={colours} lang={lang} />
        {ocr && (
          <div class="ocr-progress" role="progressbar" aria-valuenow={ocr.done} aria-valuemax={ocr.total} aria-label={t(lang, 'ocrReading')}>
            {t(lang, 'ocrProgress', { done: ocr.done, total: ocr.total })}
            <div class="bar" style={{ width: `${(100 * ocr.done) / Math.max(1, ocr.total)}%` }} />
          </div>
        )}
        {meeting && (
          <>
            <People title={t(lang, 'participants')} people={meeting.participants} kind="participants" />
            <People title={t(lang, 'absent')} people={meeting.absent} kind="absent" />
            <Outline
              meeting={meeting}
              active={active}
              query={query}
              onSelect={select}
              onCite={(n) => void cite(n)}
              citeLabel={t(lang, 'copyCitation')}
              label={t(lang, 'outline')}
              citeShort={t(lang, 'cite')}
              onComplete={() => complete && mark('referat:outline-complete')}
            />
            {meeting.diagnostics.length > 0 && (
              <details class="diagnostics">
                <summary>
                  {t(lang, 'diagnostics')} ({meeting.diagnostics.length})
                </summary>
                <ul>
                  {meeting.diagnostics.map((d, i) => (
                    <li key={i} data-severity={d.severity}>
                      {diagnosticText(translator(lang), d)}
                      {d.span?.pages?.[0] ? ` (${t(lang, 'onPage', { page: d.span.pages[0].page })})` : ''}
                    </li>
                  ))}
                </ul>
              </details>
            )}
          </>
        )}
        <p class="keys">{t(lang, 'keys')}</p>
      </aside>
      <main
        class="pages"
        ref={pagesRef}
        onDragOver={(e) => {
          if (!file && !loaded) e.preventDefault();
        }}
        onDrop={(e) => {
          if (file || loaded) return;
          e.preventDefault();
          void pick(e.dataTransfer?.files[0]);
        }}
      >
        {!asked && !picked && <p class="error">{t(lang, 'noFile')}</p>}
        {refused !== null && !picked && (
          <p class="error refused" role="alert">
            {t(lang, 'refused')} {refused.length > 200 ? `${refused.slice(0, 200)}…` : refused}
          </p>
        )}
        {error && (
          <p class="error" role="alert">
            {t(lang, 'failed')}: {error}
          </p>
        )}
        {!file && !loaded && (
          <label class="pick">
            {t(lang, 'pickFile')}{' '}
            <input type="file" accept=".pdf,application/pdf" onChange={(e) => void pick(e.currentTarget.files?.[0])} />
          </label>
        )}
        {(file || picked) && !loaded && !error && <p class="loading">{t(lang, 'loading')}</p>}
        {loaded &&
          loaded.views.map((view, i) => (
            <PageView
              key={i}
              doc={loaded.doc}
              number={i + 1}
              view={view}
              scale={scale}
              overlays={overlays.get(i + 1)}
              activeItem={active}
              onRendered={(n) => {
                if (n === 1) mark('referat:page1-rendered');
              }}
              onOverlays={() => mark('referat:first-overlay')}
            />
          ))}
      </main>
      {notice && (
        <div class="notice" role="status" onClick={() => setNotice(null)}>
          {notice}
        </div>
      )}
    </div>
  );
}
