/**
 * The workspace's label taxonomy as the workbench holds it: one Yjs document
 * (`<workspace>/_taxonomy` on the sync server, its local copy in IndexedDB,
 * or a local one when no server is set), read into `taxonomy` whenever it
 * changes, here or in another browser. The taxonomy form's changes go through
 * here, each with the user's name, refused with a message in the person's
 * language when a name or key is taken.
 */
import { DEFAULT_TAXONOMY, TAXONOMY_DOC_ID, TaxonomyDoc, type LabelFields, type Taxonomy, type TaxonomyProblem } from '../../core/document/taxonomy.ts';
import { openTaxonomyDoc } from '../services/persistence.ts';
import { mayCurate } from '../services/identity.ts';
import type { Settings } from './settings.ts';
import { Store } from './store.ts';
import type { Sync } from './sync.ts';
import type { Ui } from './ui.ts';


export interface TaxonomyState {
  taxonomy: Taxonomy;
  /** Which workspace's taxonomy this is (null: this browser's own, no server set). */
  workspace: string | null;
}

export class Taxonomies extends Store<TaxonomyState> {
  private open: { workspace: string | null; doc: TaxonomyDoc; close(): Promise<void>; unobserve(): void } | null = null;
  private following: Promise<void> = Promise.resolve();

  constructor(
    private readonly sync: Sync,
    private readonly settings: Settings,
    private readonly ui: Ui,
  ) {
    super({ taxonomy: DEFAULT_TAXONOMY, workspace: null });
  }

  /** The taxonomy document open now (null before start). */
  get doc(): TaxonomyDoc | null {
    return this.open?.doc ?? null;
  }

  /**
   * Opens the taxonomy of the workspace the sync settings name (or this
   * browser's own) and joins it to the workspace; called at start and
   * whenever the sync settings change. A taxonomy once kept as a browser
   * setting is carried over into it.
   */
  follow(oldSetting?: unknown): Promise<void> {
    this.following = this.following.then(() => this.reopen(oldSetting));
    return this.following;
  }

  private async reopen(oldSetting: unknown): Promise<void> {
    const workspace = this.sync.collab.configured?.workspace ?? null;
    if (this.open && this.open.workspace === workspace) {
      if (workspace) this.sync.collab.attach(TAXONOMY_DOC_ID, this.open.doc.ydoc);
      return;
    }
    if (this.open) {
      this.sync.collab.detach(TAXONOMY_DOC_ID);
      this.open.unobserve();
      await this.open.close();
      this.open = null;
    }
    const { ydoc, close } = await openTaxonomyDoc(workspace);
    const doc = new TaxonomyDoc(ydoc);
    doc.seed();
    if (oldSetting) doc.adopt(oldSetting, this.settings.get().user || '?');
    const unobserve = doc.observe(() => this.set({ taxonomy: doc.read() }));
    this.open = { workspace, doc, close, unobserve };
    this.set({ taxonomy: doc.read(), workspace });
    if (workspace) this.sync.collab.attach(TAXONOMY_DOC_ID, ydoc);
  }

  /**
   * The connection is about to change: the taxonomy leaves it first (it stays
   * open here), so the provider the new settings start is never one of this
   * workspace's taxonomy under another workspace's name; `follow` joins again.
   */
  leave(): void {
    this.sync.collab.detach(TAXONOMY_DOC_ID);
  }

  private async writable(): Promise<TaxonomyDoc | null> {
    if (!this.open) return null;
    // The sync server takes a taxonomy change from a curator only (or a token without a person).
    if (!mayCurate(this.settings.get().person)) {
      this.ui.error(this.settings.t('taxonomy.curatorsOnly'));
      return null;
    }
    if (this.sync.refuseReadOnly(TAXONOMY_DOC_ID)) return null;
    if (!(await this.settings.requireUser())) return null;
    return this.open.doc;
  }

  private problem(p: TaxonomyProblem | null): boolean {
    if (p) this.ui.error(this.settings.t(`taxonomyProblem.${p}`));
    return !p;
  }

  async addLabel(fields: Partial<LabelFields> & { name: string; group: string }): Promise<string | null> {
    const doc = await this.writable();
    if (!doc) return null;
    const r = doc.addLabel(fields, this.settings.get().user);
    return 'id' in r ? r.id : (this.problem(r.problem), null);
  }

  async updateLabel(id: string, patch: Partial<LabelFields>): Promise<boolean> {
    const doc = await this.writable();
    return !!doc && this.problem(doc.updateLabel(id, patch, this.settings.get().user));
  }

  async addGroup(name: string): Promise<string | null> {
    const doc = await this.writable();
    if (!doc) return null;
    const r = doc.addGroup(name, this.settings.get().user);
    return 'id' in r ? r.id : (this.problem(r.problem), null);
  }

  async renameGroup(id: string, name: string): Promise<boolean> {
    const doc = await this.writable();
    return !!doc && this.problem(doc.renameGroup(id, name, this.settings.get().user));
  }
}
