/**
 * The built editor in headless Chromium: the name asked for on first use;
 * import a generated PDF and compare the outline with the gold; lint marks as
 * soon as a document opens; correct seed 002's structure with the structure
 * commands; annotate an item; reload and find everything (IndexedDB persists),
 * the cursor where it was; one source is one document, and duplicates of a
 * meeting are marked and merged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { pasteDocument, serveBuiltEditor, setUserName } from '../support/editor.ts';
import { launchBrowser } from '../support/browser.ts';
import { buildMinutesPdf, readGold, readSeed } from '../fixtures/pdf/generate.ts';
import { parseMinutes } from '../../core/minutes/parse.ts';

const SEED_000 = '000_0c2e4851483b96f9';
const SEED_002 = '002_d4bf133e628f21e0';
const SCREENSHOTS = process.env.REFERAT_SCREENSHOTS; // a directory to save screenshots in, when set

let browser: Browser;
let server: { url: string; close(): Promise<void> };
let page: Page;
let workDir: string;

function goldOutline(name: string): string[] {
  const gold = readGold(`${name}.txt`) as unknown as { sections: { number: string; title: string; items: { number: string; title: string }[] }[] };
  return gold.sections.flatMap((s) => s.items.map((i) => `${i.number} ${i.title}`));
}

async function outline(p: Page): Promise<string[]> {
  return p.$$eval('.outline-item', (els) => els.map((e) => `${e.getAttribute('data-item-number')} ${e.getAttribute('data-item-title')}`));
}

/** Runs a command through the palette (Ctrl+Shift+P), answering its question when it asks one. */
async function command(p: Page, title: string, answer?: string): Promise<void> {
  await p.keyboard.press('Control+Shift+P');
  await p.fill('.palette input', title);
  await p.click(`.palette li:has-text("${title}") >> nth=0`);
  if (answer !== undefined) {
    await p.waitForSelector('.quick-input input');
    await p.fill('.quick-input input', answer);
    await p.keyboard.press('Enter');
  }
}

/** Puts the cursor at the start of the editor line holding `text`. */
async function cursorToLine(p: Page, text: string): Promise<void> {
  await p.evaluate((t) => {
    const wb = (window as unknown as { referat: { view: { state: { doc: { toString(): string } } } ; jump(pos: number): void } }).referat;
    const doc = wb.view.state.doc.toString();
    const at = doc.indexOf(`\n${t}`);
    if (at < 0) throw new Error(`no line ${t}`);
    wb.jump(at + 1);
  }, text);
}

async function openFromLibrary(p: Page, fileName: string): Promise<void> {
  await p.click(`.library li[data-file="${fileName}"]`);
  await p.waitForSelector('.outline-item');
}

beforeAll(async () => {
  server = await serveBuiltEditor();
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  page = await context.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  workDir = mkdtempSync(path.join(tmpdir(), 'referat-e2e-editor-'));
  if (SCREENSHOTS) mkdirSync(SCREENSHOTS, { recursive: true });
  await page.goto(server.url);
  await page.waitForSelector('html[data-ready]');
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const state = <T,>(p: Page, f: string) => p.evaluate((k) => (window as unknown as { referat: { state: Record<string, unknown> } }).referat.state[k], f) as Promise<T>;

describe('the editor in Chromium', { timeout: 120_000 }, () => {
  it('asks for a name on first use, and does not take the old default', async () => {
    await page.waitForSelector('.name-dialog input');
    expect(await page.textContent('.status-bar .user.unset')).toMatch(/Angiv dit navn/);
    expect(await state<string>(page, 'user')).toBe('');
    for (const bad of ['analytiker', '   ']) {
      await page.fill('.name-dialog input', bad);
      await page.press('.name-dialog input', 'Enter');
      await page.waitForSelector('.name-dialog .name-problem');
      expect(await state<string>(page, 'user')).toBe('');
    }
    await setUserName(page, 'Eva Editor');
    await page.waitForSelector('.name-dialog', { state: 'detached' });
    expect(await page.textContent('.status-bar .user')).toBe('Bruger: Eva Editor');
  });

  it('preloads the five seeds as samples', async () => {
    await page.waitForSelector('.library li[data-file]');
    expect(await page.$$eval('.library li', (els) => els.length)).toBe(5);
    // Kept in this browser only, each with the id its source's SHA-256 gives.
    expect(await page.$$eval('.library li[data-local="true"] .local', (els) => els.length)).toBe(5);
    expect(await page.$$eval('.library li', (els) => els.every((e) => /^h[0-9a-f]{32}$/.test(e.getAttribute('data-doc-id')!)))).toBe(true);
  });

  it('imports a generated seed PDF through the file input; the outline matches the gold', async () => {
    const pdf = await buildMinutesPdf(readSeed(`${SEED_000}.txt`), { gold: readGold(`${SEED_000}.txt`) });
    const file = path.join(workDir, 'kkr-nordjylland-000.pdf');
    writeFileSync(file, pdf.bytes);
    const junk = path.join(workDir, 'broken.pdf');
    writeFileSync(junk, '%PDF-1.7\nthis is not a PDF');
    await page.setInputFiles('input[type=file]', [junk, file]);
    await page.waitForSelector('.library li[data-file="kkr-nordjylland-000.pdf"]', { timeout: 30_000 });
    await page.waitForFunction(() => document.querySelector('.tab.active')?.textContent?.includes('2020'));
    expect(await outline(page)).toEqual(goldOutline(SEED_000));
    // The broken file got a one-line message and nothing else.
    expect(await page.textContent('.status-bar .message.error')).toMatch(/^broken\.pdf: /);
    expect(await page.$$eval('.library li', (els) => els.length)).toBe(6);
  });

  it('shows the PDF page beside the text, with the current item, its title and the cursor line outlined', async () => {
    const pdf = await buildMinutesPdf(readSeed(`${SEED_000}.txt`), { gold: readGold(`${SEED_000}.txt`) });
    const pageOf = (n: string) => pdf.pages.find((p) => p.anchors.some((a) => a.level === 2 && a.number === n))!.number;
    await page.keyboard.press('Control+Alt+P');
    await page.waitForSelector('.page-pane');
    for (const n of ['3.1', '3.5']) {
      await page.click(`.outline-item[data-item-number="${n}"]`);
      await page.waitForSelector(`.page-pane[data-page="${pageOf(n)}"] .pp-page[data-rendered="true"] .pp-title`, { timeout: 30_000 });
      expect(await page.textContent('.page-pane header')).toContain(`${pageOf(n)} / ${pdf.pages.length}`);
    }
    // The title's outline sits on the rendered page, over the heading's glyphs.
    const [title, canvas] = await Promise.all([page.locator('.pp-title').first().boundingBox(), page.locator('.pp-page canvas').boundingBox()]);
    expect(title!.y).toBeGreaterThan(canvas!.y);
    expect(title!.y + title!.height).toBeLessThan(canvas!.y + canvas!.height);
    expect(await page.locator('.pp-line').count()).toBeGreaterThan(0);
    // The text beside it still scrolls on its own: the item's heading is in view.
    expect(await page.locator('.cm-line:has-text("3.5. Nordjyllands Trafikselskab")').isVisible()).toBe(true);
    expect(await page.locator('.cm-scroller').evaluate((e) => e.scrollTop)).toBeGreaterThan(1000);
    if (SCREENSHOTS) await page.screenshot({ path: path.join(SCREENSHOTS, 'page-view.png') });
    await page.keyboard.press('Control+Alt+P');
    await page.waitForSelector('.page-pane', { state: 'detached' });
  });

  it('marks the listed problems in the text as soon as a document opens, before any edit', async () => {
    await openFromLibrary(page, `${SEED_002}.txt`);
    await page.waitForSelector('[data-ocr="repaired"]', { timeout: 60_000 });
    const listed = await page.evaluate(() => (window as unknown as { referat: { state: { meeting: { diagnostics: unknown[] } } } }).referat.state.meeting.diagnostics.length);
    expect(listed).toBeGreaterThan(100);
    // The first lines of this OCR-damaged text have problems: they are marked without anything typed.
    await page.waitForFunction(() => document.querySelectorAll('.cm-lintRange').length > 0, undefined, { timeout: 20_000 });
    expect(await page.locator('.cm-lintRange').count()).toBeGreaterThan(0);
  });

  it('brings seed 002 (OCR-damaged, detached numbers) to its gold with the structure commands', async () => {
    await openFromLibrary(page, `${SEED_002}.txt`);
    await page.waitForSelector('[data-ocr="repaired"]', { timeout: 60_000 });
    const gold = goldOutline(SEED_002);
    await page.waitForFunction((n) => document.querySelectorAll('.outline-item').length === n, gold.length);
    expect(await outline(page)).toEqual(gold);

    // Break it as a damaged text layer would: a page footer joined into a title line
    // reads as a heading, and a decision loses its sub-heading.
    await cursorToLine(page, 'Beslutning\nGodkendt.');
    await page.keyboard.press('End');
    await page.keyboard.type('\n1.3. Side 4 af 20');
    await page.keyboard.type('\nSAG-2020-00000 xx');
    await page.waitForFunction(() => document.querySelector('.outline-item[data-item-number="1.3"]'));
    expect(await outline(page)).not.toEqual(gold);

    // Fix it with commands: both stray lines are a page footer, ignore them.
    await cursorToLine(page, '1.3. Side 4 af 20');
    await command(page, 'ignorér denne linje');
    await cursorToLine(page, 'SAG-2020-00000 xx');
    await command(page, 'ignorér denne linje');
    await page.waitForFunction(() => !document.querySelector('.outline-item[data-item-number="1.3"]'));
    expect(await outline(page)).toEqual(gold);

    // "not a heading" on a title merges its item into the one before; "this line
    // starts item 3.6" on the same line restores it; both are undoable.
    await page.click('.outline-item[data-item-number="3.6"]');
    await command(page, 'ikke en overskrift');
    await page.waitForFunction((n) => document.querySelectorAll('.outline-item').length === n - 1, gold.length);
    expect(await outline(page)).not.toContain('3.6 Flygtningefordeling 2021');
    await command(page, 'denne linje starter punkt', '3.6');
    await page.waitForFunction((n) => document.querySelectorAll('.outline-item').length === n, gold.length);
    expect(await outline(page)).toEqual(gold);
    await page.keyboard.press('Control+z');
    await page.waitForFunction((n) => document.querySelectorAll('.outline-item').length === n - 1, gold.length);
    await command(page, 'Annullér fortryd');
    await page.waitForFunction((n) => document.querySelectorAll('.outline-item').length === n, gold.length);
    expect(await outline(page)).toEqual(gold);

    await page.click('[data-panel="overrides"]');
    const kinds = await page.$$eval('.override', (els) => els.map((e) => e.getAttribute('data-override-kind')));
    expect(kinds).toEqual(['ignore-line', 'ignore-line', 'not-heading', 'item-start']);
    await page.click('[data-panel="problems"]');
    await page.click('.outline-item[data-item-number="3.6"]');
    await page.waitForFunction((n) => document.querySelector('.library li.active')?.textContent?.includes(`${n} `), gold.length);
    if (SCREENSHOTS) await page.screenshot({ path: path.join(SCREENSHOTS, 'workbench.png') });
  });

  it('annotates an item with a label and a comment, then finds everything after a reload', async () => {
    await page.click('.outline-item[data-item-number="3.2"]');
    await page.keyboard.press('Control+Alt+A');
    await page.waitForSelector('.annotation-draft');
    await page.click('.annotation-draft label:has(input[data-label="klima"])');
    await page.click('.annotation-draft label:has(input[data-label="godkendt"])');
    await page.fill('.annotation-draft textarea', 'Klimaindsatsen følges op i KKR.');
    await page.click('.annotation-draft button[type=submit]');
    await page.waitForSelector('.annotation-list li[data-annotation-id]');
    await page.fill('.annotation-list .reply-form input', 'Enig.');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.comment.reply');
    await page.selectOption('[data-review-item="3.2"]', 'approved');
    await page.waitForSelector('.outline-item[data-item-number="3.2"] .review-approved');
    await page.waitForTimeout(500); // y-indexeddb writes each update in its own IndexedDB transaction
    if (SCREENSHOTS) await page.screenshot({ path: path.join(SCREENSHOTS, 'annotations.png') });

    await page.reload();
    await page.waitForSelector('html[data-ready]');
    await page.waitForSelector('.outline-item');
    await page.waitForSelector('[data-ocr="repaired"]', { timeout: 60_000 });
    expect(await outline(page)).toEqual(goldOutline(SEED_002));
    await page.click('[data-activity="annotations"]');
    const ann = await page.$$eval('.annotation-list li[data-annotation-id]', (els) =>
      els.map((e) => ({ labels: [...e.querySelectorAll('.label')].map((l) => l.textContent), text: e.querySelector('.thread')?.textContent ?? '', quote: e.querySelector('.quote')?.textContent ?? '' })),
    );
    expect(ann).toHaveLength(1);
    expect(ann[0]!.labels).toEqual(['klima', 'godkendt']);
    expect(ann[0]!.text).toContain('Klimaindsatsen følges op i KKR.');
    expect(ann[0]!.text).toContain('Enig.');
    expect(ann[0]!.quote).toContain('klimaindsats');
    expect(await page.getAttribute('.outline-item[data-item-number="3.2"] .review-dot', 'class')).toContain('review-approved');
    await page.click('[data-panel="overrides"]');
    expect(await page.$$eval('.override', (els) => els.map((e) => e.getAttribute('data-override-kind')))).toEqual(['ignore-line', 'ignore-line', 'not-heading', 'item-start']);
    await page.click('[data-activity="explorer"]');
    expect(await page.$$eval('.library li', (els) => els.length)).toBe(6);
  });

  it('opens a document where the person was after a reload: the cursor\'s line and the text in view', async () => {
    await page.click('.outline-item[data-item-number="3.5"]');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    // Read from the view (the status bar's cursor follows a frame later).
    const { line, lineText } = await page.evaluate(() => {
      const v = (window as unknown as { referat: { view: { state: { doc: { lineAt(p: number): { number: number; text: string } }; selection: { main: { head: number } } } } } }).referat.view;
      const at = v.state.doc.lineAt(v.state.selection.main.head);
      return { line: at.number, lineText: at.text };
    });
    expect(line).toBeGreaterThan(100);
    // Kept after the cursor rests (a debounce), in IndexedDB: reload once it is stored there.
    const stored = () =>
      page.evaluate(async () => {
        const wb = (window as unknown as { referat: { workbench: { tabs: { get(): { active: string | null } }; library: { db: { settings: { get(key: string): Promise<{ value: { head: number } } | undefined> } } } }; view: { state: { selection: { main: { head: number } } } } } }).referat;
        const entry = await wb.workbench.library.db.settings.get(`view:${wb.workbench.tabs.get().active}`);
        return entry?.value.head === wb.view.state.selection.main.head;
      });
    await expect.poll(stored, { timeout: 20_000, interval: 100 }).toBe(true);
    await page.reload();
    await page.waitForSelector('html[data-ready]');
    await page.waitForSelector('.outline-item');
    await page.waitForFunction((n) => (window as unknown as { referat: { state: { cursor: { line: number } } } }).referat.state.cursor.line === n, line, { timeout: 20_000 });
    // The line is drawn in view, not only the cursor's state.
    await page.waitForFunction(
      (t) => {
        const el = document.querySelector('.cm-activeLine');
        if (!el || el.textContent !== t) return false;
        const r = el.getBoundingClientRect();
        const s = document.querySelector('.cm-scroller')!.getBoundingClientRect();
        return r.top >= s.top && r.bottom <= s.bottom;
      },
      lineText,
      { timeout: 20_000 },
    );
    expect(await page.locator('.cm-scroller').evaluate((e) => e.scrollTop)).toBeGreaterThan(1000);
  });

  it('takes a document handed over by the extension (a fake bridge script in the page)', async () => {
    const seed = readSeed('001_9e1bcf5ac8b7483e.txt');
    const meeting = parseMinutes(seed, { includeText: true, source: { name: 'referat.pdf' } });
    const document = { url: 'https://www.kl.dk/media/kkr/referat-001.pdf', fingerprint: 'f00d', meeting };
    const p = await page.context().newPage();
    await p.addInitScript((doc) => {
      window.addEventListener('message', (e) => {
        const d = e.data as { source?: string; type?: string; id?: string };
        if (d?.source !== 'referat-editor' || d.type !== 'handoff-request') return;
        window.postMessage({ source: 'referat-extension', type: 'handoff-document', id: d.id, document: doc }, window.location.origin);
      });
    }, document);
    await p.goto(`${server.url}#handoff=abc123`);
    await p.waitForSelector('html[data-ready]');
    await p.waitForSelector('.library li[data-file="referat-001.pdf"]');
    expect(await outline(p)).toEqual(goldOutline('001_9e1bcf5ac8b7483e'));
    expect(await p.textContent('.library li[data-file="referat-001.pdf"] .source')).toBe('udvidelse');
    expect(new URL(p.url()).hash).toBe('');

    // No extension answering: a visible one-line message, nothing imported.
    const q = await page.context().newPage();
    await q.goto(`${server.url}#handoff=nobody1`);
    await q.waitForSelector('html[data-ready]', { timeout: 20_000 });
    expect(await q.textContent('.status-bar .message.error')).toMatch(/^Handoff: The browser extension did not answer/);
    expect(await q.$$eval('.library li', (els) => els.length)).toBe(7);
    await p.close();
    await q.close();
  });
  it('imports dropped files and pasted text', async () => {
    // A copy of seed 003 that differs from the sample's file (one line more): another source of the same meeting.
    const seed = `${readSeed('003_018046a384c397c7.txt')}\n`;
    await page.evaluate((text) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], 'dropped-003.txt', { type: 'text/plain' }));
      const target = document.querySelector('.workbench')!;
      target.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
      target.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, seed);
    await page.waitForSelector('.library li[data-file="dropped-003.txt"]');
    expect(await outline(page)).toEqual(goldOutline('003_018046a384c397c7'));

    await pasteDocument(page, `${readSeed('004_0c3ee312dafeca01.txt')}\n`);
    await page.waitForSelector('.library li[data-file^="paste-"]').catch(async (e) => {
      await page.screenshot({ path: path.join(workDir, 'paste-failed.png') });
      console.error('paste failed; screenshot in', workDir, await page.textContent('.status-bar'));
      throw e;
    });
    await page.waitForSelector('.tab.active:has-text("2025-10-24")');
    expect(await outline(page)).toEqual(goldOutline('004_0c3ee312dafeca01'));
    expect(await page.$('.paste-dialog')).toBeNull();
  });

  it('one source is one document: the same file dropped again opens the document already there', async () => {
    const count = await page.$$eval('.library li', (els) => els.length);
    const sampleId = await page.getAttribute('.library li[data-file="001_9e1bcf5ac8b7483e.txt"]', 'data-doc-id');
    await page.evaluate((text) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], 'again-001.txt', { type: 'text/plain' }));
      document.querySelector('.workbench')!.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, readSeed('001_9e1bcf5ac8b7483e.txt'));
    await page.waitForFunction((id) => (window as unknown as { referat: { state: { active: string } } }).referat.state.active === id, sampleId);
    expect(await page.textContent('.status-bar .message')).toMatch(/Allerede i biblioteket/);
    expect(await page.$$eval('.library li', (els) => els.length)).toBe(count);
    expect(await page.$('.library li[data-file="again-001.txt"]')).toBeNull();
  });

  it('marks two documents of one meeting as duplicates and merges one into the other, its annotations with it', async () => {
    await page.click('[data-activity="explorer"]');
    const dropped = await page.getAttribute('.library li[data-file="dropped-003.txt"]', 'data-doc-id');
    const sample = await page.getAttribute('.library li[data-file="003_018046a384c397c7.txt"]', 'data-doc-id');
    expect(await page.getAttribute('.library li[data-file="dropped-003.txt"]', 'data-duplicate-of')).toContain(sample!);
    expect(await page.getAttribute('.library li[data-file="003_018046a384c397c7.txt"]', 'data-duplicate-of')).toContain(dropped!);
    expect(await page.textContent('.library li[data-file="dropped-003.txt"] .duplicate')).toMatch(/^dublet/);
    const count = await page.$$eval('.library li', (els) => els.length);

    // Work done in the copy: a labelled annotation on an item.
    await openFromLibrary(page, 'dropped-003.txt');
    const item = await page.getAttribute('.outline-item >> nth=1', 'data-item-number');
    await page.click(`.outline-item[data-item-number="${item}"]`);
    await page.waitForSelector(`.outline-item.current[data-item-number="${item}"]`);
    await page.keyboard.press('Control+Alt+A');
    await page.waitForSelector('.annotation-draft');
    await page.click('.annotation-draft label:has(input[data-label="trafik"])');
    await page.click('.annotation-draft button[type=submit]');
    await page.waitForSelector('.annotation-list li[data-annotation-id]');

    // Kept: the sample. The duplicate mark offers the merge.
    await page.click('[data-activity="explorer"]');
    await page.click('.library li[data-file="003_018046a384c397c7.txt"] .duplicate');
    await page.waitForSelector('.quick-input li');
    await page.click(`.quick-input li:has-text("${dropped}")`);
    await page.waitForSelector('.library li[data-file="dropped-003.txt"]', { state: 'detached' });
    expect(await page.textContent('.status-bar .message')).toMatch(/^Flettet: 1 annotering,/);
    expect(await page.$$eval('.library li', (els) => els.length)).toBe(count - 1);
    expect(await page.$('.library li[data-file="003_018046a384c397c7.txt"] .duplicate')).toBeNull();
    expect(await page.evaluate(() => (window as unknown as { referat: { state: { active: string } } }).referat.state.active)).toBe(sample);
    await page.click('[data-activity="annotations"]');
    await page.waitForSelector('.annotation-list li[data-annotation-id]');
    const labels = await page.$$eval('.annotation-list li[data-annotation-id] .label', (els) => els.map((e) => e.textContent));
    expect(labels).toEqual(['trafik']);
    // The annotation sits on the same item's heading in the kept text.
    expect(await page.textContent('.annotation-list li[data-annotation-id] .quote')).toContain((await page.getAttribute(`.outline-item[data-item-number="${item}"]`, 'data-item-title'))!.slice(0, 20));
  });
});
