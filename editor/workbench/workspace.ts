/**
 * The workspace on the sync server, as the library sees it: its documents
 * listed here, a document opened by id or shared from this browser, and two
 * duplicates merged into one.
 */
import { parseWithOverrides } from '../../core/document/overrides.ts';
import { sharedEntry, sharedSummary } from '../services/library.ts';
import { mergeInto } from '../services/merge.ts';
import { sourceSha } from './items.ts';
import type { Library } from './library.ts';
import type { DocumentSession } from './session.ts';
import type { Settings } from './settings.ts';
import type { Sync } from './sync.ts';
import type { Tabs } from './tabs.ts';
import type { Ui } from './ui.ts';

export class Workspace {
  constructor(
    private readonly library: Library,
    private readonly tabs: Tabs,
    private readonly session: DocumentSession,
    private readonly sync: Sync,
    private readonly settings: Settings,
    private readonly ui: Ui,
    private readonly deps: { now(): number; win: Window },
  ) {}

  private get t() {
    return this.settings.t;
  }

  /** Opens a document shared in the workspace by its id, adding it to the library if it is new here. */
  async openShared(id: string): Promise<void> {
    id = id.trim();
    if (!/^[\w-]+$/.test(id)) return this.ui.error(`${this.t('notADocumentId')}: ${id}`);
    const entry = await this.library.db.docs.get(id);
    if (!entry) await this.library.db.docs.put(sharedEntry(id, this.deps.now()));
    // The same sample here, kept local: asked for the shared one, this browser joins it (the same first state, so they merge as one).
    else if (entry.local) await this.join(id);
    await this.library.refresh();
    await this.tabs.openDocument(id);
  }

  async askOpenShared(): Promise<void> {
    const id = await this.ui.ask({ title: this.t('askDocumentId') });
    if (id) await this.openShared(id);
  }

  showDocId(): void {
    const id = this.tabs.get().active;
    if (!id) return;
    void this.deps.win.navigator.clipboard?.writeText(id).catch(() => undefined);
    this.ui.info(`${this.t('documentId')}: ${id}`);
  }

  /** A local document that the workspace has too becomes the workspace's: it syncs from now on. */
  private async join(id: string): Promise<void> {
    await this.library.db.docs.update(id, { local: false, source: 'shared' });
    const open = this.tabs.openDoc(id);
    if (open) this.sync.collab.attach(id, open.ydoc);
  }

  /**
   * Shares a document kept in this browser only (a sample) to the workspace:
   * from now on it syncs like any other, and others see it in their library.
   */
  async share(id = this.tabs.get().active): Promise<void> {
    const t = this.t;
    if (!id) return this.ui.error(t('openToShare'));
    const entry = await this.library.db.docs.get(id);
    if (!entry) return;
    const configured = this.sync.collab.configured;
    if (!configured) return this.ui.error(t('shareNeedsSync'));
    if (!entry.local) return this.ui.info(t('alreadyShared'));
    await this.library.db.docs.update(id, { local: false });
    const open = this.tabs.openDoc(id);
    if (open) this.sync.collab.attach(id, open.ydoc);
    else await this.tabs.withDocument(id, () => undefined, true);
    await this.library.refresh();
    this.ui.info(`${t('sharedTo')} ${(this.sync.collab.configured ?? configured).workspace}: ${entry.body || entry.fileName}`);
  }

  /** Adds the workspace's documents this browser has not seen to the library (while connected); returns their ids. */
  /** Whether a sync server is set: then the workspace's documents are read through it, never from what this browser read before. */
  connected(): boolean {
    return this.sync.collab.configured !== null;
  }

  async addDocuments(): Promise<string[]> {
    // Ids starting with `_` are the workspace's own documents (its taxonomy), not minutes.
    const ids = (await this.sync.collab.workspaceDocuments())?.filter((id) => !id.startsWith('_'));
    if (!ids) return [];
    const entries = await this.library.db.docs.toArray();
    const known = new Set(entries.map((e) => e.id));
    const now = this.deps.now();
    const added: string[] = [];
    // A sample kept here that someone shared (the same source, so the same id): one document, the workspace's.
    const joined = entries.filter((e) => e.local && ids.includes(e.id));
    for (const e of joined) await this.join(e.id);
    if (joined.length) await this.library.refresh();
    for (const id of ids.filter((x) => /^[\w-]+$/.test(x) && !known.has(x))) {
      // add, not put: an entry made meanwhile (a document opened by id) stays as it is.
      const ok = await this.library.db.docs.add(sharedEntry(id, now)).then(() => true, () => false);
      if (ok) added.push(id);
    }
    return added;
  }

  /** While connected: lists the workspace's documents in the library, each with its title, body and date read from the server. */
  async refresh(): Promise<void> {
    const added = await this.addDocuments();
    if (!added.length) return;
    await this.library.refresh();
    for (const id of added) {
      const summary = await this.tabs.withDocument(id, (doc) => {
        const text = doc.text.toString();
        return text ? sharedSummary(parseWithOverrides(text, doc.placedOverrides(text), {}), doc.meta.get('fileName'), sourceSha(doc), doc.meta.get('mergedInto')) : null;
      });
      const entry = await this.library.db.docs.get(id);
      if (summary && entry?.source === 'shared' && entry.items === 0) await this.library.db.docs.update(id, summary);
    }
    await this.library.refresh();
  }

  /** Asks which duplicate of `keepId` (the active document by default) to merge into it, and merges it. */
  async askMerge(keepId = this.tabs.get().active): Promise<void> {
    const t = this.t;
    if (!keepId) return this.ui.error(t('openToKeep'));
    const others = this.library.duplicates.get(keepId) ?? [];
    if (!others.length) return this.ui.info(t('noDuplicates'));
    const name = (id: string) => {
      const e = this.library.entry(id);
      return `${e?.title ?? id} · ${e?.fileName ?? ''} · ${id}`;
    };
    const choice = await this.ui.ask({ title: t('askMerge'), choices: others.map(name) });
    const otherId = choice?.split(' · ').pop();
    if (otherId && others.includes(otherId)) await this.merge(keepId, otherId);
  }

  /**
   * Merges document `otherId` into `keepId`: its annotations, overrides,
   * review states and adjudications move where they anchor, and it is marked
   * merged (in its Yjs document too, so the workspace and every browser leave
   * it out) and leaves the library.
   */
  async merge(keepId: string, otherId: string): Promise<void> {
    const t = this.t;
    if (keepId === otherId) return;
    try {
      const result = await this.tabs.withDocument(otherId, (other, otherReadOnly) =>
        this.tabs.withDocument(keepId, (keep, keepReadOnly) => {
          if (otherReadOnly || keepReadOnly) return null;
          const moved = mergeInto(keep, other);
          other.ydoc.transact(() => other.meta.set('mergedInto', keepId));
          return moved;
        }),
      );
      if (!result) return this.ui.error(this.settings.t('syncReadOnly'));
      await this.library.db.docs.update(otherId, { mergedInto: keepId });
      if (this.tabs.get().tabs.includes(otherId)) await this.tabs.closeTab(otherId);
      await this.library.refresh();
      if (this.tabs.get().active === keepId) this.session.pushAnnotations();
      const { annotations, overrides, reviews, adjudications, unanchored } = result;
      const n = (count: number, word: 'annotationWord' | 'overrideWord' | 'reviewWord' | 'adjudicationWord') => `${count} ${t(word, { count })}`;
      this.ui.info(
        t('merged', { annotations: n(annotations, 'annotationWord'), overrides: n(overrides, 'overrideWord'), reviews: n(reviews, 'reviewWord'), adjudications: n(adjudications, 'adjudicationWord') }) +
          (unanchored ? t('mergedUnanchored', { count: unanchored }) : ''),
      );
    } catch (e) {
      this.ui.error(`${t('mergeFailed')}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}
