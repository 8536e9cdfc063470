/**
 * The editor's Dataset view in headless Chromium, driven as analysts and a
 * curator would: two analysts label the same items of a seed, the view shows
 * Cohen's κ per label and the items they split on, a curator settles one, and
 * the download (a zip) holds every format with labels, who set them, review
 * and adjudication. An item's case found in another meeting links to it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import type { Browser, Page } from 'playwright-core';
import { pasteDocument, serveBuiltEditor } from '../support/editor.ts';
import { launchBrowser } from '../support/browser.ts';
import { buildMinutesPdf, readGold, readSeed } from '../fixtures/pdf/generate.ts';
import type { ItemRow } from '../../core/export/rows.ts';

const SEED_000 = '000_0c2e4851483b96f9.txt';
const SCREENSHOTS = process.env.REFERAT_SCREENSHOTS;

let browser: Browser;
let server: { url: string; close(): Promise<void> };
let page: Page;

async function asUser(p: Page, name: string): Promise<void> {
  await p.click('.status-bar .user');
  await p.waitForSelector('.quick-input input');
  await p.fill('.quick-input input', name);
  await p.keyboard.press('Enter');
  await p.waitForFunction((n) => document.querySelector('.status-bar .user')?.textContent?.endsWith(n), name);
}

/** Annotates an item's heading with labels, as the current user. */
async function label(p: Page, item: string, labels: string[]): Promise<void> {
  await p.click(`.outline-item[data-item-number="${item}"]`);
  await p.waitForFunction((n) => document.querySelector('.outline-item.current')?.getAttribute('data-item-number') === n, item);
  const before = await p.$$eval('.annotation-list li[data-annotation-id]', (els) => els.length).catch(() => 0);
  await p.keyboard.press('Control+Alt+A');
  await p.waitForSelector('.annotation-draft');
  for (const l of labels) await p.click(`.annotation-draft label:has(input[data-label="${l}"])`);
  await p.click('.annotation-draft button[type=submit]');
  await p.waitForFunction((n) => document.querySelectorAll('.annotation-list li[data-annotation-id]').length === n, before + 1);
}

beforeAll(async () => {
  server = await serveBuiltEditor();
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  page = await context.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  if (SCREENSHOTS) mkdirSync(SCREENSHOTS, { recursive: true });
  await page.goto(server.url);
  await page.waitForSelector('html[data-ready]');
  await page.waitForSelector(`.library li[data-file="${SEED_000}"]`);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('dataset view', () => {
  it('shows agreement and disagreements of two analysts, records a curator’s decision, and downloads every format', async () => {
    await page.click(`.library li[data-file="${SEED_000}"]`);
    await page.waitForSelector('.outline-item');
    await page.click('[data-activity="annotations"]');

    await asUser(page, 'ana');
    await label(page, '1.1', ['godkendt']);
    await label(page, '1.2', ['godkendt']);
    await label(page, '3.1', ['social']);
    await page.click('.outline-item[data-item-number="1.1"]');
    await page.selectOption('[data-review-item="1.1"]', 'approved');
    await page.waitForSelector('.review-box .review-mark');
    expect(await page.textContent('.review-box .review-mark')).toMatch(/^ana · /);

    await asUser(page, 'bo');
    await label(page, '1.1', ['godkendt']);
    await label(page, '1.2', ['drøftet']);
    await label(page, '3.1', ['social', 'økonomi']);

    await page.click('[data-activity="dataset"]');
    await page.waitForSelector('.dataset [data-preview-items]');
    // Five samples in the library; seed 000 has 12 items.
    expect(await page.getAttribute('.dataset [data-preview-items]', 'data-preview-documents')).toBe('5');
    const godkendt = page.locator('[data-agreement-label="godkendt"]');
    // Items 1.1, 1.2, 3.1 rated by both: ana yes yes no, bo yes no no → po 2/3, pe 4/9, κ 0.4.
    expect(Number(await godkendt.getAttribute('data-kappa'))).toBeCloseTo(0.4, 10);
    // α (nominal) over the same 3 items: o(yes,no) = 2, n_yes = n_no = 3, n = 6 → α = 1 − 5·2/(2·9) = 0.44. Three items: fragile, in grey, with the reason.
    expect(await godkendt.locator('td').allTextContents()).toEqual(['godkendt', '0.40', 'Cohen', '3', '0.67', '0.44']);
    expect(await godkendt.getAttribute('data-fragile')).toBe('true');
    expect(await page.textContent('[data-fragile-reason="godkendt"]')).toBe('godkendt: usikker: 3 punkter (færre end 30)');
    expect(await page.$$eval('[data-dispute]', (els) => els.map((e) => e.getAttribute('data-dispute')))).toEqual(['1.2:drøftet', '1.2:godkendt', '3.1:økonomi']);

    await asUser(page, 'kurator');
    await page.click('[data-dispute="1.2:godkendt"] [data-adjudicate="yes"]');
    await page.waitForSelector('[data-dispute="1.2:godkendt"].settled [data-decided-by="kurator"]');
    await page.click('[data-dispute="1.2:drøftet"] [data-adjudicate="no"]');
    await page.waitForSelector('[data-dispute="1.2:drøftet"].settled');

    // Filters narrow the preview; a reversed date range is refused in one line and nothing downloads.
    await page.check('.dataset input[name=approvedOnly]');
    await page.waitForSelector('.dataset [data-preview-items="1"]');
    await page.uncheck('.dataset input[name=approvedOnly]');
    await page.fill('.dataset input[name=from]', '2021-01-01');
    await page.fill('.dataset input[name=to]', '2020-01-01');
    await page.waitForSelector('.dataset .error-line');
    expect(await page.textContent('.dataset .error-line')).toBe('fra 2021-01-01 ligger efter til 2020-01-01');
    expect(await page.isDisabled('[data-action="dataset-download"]')).toBe(true);
    await page.fill('.dataset input[name=from]', '');
    await page.fill('.dataset input[name=to]', '');
    await page.check('.dataset input[name=scope] >> nth=1');
    await page.waitForSelector('.dataset [data-preview-items="12"]');
    if (SCREENSHOTS) await page.screenshot({ path: path.join(SCREENSHOTS, 'dataset.png') });

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-action="dataset-download"]')]);
    expect(download.suggestedFilename()).toMatch(/^referat-dataset-\d{4}-\d{2}-\d{2}\.zip$/);
    const zip = unzipSync(new Uint8Array(readFileSync((await download.path())!)));
    // Top-level names in the day's folder (OParl is a folder of static files).
    const names = [...new Set(Object.keys(zip).map((n) => n.split('/')[1]))];
    expect(names).toEqual(expect.arrayContaining(['README.md', 'annotations.jsonld', 'cases.json', 'documents.jsonl', 'item.schema.json', 'items.csv', 'items.jsonl', 'items.parquet', 'oparl']));
    const bytes = (name: string) => zip[Object.keys(zip).find((n) => n.endsWith(`/${name}`))!]!;
    const file = (name: string) => strFromU8(bytes(name));
    const rows = file('items.jsonl').trim().split('\n').map((l) => JSON.parse(l) as ItemRow);
    expect(rows).toHaveLength(12);
    const r11 = rows.find((r) => r.number === '1.1')!;
    expect(r11).toMatchObject({ reviewStatus: 'approved', reviewedBy: 'ana', finalLabels: ['godkendt'], decisionType: 'godkendt' });
    expect(r11.labels.map((l) => l.author)).toEqual(['ana', 'bo']);
    const r12 = rows.find((r) => r.number === '1.2')!;
    expect(r12.finalLabels).toEqual(['godkendt']);
    expect(r12.adjudications.map((a) => [a.label, a.value, a.decidedBy])).toEqual([['godkendt', true, 'kurator'], ['drøftet', false, 'kurator']]);
    expect(file('README.md')).toMatch(/Cohen/);
    expect([...bytes('items.csv').subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM Excel needs
    expect(await page.textContent('.status-bar .message')).toMatch(/referat-dataset-.*12 (punkter|items)/);
  }, 120_000);

  it('exports a PDF read in the editor with provenance back to its pages, also after the text was corrected', async () => {
    const seed = '003_018046a384c397c7.txt';
    const pdf = await buildMinutesPdf(readSeed(seed), { gold: readGold(seed) });
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'referat-e2e-dataset-')), 'referat-kkr-2021.pdf');
    writeFileSync(file, pdf.bytes);
    await page.click('[data-activity="explorer"]');
    await page.setInputFiles('input[type=file]', [file]);
    await page.waitForSelector('.library li[data-file="referat-kkr-2021.pdf"]', { timeout: 30_000 });
    await page.waitForSelector('.outline-item[data-item-number="3.1"]');
    // A correction above the items: the spans move, their boxes stay on the page.
    await page.evaluate(() => (window as unknown as { referat: { jump(pos: number): void } }).referat.jump(0));
    await page.keyboard.type('Rettet: ');

    await page.click('[data-activity="dataset"]');
    await page.click('[data-action="dataset-refresh"]');
    await page.check('.dataset input[name=scope] >> nth=1');
    await page.waitForSelector('.dataset [data-preview-items="12"]');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-action="dataset-download"]')]);
    const zip = unzipSync(new Uint8Array(readFileSync((await download.path())!)));
    const rows = strFromU8(zip[Object.keys(zip).find((n) => n.endsWith('/items.jsonl'))!]!).trim().split('\n').map((l) => JSON.parse(l) as ItemRow);
    expect(rows).toHaveLength(12);
    for (const r of rows) {
      expect(r.titleSpan.pages?.length, `title of ${r.number}`).toBeGreaterThan(0);
      expect(r.span.pages![0]!.page).toBe(r.titleSpan.pages![0]!.page);
    }
    const anchored = pdf.pages.find((p) => p.anchors.some((a) => a.level === 2 && a.number === '3.1'))!;
    expect(rows.find((r) => r.number === '3.1')!.titleSpan.pages![0]!.page).toBe(anchored.number);
    expect(rows[0]!.source).toMatchObject({ name: 'referat-kkr-2021.pdf', pages: pdf.pages.length, fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/), sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
  }, 120_000);

  it('links an item to the same case in another meeting of the library', async () => {
    // A later meeting takes up seed 000's item 3.1 again: the same case number under another item.
    const followUp = readSeed('001_9e1bcf5ac8b7483e.txt').replace('SAG-2024-00296', 'SAG-2020-00222');
    await pasteDocument(page, followUp);
    await page.waitForSelector('.outline-item[data-item-number="2.5"]');
    const pastedId = await page.evaluate(() => (window as unknown as { referat: { state: { active: string } } }).referat.state.active);

    await page.click(`.library li[data-file="${SEED_000}"]`);
    await page.click('.outline-item[data-item-number="3.1"]');
    await page.waitForSelector('.case-links[data-case-number="SAG-2020-00222"]');
    const link = page.locator(`.case-links a[data-appearance="${pastedId}/2.5"]`);
    expect(await link.textContent()).toMatch(/^2\.5 Status vedr\. pulje/);
    expect(await page.textContent(`.case-links li[data-appearance-doc="${pastedId}"] .case-meeting`)).toBe('2024-02-09 · KKR Nordjylland');
    if (SCREENSHOTS) await page.screenshot({ path: path.join(SCREENSHOTS, 'case-links.png') });
    await link.click();
    await page.waitForFunction((id) => (window as unknown as { referat: { state: { active: string; currentItem: string } } }).referat.state.active === id, pastedId);
    await page.waitForSelector('.outline-item.current[data-item-number="2.5"]');
    // And back: the follow-up's item knows the first meeting.
    await page.waitForSelector('.case-links li[data-appearance-doc]:has-text("2020-09-04") a[data-appearance$="/3.1"]');
  }, 120_000);

  it('keeps an item’s review on it when its printed number is corrected, in the outline and in the download', async () => {
    type Referat = { jump(pos: number): void; state: { meeting: { sections: { items: { number: string; titleSpan: { start: number } }[] }[] } } };
    await page.click(`.library li[data-file="${SEED_000}"]`);
    await page.click('[data-activity="annotations"]');
    await asUser(page, 'cy');
    await page.click('.outline-item[data-item-number="3.8"]');
    await page.selectOption('[data-review-item="3.8"]', 'approved');
    await page.waitForSelector('.outline-item[data-item-number="3.8"] .review-approved');
    const approved = () => page.$$eval('.outline-item:has(.review-approved)', (els) => els.map((e) => e.getAttribute('data-item-number')));
    const before = await approved();
    expect(before).toContain('3.8');

    // The heading's number was misread: 3.8 is corrected to 3.9 by typing.
    const at = await page.evaluate(() => (window as unknown as { referat: Referat }).referat.state.meeting.sections.flatMap((s) => s.items).find((i) => i.number === '3.8')!.titleSpan.start);
    await page.evaluate((pos) => (window as unknown as { referat: Referat }).referat.jump(pos), at);
    for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.type('3.9');
    await page.waitForSelector('.outline-item[data-item-number="3.9"] .review-approved');
    expect(await page.$$('.outline-item[data-item-number="3.8"]')).toHaveLength(0);
    expect(await approved()).toEqual(before.map((n) => (n === '3.8' ? '3.9' : n)));

    await page.click('[data-activity="dataset"]');
    await page.click('[data-action="dataset-refresh"]');
    await page.check('.dataset input[name=scope] >> nth=1');
    await page.waitForSelector('.dataset [data-preview-items="12"]');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-action="dataset-download"]')]);
    const zip = unzipSync(new Uint8Array(readFileSync((await download.path())!)));
    const rows = strFromU8(zip[Object.keys(zip).find((n) => n.endsWith('/items.jsonl'))!]!).trim().split('\n').map((l) => JSON.parse(l) as ItemRow);
    expect(rows.find((r) => r.number === '3.9')).toMatchObject({ title: 'Vækst Via Viden 2.0', reviewStatus: 'approved' });
    expect(rows.filter((r) => r.reviewStatus === 'approved').map((r) => r.number)).toEqual(before.map((n) => (n === '3.8' ? '3.9' : n)));
  }, 120_000);
});
