/**
 * The guard when a source changes, in the built editor (Chromium) on a real
 * sync server. Browser A imports a generated minutes PDF, annotates and
 * reviews items; then imports a second version of the same document under the
 * same file name (item 3.5 renamed, item 3.8 and its pages gone). The editor
 * does not store it silently: a dialog says so and lists what changed; the
 * re-import keeps one document, moves each annotation with its text and the
 * renamed item's review to it, and lists what lost its text as orphans.
 * Browser B, on the same workspace, sees the re-import; one undo takes it back.
 * A document the extension hands over again from the same URL meets the same guard.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.ts';
import { runCommand as command, serveBuiltEditor, setUserName } from '../support/editor.ts';
import { createToken, startServer, stopServer, type ServerProcess } from '../support/sync.ts';
import { buildMinutesPdf, readGold, readSeed, type GoldLike } from '../fixtures/pdf/generate.ts';
import { parseMinutes } from '../../core/minutes/parse.ts';

const WAIT = { timeout: 60_000 };
const SEED_000 = '000_0c2e4851483b96f9.txt';
const FILE = 'kkr-nordjylland-2020-09-04.pdf';
const OLD_TITLE = 'Nordjyllands Trafikselskab - bestyrelsessammensætning';
const NEW_TITLE = 'Nordjyllands Trafikselskab - ny bestyrelse';
const SCREENSHOTS = process.env.REFERAT_SCREENSHOTS;

type View = { from: number | null; to: number | null; orphaned: boolean; labels: string[] };
type Handle = {
  referat: {
    state: { annotations: View[]; review: Record<string, string>; active: string | null; library: { id: string; sha256?: string; fileName: string; mergedInto?: string }[] };
    view: { state: { doc: { toString(): string } } } | null;
    jump(pos: number, to?: number): void;
    undo(): void;
  };
};

let browser: Browser;
let editor: { url: string; close(): Promise<void> };
let sync: ServerProcess;
let dataDir: string;
let workDir: string;
let token: string;
let a: Page;
let b: Page;
let docId: string;
/** The first version's SHA-256, as the library records it. */
let firstSha: string | undefined;

const text = (p: Page) => p.evaluate(() => (window as unknown as Handle).referat.view?.state.doc.toString() ?? '');
const outline = (p: Page) => p.$$eval('.outline-item', (els) => els.map((e) => `${e.getAttribute('data-item-number')} ${e.getAttribute('data-item-title')}`));
/** The annotations with their text now, by first label. */
const annotated = (p: Page) =>
  p.evaluate(() => {
    const r = (window as unknown as Handle).referat;
    const t = r.view!.state.doc.toString();
    return Object.fromEntries(r.state.annotations.map((x) => [x.labels[0], x.orphaned ? null : t.slice(x.from!, x.to!)]));
  });

async function newPage(user: string): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const p = await ctx.newPage();
  p.on('pageerror', (e) => console.error('page error:', e.message));
  await p.goto(editor.url);
  await p.waitForSelector('html[data-ready]', WAIT);
  await setUserName(p, user);
  await command(p, 'Forbind til synkroniseringsserver', [
    ['Synkroniseringsserverens adresse', sync.url],
    ['Arbejdsområde', 'local'],
    ['Adgangsnøgle (token)', token],
  ]);
  return p;
}

/** Selects `quote` (its first occurrence in the text) and annotates it with `label`. */
async function annotate(p: Page, quote: string, label: string): Promise<void> {
  const at = (await text(p)).indexOf(quote);
  expect(at, `"${quote}" in the text`).toBeGreaterThanOrEqual(0);
  await p.evaluate(([from, to]) => (window as unknown as Handle).referat.jump(from!, to), [at, at + quote.length]);
  await p.keyboard.press('Control+Alt+A');
  await p.waitForSelector('.annotation-draft', WAIT);
  await p.click(`.annotation-draft label:has(input[data-label="${label}"])`);
  await p.click('.annotation-draft button[type=submit]');
  await p.waitForFunction((l) => (window as unknown as Handle).referat.state.annotations.some((x) => x.labels.includes(l)), label, WAIT);
}

/** Sets an item's review status in the annotations sidebar (the current item's). */
async function review(p: Page, item: string, status: string): Promise<void> {
  await p.click(`.outline-item[data-item-number="${item}"]`);
  await p.waitForSelector(`.outline-item.current[data-item-number="${item}"]`, WAIT);
  await p.selectOption(`[data-review-item="${item}"]`, status);
  await p.waitForFunction(([n, s]) => (window as unknown as Handle).referat.state.review[n!] === s, [item, status], WAIT);
}

/** The library's documents read from this file name. */
const fromFile = (p: Page) => p.evaluate((f) => (window as unknown as Handle).referat.state.library.filter((e) => e.fileName === f && !e.mergedInto).map((e) => e.id), FILE);

/** The seed's second version: item 3.5 renamed, item 3.8 (and the pages it filled) gone. */
function secondVersion(seed: string, gold: GoldLike): { seed: string; gold: GoldLike } {
  const lines = seed.split('\n');
  const start = lines.findIndex((l) => l.startsWith('3.8. '));
  const end = lines.findIndex((l) => l.trim() === '4. Udpegninger');
  expect(start).toBeGreaterThan(0);
  expect(end).toBeGreaterThan(start);
  const changed = [...lines.slice(0, start), ...lines.slice(end)].join('\n').replace(OLD_TITLE, NEW_TITLE);
  const copy = JSON.parse(JSON.stringify(gold)) as { sections: { items: { number: string; title: string }[] }[] };
  for (const s of copy.sections) {
    s.items = s.items.filter((i) => i.number !== '3.8');
    for (const i of s.items) if (i.number === '3.5') i.title = NEW_TITLE;
  }
  return { seed: changed, gold: copy as unknown as GoldLike };
}

beforeAll(async () => {
  editor = await serveBuiltEditor();
  dataDir = mkdtempSync(path.join(tmpdir(), 'referat-e2e-guard-'));
  workDir = mkdtempSync(path.join(tmpdir(), 'referat-e2e-guard-files-'));
  token = createToken(dataDir, 'local');
  sync = await startServer(dataDir, 0);
  browser = await launchBrowser();
  const seed = readSeed(SEED_000);
  const gold = readGold(SEED_000);
  const v1 = await buildMinutesPdf(seed, { gold });
  const second = secondVersion(seed, gold);
  const v2 = await buildMinutesPdf(second.seed, { gold: second.gold });
  expect(v2.pages.length).toBeLessThan(v1.pages.length);
  for (const [dir, pdf] of [['v1', v1], ['v2', v2]] as const) {
    mkdirSync(path.join(workDir, dir));
    writeFileSync(path.join(workDir, dir, FILE), pdf.bytes);
  }
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await editor?.close();
  if (sync) await stopServer(sync);
  for (const d of [dataDir, workDir]) if (d) rmSync(d, { recursive: true, force: true });
});

describe('the guard when a source changes', { timeout: 300_000 }, () => {
  it('imports the first version, annotates and reviews it, and a second browser opens it', async () => {
    a = await newPage('Anna Holm');
    await a.setInputFiles('input[type=file]', path.join(workDir, 'v1', FILE));
    await a.waitForSelector(`.library li[data-file="${FILE}"]`, WAIT);
    await a.waitForFunction(() => document.querySelector('.tab.active')?.textContent?.includes('2020'), undefined, WAIT);
    docId = await a.evaluate(() => (window as unknown as Handle).referat.state.active!);
    expect(await outline(a)).toContain(`3.5 ${OLD_TITLE}`);
    expect(await outline(a)).toContain('3.8 Vækst Via Viden 2.0');

    await a.click('[data-activity="annotations"]');
    await annotate(a, 'består i dag af 9 medlemmer', 'trafik');
    await annotate(a, 'videreføre Vækst Via Viden-indsatsen', 'erhverv');
    await annotate(a, 'Næste møde i KKR Nordjylland er planlagt til den 13. november 2020', 'orienteret');
    await review(a, '3.5', 'approved');
    await review(a, '3.8', 'corrected');
    await a.waitForSelector('.status-bar .sync[data-sync="synced"]', WAIT);

    b = await newPage('Bo Lund');
    await b.waitForSelector(`.library li[data-doc-id="${docId}"]`, WAIT);
    await b.click(`.library li[data-doc-id="${docId}"]`);
    await b.waitForSelector('.outline-item[data-item-number="3.8"]', WAIT);
    await b.waitForFunction(() => (window as unknown as Handle).referat.state.annotations.length === 3, undefined, WAIT);
  });

  it('meets the second version under the same name with a dialog that says what changed, and stores nothing until asked', async () => {
    const before = await text(a);
    await a.setInputFiles('input[type=file]', path.join(workDir, 'v2', FILE));
    await a.waitForSelector('[data-source-guard="question"]', WAIT);
    expect(await a.textContent('#source-guard-title')).toBe('Kilden er ændret');
    expect(await a.textContent('[data-source-guard="question"]')).toContain(`“${FILE}” kommer samme sted fra som`);
    expect(await a.textContent('[data-change="item-renamed"][data-item="3.5"]')).toBe(`Punkt 3.5 omdøbt: “${OLD_TITLE}” → “${NEW_TITLE}”`);
    expect(await a.textContent('[data-change="item-removed"][data-item="3.8"]')).toBe('Punkt 3.8 fjernet: Vækst Via Viden 2.0');
    expect(await a.$$('[data-change="item-added"]')).toHaveLength(0);
    expect(await a.textContent('[data-change="pages-removed"]')).toMatch(/^Sider? fjernet: \d+/);
    const shot = path.join(SCREENSHOTS ?? workDir, 'editor-source-guard.png');
    await a.screenshot({ path: shot });
    if (!SCREENSHOTS) writeFileSync(path.join(tmpdir(), 'referat-source-guard.png'), await a.screenshot());
    // Nothing changed while the question is open: one document in the library from this file, its text as it was.
    expect(await text(a)).toBe(before);
    expect(await fromFile(a)).toEqual([docId]);
  });

  it('re-imports into the same document: annotations move with their text, the renamed item keeps its review, the orphans are listed', async () => {
    const shaBefore = (firstSha = await a.evaluate((id) => (window as unknown as Handle).referat.state.library.find((e) => e.id === id)?.sha256, docId));
    expect(shaBefore).toBeTruthy();
    await a.click('[data-choice="reimport"]');
    await a.waitForSelector('[data-source-guard="result"]', WAIT);
    expect(await a.$$eval('[data-orphan]', (els) => els.map((e) => [e.getAttribute('data-orphan'), e.textContent]))).toEqual([
      ['annotation', 'Annotering “videreføre Vækst Via Viden-indsatsen” (erhverv)'],
      ['review', 'Gennemsyn “3.8. Vækst Via Viden 2.0” (rettet)'],
    ]);
    expect(await a.textContent('[data-moved]')).toContain('2 annoteringer');
    if (SCREENSHOTS) await a.screenshot({ path: path.join(SCREENSHOTS, 'editor-source-guard-result.png') });
    await a.click('[data-close]');

    // One document, the same id, with the new source's SHA-256.
    expect(await fromFile(a)).toEqual([docId]);
    const shaAfter = await a.evaluate((id) => (window as unknown as Handle).referat.state.library.find((e) => e.id === id)?.sha256, docId);
    expect(shaAfter).toBeTruthy();
    expect(shaAfter).not.toBe(shaBefore);
    await a.waitForSelector(`.outline-item[data-item-number="3.5"][data-item-title="${NEW_TITLE}"]`, WAIT);
    const items = await outline(a);
    expect(items.some((i) => i.startsWith('3.8 '))).toBe(false);
    expect(await annotated(a)).toEqual({ trafik: 'består i dag af 9 medlemmer', erhverv: null, orienteret: 'Næste møde i KKR Nordjylland er planlagt til den 13. november 2020' });
    expect(await a.evaluate(() => (window as unknown as Handle).referat.state.review['3.5'])).toBe('approved');
    await a.waitForSelector('.status-bar .sync[data-sync="synced"]', WAIT);

    // The other browser has the new version, with the annotations where A has them.
    await b.waitForSelector(`.outline-item[data-item-number="3.5"][data-item-title="${NEW_TITLE}"]`, WAIT);
    expect(await text(b)).toBe(await text(a));
    expect(await annotated(b)).toEqual(await annotated(a));
    expect(await b.evaluate(() => (window as unknown as Handle).referat.state.review['3.5'])).toBe('approved');
  });

  it('takes the re-import back with one undo, for both browsers', async () => {
    await a.evaluate(() => (window as unknown as Handle).referat.undo());
    await a.waitForSelector(`.outline-item[data-item-number="3.5"][data-item-title="${OLD_TITLE}"]`, WAIT);
    await a.waitForSelector('.outline-item[data-item-number="3.8"]', WAIT);
    expect(await annotated(a)).toEqual({ trafik: 'består i dag af 9 medlemmer', erhverv: 'videreføre Vækst Via Viden-indsatsen', orienteret: 'Næste møde i KKR Nordjylland er planlagt til den 13. november 2020' });
    await b.waitForSelector('.outline-item[data-item-number="3.8"]', WAIT);
    expect(await text(b)).toBe(await text(a));
  });

  it('keeps the old when asked, and imports a separate document when asked', async () => {
    // After the undo the document records the first version's source again, so the second version meets the guard again.
    await a.waitForFunction(([id, sha]) => (window as unknown as Handle).referat.state.library.find((x) => x.id === id)?.sha256 === sha, [docId, firstSha], WAIT);
    const before = await text(a);
    await a.setInputFiles('input[type=file]', path.join(workDir, 'v2', FILE));
    await a.waitForSelector('[data-source-guard="question"]', WAIT);
    await a.click('[data-choice="keep"]');
    await a.waitForSelector('[data-source-guard]', { state: 'detached', ...WAIT });
    expect(await text(a)).toBe(before);
    expect(await fromFile(a)).toEqual([docId]);

    await a.setInputFiles('input[type=file]', path.join(workDir, 'v2', FILE));
    await a.waitForSelector('[data-source-guard="question"]', WAIT);
    await a.click('[data-choice="separate"]');
    await a.waitForFunction((f) => (window as unknown as Handle).referat.state.library.filter((e) => e.fileName === f).length === 2, FILE, WAIT);
    const ids = await fromFile(a);
    expect(ids).toContain(docId);
    const other = ids.find((id) => id !== docId)!;
    await a.waitForFunction((id) => (window as unknown as Handle).referat.state.active === id, other, WAIT);
    await a.waitForSelector(`.outline-item[data-item-number="3.5"][data-item-title="${NEW_TITLE}"]`, WAIT);
    // The first document is untouched.
    await a.evaluate((id) => (window as unknown as { referat: { openDocument(id: string): Promise<void> } }).referat.openDocument(id), docId);
    await a.waitForSelector('.outline-item[data-item-number="3.8"]', WAIT);
    expect(await text(a)).toBe(before);
  });
});

describe('the guard for a document the extension sends again', { timeout: 300_000 }, () => {
  it('meets a second version from the same URL, says what changed, and re-imports it into the same document', async () => {
    const url = 'https://www.kl.dk/media/kkr/referat-2020-09-04.pdf';
    const seed = readSeed(SEED_000);
    const second = secondVersion(seed, readGold(SEED_000)).seed;
    const handoff = (text: string, sha256: string) => ({ url, fingerprint: sha256.slice(0, 8), meeting: parseMinutes(text, { includeText: true, source: { name: 'referat-2020-09-04.pdf', sha256 } }) });
    const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    /**
     * Opens the editor at a handoff that a stand-in for the extension's bridge answers with `doc`
     * (the editor is ready once the handoff is stored, which waits for the guard's question to be answered).
     */
    const receive = async (id: string, doc: unknown, ready = true) => {
      const p = await ctx.newPage();
      p.on('pageerror', (e) => console.error('page error:', e.message));
      await p.addInitScript((d) => {
        window.addEventListener('message', (e) => {
          const m = e.data as { source?: string; type?: string; id?: string };
          if (m?.source !== 'referat-editor' || m.type !== 'handoff-request') return;
          window.postMessage({ source: 'referat-extension', type: 'handoff-document', id: m.id, document: d }, window.location.origin);
        });
      }, doc);
      await p.goto(`${editor.url}#handoff=${id}`);
      if (ready) await p.waitForSelector('html[data-ready]', WAIT);
      return p;
    };
    const first = await receive('first1', handoff(seed, '1'.repeat(64)));
    await first.waitForSelector(`.outline-item[data-item-number="3.8"]`, WAIT);
    await setUserName(first, 'Anna Holm');
    await first.click('[data-activity="annotations"]');
    await annotate(first, 'Næste møde i KKR Nordjylland er planlagt til den 13. november 2020', 'orienteret');
    const id = await first.evaluate(() => (window as unknown as Handle).referat.state.active!);
    await first.close();

    const again = await receive('second2', handoff(second, '2'.repeat(64)), false);
    await again.waitForSelector('[data-source-guard="question"]', WAIT);
    expect(await again.textContent('[data-change="item-removed"][data-item="3.8"]')).toBe('Punkt 3.8 fjernet: Vækst Via Viden 2.0');
    expect(await again.textContent('[data-change="item-renamed"][data-item="3.5"]')).toContain(NEW_TITLE);
    await again.click('[data-choice="reimport"]');
    await again.waitForSelector('[data-source-guard="result"] [data-no-orphans]', WAIT);
    await again.click('[data-close]');
    await again.waitForSelector('html[data-ready]', WAIT);
    await again.waitForSelector(`.outline-item[data-item-number="3.5"][data-item-title="${NEW_TITLE}"]`, WAIT);
    expect(await again.evaluate(() => (window as unknown as Handle).referat.state.active)).toBe(id);
    expect(await again.evaluate((u) => (window as unknown as Handle).referat.state.library.filter((e) => (e as { url?: string }).url === u).map((e) => [e.id, e.sha256]), url)).toEqual([[id, '2'.repeat(64)]]);
    expect(await annotated(again)).toEqual({ orienteret: 'Næste møde i KKR Nordjylland er planlagt til den 13. november 2020' });
    expect(await again.textContent('.status-bar .message')).toBe(`Genimporteret: ${url}`);
    await ctx.close();
  });
});
