/**
 * The open documents: the tabs, the active one, and their Yjs documents
 * (opened from IndexedDB and, unless kept in this browser only, joined to the
 * workspace). The active document is shown in the document session.
 */
import type { StudioDoc } from '../../core/document/studio-doc.ts';
import { openDoc, type OpenDoc } from '../services/persistence.ts';
import type { Library } from './library.ts';
import type { DocumentSession } from './session.ts';
import type { Settings } from './settings.ts';
import { Store } from './store.ts';
import type { Sync } from './sync.ts';

export interface TabsState {
  tabs: string[];
  active: string | null;
}

export class Tabs extends Store<TabsState> {
  private readonly open = new Map<string, OpenDoc>();
  /** The last read of each document not open in a tab (`withDocument`): the next waits for it, as a tab opening does (one provider per document). */
  private readonly reads = new Map<string, Promise<unknown>>();
  /** Heard whenever a document is opened (the annotation sidebar drops its draft). */
  onOpen: () => void = () => undefined;

  constructor(
    private readonly library: Library,
    private readonly sync: Sync,
    private readonly session: DocumentSession,
    private readonly settings: Settings,
  ) {
    super({ tabs: [], active: null });
  }

  activeDoc(): StudioDoc | null {
    const id = this.get().active;
    return id ? (this.open.get(id)?.doc ?? null) : null;
  }

  /** The Yjs document of `id` when it is open in a tab. */
  openDoc(id: string): StudioDoc | null {
    return this.open.get(id)?.doc ?? null;
  }

  async openDocument(id: string): Promise<void> {
    // A document merged into another opens as that one.
    const merged = this.library.entry(id)?.mergedInto;
    if (merged && this.library.entry(merged)) id = merged;
    this.session.rememberPosition();
    await this.reads.get(id);
    if (!this.open.has(id)) this.open.set(id, await openDoc(id, () => this.library.noteChange(id)));
    // Read from the database, not the list in memory: a sample the workspace has just taken in is no longer local.
    if ((await this.library.db.docs.get(id))?.local !== true) this.sync.collab.attach(id, this.open.get(id)!.doc.ydoc);
    const tabs = this.get().tabs.includes(id) ? this.get().tabs : [...this.get().tabs, id];
    this.set({ tabs, active: id });
    this.onOpen();
    void this.settings.save('tabs', tabs);
    void this.settings.save('active', id);
    this.session.show(id, this.open.get(id)!.doc);
  }

  async closeTab(id: string): Promise<void> {
    const active = this.get().active === id;
    if (active) this.session.rememberPosition();
    const tabs = this.get().tabs.filter((t) => t !== id);
    const o = this.open.get(id);
    this.open.delete(id);
    this.sync.collab.detach(id);
    if (active) {
      this.session.hide();
      this.set({ tabs, active: null });
      if (tabs.length) await this.openDocument(tabs[tabs.length - 1]!);
    } else this.set({ tabs });
    void this.settings.save('tabs', tabs);
    await o?.close();
  }

  /**
   * Runs `f` on a library document: the open one if it is open, else its copy
   * in IndexedDB — joined, while connected, with the workspace's copy on the
   * sync server for the time of `f` (so it reads collaborators' work and its
   * changes reach them). `readOnly`: the server would refuse changes.
   */
  async withDocument<T>(id: string, f: (doc: StudioDoc, readOnly: boolean) => T | Promise<T>, share = false): Promise<T> {
    // Reads of one document one after the other (the search and the workspace's listing may ask at once).
    const before = this.reads.get(id);
    const read = (async () => {
      await before?.catch(() => undefined);
      return this.readDocument(id, f, share);
    })();
    const settled = read.catch(() => undefined);
    this.reads.set(id, settled);
    void settled.then(() => this.reads.get(id) === settled && this.reads.delete(id));
    return read;
  }

  private async readDocument<T>(id: string, f: (doc: StudioDoc, readOnly: boolean) => T | Promise<T>, share: boolean): Promise<T> {
    const open = this.open.get(id);
    if (open) return f(open.doc, this.sync.collab.view(id).readOnly);
    const read = await openDoc(id, () => this.library.noteChange(id));
    try {
      // A document kept in this browser (a sample nobody shared) stays out of the workspace.
      const local = !share && (await this.library.db.docs.get(id))?.local === true;
      if (local) return await f(read.doc, false);
      return await this.sync.collab.withServer(id, read.doc.ydoc, (readOnly) => f(read.doc, readOnly));
    } finally {
      await read.close();
    }
  }
}
