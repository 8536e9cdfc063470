/**
 * declarativeNetRequest rules that open kl.dk minutes and agenda PDFs in the
 * viewer instead of the browser's PDF view. Pure: the caller installs them.
 */
import { isKlPdfSource } from './links.ts';

/** Added to a PDF URL to see it in the browser's own PDF view (skips the redirect). */
export const NATIVE_VIEW_PARAM = 'referat-native=1';

export const REDIRECT_RULE_ID = 1;
export const ALLOW_NATIVE_RULE_ID = 2;
/** Rules for PDFs known as minutes from their link text take the ids from here on. */
export const LEARNED_RULE_ID_BASE = 1000;
/** How many such PDFs are kept (the most recent). */
export const MAX_LEARNED = 500;

/** Minutes and agenda PDFs on https://www.kl.dk, by file name (RE2 syntax, as DNR wants it). */
export const MINUTES_PDF_REGEX = '^https://www\\.kl\\.dk/.*(?:[Rr]eferat|[Dd]agsorden)[^/?#]*\\.[Pp][Dd][Ff](?:[?#].*)?$';

export interface Rule {
  id: number;
  priority: number;
  action: { type: 'redirect' | 'allow'; redirect?: { regexSubstitution?: string; extensionPath?: string } };
  condition: { regexFilter?: string; urlFilter?: string; resourceTypes: 'main_frame'[] };
}

/**
 * The rules for a viewer at `viewerUrl` (e.g. `chrome-extension://ID/viewer.html`):
 * minutes PDFs by file name, plus `learned`, the PDFs the kl.dk content script
 * knew as minutes from their link text (see `learnablePdf`).
 */
export function redirectRules(viewerUrl: string, learned: readonly string[] = []): Rule[] {
  return [
    {
      id: REDIRECT_RULE_ID,
      priority: 1,
      action: { type: 'redirect', redirect: { regexSubstitution: `${viewerUrl}?file=\\0` } },
      condition: { regexFilter: MINUTES_PDF_REGEX, resourceTypes: ['main_frame'] },
    },
    {
      id: ALLOW_NATIVE_RULE_ID,
      priority: 2,
      action: { type: 'allow' },
      condition: { urlFilter: `|https://www.kl.dk/*${NATIVE_VIEW_PARAM}`, resourceTypes: ['main_frame'] },
    },
    ...learned
      .filter((u) => learnablePdf(u) === u)
      .slice(-MAX_LEARNED)
      .map(
        (url, i): Rule => ({
          id: LEARNED_RULE_ID_BASE + i,
          priority: 1,
          action: { type: 'redirect', redirect: { extensionPath: `/viewer.html?file=${encodeURIComponent(url)}` } },
          // The exact URL, start to end: the native view's `?referat-native=1` does not match.
          condition: { urlFilter: `|${url}|`, resourceTypes: ['main_frame'] },
        }),
      ),
  ];
}

/**
 * The URL to add a redirect for, when a link's text said it is minutes but its
 * file name does not (the file-name rule already covers the others); null when
 * it is not an https://www.kl.dk PDF or cannot be written as an exact URL filter.
 */
export function learnablePdf(href: string): string | null {
  if (!isKlPdfSource(href)) return null;
  const u = new URL(href);
  u.hash = '';
  if (!/\.pdf$/i.test(u.pathname) || new RegExp(MINUTES_PDF_REGEX).test(u.href)) return null;
  // `*`, `^` and `|` are special in a urlFilter.
  if (/[*^|\s]/.test(u.href) || u.href.length > 1000) return null;
  return u.href;
}

/** The URL of the browser's own view of a PDF (the redirect lets it through). */
export function nativeViewUrl(pdfUrl: string): string {
  const u = new URL(pdfUrl);
  u.searchParams.set('referat-native', '1');
  return u.href;
}

/** What the viewer was asked to open: nothing, or a URL that it may (`allowed`) or may not fetch. */
export type ViewerFile = { url: string; allowed: boolean } | null;

/**
 * The PDF a viewer URL points to: `?file=` holds it raw (from a redirect) or
 * encoded. Only https://www.kl.dk is `allowed`; anything else is refused before
 * any request is made.
 */
export function fileFromViewerSearch(search: string): ViewerFile {
  const m = /[?&]file=(.*)$/.exec(search);
  if (!m) return null;
  const raw = m[1]!;
  let url = raw;
  if (/^[a-z][a-z0-9+.-]*%3A/i.test(raw)) {
    try {
      url = decodeURIComponent(raw);
    } catch {
      // left as it came: refused below
    }
  }
  return { url, allowed: isKlPdfSource(url) };
}
