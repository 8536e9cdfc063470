/**
 * What the badge preview and the popup show of a parsed document: a small,
 * serializable summary of a Meeting.
 */
import type { Meeting, MeetingKind } from '../../core/minutes/model.ts';

export interface MeetingSummary {
  url: string;
  body: string;
  kind: MeetingKind;
  /** ISO date, or null when the document gives none. */
  date: string | null;
  pages: number | null;
  items: { number: string; title: string }[];
  /** Pages with no text layer: the preview does not read them (OCR takes seconds a page); the viewer does. */
  scannedPages: number[];
}

export function summarize(meeting: Meeting, url: string): MeetingSummary {
  return {
    url,
    body: meeting.body,
    kind: meeting.kind,
    date: meeting.date,
    pages: meeting.source.pages ?? null,
    items: meeting.sections.flatMap((s) => s.items.map((i) => ({ number: i.number, title: i.title }))),
    scannedPages: meeting.diagnostics.flatMap((d) => (d.code === 'no-text-layer' && typeof d.params?.page === 'number' ? [d.params.page] : [])),
  };
}

const MONTHS = {
  da: ['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'december'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
} as const;

/** `2020-09-04` → `4. september 2020` (da) or `4 September 2020` (en); other strings unchanged. */
export function longDate(iso: string | null, lang: 'da' | 'en' = 'da'): string {
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso) : null;
  if (!m) return iso ?? '';
  const month = MONTHS[lang][Number(m[2]) - 1];
  const day = Number(m[3]);
  return lang === 'da' ? `${day}. ${month} ${m[1]}` : `${day} ${month} ${m[1]}`;
}

/** A citation for one item: body, kind, date, item, page, URL with a deep link. */
export function citation(meeting: Pick<Meeting, 'body' | 'kind' | 'date'>, item: { number: string; title: string; page: number | null }, url: string): string {
  const kind = meeting.kind === 'dagsorden' ? 'Dagsorden' : 'Referat';
  const page = item.page ? `, s. ${item.page}` : '';
  return `${meeting.body}, ${kind} ${longDate(meeting.date)}, punkt ${item.number} "${item.title}"${page}. ${url}#item=${item.number}`;
}
