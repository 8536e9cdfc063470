/**
 * The library: every document this browser knows (IndexedDB), the explorer's
 * filter and sort, and how an imported document is stored (or found, when
 * its source is already there).
 */
import type { Meeting } from '../../core/minutes/model.ts';
import type { ReviewStatus, StudioDoc } from '../../core/document/studio-doc.ts';
import { caseMentions, curatedCacheKey, docIdFor, duplicatesOf, filterAndSort, previewForm, sharedSummary, summarize, type LibraryDb, type LibraryEntry, type LibraryReview, type SortKey } from '../services/library.ts';
import { curatedFromStudioDoc } from '../../core/document/curate.ts';
import { mayNeedOcrRepair } from '../services/lexicon.ts';
import type { TextRepairer } from '../../core/minutes/parse.ts';
import { createDoc } from '../services/persistence.ts';
import type { ImportedDocument } from '../services/import.ts';
import { sourceSha } from './items.ts';
import { Store } from './store.ts';

export interface LibraryState {
  entries: LibraryEntry[];
  filter: string;
  sort: SortKey;
}

let idCounter = 0;
const newDocId = (now: number) => `d${now.toString(36)}${(idCounter++).toString(36)}${Math.random().toString(36).slice(2, 6)}`;

export class Library extends Store<LibraryState> {
  constructor(
    readonly db: LibraryDb,
    private readonly now: () => number,
  ) {
    super({ entries: [], filter: '', sort: 'date' });
  }

  /** The OCR repairer, for a new document that may need it (the workbench sets it; null: none). */
  repairer: () => Promise<TextRepairer | null> = async () => null;

  private readonly changed = new Set<string>();
  private counting: Promise<void> = Promise.resolve();

  /** A document's Y.Doc changed: counted (coalesced, one write for the changes of one task), so caches of it are known stale. */
  noteChange(id: string): void {
    if (this.changed.size === 0) {
      this.counting = new Promise<void>((resolve) => setTimeout(resolve, 0))
        .then(() => {
          const ids = [...this.changed];
          this.changed.clear();
          return this.db.countChanges(ids);
        })
        .catch((e: unknown) => console.warn('change count not written:', e));
    }
    this.changed.add(id);
  }

  /** Once every change noted so far is counted. */
  changesCounted(): Promise<void> {
    return this.counting;
  }

  async refresh(): Promise<void> {
    this.set({ entries: await this.db.docs.toArray() });
  }

  entry(id: string): LibraryEntry | undefined {
    return this.get().entries.find((e) => e.id === id);
  }

  /** True when the document is kept in this browser only (a sample nobody shared): it is not synced. */
  isLocal(id: string): boolean {
    return this.entry(id)?.local === true;
  }

  /** The entries the explorer lists: filtered and sorted as asked. */
  visible(): LibraryEntry[] {
    const { entries, filter, sort } = this.get();
    return filterAndSort(entries, filter, sort);
  }

  /** Library documents that are another's duplicate (same source SHA-256, or the same meeting): id → the others. */
  get duplicates(): Map<string, string[]> {
    return duplicatesOf(this.get().entries);
  }

  /** The PDF a document was read from, when this browser kept it; null otherwise. */
  async pdfBytes(id: string): Promise<Uint8Array | null> {
    return (await this.db.pdfs.get(id))?.bytes ?? null;
  }

  /**
   * Stores an imported document, or finds it: a source already in the library
   * (by its SHA-256) is the document that is there (followed to the one it was
   * merged into). The id comes from the SHA-256, so another browser importing
   * the same file makes the same document (see `seedUpdate`).
   */
  async store(doc: ImportedDocument, options: { local?: boolean } = {}): Promise<{ id: string; existed: boolean }> {
    const now = this.now();
    const sha256 = doc.source.sha256;
    if (sha256) {
      // By key and by the sha256 index: reading every entry here made importing n documents take n² reads.
      const same = await this.db.docs.where('sha256').equals(sha256).toArray();
      let found = (await this.db.docs.get(docIdFor(sha256))) ?? same.find((e) => !e.mergedInto) ?? same[0];
      for (let hops = 0; found?.mergedInto && hops < 10; hops++) found = (await this.db.docs.get(found.mergedInto)) ?? found;
      if (found && !found.mergedInto) {
        if (doc.pdf && !(await this.db.pdfs.get(found.id))) await this.db.pdfs.put({ id: found.id, bytes: doc.pdf });
        return { id: found.id, existed: true };
      }
    }
    const id = sha256 ? docIdFor(sha256) : newDocId(now);
    // The Dataset view's preview of the new document, read while it is at hand (a text that may need OCR repair,
    // with the repairer; without one, not kept: the view reads it when it opens).
    await createDoc(id, doc.text, { fileName: doc.entry.fileName, source: doc.source }, doc.hints, doc.runs, async (created) => {
      const repairer = mayNeedOcrRepair(doc.text) ? await this.repairer() : null;
      if (mayNeedOcrRepair(doc.text) && !repairer) return;
      await this.db.curated.put({ id, key: curatedCacheKey(null), n: 0, doc: previewForm(curatedFromStudioDoc(id, created, { parse: repairer ? { repairer } : {} })) });
    });
    if (doc.pdf) await this.db.pdfs.put({ id, bytes: doc.pdf });
    await this.db.docs.put({ ...doc.entry, id, ...(sha256 ? { sha256 } : {}), ...(options.local ? { local: true } : {}), createdAt: now, updatedAt: now });
    return { id, existed: false };
  }

  /** Writes what the live parse says of an open document (items, review progress, cases) into its library entry. */
  async summarizeOpen(id: string, meeting: Meeting, review: Record<string, ReviewStatus>, doc: StudioDoc | null): Promise<void> {
    const items = meeting.sections.flatMap((s) => s.items);
    const statuses = items.map((i) => review[i.number] ?? 'unreviewed');
    const progress: LibraryReview = statuses.length && statuses.every((s) => s === 'approved') ? 'reviewed' : statuses.some((s) => s !== 'unreviewed') ? 'in-progress' : 'unreviewed';
    const patch: Partial<LibraryEntry> = { items: items.length, sections: meeting.sections.length, body: meeting.body, date: meeting.date, cases: caseMentions(meeting), review: progress, updatedAt: this.now() };
    // A document opened by id learns its name and kind from what the server sent.
    const entry = this.entry(id);
    if (entry?.source === 'shared') Object.assign(patch, sharedSummary(meeting, doc?.meta.get('fileName'), sourceSha(doc)));
    // A re-import of a changed source (source-guard.ts), or its undo, changes the source the document records.
    else if (entry && sourceSha(doc) && entry.sha256 !== sourceSha(doc)) patch.sha256 = sourceSha(doc);
    patch.meetingId = summarize(meeting).meetingId;
    await this.db.docs.update(id, patch);
    await this.refresh();
  }
}
