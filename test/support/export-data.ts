/**
 * Curated documents for the export format tests, made as plain data (no
 * editor model): the five seeds, and a copy of seed 001 whose titles, case
 * workers and analysts' names start like formulas, with labels, comments, a
 * reply, an orphaned annotation, review records and an adjudication.
 */
import type { CuratedAnnotation, CuratedDocument } from '../../core/export/model.ts';
import { seedDocuments } from './curated.ts';

/** Texts a spreadsheet would read as formulas if they went out as they are. */
export const FORMULA_TITLES = ['=HYPERLINK("http://example.invalid","klik")', '+45 33 70 33 70', '-1 mio. kr. til budgettet', '@SUM(A1:A9)', '\tindrykket'];

function annotation(doc: CuratedDocument, id: string, needle: string, author: string, labels: string[], comments: CuratedAnnotation['comments'] = []): CuratedAnnotation {
  const text = doc.meeting.text;
  const start = text.indexOf(needle);
  if (start < 0) throw new Error(`not in the text: ${needle}`);
  const end = start + needle.length;
  return {
    id,
    start,
    end,
    orphaned: false,
    quote: needle,
    prefix: text.slice(Math.max(0, start - 32), start),
    suffix: text.slice(end, end + 32),
    labels: labels.map((label, i) => ({ label, author, at: `2026-01-05T09:0${i}:00.000Z` })),
    comments,
    author,
    createdAt: '2026-01-05T09:00:00.000Z',
  };
}

/** Seed 001 (items 2.1 … 2.10) with formula-like texts, annotations, review and an adjudication. */
export function trickyDocument(): CuratedDocument {
  const seed = seedDocuments()[1]!;
  const doc: CuratedDocument = structuredClone({ ...seed, documentId: 'tricky-001' });
  const items = doc.meeting.sections.flatMap((s) => s.items);
  FORMULA_TITLES.forEach((title, i) => {
    items[i]!.title = title;
  });
  items[0]!.caseworkers = ['=cmd|/C calc!A0', 'hast'];
  const first = items[0]!;
  const needle = doc.meeting.text.slice(first.titleSpan.start, first.titleSpan.end).trim() || doc.meeting.text.slice(first.span.start, first.span.start + 20);
  const beslutning = items.find((i) => i.fields.beslutning)!;
  const decided = doc.meeting.text.slice(beslutning.fields.beslutning!.span.start, beslutning.fields.beslutning!.span.start + 24);
  doc.annotations = [
    annotation(doc, 'a1', needle, '@ana', ['klima', 'økonomi'], [
      { id: 'c1', author: '@ana', text: '=1+1 er ikke en formel her', at: '2026-01-05T10:00:00.000Z', replyTo: null },
      { id: 'c2', author: 'bo', text: 'Enig – også for referatet. 😀', at: '2026-01-05T11:00:00.000Z', replyTo: 'c1' },
    ]),
    annotation(doc, 'a2', needle, 'bo', ['klima']),
    annotation(doc, 'a3', decided, 'bo', ['godkendt']),
    {
      id: 'orphan',
      start: null,
      end: null,
      orphaned: true,
      quote: 'tekst der er slettet',
      prefix: 'en ',
      suffix: ' igen',
      labels: [{ label: 'uddannelse', author: 'ana', at: '2026-01-06T08:00:00.000Z' }],
      comments: [],
      author: 'ana',
      createdAt: '2026-01-06T08:00:00.000Z',
    },
  ];
  doc.review = {
    [first.number]: { status: 'approved', by: '=ana', at: '2026-01-07T12:30:00.000Z' },
    [items[1]!.number]: { status: 'corrected', by: null, at: null },
  };
  doc.adjudications = [{ itemNumber: first.number, label: 'økonomi', value: false, decidedBy: '+kurator', at: '2026-01-08T09:00:00.000Z', note: null }];
  doc.meta = { ...doc.meta, source: doc.meeting.source };
  return doc;
}

/** The five seeds and the tricky document. */
export function exportDocuments(): CuratedDocument[] {
  return [...seedDocuments(), trickyDocument()];
}
