/**
 * declarativeNetRequest rules that open kl.dk minutes and agenda PDFs in the
 * viewer instead of the browser's PDF view. Pure: the caller installs them.
 */

/** Added to a PDF URL to see it in the browser's own PDF view (skips the redirect). */
export const NATIVE_VIEW_PARAM = 'referat-native=1';

export const REDIRECT_RULE_ID = 1;
export const ALLOW_NATIVE_RULE_ID = 2;

/** Minutes and agenda PDFs on kl.dk, by file name (RE2 syntax, as DNR wants it). */
export const MINUTES_PDF_REGEX = '^https?://www\\.kl\\.dk/.*(?:[Rr]eferat|[Dd]agsorden)[^/?#]*\\.[Pp][Dd][Ff](?:[?#].*)?$';

interface Rule {
  id: number;
  priority: number;
  action: { type: 'redirect' | 'allow'; redirect?: { regexSubstitution: string } };
  condition: { regexFilter?: string; urlFilter?: string; resourceTypes: 'main_frame'[] };
}

/** The rules for a viewer at `viewerUrl` (e.g. `chrome-extension://ID/viewer.html`). */
export function redirectRules(viewerUrl: string): Rule[] {
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
      condition: { urlFilter: `|http*://www.kl.dk/*${NATIVE_VIEW_PARAM}`, resourceTypes: ['main_frame'] },
    },
  ];
}

/** The URL of the browser's own view of a PDF (the redirect lets it through). */
export function nativeViewUrl(pdfUrl: string): string {
  const u = new URL(pdfUrl);
  u.searchParams.set('referat-native', '1');
  return u.href;
}

/** The PDF URL a viewer URL points to: `?file=` holds it raw (from a redirect) or encoded. */
export function fileFromViewerSearch(search: string): string | null {
  const m = /[?&]file=(.*)$/.exec(search);
  if (!m) return null;
  const raw = m[1]!;
  const url = /^https?%3A/i.test(raw) ? decodeURIComponent(raw) : raw;
  return /^https?:\/\//i.test(url) ? url : null;
}
