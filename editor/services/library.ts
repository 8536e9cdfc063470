/**
 * The document library: one Dexie row per document with what the explorer
 * shows, filters and sorts by. The document itself (text, overrides,
 * annotations) lives in its Y.Doc (see persistence.ts).
 */
import Dexie, { type Table } from 'dexie';
import type { Meeting } from '../../core/minutes/model.ts';
import type { CuratedDocument } from '../../core/export/model.ts';

export type LibrarySource = 'sample' | 'text' | 'pdf' | 'paste' | 'extension' | 'shared';
export type LibraryReview = 'unreviewed' | 'in-progress' | 'reviewed';

export interface LibraryEntry {
  id: string;
  title: string;
  body: string;
  date: string | null;
  kind: string;
  source: LibrarySource;
  fileName: string;
  url?: string;
  review: LibraryReview;
  items: number;
  sections: number;
  /** Each item's case number (items without one are left out): how items link across meetings. */
  cases?: CaseMention[];
  /** SHA-256 of the source (the text file's or the PDF's bytes): one source is one document. */
  sha256?: string;
  /** The parse's meeting id (`kkr-nordjylland/2020-09-04`): another document of the same meeting (and kind) is a duplicate. */
  meetingId?: string;
  /** Kept in this browser only (a preloaded sample) until someone shares it to the workspace. */
  local?: boolean;
  /** Merged into that document: hidden from the library and left out of datasets. */
  mergedInto?: string;
  createdAt: number;
  updatedAt: number;
}

export interface CaseMention {
  caseNumber: string;
  number: string;
  title: string;
}

/** A PDF as it was imported, kept in this browser for the page view (it is not synced). */
export interface StoredPdf {
  id: string;
  bytes: Uint8Array;
}

/** How often a document's Y.Doc has changed in this browser (any change: typed, synced, imported); a version for caches of what is read from it. */
export interface ChangeCount {
  id: string;
  n: number;
}

/**
 * What the Dataset view read from a document (its preview's form of the curated
 * document, see `previewForm`), valid while the document's change count is `n`
 * and for the same `key` (the build, whose work is seen).
 */
export interface CuratedCacheEntry {
  id: string;
  key: string;
  n: number;
  doc: CuratedDocument;
}

export class LibraryDb extends Dexie {
  docs!: Table<LibraryEntry, string>;
  settings!: Table<{ key: string; value: unknown }, string>;
  pdfs!: Table<StoredPdf, string>;
  changes!: Table<ChangeCount, string>;
  curated!: Table<CuratedCacheEntry, string>;
  constructor(name = 'referat-library') {
    super(name);
    this.version(1).stores({ docs: 'id, title, body, date, source, review, updatedAt', settings: 'key' });
    this.version(2).stores({ pdfs: 'id' });
    // Finding a source already in the library by its SHA-256 (import) without reading every entry.
    this.version(3).stores({ docs: 'id, title, body, date, source, review, updatedAt, sha256' });
    // The Dataset view's preview reads what it read before, while a document has not changed.
    this.version(4).stores({ changes: 'id', curated: 'id' });
  }

  /** Counts a change of each document (one transaction for all). */
  async countChanges(ids: readonly string[]): Promise<void> {
    await this.transaction('rw', this.changes, async () => {
      const now = await this.changes.bulkGet([...ids]);
      await this.changes.bulkPut(ids.map((id, i) => ({ id, n: (now[i]?.n ?? 0) + 1 })));
    });
  }
}

declare const __REFERAT_BUILD__: string | undefined;

/** The build of the editor (set by its Vite config; 'dev' elsewhere): a new build reads every document again. */
const BUILD = typeof __REFERAT_BUILD__ === 'string' ? __REFERAT_BUILD__ : 'dev';

/** The cache key of what the Dataset view read: the build, and whose work it shows (null: everyone's). */
export function curatedCacheKey(only: string | null): string {
  return JSON.stringify([BUILD, only]);
}

/**
 * The preview's form of a curated document: what the Dataset view counts and
 * filters by (items, their spans and case numbers, annotations, review, done
 * marks, adjudications), without the text, the fields' text, the page runs and
 * the diagnostics, which only a download needs. Pure.
 */
export function previewForm(doc: CuratedDocument): CuratedDocument {
  const { pageRuns: _runs, ...rest } = doc;
  return {
    ...rest,
    meeting: {
      ...doc.meeting,
      text: '',
      diagnostics: [],
      sections: doc.meeting.sections.map((s) => ({
        ...s,
        items: s.items.map((it) => ({ ...it, fields: Object.fromEntries(Object.entries(it.fields).map(([k, f]) => [k, { ...f, text: '' }])) })),
      })),
    },
  };
}

/**
 * The id of the document read from a source with this SHA-256: the same file
 * imported twice, or in two browsers, is one document (and one Yjs document
 * in the workspace). Pure.
 */
export function docIdFor(sha256: string): string {
  return `h${sha256.toLowerCase().slice(0, 32)}`;
}

/** The meeting id a duplicate is recognized by, or undefined when the parse did not find the meeting's date. Pure. */
export function meetingKey(meeting: Pick<Meeting, 'id' | 'kind'>): string | undefined {
  return meeting.id && !meeting.id.endsWith('/undated') ? `${meeting.id}#${meeting.kind}` : undefined;
}

/**
 * Documents that are one meeting twice: for each entry (merged ones left out),
 * the others with the same source SHA-256 or the same meeting (id and kind). Pure.
 */
export function duplicatesOf(entries: readonly LibraryEntry[]): Map<string, string[]> {
  const live = entries.filter((e) => !e.mergedInto);
  const groups = new Map<string, string[]>();
  const add = (key: string, id: string) => groups.set(key, [...(groups.get(key) ?? []), id]);
  for (const e of live) {
    if (e.sha256) add(`sha:${e.sha256}`, e.id);
    if (e.meetingId) add(`meeting:${e.meetingId}`, e.id);
  }
  const out = new Map<string, string[]>();
  for (const ids of groups.values()) {
    if (ids.length < 2) continue;
    for (const id of ids) out.set(id, [...new Set([...(out.get(id) ?? []), ...ids.filter((x) => x !== id)])]);
  }
  return out;
}

/** What the library shows of a parse. */
export function summarize(meeting: Meeting): Pick<LibraryEntry, 'title' | 'body' | 'date' | 'kind' | 'items' | 'sections' | 'cases' | 'meetingId'> {
  const items = meeting.sections.reduce((n, s) => n + s.items.length, 0);
  const date = meeting.date;
  return {
    title: `${meeting.body || 'Ukendt'}${date ? ` ${date}` : ''} (${meeting.kind})`,
    body: meeting.body,
    date,
    kind: meeting.kind,
    items,
    sections: meeting.sections.length,
    cases: caseMentions(meeting),
    meetingId: meetingKey(meeting),
  };
}

/** The entry of a document known only by its id in the workspace, until its text arrives. */
export function sharedEntry(id: string, now: number): LibraryEntry {
  return { id, title: id, body: '', date: null, kind: '', source: 'shared', fileName: id, review: 'unreviewed', items: 0, sections: 0, createdAt: now, updatedAt: now };
}

/** What a shared document's entry learns from its parse and the file name, source hash and merge mark the server sent with it. */
export function sharedSummary(meeting: Meeting, fileName: unknown, sha256?: unknown, mergedInto?: unknown): Partial<LibraryEntry> {
  return {
    ...summarize(meeting),
    ...(typeof fileName === 'string' ? { fileName } : {}),
    ...(typeof sha256 === 'string' && sha256 ? { sha256 } : {}),
    ...(typeof mergedInto === 'string' && mergedInto ? { mergedInto } : {}),
  };
}

export function caseMentions(meeting: Meeting): CaseMention[] {
  return meeting.sections.flatMap((s) => s.items.filter((i) => i.caseNumber).map((i) => ({ caseNumber: i.caseNumber!, number: i.number, title: i.title })));
}

export interface Appearance extends CaseMention {
  id: string;
  /** The meeting's body (its title while the body is not known). */
  meeting: string;
  date: string | null;
}

/**
 * The items of other library documents with this case number, oldest meeting
 * first. (Within one meeting KL often files every item under the meeting's own
 * case; those siblings are not news.) Pure.
 */
export function otherAppearances(entries: readonly LibraryEntry[], caseNumber: string, hereId: string): Appearance[] {
  const out: Appearance[] = [];
  for (const e of entries) {
    if (e.id === hereId || e.mergedInto) continue;
    for (const c of e.cases ?? []) {
      if (c.caseNumber !== caseNumber) continue;
      out.push({ ...c, id: e.id, meeting: e.body || e.title, date: e.date });
    }
  }
  return out.sort((a, b) => (a.date ?? '\uffff').localeCompare(b.date ?? '\uffff') || a.number.localeCompare(b.number, 'en', { numeric: true }));
}

export type SortKey = 'date' | 'title' | 'updatedAt' | 'items';

/** Filters (by words in title, body, source, review) and sorts entries. Pure. */
export function filterAndSort(entries: readonly LibraryEntry[], query: string, sort: SortKey): LibraryEntry[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const hit = (e: LibraryEntry) => {
    const hay = `${e.title} ${e.body} ${e.source} ${e.review} ${e.fileName} ${e.date ?? ''}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  };
  const cmp: Record<SortKey, (a: LibraryEntry, b: LibraryEntry) => number> = {
    date: (a, b) => (b.date ?? '').localeCompare(a.date ?? ''),
    title: (a, b) => a.title.localeCompare(b.title, 'da'),
    updatedAt: (a, b) => b.updatedAt - a.updatedAt,
    items: (a, b) => b.items - a.items,
  };
  return entries.filter((e) => !e.mergedInto && hit(e)).sort(cmp[sort]);
}
