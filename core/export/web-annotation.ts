/**
 * W3C Web Annotation Data Model, JSON-LD: one AnnotationCollection with every
 * annotation, each resolvable by a reader who holds only the PDF, or only the
 * text. An annotation has up to three targets, the same passage in each
 * representation of the document:
 *
 * 1. the source as published (its URL, else `urn:sha256:…` of the file), with
 *    a TextQuoteSelector and, for a PDF whose page is known, a FragmentSelector
 *    `page=N` (RFC 3778);
 * 2. for a PDF, the PDF by its pdf.js fingerprint, `urn:x-pdf:<fingerprint>`
 *    (the document URN Hypothesis uses), with the same selectors;
 * 3. the normalized text the offsets index (`Meeting.text`), shipped beside
 *    the collection as `texts/<document>.txt` and inside documents.jsonl, with
 *    a TextQuoteSelector and a TextPositionSelector whose offsets count
 *    Unicode code points, as the model asks (not UTF-16 code units).
 *
 * An orphaned annotation (its text gone) is flagged `referat:orphaned` and
 * keeps only its quote. Labels are tagging bodies, top-level comments
 * commenting bodies; a reply is its own annotation ("replying") whose target
 * is the annotation it answers.
 */
import type { CuratedAnnotation, CuratedComment, CuratedDocument } from './model.ts';

export const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
/** The namespace of the few terms the W3C vocabulary has no word for. */
export const REFERAT_NS = 'urn:referat-studio:terms:';
export const COLLECTION_CONTEXT = [ANNO_CONTEXT, { referat: REFERAT_NS }] as const;
const CONTEXT = 32;

export interface Creator {
  id: string;
  type: 'Person';
  nickname: string;
}

export interface WebAnnotation {
  '@context'?: unknown;
  id: string;
  type: 'Annotation';
  motivation: 'tagging' | 'commenting' | 'highlighting' | 'replying';
  creator: Creator;
  created: string;
  body?: TextualBody[];
  target: Target[] | string;
  /** True when the annotated text is gone: the target keeps only its quote. */
  'referat:orphaned'?: boolean;
}

export interface TextualBody {
  type: 'TextualBody';
  purpose: 'tagging' | 'commenting' | 'replying';
  value: string;
  format?: 'text/plain';
  language?: string;
  creator?: Creator;
  created?: string;
}

export interface Target {
  type: 'SpecificResource';
  source: string | { id: string; type: 'Text'; format: string; language?: string };
  selector: Selector[];
}

export type Selector =
  | { type: 'TextQuoteSelector'; exact: string; prefix: string; suffix: string }
  | { type: 'TextPositionSelector'; start: number; end: number }
  | { type: 'FragmentSelector'; conformsTo: 'http://tools.ietf.org/rfc/rfc3778'; value: string };

export interface AnnotationCollection {
  '@context': typeof COLLECTION_CONTEXT;
  id: string;
  type: 'AnnotationCollection';
  label: string;
  total: number;
  first: { id: string; type: 'AnnotationPage'; startIndex: 0; items: WebAnnotation[] };
}

/** The IRI of the source as published: its URL, else the SHA-256 of the file. */
export function sourceIri(doc: CuratedDocument): string {
  const s = doc.meeting.source;
  if (s.url) return s.url;
  if (s.sha256) return `urn:sha256:${s.sha256}`;
  return `urn:referat-studio:document:${encodeURIComponent(doc.documentId)}`;
}

/** The PDF's document URN (`urn:x-pdf:<fingerprint>`), or null for a text source. */
export function pdfUrn(doc: CuratedDocument): string | null {
  const fp = doc.meeting.source.pdf?.fingerprint;
  return fp ? `urn:x-pdf:${fp}` : null;
}

/** Where the normalized text of a document ships beside the collection: `texts/<name>.txt`, one name per document. */
export function textFileNames(docs: readonly CuratedDocument[]): Map<string, string> {
  const names = new Map<string, string>();
  const taken = new Set<string>();
  for (const d of docs) {
    const stem = d.documentId.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^\.+/, '_').slice(0, 180) || 'document';
    let name = stem;
    for (let n = 2; taken.has(name); n++) name = `${stem}-${n}`;
    taken.add(name);
    names.set(d.documentId, `texts/${name}.txt`);
  }
  return names;
}

/** UTF-16 offset → code point offset in `text`, through the positions of its surrogate pairs. */
export function codePointCounter(text: string): (utf16: number) => number {
  const pairs: number[] = [];
  for (let i = 0; i < text.length - 1; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        pairs.push(i);
        i++;
      }
    }
  }
  return (utf16) => {
    // The number of pairs that lie wholly before the offset.
    let lo = 0;
    let hi = pairs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (pairs[mid]! + 1 < utf16) lo = mid + 1;
      else hi = mid;
    }
    return utf16 - lo;
  };
}

/** Code point offset → UTF-16 offset in `text`. */
export function utf16Offset(text: string, codePoints: number): number {
  let i = 0;
  for (let n = 0; n < codePoints && i < text.length; n++) {
    const c = text.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
  }
  return i;
}

const annotationIri = (doc: CuratedDocument, id: string) =>
  `urn:referat-studio:annotation:${encodeURIComponent(doc.documentId)}:${encodeURIComponent(id)}`;
const person = (name: string): Creator => ({ id: `urn:referat-studio:user:${encodeURIComponent(name)}`, type: 'Person', nickname: name });

/** The page (1-based) the offset lies on, from the document's text runs; null without runs. */
function pageAt(doc: CuratedDocument, offset: number): number | null {
  const runs = doc.pageRuns;
  if (!runs?.length) return null;
  let lo = 0;
  let hi = runs.length - 1;
  let found: number | null = null;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (runs[mid]!.start <= offset) {
      found = runs[mid]!.page;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found ?? runs[0]!.page;
}

export function toWebAnnotations(doc: CuratedDocument, textFile = textFileNames([doc]).get(doc.documentId)!): WebAnnotation[] {
  const out: WebAnnotation[] = [];
  const text = doc.meeting.text;
  const codePoint = codePointCounter(text);
  const pdf = pdfUrn(doc);
  for (const a of doc.annotations) {
    const top = a.comments.filter((c) => c.replyTo === null);
    const body: TextualBody[] = [
      ...a.labels.map((l) => ({ type: 'TextualBody' as const, purpose: 'tagging' as const, value: l.label, creator: person(l.author), created: l.at })),
      ...top.map((c) => commentBody(c, 'commenting')),
    ];
    const resolved = a.start !== null && a.end !== null && !a.orphaned;
    const quote = quoteSelector(text, a, resolved);
    const page = resolved ? pageAt(doc, a.start!) : null;
    const onSource: Selector[] = page ? [quote, { type: 'FragmentSelector', conformsTo: 'http://tools.ietf.org/rfc/rfc3778', value: `page=${page}` }] : [quote];
    const target: Target[] = [{ type: 'SpecificResource', source: sourceIri(doc), selector: onSource }];
    if (pdf) target.push({ type: 'SpecificResource', source: pdf, selector: onSource });
    target.push({
      type: 'SpecificResource',
      source: { id: textFile, type: 'Text', format: 'text/plain', language: 'da' },
      selector: resolved ? [quote, { type: 'TextPositionSelector', start: codePoint(a.start!), end: codePoint(a.end!) }] : [quote],
    });
    out.push({
      id: annotationIri(doc, a.id),
      type: 'Annotation',
      motivation: a.labels.length ? 'tagging' : top.length ? 'commenting' : 'highlighting',
      creator: person(a.author),
      created: a.createdAt,
      ...(body.length ? { body } : {}),
      target,
      ...(resolved ? {} : { 'referat:orphaned': true }),
    });
    for (const c of a.comments) {
      if (c.replyTo === null) continue;
      out.push({
        id: annotationIri(doc, `${a.id}/${c.id}`),
        type: 'Annotation',
        motivation: 'replying',
        creator: person(c.author),
        created: c.at,
        body: [commentBody(c, 'replying')],
        // A reply to a top-level comment answers the annotation; a reply to a reply answers that reply.
        target: annotationIri(doc, a.comments.find((x) => x.id === c.replyTo)?.replyTo === null ? a.id : `${a.id}/${c.replyTo}`),
      });
    }
  }
  return out;
}

function commentBody(c: CuratedComment, purpose: 'commenting' | 'replying'): TextualBody {
  return { type: 'TextualBody', purpose, value: c.text, format: 'text/plain', language: 'da', creator: person(c.author), created: c.at };
}

function quoteSelector(text: string, a: CuratedAnnotation, resolved: boolean): Selector {
  if (!resolved) return { type: 'TextQuoteSelector', exact: a.quote, prefix: a.prefix, suffix: a.suffix };
  return {
    type: 'TextQuoteSelector',
    exact: text.slice(a.start!, a.end!),
    prefix: text.slice(Math.max(0, a.start! - CONTEXT), a.start!),
    suffix: text.slice(a.end!, a.end! + CONTEXT),
  };
}

export function annotationCollection(docs: readonly CuratedDocument[], id = 'urn:referat-studio:dataset:annotations'): AnnotationCollection {
  const names = textFileNames(docs);
  const items = docs.flatMap((d) => toWebAnnotations(d, names.get(d.documentId)!));
  return {
    '@context': COLLECTION_CONTEXT,
    id,
    type: 'AnnotationCollection',
    label: 'Referat Studio annotations',
    total: items.length,
    first: { id: `${id}:page1`, type: 'AnnotationPage', startIndex: 0, items },
  };
}
