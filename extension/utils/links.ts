/**
 * Which links on kl.dk point to KKR minutes (referater) or agendas (dagsordener).
 * Pure: takes the resolved URL and the link's visible text.
 */
import type { MeetingKind } from '../../core/minutes/model.ts';

export interface MinutesLink {
  url: string;
  kind: MeetingKind;
}

/** File names and texts of PDFs that are not minutes even when they say "referat" or "dagsorden". */
const NOT_MINUTES = /forretningsorden|vedt(?:æ|ae)gt|kommissorium|pjece|folder|pr(?:æ|ae)sentation|bilag|oplæg|opl(?:ae)?g|notat|styrelsesvedt/i;
const REFERAT = /(?:^|[^a-zæøå])(?:beslutnings)?referat/i;
const DAGSORDEN = /(?:^|[^a-zæøå])dagsorden/i;
const KL_HOST = /^(?:www\.)?kl\.dk$/i;

/** The one origin the extension fetches PDFs from. */
export const KL_PDF_ORIGIN = 'https://www.kl.dk';

/**
 * May the extension fetch this URL? Only https://www.kl.dk (default port, no
 * user name): not plain http, not another host, not loopback. Everything that
 * fetches a PDF asks this first (the viewer, the previews, send to editor).
 */
export function isKlPdfSource(href: string): boolean {
  let u: URL;
  try {
    u = new URL(href);
  } catch {
    return false;
  }
  return u.protocol === 'https:' && u.host === 'www.kl.dk' && !u.username && !u.password;
}

/**
 * The minutes or agenda a link points to, or null. `href` must be absolute
 * (resolve it against the page first); only PDFs on kl.dk count. The URL comes
 * back as https://www.kl.dk (an old http:// or bare kl.dk link is read as that).
 */
export function recognizeMinutesLink(href: string, text: string): MinutesLink | null {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (!KL_HOST.test(url.hostname) || url.port || url.username || url.password) return null;
  if (!/\.pdf$/i.test(url.pathname)) return null;
  const file = safeDecode(url.pathname.slice(url.pathname.lastIndexOf('/') + 1)).replace(/[-_+]/g, ' ');
  const label = text.replace(/\s+/g, ' ').trim();
  if (NOT_MINUTES.test(file) || NOT_MINUTES.test(label)) return null;
  const kind = kindOf(file) ?? kindOf(label);
  if (!kind) return null;
  url.protocol = 'https:';
  url.host = 'www.kl.dk';
  return { url: url.href, kind };
}

function kindOf(s: string): MeetingKind | null {
  if (REFERAT.test(s)) return 'referat';
  if (DAGSORDEN.test(s)) return 'dagsorden';
  return null;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** A kl.dk URL recognized as minutes or an agenda by its file name alone (what the redirect rule matches too). */
export function isMinutesPdfUrl(href: string): boolean {
  return recognizeMinutesLink(href, '') !== null;
}
