/**
 * How the workspace labels, as the workbench holds it: the workspace's
 * `_labelling` document (core/document/labelling.ts), joined while connected;
 * whose work this person sees (everyone's, or in independent labelling only
 * their own until a curator opens adjudication); the curator's commands that
 * change it; and "Done with this item", an analyst's pass over an item that
 * agreement counts as a rating.
 */
import * as Y from 'yjs';
import { setDone, doneBy } from '../../core/document/done.ts';
import { LABELLING_DOC_ID, privateTo, readLabelling, SHARED_LABELLING, writeLabelling } from '../../core/document/labelling.ts';
import type { Labelling } from '../../core/export/model.ts';
import { mayCurate } from '../services/identity.ts';
import type { DocumentSession } from './session.ts';
import type { Settings } from './settings.ts';
import { Store } from './store.ts';
import type { Sync } from './sync.ts';
import type { Ui } from './ui.ts';

export interface LabellingState {
  labelling: Labelling;
  /** Who set it last, and when (ms); null when never set. */
  by: string | null;
  at: number | null;
}

export class LabellingStore extends Store<LabellingState> {
  private open: { workspace: string | null; ydoc: Y.Doc } | null = null;

  constructor(
    private readonly sync: Sync,
    private readonly session: DocumentSession,
    private readonly settings: Settings,
    private readonly ui: Ui,
    private readonly deps: { now(): number },
  ) {
    super({ labelling: SHARED_LABELLING, by: null, at: null });
  }

  /** Joins the labelling document of the workspace the sync settings name (none: shared, as without a server). */
  follow(): void {
    const workspace = this.sync.collab.configured?.workspace ?? null;
    if (this.open?.workspace === workspace) return;
    if (this.open) {
      this.sync.collab.detach(LABELLING_DOC_ID);
      this.open.ydoc.destroy();
      this.open = null;
    }
    const ydoc = new Y.Doc();
    const read = () => {
      const { by, at, ...labelling } = readLabelling(ydoc);
      this.set({ labelling, by, at });
    };
    ydoc.getMap('labelling').observe(read);
    this.open = { workspace, ydoc };
    read();
    if (workspace) this.sync.collab.attach(LABELLING_DOC_ID, ydoc);
  }

  /** Whether this person adjudicates and sets how the workspace labels. */
  mayCurate(): boolean {
    return mayCurate(this.settings.get().person);
  }

  /** Whose work this person sees: null for everyone's, else their own name (independent labelling). */
  privateTo(): string | null {
    return privateTo(this.get().labelling, { name: this.settings.get().user, curator: this.mayCurate() });
  }

  /** Whether an analyst's review is kept as their own (independent labelling). */
  personalReview(): boolean {
    return this.get().labelling.mode === 'independent';
  }

  private change(patch: Partial<Labelling>): void {
    const t = this.settings.t;
    if (!this.mayCurate()) return this.ui.error(t('curatorsOnly'));
    if (!this.open?.workspace) return this.ui.error(t('labellingNeedsSync'));
    if (this.sync.refuseReadOnly(LABELLING_DOC_ID)) return;
    writeLabelling(this.open.ydoc, patch, this.settings.get().user || '?', this.deps.now);
    this.ui.info(patch.mode ? t(patch.mode === 'independent' ? 'labellingIndependent' : 'labellingShared') : t(patch.adjudicationOpen ? 'adjudicationOpened' : 'adjudicationClosed'));
  }

  /** Independent labelling on or off (a curator's command). */
  toggleIndependent(): void {
    const independent = this.get().labelling.mode !== 'independent';
    this.change({ mode: independent ? 'independent' : 'shared', adjudicationOpen: false });
  }

  /** Opens adjudication (everyone then sees everyone's labels), or closes it again (a curator's command). */
  toggleAdjudication(): void {
    if (this.get().labelling.mode !== 'independent') return this.ui.info(this.settings.t('adjudicationAlwaysOpen'));
    this.change({ adjudicationOpen: !this.get().labelling.adjudicationOpen });
  }

  /** "Done with this item": marks the current item done by this person (again: takes the mark back). */
  async markDone(): Promise<void> {
    const t = this.settings.t;
    const doc = this.session.doc;
    const number = this.session.get().currentItem;
    const item = doc && number ? doc.items().find((i) => i.number === number) : undefined;
    if (!doc || !item) return this.ui.error(t('doneNeedsItem'));
    if (this.sync.refuseReadOnly(this.session.docId)) return;
    if (!(await this.settings.requireUser())) return;
    const who = this.settings.get().user;
    const done = !doneBy(doc, [item])[0]!.some((d) => d.by === who);
    setDone(doc, item, who, done, this.deps.now);
    this.ui.info(t(done ? 'itemDone' : 'itemNotDone', { item: item.number }));
  }
}
