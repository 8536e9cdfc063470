// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Workbench } from './workbench.ts';
import { testWorkbench } from '../../test/support/workbench.ts';
import { joinLinesSpec } from './items.ts';
import { commands } from './commands.ts';
import { LibraryDb } from '../services/library.ts';
import { uiLangOf } from '../extensions/ui-lang/index.ts';

const samples = path.resolve('editor/public/samples');

const workbench = (): Workbench => testWorkbench();

async function until(f: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!f()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('the workbench', () => {
  it('preloads the samples once, opens a document, and corrects and annotates it through commands', async () => {
    const wb = workbench();
    const host = document.createElement('div');
    document.body.append(host);
    wb.session.attach(host);
    await wb.start();
    // No name yet: asked for, and the old default is refused.
    expect(wb.settings.get()).toMatchObject({ user: '', nameDialog: true });
    expect(wb.settings.setUser('analytiker')).toMatch(/not a name|ikke et navn/);
    expect(wb.settings.setUser('Ane Analytiker')).toBeNull();
    expect(wb.settings.get()).toMatchObject({ user: 'Ane Analytiker', nameDialog: false });
    expect(wb.library.get().entries.map((e) => e.fileName).sort()).toEqual(JSON.parse(readFileSync(path.join(samples, 'index.json'), 'utf8')));
    const entry = wb.library.get().entries.find((e) => e.fileName.startsWith('000_'))!;
    expect(entry).toMatchObject({ source: 'sample', body: 'KKR Nordjylland', date: '2020-09-04', review: 'unreviewed', local: true, meetingId: 'kkr-nordjylland/2020-09-04#referat' });
    expect(entry.id).toMatch(/^h[0-9a-f]{32}$/);

    await wb.tabs.openDocument(entry.id);
    expect(wb.tabs.get().tabs).toEqual([entry.id]);
    const items = () => wb.session.get().meeting!.sections.flatMap((s) => s.items).map((i) => i.number);
    expect(items()).toContain('3.2');

    // "not a heading" on 3.2's title, answered through the quick input.
    wb.session.jumpToItem('3.2');
    await wb.structure.structureCommand('not-heading');
    await until(() => wb.session.get().overrides.length === 1 && !items().includes('3.2'));
    // ... and back with "this line starts item 3.2" (the question's default is the next number).
    const asked = wb.structure.structureCommand('item-start');
    await until(() => wb.ui.get().input !== null);
    expect(wb.ui.get().input!.value).toBe('3.2');
    wb.ui.get().input!.resolve('3.2');
    await asked;
    await until(() => items().includes('3.2'));
    wb.structure.undo();
    await until(() => !items().includes('3.2'));
    wb.structure.redo();
    await until(() => items().includes('3.2'));

    // An annotation on the current item, with labels and a comment; the item approved.
    wb.session.jumpToItem('3.2');
    wb.annotations.startAnnotation();
    expect(wb.annotations.get().draft!.quote).toMatch(/^3\.2\. /);
    await wb.annotations.saveAnnotation(['økonomi', 'godkendt'], 'Budgettet følges.');
    await until(() => wb.session.get().annotations.length === 1);
    expect(wb.session.get().annotations[0]).toMatchObject({ labels: ['økonomi', 'godkendt'], orphaned: false, author: 'Ane Analytiker' });
    await wb.annotations.setReview('3.2', 'approved');
    await until(() => wb.session.get().review['3.2'] === 'approved');

    // Every structure command is in the palette.
    const ids = commands(wb).map((c) => c.id);
    for (const id of ['structure.itemStart', 'structure.sectionHeading', 'structure.notHeading', 'structure.splitItem', 'structure.mergePrevious', 'structure.fieldStart', 'structure.ignoreLine', 'structure.setDate', 'structure.setBody', 'annotate', 'review.cycle']) {
      expect(ids).toContain(id);
    }
    await wb.tabs.closeTab(entry.id);
    expect(wb.tabs.get().active).toBeNull();
  });

  it('refuses bad files with one line each and keeps the good ones', async () => {
    const wb = workbench();
    await wb.start();
    const before = wb.library.get().entries.length;
    // Another source of seed 003's meeting (a line more than the sample's file).
    const good = new File([`${readFileSync(path.join(samples, '003_018046a384c397c7.txt'), 'utf8')}\n`], 'good.txt');
    const empty = new File([], 'empty.txt');
    const fakePdf = new File(['%PDF-1.4 nonsense'], 'fake.pdf');
    await wb.imports.importFiles([empty, good, fakePdf]);
    expect(wb.library.get().entries.length).toBe(before + 1);
    expect(wb.ui.get().message).toEqual({ kind: 'error', text: 'empty.txt: the file is empty · fake.pdf: no PDFs here' });
    // The same meeting twice: both marked duplicates.
    const sample = wb.library.get().entries.find((e) => e.fileName.startsWith('003_'))!;
    const copy = wb.library.get().entries.find((e) => e.fileName === 'good.txt')!;
    expect(wb.library.duplicates.get(sample.id)).toEqual([copy.id]);
    // The very same file again is the document already there.
    const again = await wb.imports.importFiles([new File([readFileSync(path.join(samples, '003_018046a384c397c7.txt'))], 'again.txt')]);
    expect(again).toEqual([sample.id]);
    expect(wb.library.get().entries.length).toBe(before + 1);
  });
});

describe('the document session', () => {
  it('shows another document in the same view, and each where it was left', async () => {
    const wb = workbench();
    const host = document.createElement('div');
    document.body.append(host);
    wb.session.attach(host);
    await wb.start();
    const [a, b] = wb.library.get().entries;
    await wb.tabs.openDocument(a!.id);
    const view = wb.session.view!;
    view.dispatch({ selection: { anchor: 42 } });
    await wb.tabs.openDocument(b!.id);
    expect(wb.session.view).toBe(view);
    expect(host.querySelectorAll('.cm-editor')).toHaveLength(1);
    expect(view.state.doc.toString()).toBe(wb.tabs.activeDoc()!.text.toString());
    await wb.tabs.openDocument(a!.id);
    expect(wb.session.view).toBe(view);
    expect(view.state.selection.main.head).toBe(42);
    // The language is a compartment: switched in a transaction, in the same view.
    expect(uiLangOf(view.state)).toBe('da');
    wb.settings.toggleLang();
    expect(uiLangOf(view.state)).toBe('en');
    expect(view.state.phrase('Find')).toBe('Find');
    wb.settings.toggleLang();
    expect(view.state.phrase('Find')).not.toBe('Find');
    expect(wb.tabs.get().tabs).toEqual([a!.id, b!.id]);
    await wb.tabs.closeTab(a!.id);
    await wb.tabs.closeTab(b!.id);
    expect(wb.session.view).toBeNull();
  });
});

describe('joining lines', () => {
  it('joins with one space, or drops the hyphen of a split word', () => {
    expect(joinLinesSpec('Der er ikke indkommet bemaerk-\nninger til referatet', 3)).toEqual({ changes: { from: 29, to: 31, insert: '' }, selection: { anchor: 29 } });
    expect(joinLinesSpec('Godkendelse af \n  dagsorden', 0)).toEqual({ changes: { from: 14, to: 18, insert: ' ' }, selection: { anchor: 15 } });
    expect(joinLinesSpec('DK2020 -\nNyt initiativ', 0)!.changes.insert).toBe(' ');
    expect(joinLinesSpec('sidste linje', 0)).toBeNull();
  });
});

describe('sync settings', () => {
  function withConfig(db: LibraryDb, config: unknown): Workbench {
    return new Workbench({
      db,
      readPdf: async () => {
        throw new Error('no PDFs here');
      },
      fetchText: async (url) => {
        if (url === '/config.json') return JSON.stringify(config);
        if (url === 'samples/index.json') return '[]';
        throw new Error(`no ${url}`);
      },
      now: () => Date.now(),
      win: window,
    });
  }

  it('connects with /config.json; Disconnect is remembered over it; incomplete settings stay local', async () => {
    const db = new LibraryDb(`test-sync-${Math.random()}`);
    // Nothing listens on port 9: the editor stays local-first and says it is not connected.
    const config = { sync: { url: 'ws://127.0.0.1:9', workspace: 'local', token: 'rs_test' } };
    const wb = withConfig(db, config);
    await wb.start();
    await until(() => wb.sync.get().view.workspace === 'local');
    expect(['connecting', 'offline']).toContain(wb.sync.get().view.status);
    expect(commands(wb).map((c) => c.id)).toEqual(expect.arrayContaining(['sync.connect', 'sync.disconnect', 'sync.openShared']));
    await wb.sync.disconnect();
    await until(() => wb.sync.get().view.status === 'off');

    const again = withConfig(db, config);
    await again.start();
    await new Promise((r) => setTimeout(r, 50));
    expect(again.sync.get().view.status).toBe('off');

    const incomplete = withConfig(new LibraryDb(`test-sync-${Math.random()}`), { sync: { url: 'ws://127.0.0.1:9', workspace: 'local' } });
    await incomplete.start();
    await new Promise((r) => setTimeout(r, 50));
    expect(incomplete.sync.get().view).toMatchObject({ status: 'off', workspace: null });
  });
});
