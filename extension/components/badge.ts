/**
 * The badge next to a minutes link on kl.dk: a button in a shadow root, built
 * from text nodes only (nothing from the page is parsed as HTML), with a
 * preview that loads on hover or focus.
 */
import type { MinutesLink } from '../utils/links.ts';
import type { Result } from '../utils/messages.ts';
import type { MeetingSummary } from '../utils/summary.ts';
import { longDate } from '../utils/summary.ts';
import { t } from '../utils/i18n.ts';
import type { Lang } from '../utils/settings.ts';

export interface BadgeDeps {
  lang: Lang;
  preview(url: string): Promise<Result<MeetingSummary>>;
  open(url: string): void;
}

/** The preview's maximum height (CSS px), as in the style below. */
const POPUP_HEIGHT = 330;

const CSS = `
:host { all: initial; display: inline-block; position: relative; margin-left: .4em; vertical-align: middle; font: 12px/1.3 system-ui, sans-serif; }
button { all: unset; cursor: pointer; padding: 1px 7px; border-radius: 9px; background: #1e3a8a; color: #fff; font-weight: 600; font-size: 11px; }
button:focus-visible { outline: 2px solid #f59e0b; outline-offset: 1px; }
.pop { position: absolute; left: 0; top: calc(100% + 4px); z-index: 2147483647; width: 340px; max-height: 320px; overflow: auto;
  background: #fff; color: #111; border: 1px solid #cbd5e1; border-radius: 6px; box-shadow: 0 6px 20px rgb(0 0 0 / .18); padding: 8px 10px; }
.pop.up { top: auto; bottom: calc(100% + 4px); }
.pop[hidden] { display: none; }
.head { font-weight: 700; margin-bottom: 4px; }
.meta { color: #475569; margin-bottom: 6px; }
ol { margin: 0; padding: 0; list-style: none; }
li { padding: 1px 0; }
li b { display: inline-block; min-width: 2.6em; color: #1e3a8a; }
.err { color: #b91c1c; }
.scanned { color: #78350f; background: #fef3c7; border-radius: 4px; padding: 4px 6px; margin-bottom: 6px; }
`;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, cls?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}

/** Create the badge host for `link`; the caller inserts it after the link. */
export function createBadge(link: MinutesLink, deps: BadgeDeps): HTMLElement {
  const host = document.createElement('referat-badge');
  host.setAttribute('data-referat-badge', link.kind);
  host.setAttribute('data-referat-url', link.url);
  const root = host.attachShadow({ mode: 'open' });
  const style = el('style', CSS);
  const button = el('button', `${t(deps.lang, link.kind)} · ${t(deps.lang, 'badge')}`);
  button.setAttribute('aria-label', `${t(deps.lang, 'openViewer')}: ${link.url}`);
  button.setAttribute('aria-haspopup', 'dialog');
  const pop = el('div', undefined, 'pop');
  pop.hidden = true;
  pop.setAttribute('role', 'tooltip');
  pop.setAttribute('data-referat-preview', '');
  root.append(style, button, pop);

  let loaded = false;
  const show = () => {
    // Open upwards when there is no room below the badge.
    pop.classList.toggle('up', host.getBoundingClientRect().bottom + POPUP_HEIGHT > window.innerHeight && host.getBoundingClientRect().top > POPUP_HEIGHT);
    pop.hidden = false;
    if (loaded) return;
    loaded = true;
    pop.replaceChildren(el('div', t(deps.lang, 'loading'), 'meta'));
    void deps.preview(link.url).then((r) => {
      fill(pop, r, deps.lang);
      if (!r.ok) loaded = false;
    });
  };
  const hide = () => {
    pop.hidden = true;
  };
  button.addEventListener('mouseenter', show);
  button.addEventListener('focus', show);
  host.addEventListener('mouseleave', hide);
  button.addEventListener('blur', hide);
  button.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') hide();
  });
  button.addEventListener('click', (e) => {
    e.preventDefault();
    e.stopPropagation();
    deps.open(link.url);
  });
  return host;
}

function fill(pop: HTMLElement, r: Result<MeetingSummary>, lang: Lang): void {
  if (!r.ok) {
    pop.replaceChildren(el('div', `${t(lang, 'failed')}: ${r.error}`, 'err'));
    return;
  }
  const s = r.value;
  const head = el('div', `${s.body} · ${t(lang, s.kind)}`, 'head');
  const meta = el('div', [longDate(s.date, lang), `${s.items.length} ${t(lang, 'itemWord', { count: s.items.length })}`, s.pages ? `${s.pages} ${t(lang, 'pageWord', { count: s.pages })}` : ''].filter(Boolean).join(' · '), 'meta');
  head.setAttribute('data-kind', s.kind);
  meta.setAttribute('data-date', s.date ?? '');
  const list = el('ol');
  for (const item of s.items) {
    const li = el('li');
    li.setAttribute('data-item-number', item.number);
    li.append(el('b', item.number), document.createTextNode(` ${item.title}`));
    list.append(li);
  }
  const parts: HTMLElement[] = [head, meta];
  if (s.scannedPages.length) {
    const pages = s.scannedPages.join(', ');
    const note = el('div', t(lang, 'scannedNote', { count: s.scannedPages.length, pages }), 'scanned');
    note.setAttribute('data-scanned-pages', pages);
    parts.push(note);
  }
  pop.replaceChildren(...parts, list);
}
