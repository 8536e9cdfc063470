/**
 * Every command of the workbench, declared once: its id, its title (in the
 * user's language), its keys and what it does. The global keymap
 * (`installKeymap`) and the command palette both read this table.
 */
import { openSearchPanel } from '@codemirror/search';
import { foldAll, unfoldAll } from '@codemirror/language';
import type { OverrideKind } from '../../core/document/overrides.ts';
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
  run(): void | Promise<void>;
}

/** The command table, its titles in the user's language. */
export function commands(wb: Workbench): Command[] {
  const da = wb.settings.get().lang === 'da';
  const s = (kind: OverrideKind) => () => wb.structure.structureCommand(kind);
  const view = () => wb.session.view;
  const active = () => wb.tabs.get().active;
  return [
    { id: 'palette', title: da ? 'Vis kommandopaletten' : 'Show the command palette', keys: 'Ctrl+Shift+P', moreKeys: ['F1'], listed: false, run: () => wb.ui.set({ palette: !wb.ui.get().palette }) },
    { id: 'structure.itemStart', title: da ? 'Struktur: denne linje starter punkt N.M' : 'Structure: this line starts item N.M', keys: 'Ctrl+Alt+I', run: s('item-start') },
    { id: 'structure.sectionHeading', title: da ? 'Struktur: dette er en afsnitsoverskrift' : 'Structure: this is a section heading', keys: 'Ctrl+Alt+S', run: s('section-heading') },
    { id: 'structure.notHeading', title: da ? 'Struktur: ikke en overskrift' : 'Structure: not a heading', keys: 'Ctrl+Alt+N', run: s('not-heading') },
    { id: 'structure.splitItem', title: da ? 'Struktur: del punktet her' : 'Structure: split item here', run: s('split-item') },
    { id: 'structure.mergePrevious', title: da ? 'Struktur: flet med forrige punkt' : 'Structure: merge with previous item', run: s('merge-previous') },
    { id: 'structure.fieldStart', title: da ? 'Struktur: feltet (fx Beslutning) starter her' : 'Structure: field (e.g. Beslutning) starts here', keys: 'Ctrl+Alt+F', run: s('field-start') },
    { id: 'structure.ignoreLine', title: da ? 'Struktur: ignorér denne linje (sidehoved/-fod)' : 'Structure: ignore this line (header/footer)', keys: 'Ctrl+Alt+X', run: s('ignore-line') },
    { id: 'structure.setDate', title: da ? 'Struktur: sæt mødedato' : 'Structure: set meeting date', run: s('meeting-date') },
    { id: 'structure.setBody', title: da ? 'Struktur: sæt organ' : 'Structure: set meeting body', run: s('meeting-body') },
    { id: 'annotate', title: da ? 'Annotér markering eller punkt' : 'Annotate selection or item', keys: 'Ctrl+Alt+A', run: () => wb.annotations.startAnnotation() },
    { id: 'review.cycle', title: da ? 'Gennemsyn: skift punktets status' : 'Review: cycle the item status', keys: 'Ctrl+Alt+R', run: () => wb.annotations.cycleReview() },
    { id: 'edit.joinLines', title: da ? 'Saml linjen med den næste' : 'Join line with the next', keys: 'Ctrl+J', run: () => wb.structure.joinLines() },
    { id: 'edit.undo', title: da ? 'Fortryd' : 'Undo', keys: 'Ctrl+Z', bound: 'editor', run: () => wb.structure.undo() },
    { id: 'edit.redo', title: da ? 'Annullér fortryd' : 'Redo', keys: 'Ctrl+Shift+Z', bound: 'editor', run: () => wb.structure.redo() },
    { id: 'problems.next', title: da ? 'Gå til næste problem' : 'Go to next problem', keys: 'F8', run: () => wb.structure.nextProblem() },
    { id: 'goto.item', title: da ? 'Gå til punkt…' : 'Go to item…', keys: 'Ctrl+Shift+O', run: () => wb.structure.gotoItem() },
    { id: 'fold.all', title: da ? 'Fold alle punkter' : 'Fold all items', run: () => void (view() && foldAll(view()!)) },
    { id: 'fold.none', title: da ? 'Fold alle ud' : 'Unfold all', run: () => void (view() && unfoldAll(view()!)) },
    { id: 'file.open', title: da ? 'Åbn filer…' : 'Open files…', keys: 'Ctrl+O', run: () => wb.win.document.querySelector<HTMLInputElement>('input[type=file]')?.click() },
    { id: 'file.paste', title: da ? 'Indsæt tekst som nyt dokument…' : 'Paste text as a new document…', run: () => wb.ui.set({ paste: true, palette: false }) },
    { id: 'file.close', title: da ? 'Luk fane' : 'Close tab', keys: 'Ctrl+Alt+W', run: () => void (active() && wb.tabs.closeTab(active()!)) },
    { id: 'view.explorer', title: da ? 'Vis stifinder' : 'Show explorer', keys: 'Ctrl+Shift+E', run: () => wb.ui.set({ activity: 'explorer' }) },
    { id: 'view.annotations', title: da ? 'Vis annoteringer' : 'Show annotations', keys: 'Ctrl+Shift+A', run: () => wb.ui.set({ activity: 'annotations' }) },
    { id: 'view.dataset', title: da ? 'Vis datasæt: eksport, enighed, afgørelser' : 'Show dataset: export, agreement, adjudication', run: () => wb.ui.set({ activity: 'dataset' }) },
    { id: 'view.problems', title: da ? 'Vis problemer' : 'Show problems', keys: 'Ctrl+Shift+M', run: () => wb.ui.set({ panel: 'problems' }) },
    { id: 'view.overrides', title: da ? 'Vis strukturrettelser' : 'Show structure overrides', run: () => wb.ui.set({ panel: 'overrides' }) },
    { id: 'view.page', title: da ? 'Vis/skjul PDF-siden ved siden af teksten' : 'Show/hide the PDF page beside the text', keys: 'Ctrl+Alt+P', run: () => wb.settings.togglePageView() },
    { id: 'view.theme', title: da ? 'Skift lyst/mørkt tema' : 'Toggle light/dark theme', run: () => wb.settings.toggleTheme() },
    { id: 'view.language', title: da ? 'Switch to English' : 'Skift til dansk', run: () => wb.settings.toggleLang() },
    { id: 'labels.edit', title: da ? 'Redigér etiket-taksonomien (JSON)' : 'Edit the label taxonomy (JSON)', run: () => wb.settings.editTaxonomy() },
    { id: 'sync.connect', title: da ? 'Forbind til synkroniseringsserver…' : 'Connect to sync server…', run: () => wb.sync.connect() },
    { id: 'sync.disconnect', title: da ? 'Afbryd synkronisering' : 'Disconnect', run: () => wb.sync.disconnect() },
    { id: 'sync.openShared', title: da ? 'Åbn delt dokument (id)…' : 'Open shared document (id)…', run: () => wb.workspace.askOpenShared() },
    { id: 'sync.copyId', title: da ? 'Vis dokumentets id (til deling)' : 'Show the document id (for sharing)', run: () => wb.workspace.showDocId() },
    { id: 'user.change', title: da ? 'Skift brugernavn' : 'Change user name', run: () => wb.settings.changeUser() },
    { id: 'workspace.share', title: da ? 'Del i arbejdsområdet (dette dokument)' : 'Share to workspace (this document)', run: () => wb.workspace.share() },
    { id: 'library.merge', title: da ? 'Flet en dublet ind i dette dokument…' : 'Merge a duplicate into this document…', run: () => wb.workspace.askMerge() },
    { id: 'search.find', title: da ? 'Søg i teksten' : 'Find in text', keys: 'Ctrl+F', bound: 'editor', run: () => void (view() && openSearchPanel(view()!)) },
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
  // Alt changes e.key on some layouts; e.code names the physical key.
  const pressed = e.altKey && e.code.startsWith('Key') ? e.code.slice(3).toLowerCase() : e.key.toLowerCase();
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
    if (!command) return;
    e.preventDefault();
    void runCommand(wb, command.id);
  };
  win.addEventListener('keydown', onKey, true);
  return () => win.removeEventListener('keydown', onKey, true);
}
