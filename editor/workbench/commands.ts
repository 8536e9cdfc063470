/**
 * Every command of the workbench, declared once: its id, its title (in the
 * user's language), its keys and what it does. The global keymap
 * (`installKeymap`) and the command palette both read this table.
 */
import { openSearchPanel } from '@codemirror/search';
import { foldAll, unfoldAll } from '@codemirror/language';
import type { OverrideKind } from '../../core/document/overrides.ts';
import { labelKeys } from '../../core/document/taxonomy.ts';
import type { Workbench } from './workbench.ts';

export interface Command {
  id: string;
  title: string;
  /** Keys in VS Code's spirit (`Ctrl+Alt+I`, `F8`); Ctrl stands for Cmd on a Mac too. */
  keys?: string;
  /** More keys for the same command, not shown. */
  moreKeys?: string[];
  /** `editor`: the keys belong to CodeMirror's own keymap (they work in the text only); shown here, not bound again. */
  bound?: 'editor';
  /** False: reached by its keys only, not listed in the palette. */
  listed?: boolean;
  /** True: its keys do nothing while a text field (a comment, a form) has the focus; the editor's text is not one. */
  notInFields?: boolean;
  run(): void | Promise<void>;
}

/** The command table, its titles in the user's language. */
export function commands(wb: Workbench): Command[] {
  const t = wb.settings.t;
  const s = (kind: OverrideKind) => () => wb.structure.structureCommand(kind);
  const view = () => wb.session.view;
  const active = () => wb.tabs.get().active;
  return [
    { id: 'palette', title: t('command.palette'), keys: 'Ctrl+Shift+P', moreKeys: ['F1'], listed: false, run: () => wb.ui.set({ palette: !wb.ui.get().palette }) },
    { id: 'structure.itemStart', title: t('command.structure.itemStart'), keys: 'Ctrl+Alt+I', run: s('item-start') },
    { id: 'structure.sectionHeading', title: t('command.structure.sectionHeading'), keys: 'Ctrl+Alt+S', run: s('section-heading') },
    { id: 'structure.notHeading', title: t('command.structure.notHeading'), keys: 'Ctrl+Alt+N', run: s('not-heading') },
    { id: 'structure.splitItem', title: t('command.structure.splitItem'), run: s('split-item') },
    { id: 'structure.mergePrevious', title: t('command.structure.mergePrevious'), run: s('merge-previous') },
    { id: 'structure.fieldStart', title: t('command.structure.fieldStart'), keys: 'Ctrl+Alt+F', run: s('field-start') },
    { id: 'structure.ignoreLine', title: t('command.structure.ignoreLine'), keys: 'Ctrl+Alt+X', run: s('ignore-line') },
    { id: 'structure.setDate', title: t('command.structure.setDate'), run: s('meeting-date') },
    { id: 'structure.setBody', title: t('command.structure.setBody'), run: s('meeting-body') },
    { id: 'annotate', title: t('command.annotate'), keys: 'Ctrl+Alt+A', run: () => wb.annotations.startAnnotation() },
    { id: 'review.cycle', title: t('command.review.cycle'), keys: 'Ctrl+Alt+R', run: () => wb.annotations.cycleReview() },
    { id: 'review.next', title: t('command.review.next'), keys: 'Alt+N', notInFields: true, run: () => wb.queue.step(1) },
    { id: 'review.previous', title: t('command.review.previous'), keys: 'Alt+P', notInFields: true, run: () => wb.queue.step(-1) },
    { id: 'item.done', title: t('command.item.done'), keys: 'Ctrl+Alt+D', run: () => wb.labelling.markDone() },
    { id: 'labelling.independent', title: t('command.labelling.independent'), run: () => wb.labelling.toggleIndependent() },
    { id: 'labelling.adjudication', title: t('command.labelling.adjudication'), run: () => wb.labelling.toggleAdjudication() },
    // One command per label of the workspace's taxonomy: Alt+1…9, 0 by position, Alt+its own letter.
    ...wb.taxonomies.get().taxonomy.labels.map((l): Command => {
      const [first, ...more] = labelKeys(wb.taxonomies.get().taxonomy, l.id).map((k) => `Alt+${k.toUpperCase()}`);
      return { id: `labels.toggle.${l.id}`, title: t('command.labels.toggle', { label: l.name }), keys: first, moreKeys: more, notInFields: true, run: () => wb.annotations.toggleLabel(l.id, l.name) };
    }),
    { id: 'edit.joinLines', title: t('command.edit.joinLines'), keys: 'Ctrl+J', run: () => wb.structure.joinLines() },
    { id: 'edit.undo', title: t('command.edit.undo'), keys: 'Ctrl+Z', bound: 'editor', run: () => wb.structure.undo() },
    { id: 'edit.redo', title: t('command.edit.redo'), keys: 'Ctrl+Shift+Z', bound: 'editor', run: () => wb.structure.redo() },
    { id: 'problems.next', title: t('command.problems.next'), keys: 'F8', run: () => wb.structure.nextProblem() },
    { id: 'goto.item', title: t('command.goto.item'), keys: 'Ctrl+Shift+O', run: () => wb.structure.gotoItem() },
    { id: 'fold.all', title: t('command.fold.all'), run: () => void (view() && foldAll(view()!)) },
    { id: 'fold.none', title: t('command.fold.none'), run: () => void (view() && unfoldAll(view()!)) },
    { id: 'file.open', title: t('command.file.open'), keys: 'Ctrl+O', run: () => wb.win.document.querySelector<HTMLInputElement>('input[type=file]')?.click() },
    { id: 'file.paste', title: t('command.file.paste'), run: () => wb.ui.set({ paste: true, palette: false }) },
    { id: 'file.close', title: t('command.file.close'), keys: 'Ctrl+Alt+W', run: () => void (active() && wb.tabs.closeTab(active()!)) },
    { id: 'view.explorer', title: t('command.view.explorer'), keys: 'Ctrl+Shift+E', run: () => wb.ui.set({ activity: 'explorer' }) },
    { id: 'view.annotations', title: t('command.view.annotations'), keys: 'Ctrl+Shift+A', run: () => wb.ui.set({ activity: 'annotations' }) },
    { id: 'view.search', title: t('command.view.search'), run: () => wb.search.show() },
    { id: 'view.taxonomy', title: t('command.view.taxonomy'), run: () => wb.ui.set({ activity: 'taxonomy' }) },
    { id: 'view.history', title: t('command.view.history'), run: () => wb.ui.set({ activity: 'history' }) },
    { id: 'history.save', title: t('command.history.save'), run: () => wb.history.saveNamed() },
    { id: 'view.dataset', title: t('command.view.dataset'), run: () => wb.ui.set({ activity: 'dataset' }) },
    { id: 'view.problems', title: t('command.view.problems'), keys: 'Ctrl+Shift+M', run: () => wb.ui.set({ panel: 'problems' }) },
    { id: 'view.overrides', title: t('command.view.overrides'), run: () => wb.ui.set({ panel: 'overrides' }) },
    { id: 'view.page', title: t('command.view.page'), keys: 'Ctrl+Alt+P', run: () => wb.settings.togglePageView() },
    { id: 'view.theme', title: t('command.view.theme'), run: () => wb.settings.toggleTheme() },
    { id: 'view.language', title: t('command.view.language'), run: () => wb.settings.toggleLang() },
    { id: 'labels.edit', title: t('command.labels.edit'), run: () => wb.ui.set({ activity: 'taxonomy', palette: false }) },
    { id: 'sync.connect', title: t('command.sync.connect'), run: () => wb.sync.connect() },
    { id: 'sync.disconnect', title: t('command.sync.disconnect'), run: () => wb.sync.disconnect() },
    { id: 'sync.openShared', title: t('command.sync.openShared'), run: () => wb.workspace.askOpenShared() },
    { id: 'sync.copyId', title: t('command.sync.copyId'), run: () => wb.workspace.showDocId() },
    { id: 'user.change', title: t('command.user.change'), run: () => wb.settings.changeUser() },
    { id: 'workspace.share', title: t('command.workspace.share'), run: () => wb.workspace.share() },
    { id: 'library.merge', title: t('command.library.merge'), run: () => wb.workspace.askMerge() },
    { id: 'search.find', title: t('command.search.find'), keys: 'Ctrl+F', bound: 'editor', run: () => void (view() && openSearchPanel(view()!)) },
    { id: 'search.library', title: t('command.search.library'), keys: 'Ctrl+Shift+F', run: () => wb.search.show() },
  ];
}

/** The commands the palette lists. */
export function paletteCommands(wb: Workbench): Command[] {
  return commands(wb).filter((c) => c.listed !== false);
}

/** Runs command `id` (the palette closes first). */
export async function runCommand(wb: Workbench, id: string): Promise<void> {
  const command = commands(wb).find((c) => c.id === id);
  if (id !== 'palette') wb.ui.set({ palette: false });
  await command?.run();
}

/** True when key event `e` is `keys` (`Ctrl+Shift+E`, `Ctrl+Alt+I`, `F8`): the same modifiers, Ctrl or Cmd alike. */
export function keysMatch(keys: string, e: Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>): boolean {
  const parts = keys.split('+');
  const key = parts.pop()!.toLowerCase();
  const mods = new Set(parts);
  if ((e.ctrlKey || e.metaKey) !== mods.has('Ctrl') || e.shiftKey !== mods.has('Shift') || e.altKey !== mods.has('Alt')) return false;
  // Alt changes e.key on some layouts (Option+1 is ¡ on a Mac); e.code names the physical key.
  const physical = e.code.startsWith('Key') ? e.code.slice(3) : e.code.startsWith('Digit') ? e.code.slice(5) : null;
  const pressed = e.altKey && physical ? physical.toLowerCase() : e.key.toLowerCase();
  return pressed === key;
}

/** The command bound (globally) to key event `e`, or null. */
export function commandForKey(list: readonly Command[], e: Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>): Command | null {
  return list.find((c) => c.bound !== 'editor' && [c.keys, ...(c.moreKeys ?? [])].some((k) => k !== undefined && keysMatch(k, e))) ?? null;
}

/** Binds every command's keys on `win` (before the editor sees them); returns the unbinding. */
export function installKeymap(wb: Workbench, win: Window): () => void {
  const onKey = (e: KeyboardEvent) => {
    const command = commandForKey(commands(wb), e);
    if (!command || (command.notInFields && inField(e.target))) return;
    e.preventDefault();
    void runCommand(wb, command.id);
  };
  win.addEventListener('keydown', onKey, true);
  return () => win.removeEventListener('keydown', onKey, true);
}

/** True for a text field of a form (input, textarea, select), where keys type; the editor's text (contenteditable) is not one. */
function inField(target: EventTarget | null): boolean {
  const el = target as { tagName?: string; type?: string } | null;
  const tag = el?.tagName?.toLowerCase();
  if (tag === 'textarea' || tag === 'select') return true;
  return tag === 'input' && !['checkbox', 'radio', 'button', 'submit'].includes(el?.type ?? 'text');
}
