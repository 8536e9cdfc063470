/**
 * W3C Web Annotation Data Model, JSON-LD: one AnnotationCollection with every
 * annotation. The target is the document's normalized text (`Meeting.text`),
 * named by its source URL when known, else by the source's SHA-256; each
 * target has a TextQuoteSelector (the truth) and a TextPositionSelector
 * (UTF-16 offsets into that text; absent for an orphaned annotation). Labels
 * are tagging bodies; top-level comments commenting bodies; a reply is its
 * own annotation ("replying") whose target is the annotation it answers.
 */
import type { CuratedAnnotation, CuratedComment, CuratedDocument } from './model.ts';

export const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
const CONTEXT = 32;

export interface WebAnnotation {
  '@context'?: string;
  id: string;
  type: 'Annotation';
  motivation: 'tagging' | 'commenting' | 'highlighting' | 'replying';
  creator: { id: string; type: 'Person'; nickname: string };
  created: string;
  body?: TextualBody[];
  target: { source: string; selector: Selector[] } | string;
}

export interface TextualBody {
  type: 'TextualBody';
  purpose: 'tagging' | 'commenting' | 'replying';
  value: string;
  format?: 'text/plain';
  language?: string;
  creator?: WebAnnotation['creator'];
  created?: string;
}

export type Selector =
  | { type: 'TextQuoteSelector'; exact: string; prefix: string; suffix: string }
  | { type: 'TextPositionSelector'; start: number; end: number };

export interface AnnotationCollection {
  '@context': string;
  id: string;
  type: 'AnnotationCollection';
  label: string;
  total: number;
  first: { id: string; type: 'AnnotationPage'; startIndex: 0; items: WebAnnotation[] };
}

/** The IRI of the text an annotation targets. */
export function sourceIri(doc: CuratedDocument): string {
  const s = doc.meeting.source;
  if (s.url) return s.url;
  if (s.sha256) return `urn:sha256:${s.sha256}`;
  return `urn:referat-studio:document:${encodeURIComponent(doc.documentId)}`;
}

const annotationIri = (doc: CuratedDocument, id: string) =>
  `urn:referat-studio:annotation:${encodeURIComponent(doc.documentId)}:${encodeURIComponent(id)}`;
const person = (name: string) => ({ id: `urn:referat-studio:user:${encodeURIComponent(name)}`, type: 'Person' as const, nickname: name });

export function toWebAnnotations(doc: CuratedDocument): WebAnnotation[] {
  const out: WebAnnotation[] = [];
  for (const a of doc.annotations) {
    const top = a.comments.filter((c) => c.replyTo === null);
    const body: TextualBody[] = [
      ...a.labels.map((l) => ({ type: 'TextualBody' as const, purpose: 'tagging' as const, value: l.label, creator: person(l.author), created: l.at })),
      ...top.map((c) => commentBody(c, 'commenting')),
    ];
    out.push({
      id: annotationIri(doc, a.id),
      type: 'Annotation',
      motivation: a.labels.length ? 'tagging' : top.length ? 'commenting' : 'highlighting',
      creator: person(a.author),
      created: a.createdAt,
      ...(body.length ? { body } : {}),
      target: { source: sourceIri(doc), selector: selectors(doc.meeting.text, a) },
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
        target: annotationIri(doc, a.id),
      });
    }
  }
  return out;
}

function commentBody(c: CuratedComment, purpose: 'commenting' | 'replying'): TextualBody {
  return { type: 'TextualBody', purpose, value: c.text, format: 'text/plain', language: 'da', creator: person(c.author), created: c.at };
}

function selectors(text: string, a: CuratedAnnotation): Selector[] {
  if (a.start === null || a.end === null) return [{ type: 'TextQuoteSelector', exact: a.quote, prefix: a.prefix, suffix: a.suffix }];
  return [
    {
      type: 'TextQuoteSelector',
      exact: text.slice(a.start, a.end),
      prefix: text.slice(Math.max(0, a.start - CONTEXT), a.start),
      suffix: text.slice(a.end, a.end + CONTEXT),
    },
    { type: 'TextPositionSelector', start: a.start, end: a.end },
  ];
}

export function annotationCollection(docs: readonly CuratedDocument[], id = 'urn:referat-studio:dataset:annotations'): AnnotationCollection {
  const items = docs.flatMap(toWebAnnotations);
  return {
    '@context': ANNO_CONTEXT,
    id,
    type: 'AnnotationCollection',
    label: 'Referat Studio annotations',
    total: items.length,
    first: { id: `${id}:page1`, type: 'AnnotationPage', startIndex: 0, items },
  };
}
