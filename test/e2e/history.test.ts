/**
 * A document's version history in the built editor (Chromium), two analysts
 * on a real sync server: Ana edits a title and labels an item, saves a named
 * version; Bo, in another browser, sees the version, adds a line and a label;
 * Ana opens the version read-only, sees what changed since (the line, the
 * label), and restores it. Both browsers converge on the version's content,
 * and the state with Bo's work is still listed as a version, in both.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.ts';
import { runCommand as command, openAsPerson, serveBuiltEditor } from '../support/editor.ts';
import { createPersonToken, startServer, stopServer, type ServerProcess } from '../support/sync.ts';

const WAIT = { timeout: 60_000 };
const SEED_000 = '000_0c2e4851483b96f9.txt';
const SCREENSHOTS = process.env.REFERAT_SCREENSHOTS; // a directory to save screenshots in, when set
const TITLE_38 = '3.8. Vækst Via Viden 2.0';
const BO_LINE = 'Bo tilføjede denne linje efter versionen.';

type Version = { id: string; name: string | null; kind: string; by: string };
type Handle = {
  referat: {
    state: { user: string; active: string | null; annotations: { author: string; labels: string[] }[] };
    view: { state: { doc: { toString(): string } } } | null;
    jump(pos: number): void;
    workbench: { history: { get(): { versions: Version[]; selected: { text: string } | null } } };
  };
};

let browser: Browser;
let editor: { url: string; close(): Promise<void> };
let sync: ServerProcess;
let dataDir: string;
const tokens: Record<string, string> = {};
let docId: string;

const open = (name: string, token: string): Promise<Page> => openAsPerson(browser, { editor: editor.url, sync: sync.url, workspace: 'team' }, name, token);

const text = (p: Page) => p.evaluate(() => (window as unknown as Handle).referat.view?.state.doc.toString() ?? '');
const versions = (p: Page) => p.evaluate(() => (window as unknown as Handle).referat.workbench.history.get().versions);
const labels = (p: Page) => p.evaluate(() => (window as unknown as Handle).referat.state.annotations.map((a) => `${a.author}:${a.labels.join('+')}`).sort());
const synced = (p: Page) => p.waitForSelector('.status-bar .sync[data-sync="synced"]', WAIT);

/** Types `s` at the end of the line holding `marker`. */
async function typeAtEndOf(p: Page, marker: string, s: string): Promise<void> {
  await p.evaluate((m) => {
    const r = (window as unknown as Handle).referat;
    const doc = r.view!.state.doc.toString();
    const at = doc.indexOf(m);
    if (at < 0) throw new Error(`no ${m}`);
    r.jump(doc.indexOf('\n', at));
  }, marker);
  await p.keyboard.type(s);
}

async function labelItem(p: Page, item: string, label: string): Promise<void> {
  await p.click('[data-activity="annotations"]');
  await p.click(`.outline-item[data-item-number="${item}"]`);
  await p.waitForSelector(`.outline-item.current[data-item-number="${item}"]`, WAIT);
  await p.keyboard.press('Control+Alt+A');
  await p.waitForSelector('.annotation-draft', WAIT);
  await p.click(`.annotation-draft label:has(input[data-label="${label}"])`);
  await p.click('.annotation-draft button[type=submit]');
  await p.waitForFunction((l) => (window as unknown as Handle).referat.state.annotations.some((x) => x.labels.includes(l)), label, WAIT);
}

beforeAll(async () => {
  editor = await serveBuiltEditor();
  dataDir = mkdtempSync(path.join(tmpdir(), 'referat-e2e-history-'));
  tokens.ana = createPersonToken(dataDir, 'team', 'Ana Holm', 'analyst');
  tokens.bo = createPersonToken(dataDir, 'team', 'Bo Lund', 'analyst');
  sync = await startServer(dataDir, 0);
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await editor?.close();
  if (sync) await stopServer(sync);
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('version history', { timeout: 300_000 }, () => {
  it('saves a named version, shows it read-only with the changes since, and restores it in both browsers', async () => {
    const ana = await open('Ana Holm', tokens.ana!);
    await ana.click(`.library li[data-file="${SEED_000}"]`);
    await ana.waitForSelector('.outline-item', WAIT);
    docId = await ana.evaluate(() => (window as unknown as Handle).referat.state.active!);
    await command(ana, 'Del i arbejdsområdet');
    await synced(ana);
    // Opening the document took an automatic version, by Ana, once it was in the workspace.
    await ana.waitForFunction(() => (window as unknown as Handle).referat.workbench.history.get().versions.length === 1, undefined, WAIT);
    await synced(ana);
    expect(await versions(ana)).toMatchObject([{ kind: 'auto', by: 'Ana Holm', name: null }]);

    await typeAtEndOf(ana, TITLE_38, ' og 3.0');
    await labelItem(ana, '3.1', 'godkendt');
    await command(ana, 'Historik: gem version…', [['Versionens navn', 'Før Bo']]);
    await ana.waitForSelector('.status-bar .message:has-text("Versionen “Før Bo” er gemt")', WAIT);
    await synced(ana);
    const saved = await text(ana);
    expect(saved).toContain(`${TITLE_38} og 3.0`);

    // Bo sees the version, and works on.
    const bo = await open('Bo Lund', tokens.bo!);
    await bo.waitForSelector(`.library li[data-doc-id="${docId}"]`, WAIT);
    await bo.click(`.library li[data-doc-id="${docId}"]`);
    await bo.waitForSelector('.outline-item', WAIT);
    await synced(bo);
    await bo.click('[data-activity="history"]');
    await bo.waitForSelector('.history-view li[data-kind="named"]:has-text("Før Bo")', WAIT);
    await typeAtEndOf(bo, 'Budgettet forelægges KKR på mødet', `\n${BO_LINE}`);
    await labelItem(bo, '3.2', 'drøftet');
    await synced(bo);
    await ana.waitForFunction((s) => (window as unknown as Handle).referat.view!.state.doc.toString().includes(s), BO_LINE, WAIT);
    await ana.waitForFunction(() => (window as unknown as Handle).referat.state.annotations.length === 2, undefined, WAIT);
    const later = await text(ana);

    // Ana opens the version: its text read-only, and what changed since.
    await ana.click('[data-activity="history"]');
    await ana.click('.history-view li:has-text("Før Bo")');
    await ana.waitForSelector('.version-pane .vp-text .cm-content', WAIT);
    expect(await ana.getAttribute('.version-pane .vp-text .cm-content', 'contenteditable')).toBe('false');
    const shown = await ana.evaluate(() => (window as unknown as Handle).referat.workbench.history.get().selected?.text ?? '');
    expect(saved).toBe(shown);
    // The read-only view draws the version's text where the first change is.
    expect(await ana.textContent('.version-pane .vp-text .cm-content')).toContain('Budgettet forelægges KKR på mødet');
    expect(shown).toContain('Vækst Via Viden 2.0 og 3.0');
    expect(shown).not.toContain(BO_LINE);
    expect(await ana.getAttribute('.version-diff .vd-lines', 'data-added')).toBe('1');
    expect(await ana.getAttribute('.version-diff .vd-lines', 'data-removed')).toBe('0');
    expect(await ana.textContent('.version-diff .vd-text .vd-added')).toContain(BO_LINE);
    expect(await ana.textContent('.version-diff .vd-annotations li[data-kind="added"]')).toContain('drøftet');
    expect(await ana.$$eval('.version-diff .vd-structure li', (lis) => lis.length)).toBe(0);
    if (SCREENSHOTS) await ana.screenshot({ path: path.join(SCREENSHOTS, 'editor-history.png') });

    // Restore: a new change both browsers converge on; Bo's state stays as a version.
    await ana.click('.version-pane button[data-action="restore"]');
    await ana.waitForSelector('.status-bar .message:has-text("Gendannede Før Bo")', WAIT);
    await ana.waitForSelector('.version-pane', { state: 'detached', ...WAIT });
    expect(await text(ana)).toBe(saved);
    await synced(ana);
    await bo.waitForFunction((s) => (window as unknown as Handle).referat.view!.state.doc.toString() === s, saved, WAIT);
    for (const p of [ana, bo]) {
      await p.waitForFunction(() => (window as unknown as Handle).referat.state.annotations.length === 1, undefined, WAIT);
      expect(await labels(p)).toEqual(['Ana Holm:godkendt']);
      await p.click('[data-activity="history"]');
      await p.waitForSelector('.history-view li[data-kind="restore"]', WAIT);
      expect((await versions(p)).map((v) => [v.kind, v.name, v.by])).toEqual([
        ['restore', null, 'Ana Holm'],
        ['named', 'Før Bo', 'Ana Holm'],
        ['auto', null, 'Ana Holm'],
      ]);
    }
    // The state before the restore, with Bo's line, is there to see (and restore) in Bo's browser.
    await bo.click('.history-view li[data-kind="restore"]');
    await bo.waitForSelector('.version-pane .vp-text .cm-content', WAIT);
    expect(await bo.evaluate(() => (window as unknown as Handle).referat.workbench.history.get().selected?.text)).toBe(later);
    expect(await bo.getAttribute('.version-diff .vd-lines', 'data-removed')).toBe('1');
    expect(later).toContain(BO_LINE);
  });
});
