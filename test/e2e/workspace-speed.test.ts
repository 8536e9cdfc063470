/**
 * The workspace's taxonomy and search on a real sync server, with two
 * browsers: a label renamed and given a guideline in one browser's taxonomy
 * form reaches the other (same id, the version and who changed it shown);
 * a document one analyst pasted and shared is found by its case number in the
 * other browser, which never opened it, and a click opens it at the item.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { openEditor, pasteDocument, runCommand as command, serveBuiltEditor } from '../support/editor.ts';
import { launchBrowser } from '../support/browser.ts';
import { createToken, startServer, stopServer, type ServerProcess } from '../support/sync.ts';

const WAIT = { timeout: 60_000 };
const SCREENSHOTS = process.env.REFERAT_SCREENSHOTS;
const CASE = 'SAG-2099-31337';

let browser: Browser;
let editor: { url: string; close(): Promise<void> };
let sync: ServerProcess;
let dataDir: string;
let token: string;
let a: Page;
let b: Page;

type Handle = { referat: { state: { active: string | null; currentItem: string | null; library: { id: string; source: string }[]; sync: { status: string } } } };

async function connectTo(p: Page): Promise<void> {
  await command(p, 'Forbind til synkroniseringsserver', [
    ['Synkroniseringsserverens adresse', sync.url],
    ['Arbejdsområde', 'local'],
    ['Adgangsnøgle (token)', token],
  ]);
}

async function shoot(p: Page, name: string): Promise<void> {
  if (!SCREENSHOTS) return;
  mkdirSync(SCREENSHOTS, { recursive: true });
  await p.screenshot({ path: path.join(SCREENSHOTS, name) });
}

beforeAll(async () => {
  editor = await serveBuiltEditor();
  dataDir = mkdtempSync(path.join(tmpdir(), 'referat-e2e-workspace-speed-'));
  token = createToken(dataDir, 'local');
  sync = await startServer(dataDir, 0);
  browser = await launchBrowser();
  const open = async (user: string) => {
    const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const p = await ctx.newPage();
    p.on('pageerror', (e) => console.error('page error:', e.message));
    await openEditor(p, editor.url, user);
    return p;
  };
  a = await open('Anna Holm');
  b = await open('Bo Lund');
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await editor?.close();
  if (sync) await stopServer(sync);
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('the workspace’s taxonomy and search, two browsers', { timeout: 180_000 }, () => {
  it('a taxonomy change in one browser reaches the other', async () => {
    await connectTo(a);
    await connectTo(b);
    for (const p of [a, b]) {
      await p.click('[data-activity="taxonomy"]');
      await p.waitForSelector('.taxonomy .hint:has-text("Delt i arbejdsområdet local")', WAIT);
    }
    const name = '.taxonomy-label[data-taxonomy-label="klima"] input[name="name"]';
    await a.fill(name, 'klima og miljø');
    await a.press(name, 'Tab');
    const guideline = '.taxonomy-label[data-taxonomy-label="klima"] textarea[name="description"]';
    await a.fill(guideline, 'Klimatilpasning, CO2-reduktion, natur');
    await a.press(guideline, 'Tab');
    await a.waitForSelector('.taxonomy-version[data-taxonomy-version="2"]', WAIT);

    // B: the same label (the same id), renamed, with its guideline; the version and who changed it.
    await b.waitForFunction((sel) => (document.querySelector(sel) as HTMLInputElement | null)?.value === 'klima og miljø', name, WAIT);
    await b.waitForFunction((sel) => (document.querySelector(sel) as HTMLTextAreaElement | null)?.value === 'Klimatilpasning, CO2-reduktion, natur', guideline, WAIT);
    await b.waitForSelector('.taxonomy-version[data-taxonomy-version="2"]', WAIT);
    expect(await b.textContent('.taxonomy-history li[data-version="1"]')).toContain('Anna Holm');
    expect(await b.textContent('.taxonomy-history li[data-version="1"]')).toContain('klima → klima og miljø');

    // B adds a label; A has it.
    await b.fill('.taxonomy-add input[name="new-label"]', 'bolig');
    await b.click('.taxonomy-add button[type=submit] >> nth=0');
    await a.waitForFunction(() => [...document.querySelectorAll<HTMLInputElement>('.taxonomy-label input[name="name"]')].some((i) => i.value === 'bolig'), undefined, WAIT);
    await shoot(b, 'workspace-taxonomy.png');
    // The taxonomy's document is the workspace's own, not a document of the library.
    expect(await b.evaluate(() => (window as unknown as Handle).referat.state.library.some((e) => e.id.startsWith('_')))).toBe(false);
  });

  it('finds a case number in a document shared by the other browser and never opened here', async () => {
    const seed = readFileSync(new URL('../fixtures/seeds/000_0c2e4851483b96f9.txt', import.meta.url), 'utf8');
    expect(seed).toContain('SAG-2020-00222');
    await pasteDocument(a, seed.replace('SAG-2020-00222', CASE));
    await a.waitForFunction((c) => (window as unknown as { referat: { view: { state: { doc: { toString(): string } } } | null } }).referat.view?.state.doc.toString().includes(c), CASE, WAIT);
    const docId = (await a.evaluate(() => (window as unknown as Handle).referat.state.active))!;
    await a.waitForSelector('.status-bar .sync[data-sync="synced"]', WAIT);

    // B learns of the workspace's documents when it connects again (or opens the Dataset view): it has never opened this one.
    await command(b, 'Afbryd synkronisering');
    await connectTo(b);
    await b.waitForFunction((id) => (window as unknown as Handle).referat.state.library.some((e) => e.id === id), docId, WAIT);
    expect(await b.evaluate(() => (window as unknown as Handle).referat.state.active)).toBeNull();
    await b.keyboard.press('Control+Shift+F');
    await b.fill('.search-view input[name="library-search"]', CASE.toLowerCase());
    await b.waitForSelector(`.search-group[data-search-doc="${docId}"] .search-hit[data-search-hit="${docId}#3.1"]`, WAIT);
    // Only that document has the case number.
    expect(await b.$$eval('.search-group', (els) => els.map((e) => e.getAttribute('data-search-doc')))).toEqual([docId]);
    expect(await b.textContent('.search-summary')).toBe('1 fund i 1 møde');
    await shoot(b, 'workspace-search.png');
    await b.click(`.search-hit[data-search-hit="${docId}#3.1"]`);
    await b.waitForFunction((id) => (window as unknown as Handle).referat.state.active === id, docId, WAIT);
    await b.waitForFunction(() => (window as unknown as Handle).referat.state.currentItem === '3.1', undefined, WAIT);
  });
});
