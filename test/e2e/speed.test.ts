/**
 * Working at speed in the built editor (Chromium): labels toggled on the item
 * at the cursor by Alt+digit and Alt+a label's own key (set in the taxonomy
 * form, which shows the keys), nothing toggled while a comment field has the
 * focus and nothing typed into the text; Alt+N / Alt+P through the unreviewed
 * items of the document and on into the next document of the library; the
 * search view finding a case number and opening its item.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { openEditor, serveBuiltEditor } from '../support/editor.ts';
import { launchBrowser } from '../support/browser.ts';

const WAIT = { timeout: 60_000 };
const SCREENSHOTS = process.env.REFERAT_SCREENSHOTS;

let browser: Browser;
let editor: { url: string; close(): Promise<void> };
let page: Page;

type Handle = {
  referat: {
    state: { active: string | null; currentItem: string | null; annotations: { labels: string[]; from: number | null }[]; message: { text: string } | null; review: Record<string, string> };
    view: { state: { doc: { toString(): string } } } | null;
    workbench: { library: { visible(): { id: string }[] }; taxonomies: { get(): { taxonomy: { version: number } } } };
  };
};
const state = () => page.evaluate(() => (window as unknown as Handle).referat.state);
const labelsOfItem = async () => {
  const s = await state();
  return s.annotations.map((a) => a.labels.join(','));
};

async function shoot(name: string): Promise<void> {
  if (!SCREENSHOTS) return;
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, name) });
}

async function goToItem(n: string): Promise<void> {
  await page.click(`.outline-item[data-item-number="${n}"]`);
  await page.waitForFunction((x) => (window as unknown as Handle).referat.state.currentItem === x, n, WAIT);
}

beforeAll(async () => {
  editor = await serveBuiltEditor();
  browser = await launchBrowser();
  const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  page = await ctx.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await openEditor(page, editor.url, 'Ane Kjær');
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await editor?.close();
});

describe('working at speed', { timeout: 180_000 }, () => {
  it('toggles labels on the current item with Alt+digit and Alt+the label’s key, not while typing a comment', async () => {
    await page.waitForSelector('.library li[data-file]', WAIT);
    await page.click('.library li[data-file] >> nth=0');
    await page.waitForSelector('.outline-item', WAIT);
    await goToItem('1.2');
    const text = (await page.evaluate(() => (window as unknown as Handle).referat.view!.state.doc.toString()));
    await page.keyboard.press('Alt+1');
    await page.waitForFunction(() => (window as unknown as Handle).referat.state.annotations.length === 1, undefined, WAIT);
    expect(await labelsOfItem()).toEqual(['social']);
    expect((await state()).message?.text).toBe('social sat på 1.2');
    await page.keyboard.press('Alt+2');
    await page.waitForFunction(() => (window as unknown as Handle).referat.state.annotations[0]?.labels.length === 2, undefined, WAIT);
    expect(await labelsOfItem()).toEqual(['social,sundhed']);
    await page.keyboard.press('Alt+1');
    await page.waitForFunction(() => (window as unknown as Handle).referat.state.annotations[0]?.labels.join() === 'sundhed', undefined, WAIT);
    // Alt+digit typed nothing into the text.
    expect(await page.evaluate(() => (window as unknown as Handle).referat.view!.state.doc.toString())).toBe(text);

    // The taxonomy shows the keys; giving "klima" the key K makes Alt+K toggle it.
    await page.click('[data-activity="taxonomy"]');
    await page.waitForSelector('.taxonomy-label[data-taxonomy-label="social"]', WAIT);
    expect(await page.textContent('.taxonomy-label[data-taxonomy-label="social"] .label-keys kbd')).toBe('Alt+1');
    await page.fill('.taxonomy-label[data-taxonomy-label="klima"] input[name="key"]', 'k');
    await page.press('.taxonomy-label[data-taxonomy-label="klima"] input[name="key"]', 'Tab');
    await page.waitForSelector('.taxonomy-history li[data-version="1"]', WAIT);
    expect(await page.textContent('.taxonomy-history li[data-version="1"]')).toContain('Ane Kjær');
    // A key another label has is refused, in Danish.
    await page.fill('.taxonomy-label[data-taxonomy-label="trafik"] input[name="key"]', 'k');
    await page.press('.taxonomy-label[data-taxonomy-label="trafik"] input[name="key"]', 'Tab');
    await page.waitForSelector('.status-bar .message.error:has-text("En anden etiket har den tast.")', WAIT);
    await shoot('speed-taxonomy.png');

    await page.click('[data-activity="annotations"]');
    await goToItem('1.2');
    await page.waitForSelector('.annotation-list .label[data-label="sundhed"]', WAIT);
    await page.keyboard.press('Alt+K');
    await page.waitForFunction(() => (window as unknown as Handle).referat.state.annotations[0]?.labels.join() === 'sundhed,klima', undefined, WAIT);

    // In a comment field, Alt+3 is the person's typing, not a label.
    await page.click('.annotation-list .reply-form input');
    await page.keyboard.press('Alt+3');
    await page.keyboard.type('ok');
    expect(await labelsOfItem()).toEqual(['sundhed,klima']);
    // The new annotation form shows each label's keys.
    await goToItem('1.1');
    await page.keyboard.press('Control+Alt+A');
    await page.waitForSelector('.annotation-draft', WAIT);
    expect(await page.textContent('.annotation-draft label:has(input[data-label="klima"]) kbd')).toBe('K 5');
    await shoot('speed-labels.png');
    await page.click('.annotation-draft button[type=button]');
  });

  it('goes to the next and previous unreviewed item, and on through the library', async () => {
    // 1.2 is corrected (Ctrl+Alt+R cycles its status): the queue passes it by.
    await goToItem('1.2');
    await page.keyboard.press('Control+Alt+R');
    await page.waitForFunction(() => (window as unknown as Handle).referat.state.review['1.2'] === 'corrected', undefined, WAIT);
    await goToItem('1.1');
    await page.keyboard.press('Alt+N');
    await page.waitForFunction(() => (window as unknown as Handle).referat.state.currentItem !== '1.1', undefined, WAIT);
    const next = (await state()).currentItem;
    expect(next).not.toBe('1.2');
    expect(next?.startsWith('2.') || next === '1.3').toBe(true);
    await page.keyboard.press('Alt+P');
    await page.waitForFunction(() => (window as unknown as Handle).referat.state.currentItem === '1.1', undefined, WAIT);

    // From the last item on, the next unreviewed item is in the next document of the library.
    const first = (await state()).active!;
    const numbers = await page.$$eval('.outline-item', (els) => els.map((e) => e.getAttribute('data-item-number')!));
    await goToItem(numbers[numbers.length - 1]!);
    const order = await page.evaluate(() => (window as unknown as Handle).referat.workbench.library.visible().map((e) => e.id));
    const expected = order[order.indexOf(first) + 1];
    await page.keyboard.press('Alt+N');
    await page.waitForFunction((id) => (window as unknown as Handle).referat.state.active === id, expected, WAIT);
    await page.waitForFunction(() => (window as unknown as Handle).referat.state.currentItem !== null, undefined, WAIT);
    const firstItem = await page.getAttribute('.outline-item >> nth=0', 'data-item-number');
    expect((await state()).currentItem).toBe(firstItem);
    // And back: the previous unreviewed item is the last one of the first document.
    await page.keyboard.press('Alt+P');
    await page.waitForFunction((id) => (window as unknown as Handle).referat.state.active === id, first, WAIT);
    await page.waitForFunction((n) => (window as unknown as Handle).referat.state.currentItem === n, numbers[numbers.length - 1]!, WAIT);
  });

  it('searches the library from the palette and opens the hit', async () => {
    const first = (await state()).active!;
    await page.keyboard.press('Control+Shift+F');
    await page.waitForSelector('.search-view input[name="library-search"]', WAIT);
    // Written without ø: "droeftelse" finds "drøftelse"; the case number of the first document finds its items.
    await page.fill('.search-view input[name="library-search"]', 'SAG-2020-00222');
    await page.waitForSelector('.search-group .search-hit', WAIT);
    const groups = await page.$$eval('.search-group', (els) => els.map((e) => e.getAttribute('data-search-doc')));
    expect(groups.length).toBeGreaterThan(0);
    await page.fill('.search-view input[name="library-search"]', 'praksisplan droeftelse');
    await page.waitForSelector('.search-hit:has-text("Praksisplan")', WAIT);
    await shoot('speed-search.png');
    // The label set by key is found too, in the item it is on.
    await page.fill('.search-view input[name="library-search"]', 'klima');
    await page.waitForSelector(`.search-group[data-search-doc="${first}"] .search-hit[data-search-hit="${first}#1.2"]`, WAIT);
    expect(await page.textContent(`.search-hit[data-search-hit="${first}#1.2"] .search-fields`)).toContain('etiketter');
    await page.click('.search-view button.search-hit >> nth=0');
    await page.waitForFunction(() => (window as unknown as Handle).referat.state.currentItem !== null, undefined, WAIT);
  });
});
