/**
 * The full-text index of a library (and a workspace's documents): one record
 * per item (its title, text, case number, the labels and comments of the
 * annotations in it) and one per meeting (its title and participants), in
 * MiniSearch, with Danish folding (fold.ts). A document's records are
 * replaced whenever it changes; results come grouped by meeting, each hit
 * with where to go in the text and a snippet. Pure: no DOM.
 */
import MiniSearch, { type SearchResult } from 'minisearch';
import type { Meeting } from '../minutes/model.ts';
import { foldDanish, tokenize } from './fold.ts';

export interface SearchRecord {
  /** `<docId>` for the meeting, `<docId>#<item number>` for an item. */
  id: string;
  docId: string;
  item: string | null;
  /** Where the hit is in the document's text (an item's heading). */
  pos: number;
  title: string;
  text: string;
  cases: string;
  participants: string;
  labels: string;
  comments: string;
}

/** What the index needs of an annotation: where it starts, its labels (display names) and its comments. */
export interface SearchAnnotation {
  from: number | null;
  labels: string[];
  comments: string[];
}

export type SearchField = 'title' | 'text' | 'cases' | 'participants' | 'labels' | 'comments';
const FIELDS: SearchField[] = ['title', 'cases', 'participants', 'labels', 'comments', 'text'];

/** The records of one document: its meeting and each item. Pure. */
export function searchRecords(docId: string, meeting: Meeting, text: string, annotations: readonly SearchAnnotation[]): SearchRecord[] {
  const people = [...meeting.participants, ...meeting.absent].map((p) => [p.name, p.party, p.municipality].filter(Boolean).join(' '));
  const records: SearchRecord[] = [
    { id: docId, docId, item: null, pos: 0, title: [meeting.body, meeting.date].filter(Boolean).join(' '), text: '', cases: '', participants: people.join('\n'), labels: '', comments: '' },
  ];
  const items = meeting.sections.flatMap((s) => s.items);
  const seen = new Set<string>();
  for (const item of items) {
    if (seen.has(item.number)) continue;
    seen.add(item.number);
    const inItem = annotations.filter((a) => a.from !== null && a.from >= item.span.start && a.from < Math.max(item.span.end, item.span.start + 1));
    records.push({
      id: `${docId}#${item.number}`,
      docId,
      item: item.number,
      pos: item.titleSpan.start,
      title: `${item.number} ${item.title}`,
      text: text.slice(item.span.start, item.span.end),
      cases: item.caseNumber ?? '',
      participants: '',
      labels: [...new Set(inItem.flatMap((a) => a.labels))].join('\n'),
      comments: inItem.flatMap((a) => a.comments).join('\n'),
    });
  }
  return records;
}

export interface SearchHit {
  id: string;
  item: string | null;
  pos: number;
  title: string;
  /** The fields the query matched, best first. */
  fields: SearchField[];
  /** A line around the first match, from the field it matched. */
  snippet: string;
  score: number;
}

export interface SearchGroup {
  docId: string;
  /** The meeting's title (body and date). */
  title: string;
  hits: SearchHit[];
  score: number;
}

/** One term: its Danish folding. */
const processTerm = (term: string) => foldDanish(term) || null;

export class LibraryIndex {
  private readonly mini = new MiniSearch<SearchRecord>({
    fields: FIELDS,
    storeFields: ['docId', 'item', 'pos', 'title', ...FIELDS],
    tokenize,
    processTerm,
    searchOptions: { boost: { cases: 4, title: 3, labels: 2, participants: 2, comments: 1.5 }, prefix: (term) => term.length >= 3, fuzzy: (term) => (term.length >= 6 ? 0.15 : false), combineWith: 'AND' },
  });
  private readonly ids = new Map<string, string[]>();
  private readonly titles = new Map<string, string>();

  /** How many documents are indexed. */
  get size(): number {
    return this.ids.size;
  }

  has(docId: string): boolean {
    return this.ids.has(docId);
  }

  /** Replaces document `docId`'s records. */
  setDocument(docId: string, records: readonly SearchRecord[]): void {
    this.removeDocument(docId);
    this.mini.addAll(records);
    this.ids.set(docId, records.map((r) => r.id));
    this.titles.set(docId, records.find((r) => r.item === null)?.title ?? docId);
  }

  removeDocument(docId: string): void {
    for (const id of this.ids.get(docId) ?? []) this.mini.discard(id);
    this.ids.delete(docId);
    this.titles.delete(docId);
  }

  /** The hits for `query`, grouped by meeting (best meeting first, best hit first). */
  search(query: string, limit = 200): SearchGroup[] {
    if (!query.trim()) return [];
    const results = this.mini.search(query).slice(0, limit);
    const groups = new Map<string, SearchGroup>();
    for (const r of results) {
      const docId = r.docId as string;
      let g = groups.get(docId);
      if (!g) groups.set(docId, (g = { docId, title: this.titles.get(docId) ?? docId, hits: [], score: 0 }));
      g.hits.push(hitOf(r));
      g.score = Math.max(g.score, r.score);
    }
    return [...groups.values()].sort((a, b) => b.score - a.score);
  }
}

function hitOf(r: SearchResult): SearchHit {
  const fields = FIELDS.filter((f) => Object.values(r.match).some((fs) => fs.includes(f)));
  const terms = Object.keys(r.match);
  const field = fields[0] ?? 'title';
  return { id: r.id as string, item: (r.item as string | null) ?? null, pos: r.pos as number, title: r.title as string, fields, snippet: snippet(String(r[field] ?? ''), terms), score: r.score };
}

/** About 120 characters of `text` around the first of `terms` (folded terms, matched on the folded text), on one line. Pure. */
export function snippet(text: string, terms: readonly string[], width = 120): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  // At each word start, fold a window as long as the term (folding never shortens a letter here) and compare.
  let at = -1;
  for (const term of terms) {
    for (let i = 0; i < flat.length && at < 0; i++) {
      if (i > 0 && /[\p{L}\p{N}]/u.test(flat[i - 1]!)) continue;
      if (foldDanish(flat.slice(i, i + term.length + 2)).startsWith(term)) at = i;
    }
    if (at >= 0) break;
  }
  if (at < 0) return flat.slice(0, width) + (flat.length > width ? '…' : '');
  const start = Math.max(0, at - Math.floor(width / 3));
  const end = Math.min(flat.length, start + width);
  return (start > 0 ? '…' : '') + flat.slice(start, end) + (end < flat.length ? '…' : '');
}
