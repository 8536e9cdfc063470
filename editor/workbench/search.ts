/**
 * Search across the library and the workspace's documents: a MiniSearch
 * index (core/search) built in the browser from each document (the
 * workspace's through the sync server when one is set, as the Dataset view
 * reads them),
 * kept up to date as documents change — the active one as it is edited, the
 * others when the library sees them change — and the side view's query and
 * results, grouped by meeting; a hit opens its document at its item.
 */
import { labelName } from '../../core/document/taxonomy.ts';
import { parseWithOverrides } from '../../core/document/overrides.ts';
import type { StudioDoc } from '../../core/document/studio-doc.ts';
import { LibraryIndex, searchRecords, type SearchGroup, type SearchHit, type SearchRecord } from '../../core/search/library-index.ts';
import type { Library } from './library.ts';
import type { DocumentSession } from './session.ts';
import { Store } from './store.ts';
import type { Tabs } from './tabs.ts';
import type { Taxonomies } from './taxonomy.ts';
import type { Ui } from './ui.ts';

export interface SearchState {
  query: string;
  groups: SearchGroup[];
  /** Documents indexed of those in the library, while the index is being built or brought up to date. */
  progress: { done: number; total: number } | null;
}

export class Search extends Store<SearchState> {
  private readonly index = new LibraryIndex();
  /** Each indexed document's library `updatedAt` (and the taxonomy version) when it was indexed. */
  private readonly stamps = new Map<string, string>();
  private started = false;
  private running: Promise<void> | null = null;
  private again = false;
  private activeTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly library: Library,
    private readonly tabs: Tabs,
    private readonly session: DocumentSession,
    private readonly taxonomies: Taxonomies,
    private readonly ui: Ui,
  ) {
    super({ query: '', groups: [], progress: null });
    // Once searching has begun, the index follows the library (documents added, changed, merged away).
    library.subscribe(() => this.started && void this.update());
    taxonomies.subscribe(() => this.started && void this.update());
    // The active document as it is edited (its text, structure, labels and comments).
    let last: unknown[] = [];
    session.subscribe(() => {
      const { meeting, annotations } = session.get();
      if (!this.started || (meeting === last[0] && annotations === last[1])) return;
      last = [meeting, annotations];
      if (this.activeTimer) clearTimeout(this.activeTimer);
      this.activeTimer = setTimeout(() => this.indexActive(), 400);
    });
  }

  /** Shows the search view with the cursor in its box. */
  show(): void {
    this.ui.set({ activity: 'search', palette: false });
    void this.update();
  }

  async setQuery(query: string): Promise<void> {
    this.set({ query });
    await this.update();
    if (this.get().query === query) this.set({ groups: this.index.search(query) });
  }

  /** Opens a hit's document at its item (a meeting's hit at the top). */
  async open(group: SearchGroup, hit: SearchHit): Promise<void> {
    await this.tabs.openDocument(group.docId);
    this.session.jump(hit.pos);
    this.session.view?.focus();
  }

  /** Brings the index up to date with the library: documents new or changed since they were indexed, and those gone. */
  update(): Promise<void> {
    this.started = true;
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          await this.catchUp();
        } while (this.again);
      } finally {
        this.running = null;
      }
      const { query } = this.get();
      if (query) this.set({ groups: this.index.search(query) });
    })();
    return this.running;
  }

  private async catchUp(): Promise<void> {
    const version = this.taxonomies.get().taxonomy.version;
    const entries = this.library.get().entries.filter((e) => !e.mergedInto);
    const live = new Set(entries.map((e) => e.id));
    for (const id of [...this.stamps.keys()])
      if (!live.has(id)) {
        this.index.removeDocument(id);
        this.stamps.delete(id);
      }
    const stale = entries.filter((e) => this.stamps.get(e.id) !== `${e.updatedAt}:${version}`);
    let done = entries.length - stale.length;
    if (stale.length) this.set({ progress: { done, total: entries.length } });
    for (const e of stale) {
      // Through the server when one is set (a workspace document this browser has not read yet has nothing here).
      const records = await this.tabs.withDocument(e.id, (doc) => this.recordsOf(e.id, doc)).catch(() => null);
      if (records) {
        this.index.setDocument(e.id, records);
        this.stamps.set(e.id, `${e.updatedAt}:${version}`);
      } // nothing received yet (shared by id, the server not reached) or not readable: read again at the next update
      this.set({ progress: { done: ++done, total: entries.length } });
    }
    this.set({ progress: null });
  }

  private recordsOf(id: string, doc: StudioDoc): SearchRecord[] | null {
    const text = doc.text.toString();
    if (!text) return null;
    const shown = this.session.docId === id ? this.session.get().meeting : null;
    const meeting = shown ?? parseWithOverrides(text, doc.placedOverrides(text), {});
    const taxonomy = this.taxonomies.get().taxonomy;
    const annotations = doc.annotationViews(text).map((a) => ({
      from: a.from,
      labels: a.labels.flatMap((l) => [...new Set([labelName(taxonomy, l), l])]),
      comments: a.comments.map((c) => c.text),
    }));
    return searchRecords(id, meeting, text, annotations);
  }

  /** The active document, indexed again from what the editor has (no parse of its own). */
  private indexActive(): void {
    const id = this.session.docId;
    const doc = this.session.doc;
    if (!id || !doc || !this.library.entry(id)) return;
    const records = this.recordsOf(id, doc);
    if (!records) return;
    this.index.setDocument(id, records);
    const { query } = this.get();
    if (query) this.set({ groups: this.index.search(query) });
  }
}
