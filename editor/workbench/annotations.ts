/**
 * Annotations and review on the active document: the sidebar's draft, label
 * filter and active annotation, and the commands that annotate, comment,
 * label and review (each carries the user's name, asked for when missing).
 */
import type { AnnotationView, ReviewStatus } from '../../core/document/studio-doc.ts';
import { REVIEW_STATUSES } from '../../core/document/studio-doc.ts';
import { liveParseField, meetingOf } from '../extensions/live-parse/index.ts';
import { itemAt, itemNumbered } from './items.ts';
import type { DocumentSession } from './session.ts';
import type { Settings } from './settings.ts';
import { Store } from './store.ts';
import type { Sync } from './sync.ts';
import type { Ui } from './ui.ts';

export interface AnnotationsState {
  /** A new annotation being written: its range in the text and the text it quotes. */
  draft: { from: number; to: number; quote: string } | null;
  labelFilter: string;
  activeAnnotation: string | null;
}

export class Annotations extends Store<AnnotationsState> {
  constructor(
    private readonly session: DocumentSession,
    private readonly sync: Sync,
    private readonly settings: Settings,
    private readonly ui: Ui,
  ) {
    super({ draft: null, labelFilter: '', activeAnnotation: null });
    session.activeAnnotation = () => this.get().activeAnnotation;
  }

  private readOnly(): boolean {
    return this.sync.refuseReadOnly(this.session.docId);
  }

  /** Starts an annotation on the selection, or on the current item's heading when nothing is selected. */
  startAnnotation(): void {
    if (this.readOnly()) return;
    const view = this.session.view;
    if (!view) return;
    let { from, to } = view.state.selection.main;
    if (from === to) {
      const item = itemAt(meetingOf(view.state), from);
      if (!item) return this.ui.error(this.settings.t('selectOrItem'));
      ({ start: from, end: to } = item.titleSpan);
      const text = view.state.doc.sliceString(from, to);
      to = from + text.trimEnd().length;
    }
    this.set({ draft: { from, to, quote: view.state.doc.sliceString(from, to) } });
    this.ui.set({ activity: 'annotations', palette: false });
  }

  async saveAnnotation(labels: string[], comment: string): Promise<void> {
    if (this.readOnly()) return;
    if (!(await this.settings.requireUser())) return;
    const doc = this.session.doc;
    const draft = this.get().draft;
    if (!doc || !draft) return;
    const id = doc.addAnnotation({ from: draft.from, to: draft.to, labels, comment, author: this.settings.get().user });
    this.set({ draft: null, activeAnnotation: id });
  }

  async reply(annotationId: string, text: string, replyTo: string | null): Promise<void> {
    if (this.readOnly()) return;
    if (!text.trim() || !(await this.settings.requireUser())) return;
    this.session.doc?.addComment(annotationId, text, this.settings.get().user, replyTo);
  }

  async setLabels(annotationId: string, labels: string[]): Promise<void> {
    if (this.readOnly()) return;
    if (!(await this.settings.requireUser())) return;
    this.session.doc?.setLabels(annotationId, labels, this.settings.get().user, this.session.privateTo() !== null);
  }

  /**
   * Toggles label `label` (its id) on the current item: on the annotation of
   * its heading (the one a new annotation without a selection gets), made
   * with the label when the item has none yet.
   */
  async toggleLabel(label: string, name = label): Promise<void> {
    if (this.readOnly()) return;
    const view = this.session.view;
    const doc = this.session.doc;
    if (!view || !doc) return;
    const item = itemAt(meetingOf(view.state), view.state.selection.main.head) ?? itemNumbered(meetingOf(view.state), this.session.get().currentItem);
    if (!item) return this.ui.error(this.settings.t('selectOrItem'));
    if (!(await this.settings.requireUser())) return;
    const t = this.settings.t;
    const { start, end } = item.titleSpan;
    // Among the annotations this person sees (in independent labelling, their own).
    const existing = this.session.get().annotations.find((a) => a.from !== null && !a.orphaned && a.from >= start && a.from <= end);
    let on: boolean;
    if (existing) {
      on = !existing.labels.includes(label);
      doc.setLabels(existing.id, on ? [...existing.labels, label] : existing.labels.filter((l) => l !== label), this.settings.get().user, this.session.privateTo() !== null);
      this.set({ activeAnnotation: existing.id });
    } else {
      const to = start + view.state.doc.sliceString(start, end).trimEnd().length;
      on = true;
      this.set({ activeAnnotation: doc.addAnnotation({ from: start, to, labels: [label], author: this.settings.get().user }) });
    }
    this.session.pushAnnotations();
    this.ui.info(t(on ? 'labelSet' : 'labelCleared', { label: name, item: item.number }));
  }

  removeAnnotation(id: string): void {
    if (this.readOnly()) return;
    this.session.doc?.removeAnnotation(id);
  }

  focusAnnotation(a: AnnotationView): void {
    this.set({ activeAnnotation: a.id });
    this.session.pushAnnotations();
    if (a.from !== null) this.session.jump(a.from, a.to ?? a.from);
  }

  async setReview(itemNumber: string, status: ReviewStatus): Promise<void> {
    if (this.readOnly()) return;
    if (!(await this.settings.requireUser())) return;
    // The item as the live parse has it now: its heading is where the status is anchored.
    const view = this.session.view;
    const item = view ? itemNumbered(view.state.field(liveParseField).meeting, itemNumber) : null;
    if (item) this.session.doc?.setReview(item, status, this.settings.get().user, this.session.personalReview());
    this.session.scheduleLibraryUpdate();
  }

  cycleReview(): void {
    const { currentItem: item, review } = this.session.get();
    if (!item) return;
    const current = review[item] ?? 'unreviewed';
    void this.setReview(item, REVIEW_STATUSES[(REVIEW_STATUSES.indexOf(current) + 1) % REVIEW_STATUSES.length]!);
  }
}
