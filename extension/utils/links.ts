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

/**
 * The minutes or agenda a link points to, or null. `href` must be absolute
 * (resolve it against the page first); only PDFs on kl.dk count.
 */
export function recognizeMinutesLink(href: string, text: string): MinutesLink | null {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (!KL_HOST.test(url.hostname)) return null;
  if (!/\.pdf$/i.test(url.pathname)) return null;
  const file = safeDecode(url.pathname.slice(url.pathname.lastIndexOf('/') + 1)).replace(/[-_+]/g, ' ');
  const label = text.replace(/\s+/g, ' ').trim();
  if (NOT_MINUTES.test(file) || NOT_MINUTES.test(label)) return null;
  const kind = kindOf(file) ?? kindOf(label);
  return kind ? { url: url.href, kind } : null;
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

/** A kl.dk URL that the viewer may open directly (minutes/agenda PDFs by file name alone). */
export function isMinutesPdfUrl(href: string): boolean {
  return recognizeMinutesLink(href, '') !== null;
}
