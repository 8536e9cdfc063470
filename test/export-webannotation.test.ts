/**
 * W3C Web Annotation out and back in: targets that resolve for a reader with
 * only the PDF (URL, `urn:x-pdf:` fingerprint, page) or only the shipped text
 * (TextPositionSelector in code points), orphans flagged; reading our own
 * collection and Hypothesis's shapes back, re-anchored by quote and position,
 * with orphans and strangers counted; and export → import → export keeping
 * every annotation.
 */
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { exportDataset } from '../core/export/index.ts';
import type { CuratedAnnotation, CuratedDocument } from '../core/export/model.ts';
import { curatedFromMeeting } from '../core/export/model.ts';
import { annotationCollection, type Target, type WebAnnotation } from '../core/export/web-annotation.ts';
import { importWebAnnotations } from '../core/export/web-annotation-import.ts';
import { parseMinutes } from '../core/minutes/parse.ts';
import { seedFiles } from './support/curated.ts';
import { trickyDocument } from './support/export-data.ts';

const FINGERPRINT = '0c2e4851483b96f90c2e4851483b96f9';
const PDF_URL = 'https://www.kl.dk/media/kkr-nordjylland-2020-09-04.pdf';

/** Seed 000 with letters outside the BMP before the annotated passages, read "from a PDF" (fingerprint, URL, text runs on pages). */
function astralDocument(): CuratedDocument {
  const raw = readFileSync(seedFiles[0]!, 'utf8').replace('Dagsorden', 'Dagsorden 😀 𝔸𝔹 ');
  const meeting = parseMinutes(raw, {
    includeText: true,
    source: { name: 'kkr.pdf', sha256: createHash('sha256').update(raw).digest('hex'), url: PDF_URL },
  }) as CuratedDocument['meeting'];
  meeting.source.pdf = { fingerprint: FINGERPRINT } as NonNullable<CuratedDocument['meeting']['source']['pdf']>;
  const doc = curatedFromMeeting('astral', meeting);
  const text = meeting.text;
  expect([...text].length).toBeLessThan(text.length);
  const half = Math.floor(text.length / 2);
  doc.pageRuns = [
    { start: 0, end: half, page: 1, x: 50, y: 700, width: 400, height: 12 },
    { start: half, end: text.length, page: 2, x: 50, y: 700, width: 400, height: 12 },
  ];
  const at = (needle: string, from = 0) => {
    const start = text.indexOf(needle, from);
    if (start < 0) throw new Error(needle);
    return { start, end: start + needle.length };
  };
  const make = (id: string, span: { start: number; end: number }, extra: Partial<CuratedAnnotation> = {}): CuratedAnnotation => ({
    id,
    ...span,
    orphaned: false,
    quote: text.slice(span.start, span.end),
    prefix: text.slice(Math.max(0, span.start - 32), span.start),
    suffix: text.slice(span.end, span.end + 32),
    labels: [{ label: 'godkendt', author: 'ana', at: '2026-01-05T09:00:00.000Z' }],
    comments: [],
    author: 'ana',
    createdAt: '2026-01-05T09:00:00.000Z',
    ...extra,
  });
  doc.annotations = [
    make('first', at('godkendte dagsordenen'), {
      comments: [
        { id: 'c1', author: 'ana', text: 'Standardpunkt 😀', at: '2026-01-05T09:01:00.000Z', replyTo: null },
        { id: 'c2', author: 'bo', text: 'Enig.', at: '2026-01-05T09:02:00.000Z', replyTo: 'c1' },
        { id: 'c3', author: 'ana', text: 'Tak.', at: '2026-01-05T09:03:00.000Z', replyTo: 'c2' },
      ],
    }),
    make('late', at('godkendte', half)),
    { ...make('gone', { start: 0, end: 0 }), start: null, end: null, orphaned: true, quote: 'et afsnit der ikke findes mere', prefix: 'før ', suffix: ' efter' },
  ];
  return doc;
}

const doc = astralDocument();
const collection = annotationCollection([doc]);
const items = collection.first.items;
const targets = (a: WebAnnotation) => a.target as Target[];

describe('W3C Web Annotation export', () => {
  it('targets the PDF by URL and by fingerprint, with the quote and the page', () => {
    const first = items.find((a) => a.id.endsWith(':first'))!;
    const [byUrl, byFingerprint] = targets(first);
    expect(byUrl!.source).toBe(PDF_URL);
    expect(byFingerprint!.source).toBe(`urn:x-pdf:${FINGERPRINT}`);
    for (const t of [byUrl!, byFingerprint!]) {
      expect(t.selector).toEqual([
        expect.objectContaining({ type: 'TextQuoteSelector', exact: 'godkendte dagsordenen' }),
        { type: 'FragmentSelector', conformsTo: 'http://tools.ietf.org/rfc/rfc3778', value: 'page=1' },
      ]);
    }
    const late = items.find((a) => a.id.endsWith(':late'))!;
    expect(targets(late)[0]!.selector[1]).toMatchObject({ value: 'page=2' });
  });

  it('targets the shipped text with offsets in code points, which resolve in the text file', () => {
    const files = exportDataset([doc], { formats: ['webannotation'], generatedAt: '2026-11-23T00:00:00.000Z', origin: 'test', tool: 'test' }).files;
    const shipped = files.find((f) => f.name === 'texts/astral.txt')!.data as string;
    expect(shipped).toBe(doc.meeting.text);
    const written = JSON.parse(files.find((f) => f.name === 'annotations.jsonld')!.data as string) as typeof collection;
    expect(written).toEqual(JSON.parse(JSON.stringify(collection)));
    for (const a of items.filter((x) => !x['referat:orphaned'] && x.motivation !== 'replying')) {
      const onText = targets(a).at(-1)!;
      expect(onText.source).toEqual({ id: 'texts/astral.txt', type: 'Text', format: 'text/plain', language: 'da' });
      const quote = onText.selector.find((s) => s.type === 'TextQuoteSelector')!;
      const position = onText.selector.find((s) => s.type === 'TextPositionSelector')!;
      if (position.type !== 'TextPositionSelector' || quote.type !== 'TextQuoteSelector') throw new Error('selectors');
      // Code points: an array of the text's characters, not UTF-16 units.
      expect([...shipped].slice(position.start, position.end).join('')).toBe(quote.exact);
      expect(shipped.slice(position.start, position.end)).not.toBe(quote.exact);
    }
  });

  it('flags an orphan, which keeps only its quote', () => {
    const orphan = items.find((a) => a.id.endsWith(':gone'))!;
    expect(orphan['referat:orphaned']).toBe(true);
    for (const t of targets(orphan)) expect(t.selector).toEqual([{ type: 'TextQuoteSelector', exact: 'et afsnit der ikke findes mere', prefix: 'før ', suffix: ' efter' }]);
    expect(items.filter((a) => a['referat:orphaned'])).toHaveLength(1);
    expect(collection['@context']).toEqual(['http://www.w3.org/ns/anno.jsonld', { referat: 'urn:referat-studio:terms:' }]);
  });

  it('writes replies as replying annotations, a reply to a reply answering that reply', () => {
    const replies = items.filter((a) => a.motivation === 'replying');
    expect(replies.map((r) => [r.id.split(':').at(-1), r.target])).toEqual([
      ['first%2Fc2', items.find((a) => a.id.endsWith(':first'))!.id],
      ['first%2Fc3', replies[0]!.id],
    ]);
  });
});

describe('reading W3C Web Annotations back', () => {
  const bare = (d: CuratedDocument): CuratedDocument => ({ ...structuredClone(d), annotations: [] });

  it('export → import → export keeps every annotation, orphans counted', () => {
    const docs = [doc, trickyDocument()];
    const first = annotationCollection(docs);
    const read = importWebAnnotations(JSON.parse(JSON.stringify(first)), docs.map(bare));
    if (!read.ok) throw new Error(read.reason);
    expect(read).toMatchObject({ read: 7, anchored: 5, orphans: 2, unmatched: 0, replies: 3 });
    const again = annotationCollection(read.documents);
    expect(again).toEqual(first);
    expect(read.documents[0]!.annotations.map((a) => [a.id, a.start, a.end])).toEqual(doc.annotations.map((a) => [a.id, a.start, a.end]));
  });

  it('re-anchors by quote where the text has moved, and by position where the quote repeats', () => {
    const moved = structuredClone(doc);
    moved.meeting.text = `Forord.\n${moved.meeting.text}`;
    const read = importWebAnnotations(collection, [bare(moved)]);
    if (!read.ok) throw new Error(read.reason);
    const [first, late] = read.documents[0]!.annotations;
    expect(first!.start).toBe(doc.annotations[0]!.start! + 8);
    expect(late!.start).toBe(doc.annotations[1]!.start! + 8);
    expect(moved.meeting.text.slice(late!.start!, late!.end!)).toBe('godkendte');
  });

  it("reads Hypothesis's shapes: the API's JSON (uri, tags, text, user, references) and its JSON-LD", () => {
    const text = doc.meeting.text;
    const quote = 'godkendte dagsordenen';
    const i = text.indexOf(quote);
    const api = {
      id: 'hyp-1',
      uri: PDF_URL,
      user: 'acct:carla@hypothes.is',
      created: '2026-02-01T10:00:00.000000+00:00',
      text: 'Se også punkt 3.',
      tags: ['klima'],
      document: { link: [{ href: `urn:x-pdf:${FINGERPRINT}` }] },
      target: [{ source: PDF_URL, selector: [{ type: 'TextPositionSelector', start: 99999, end: 100020 }, { type: 'TextQuoteSelector', exact: quote, prefix: text.slice(i - 10, i), suffix: text.slice(i + quote.length, i + quote.length + 10) }] }],
    };
    const reply = { id: 'hyp-2', uri: PDF_URL, user: 'acct:dan@hypothes.is', created: '2026-02-01T11:00:00Z', text: 'Enig', tags: [], references: ['hyp-1'], target: [{ source: PDF_URL }] };
    // The JSON-LD form; its quote carries OCR damage (two letters wrong), found approximately.
    const jsonld = {
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      type: 'Annotation',
      id: 'https://hypothes.is/a/hyp-3',
      creator: 'acct:bo@hypothes.is',
      created: '2026-02-02T09:00:00Z',
      body: [{ type: 'TextualBody', value: 'Vigtigt', format: 'text/markdown' }, { type: 'TextualBody', purpose: 'tagging', value: 'trafik' }],
      target: [{ source: `urn:x-pdf:${FINGERPRINT}`, selector: [{ type: 'TextQuoteSelector', exact: 'godkendte dagsordenem'.replace('dags', 'daqs'), prefix: '', suffix: '' }] }],
    };
    const lost = { ...jsonld, id: 'https://hypothes.is/a/hyp-4', target: [{ source: PDF_URL, selector: [{ type: 'TextQuoteSelector', exact: 'helt anden tekst om noget tredje', prefix: '', suffix: '' }] }] };
    const stranger = { ...jsonld, id: 'https://hypothes.is/a/hyp-5', target: [{ source: 'https://example.org/other.pdf', selector: [{ type: 'TextQuoteSelector', exact: quote }] }] };
    const read = importWebAnnotations({ rows: [api, reply] }, [bare(doc)]);
    if (!read.ok) throw new Error(read.reason);
    expect(read).toMatchObject({ read: 1, anchored: 1, orphans: 0, replies: 1 });
    const [a] = read.documents[0]!.annotations;
    expect(a).toMatchObject({ start: i, end: i + quote.length, author: 'carla', labels: [{ label: 'klima', author: 'carla' }] });
    expect(a!.comments.map((c) => [c.author, c.text, c.replyTo === null])).toEqual([['carla', 'Se også punkt 3.', true], ['dan', 'Enig', false]]);

    const read2 = importWebAnnotations([jsonld, lost, stranger], [bare(doc)]);
    if (!read2.ok) throw new Error(read2.reason);
    expect(read2).toMatchObject({ read: 3, anchored: 1, orphans: 1, unmatched: 1 });
    const [fuzzy, orphan] = read2.documents[0]!.annotations;
    expect(text.slice(fuzzy!.start!, fuzzy!.end!)).toMatch(/^godkendte dagsorden/);
    expect(fuzzy).toMatchObject({ author: 'bo', labels: [{ label: 'trafik' }], comments: [{ text: 'Vigtigt' }] });
    expect(orphan).toMatchObject({ orphaned: true, start: null, quote: 'helt anden tekst om noget tredje' });
  });

  it('refuses what holds no annotations, in one line', () => {
    const bad = importWebAnnotations({ hello: 'world' }, [doc]);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.reason).toMatch(/^no annotations/);
    expect(importWebAnnotations(42, [doc])).toEqual({ ok: false, reason: 'not a JSON object or list' });
  });
});
