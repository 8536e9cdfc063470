/**
 * Reading W3C Web Annotations back (pure): our `annotations.jsonld`, or what
 * Hypothesis writes (its JSON-LD form, and its API's JSON with `uri`, `text`,
 * `tags`, `user`), re-anchored in curated documents' texts.
 *
 * An annotation belongs to the document one of its targets names: the source
 * URL, `urn:sha256:…`, the PDF's `urn:x-pdf:<fingerprint>`, or the shipped
 * text `texts/<document>.txt`. It is anchored by its quote and its position:
 * the TextPositionSelector on our text (code points) where the text there is
 * still the quote; else the exact quote where its context (prefix, suffix)
 * and its place agree best; else the closest approximate occurrence
 * (approx-string-match, up to a fifth of the quote in edits). What cannot be
 * anchored is kept as an orphan (quote and context only) and counted.
 *
 * Labels come from `tagging` bodies (or Hypothesis `tags`), comments from
 * `commenting` bodies or a body without a purpose (or Hypothesis `text`);
 * a `replying` annotation becomes a reply to the comment it answers.
 */
import approxSearch from 'approx-string-match';
import type { CuratedAnnotation, CuratedComment, CuratedDocument } from './model.ts';
import { pdfUrn, sourceIri, textFileNames, utf16Offset } from './web-annotation.ts';

const CONTEXT = 32;
const ANNOTATION_IRI = /^urn:referat-studio:annotation:([^:]*):(.*)$/;

export interface AnnotationImport {
  /** The documents given, with the annotations read added to those they belong to. */
  documents: CuratedDocument[];
  /** Annotations read (replies not counted). */
  read: number;
  /** Of those, anchored in their document's text. */
  anchored: number;
  /** Of those, kept as orphans: their quote was not found. */
  orphans: number;
  /** Annotations whose target names none of the documents. */
  unmatched: number;
  /** Replies attached as comments. */
  replies: number;
}

export type AnnotationImportResult = ({ ok: true } & AnnotationImport) | { ok: false; reason: string };

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** The annotations of a collection, a page, a list, one annotation, or a Hypothesis search result. */
function annotationsOf(input: unknown): Json[] | string {
  if (Array.isArray(input)) return input.filter(isObject);
  if (!isObject(input)) return 'not a JSON object or list';
  const type = asArray(input.type).map(String);
  if (type.includes('AnnotationCollection')) {
    const first = input.first;
    if (isObject(first)) return asArray(first.items).filter(isObject);
    return asArray(input.items).filter(isObject);
  }
  if (type.includes('AnnotationPage')) return asArray(input.items).filter(isObject);
  if (type.includes('Annotation') || 'target' in input || 'uri' in input) return [input];
  if (Array.isArray(input.rows)) return input.rows.filter(isObject);
  return 'no annotations (expected a W3C AnnotationCollection, AnnotationPage or Annotation, or Hypothesis annotations)';
}

interface Anchor {
  exact: string;
  prefix: string;
  suffix: string;
  /** UTF-16 offsets on our text, from a TextPositionSelector on it. */
  position: { start: number; end: number } | null;
}

interface DocIndex {
  doc: CuratedDocument;
  names: Set<string>;
  textFile: string;
}

function nameOf(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (isObject(value)) return str(value.id) ?? str(value['@id']) ?? str(value.source);
  return null;
}

/** A Hypothesis user ("acct:ana@hypothes.is") or a W3C creator as a name. */
function authorOf(value: unknown): string | null {
  const v = isObject(value) ? (str(value.nickname) ?? str(value.name) ?? str(value.id)) : str(value);
  if (!v) return null;
  const acct = /^acct:([^@]+)@/.exec(v);
  if (acct) return acct[1]!;
  const ours = /^urn:referat-studio:user:(.*)$/.exec(v);
  return ours ? decodeURIComponent(ours[1]!) : v;
}

/** The links of a Hypothesis annotation's page (its `document.link`: the URL, `urn:x-pdf:…`). */
function linksOf(page: unknown): (string | null)[] {
  return isObject(page) ? asArray(page.link).map((l) => (isObject(l) ? str(l.href) : null)) : [];
}

/** Finds the quote in `text` (UTF-16 offsets), or null. */
export function anchorQuote(text: string, a: Anchor): { start: number; end: number } | null {
  if (a.position && a.position.end <= text.length && text.slice(a.position.start, a.position.end) === a.exact) return a.position;
  if (!a.exact) return null;
  const hint = a.position?.start ?? null;
  const score = (start: number, end: number, errors: number) => {
    let s = 50 * (1 - errors / Math.max(1, a.exact.length));
    s += 20 * commonSuffix(text.slice(Math.max(0, start - a.prefix.length), start), a.prefix) / Math.max(1, a.prefix.length);
    s += 20 * commonPrefix(text.slice(end, end + a.suffix.length), a.suffix) / Math.max(1, a.suffix.length);
    if (hint !== null) s += 2 * (1 - Math.min(1, Math.abs(start - hint) / Math.max(1, text.length)));
    return s;
  };
  let best: { start: number; end: number; s: number } | null = null;
  for (let i = text.indexOf(a.exact), n = 0; i >= 0 && n < 10_000; i = text.indexOf(a.exact, i + 1), n++) {
    const s = score(i, i + a.exact.length, 0);
    if (!best || s > best.s) best = { start: i, end: i + a.exact.length, s };
  }
  if (best) return { start: best.start, end: best.end };
  const maxErrors = Math.floor(a.exact.length / 5);
  if (maxErrors === 0) return null;
  for (const m of approxSearch(text, a.exact, maxErrors)) {
    const s = score(m.start, m.end, m.errors);
    if (!best || s > best.s) best = { start: m.start, end: m.end, s };
  }
  return best ? { start: best.start, end: best.end } : null;
}

function commonPrefix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}
function commonSuffix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}

/**
 * Reads annotations (parsed JSON) into copies of `docs`. Annotations already
 * in a document stay; one with the same id as an existing one replaces it.
 */
export function importWebAnnotations(input: unknown, docs: readonly CuratedDocument[]): AnnotationImportResult {
  const list = annotationsOf(input);
  if (typeof list === 'string') return { ok: false, reason: list };
  const out = docs.map((d) => ({ ...d, annotations: [...d.annotations] }));
  const texts = textFileNames(out);
  const index: DocIndex[] = out.map((doc) => {
    const names = new Set<string>([sourceIri(doc)]);
    if (doc.meeting.source.url) names.add(doc.meeting.source.url);
    if (doc.meeting.source.sha256) names.add(`urn:sha256:${doc.meeting.source.sha256}`);
    const pdf = pdfUrn(doc);
    if (pdf) names.add(pdf);
    const textFile = texts.get(doc.documentId)!;
    names.add(textFile);
    return { doc, names, textFile };
  });
  const find = (names: readonly string[]): DocIndex | null => {
    for (const n of names) {
      const hit = index.find((x) => x.names.has(n) || (n.endsWith(`/${x.textFile}`) && n.length > x.textFile.length));
      if (hit) return hit;
    }
    return null;
  };

  const result: AnnotationImport = { documents: out, read: 0, anchored: 0, orphans: 0, unmatched: 0, replies: 0 };
  /** Annotation IRI → where it went, so that replies find it. */
  const placed = new Map<string, { doc: CuratedDocument; annotation: CuratedAnnotation; commentId: string | null }>();
  const replies: Json[] = [];
  let n = 0;

  for (const a of list) {
    const iri = str(a.id) ?? str(a['@id']) ?? `urn:referat-studio:imported:${++n}`;
    const motivation = asArray(a.motivation).map(String);
    if (motivation.includes('replying') || (typeof a.target === 'string' && !('uri' in a))) {
      replies.push(a);
      continue;
    }
    if (Array.isArray(a.references) && a.references.length) {
      // A Hypothesis reply: its `references` name the thread.
      replies.push(a);
      continue;
    }
    result.read++;
    const targets = asArray(a.target).filter((t) => t !== null);
    const names = [
      ...targets.map((t) => (isObject(t) ? nameOf(t.source) : nameOf(t))),
      str(a.uri),
      ...linksOf(a['document']),
    ].filter((x): x is string => !!x);
    const ours = ANNOTATION_IRI.exec(iri);
    const hit = find(names) ?? (ours ? index.find((x) => x.doc.documentId === decodeURIComponent(ours[1]!)) ?? null : null);
    if (!hit) {
      result.unmatched++;
      continue;
    }
    const doc = hit.doc;
    const text = doc.meeting.text;
    // The selectors: those on our text first (their positions are ours), then any quote.
    let anchorInfo: Anchor | null = null;
    for (const t of targets) {
      if (!isObject(t)) continue;
      const onText = nameOf(t.source) === hit.textFile || (nameOf(t.source) ?? '').endsWith(`/${hit.textFile}`);
      const selectors = asArray(t.selector).filter(isObject);
      const quote = selectors.find((s) => s.type === 'TextQuoteSelector');
      const position = selectors.find((s) => s.type === 'TextPositionSelector');
      if (!quote && !(onText && position)) continue;
      const found: Anchor = {
        exact: str(quote?.exact) ?? '',
        prefix: str(quote?.prefix) ?? '',
        suffix: str(quote?.suffix) ?? '',
        position:
          onText && position && typeof position.start === 'number' && typeof position.end === 'number'
            ? { start: utf16Offset(text, position.start), end: utf16Offset(text, position.end) }
            : null,
      };
      if (onText || !anchorInfo) anchorInfo = found;
      if (onText) break;
    }
    const at = str(a.created) ?? str(a.updated) ?? str(a.modified) ?? '1970-01-01T00:00:00.000Z';
    const author = authorOf(a.creator) ?? authorOf(a.user) ?? 'unknown';
    const labels: CuratedAnnotation['labels'] = [];
    const comments: CuratedComment[] = [];
    for (const b of asArray(a.body)) {
      if (!isObject(b)) continue;
      const value = str(b.value);
      if (value === null) continue;
      const purpose = asArray(b.purpose).map(String);
      const who = authorOf(b.creator) ?? author;
      const when = str(b.created) ?? at;
      if (purpose.includes('tagging')) labels.push({ label: value, author: who, at: when });
      else comments.push({ id: `imported-${comments.length + 1}`, author: who, text: value, at: when, replyTo: null });
    }
    for (const tag of asArray(a.tags)) if (typeof tag === 'string') labels.push({ label: tag, author, at });
    if (typeof a.text === 'string' && a.text) comments.push({ id: `imported-${comments.length + 1}`, author, text: a.text, at, replyTo: null });

    const span = anchorInfo ? anchorQuote(text, anchorInfo) : null;
    const id = ours ? decodeURIComponent(ours[2]!) : iri;
    const annotation: CuratedAnnotation = span
      ? {
          id,
          start: span.start,
          end: span.end,
          orphaned: false,
          quote: text.slice(span.start, span.end),
          prefix: text.slice(Math.max(0, span.start - CONTEXT), span.start),
          suffix: text.slice(span.end, span.end + CONTEXT),
          labels,
          comments,
          author,
          createdAt: at,
        }
      : { id, start: null, end: null, orphaned: true, quote: anchorInfo?.exact ?? '', prefix: anchorInfo?.prefix ?? '', suffix: anchorInfo?.suffix ?? '', labels, comments, author, createdAt: at };
    if (span) result.anchored++;
    else result.orphans++;
    const existing = doc.annotations.findIndex((x) => x.id === id);
    if (existing >= 0) doc.annotations[existing] = annotation;
    else doc.annotations.push(annotation);
    placed.set(iri, { doc, annotation, commentId: comments[0]?.id ?? null });
    const hypothesisId = str(a.id);
    if (hypothesisId) placed.set(hypothesisId, placed.get(iri)!);
  }

  // Replies, in the order given: each becomes a comment answering what its target names.
  for (const r of replies) {
    const iri = str(r.id) ?? '';
    // A Hypothesis reply names its parent last in `references`; a W3C reply is its target.
    const target = (Array.isArray(r.references) && r.references.length ? str(r.references.at(-1)) : null) ?? nameOf(asArray(r.target)[0]);
    const parent = target ? placed.get(target) : undefined;
    if (!parent) {
      result.unmatched++;
      continue;
    }
    const body = asArray(r.body).filter(isObject)[0];
    const text = str(body?.value) ?? str(r.text);
    if (text === null) continue;
    const ours = ANNOTATION_IRI.exec(iri);
    const slash = ours ? decodeURIComponent(ours[2]!).lastIndexOf('/') : -1;
    const id = ours && slash >= 0 ? decodeURIComponent(ours[2]!).slice(slash + 1) : `r${parent.annotation.comments.length + 1}`;
    const author = authorOf(body?.creator) ?? authorOf(r.creator) ?? authorOf(r.user) ?? 'unknown';
    const at = str(body?.created) ?? str(r.created) ?? '1970-01-01T00:00:00.000Z';
    // A reply to an annotation without a comment of its own becomes that annotation's first comment.
    const replyTo = parent.commentId;
    const comment: CuratedComment = { id, author, text, at, replyTo };
    parent.annotation.comments.push(comment);
    placed.set(iri, { doc: parent.doc, annotation: parent.annotation, commentId: id });
    result.replies++;
  }
  return { ok: true, ...result };
}
