/**
 * Changes to the active document's text and structure: structure overrides at
 * the cursor's line, undo and redo, joining lines, OCR fixes, and moving to
 * the next problem or to an item.
 */
import type { Diagnostic, FieldName } from '../../core/minutes/model.ts';
import { overrideProblem, type OverrideKind } from '../../core/document/overrides.ts';
import { meetingOf } from '../extensions/live-parse/index.ts';
import { ocrFix } from '../extensions/diagnostics/index.ts';
import { guessItemNumber, guessSectionNumber, itemAt, joinLinesSpec } from './items.ts';
import type { DocumentSession } from './session.ts';
import type { Settings } from './settings.ts';
import type { Sync } from './sync.ts';
import type { Ui } from './ui.ts';

export class Structure {
  constructor(
    private readonly session: DocumentSession,
    private readonly sync: Sync,
    private readonly settings: Settings,
    private readonly ui: Ui,
  ) {}

  /** True (and says so) when the shown document may not be changed. */
  private readOnly(): boolean {
    return this.sync.refuseReadOnly(this.session.docId);
  }

  /** Adds a structure override at the cursor's line, asking for its argument. */
  async structureCommand(kind: OverrideKind): Promise<void> {
    if (this.readOnly()) return;
    const doc = this.session.doc;
    const view = this.session.view;
    if (!doc || !view) return;
    const t = this.settings.t;
    let pos = view.state.doc.lineAt(view.state.selection.main.head).from;
    const spec: { kind: OverrideKind; number?: string; field?: FieldName; value?: string } = { kind };
    const meeting = meetingOf(view.state);
    if (kind === 'item-start' || kind === 'split-item') {
      const number = await this.ui.ask({ title: t('askItemNumber'), value: guessItemNumber(meeting, pos) });
      if (!number) return;
      spec.number = number.trim().replace(/\.$/, '');
    } else if (kind === 'section-heading') {
      const number = await this.ui.ask({ title: t('askSectionNumber'), value: guessSectionNumber(meeting, pos) });
      if (!number) return;
      spec.number = number.trim().replace(/\.$/, '');
    } else if (kind === 'field-start') {
      const field = await this.ui.ask({ title: t('askField'), choices: ['beslutning', 'indstilling', 'sagsfremstilling', 'baggrund'] });
      if (!field) return;
      spec.field = field as FieldName;
    } else if (kind === 'meeting-date') {
      const value = await this.ui.ask({ title: t('askDate'), value: meeting.date ?? '' });
      if (!value) return;
      spec.value = value.trim();
    } else if (kind === 'meeting-body') {
      const value = await this.ui.ask({ title: t('askBody'), value: meeting.body });
      if (!value) return;
      spec.value = value.trim();
    } else if (kind === 'merge-previous') {
      const item = itemAt(meeting, pos);
      if (!item) return this.ui.error(t('notInItem'));
      pos = item.titleSpan.start;
    }
    // Wrong arguments are said in the user's language; addOverride would throw them in English.
    const problem = overrideProblem(spec);
    if (problem) return this.ui.error(t(`overrideProblem.${problem.code}`, { value: problem.value }));
    try {
      doc.addOverride(spec, pos);
      this.ui.set({ message: null });
    } catch (e) {
      this.ui.error(e instanceof Error ? e.message : String(e));
    }
  }

  removeOverride(id: string): void {
    if (this.readOnly()) return;
    this.session.doc?.removeOverride(id);
  }

  undo(): void {
    if (this.readOnly()) return;
    this.session.doc?.undo.undo();
  }

  redo(): void {
    if (this.readOnly()) return;
    this.session.doc?.undo.redo();
  }

  /** Joins the cursor's line with the next one; a word hyphenated across them is joined without its hyphen. */
  joinLines(): void {
    if (this.readOnly()) return;
    const view = this.session.view;
    if (!view) return;
    const spec = joinLinesSpec(view.state.doc.toString(), view.state.selection.main.head);
    if (spec) view.dispatch({ ...spec, userEvent: 'input.join' });
  }

  applyFix(d: Diagnostic, all: boolean): void {
    if (this.readOnly()) return;
    const spec = ocrFix(d, all);
    const view = this.session.view;
    if (spec && view) view.dispatch(spec);
  }

  nextProblem(): void {
    const { meeting, cursor } = this.session.get();
    const diags = (meeting?.diagnostics ?? []).filter((d) => d.span).sort((a, b) => a.span!.start - b.span!.start);
    if (!diags.length) return;
    const next = diags.find((d) => d.span!.start > cursor.pos) ?? diags[0]!;
    this.session.jump(next.span!.start, next.span!.end);
  }

  async gotoItem(): Promise<void> {
    const items = this.session.get().meeting?.sections.flatMap((s) => s.items) ?? [];
    const choice = await this.ui.ask({ title: this.settings.t('askItem'), choices: items.map((i) => `${i.number} ${i.title}`) });
    if (choice) this.session.jumpToItem(choice.split(' ')[0]!);
  }
}
