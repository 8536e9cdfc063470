/**
 * The editor reads scanned pages with OCR: seed 000's PDF with two pages
 * replaced by their scans (pdftoppm at 150 dpi, no text layer), imported
 * through the file input. The explorer shows how far OCR has come, in the
 * interface's language, and the outline comes out as the gold has it, with
 * the items on the scanned pages outlined on the rendered page like any other.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { serveBuiltEditor, setUserName } from '../support/editor.ts';
import { launchBrowser } from '../support/browser.ts';
import { buildMinutesPdf, readGold, readSeed, type GeneratedPdf } from '../fixtures/pdf/generate.ts';
import { scanPdf } from '../fixtures/pdf/scanned.ts';

const SEED = '000_0c2e4851483b96f9';

let browser: Browser;
let server: { url: string; close(): Promise<void> };
let page: Page;
let workDir: string;
let pdf: GeneratedPdf;
let scanned: number[];

beforeAll(async () => {
  pdf = await buildMinutesPdf(readSeed(`${SEED}.txt`), { gold: readGold(`${SEED}.txt`) });
  // The pages of items 3.1 and 3.5, scanned.
  const pageOf = (n: string) => pdf.pages.find((p) => p.anchors.some((a) => a.level === 2 && a.number === n))!.number;
  scanned = [...new Set([pageOf('3.1'), pageOf('3.5')])].sort((a, b) => a - b);
  workDir = mkdtempSync(path.join(tmpdir(), 'referat-e2e-editor-ocr-'));
  writeFileSync(path.join(workDir, 'scannet-referat.pdf'), await scanPdf(pdf.bytes, { dpi: 150, pages: scanned }));
  server = await serveBuiltEditor();
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  page = await context.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(server.url);
  await page.waitForSelector('html[data-ready]');
  await setUserName(page, 'Olga OCR');
  await page.waitForSelector('.library li[data-file]');
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe('a scanned PDF in the editor', { timeout: 300_000 }, () => {
  it('shows OCR progress page by page, then the gold outline', async () => {
    // OCR's worker, core and model come from the editor's own origin, never from a CDN.
    const outside: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(server.url) && !/^(data|blob):/.test(r.url())) outside.push(r.url());
    });
    await page.setInputFiles('input[type=file]', [path.join(workDir, 'scannet-referat.pdf')]);
    const progress = await page.waitForSelector('.ocr-progress', { timeout: 60_000 });
    expect(await progress.textContent()).toMatch(new RegExp(`^Læser scannede sider \\(OCR\\): [01]/${scanned.length}`));
    expect(await progress.getAttribute('aria-label')).toBe('Læser de scannede sider i scannet-referat.pdf');
    await page.waitForSelector('.library li[data-file="scannet-referat.pdf"]', { timeout: 240_000 });
    await page.waitForSelector('.ocr-progress', { state: 'detached' });
    await page.waitForFunction(() => document.querySelector('.tab.active')?.textContent?.includes('2020'));
    const gold = readGold(`${SEED}.txt`) as unknown as { sections: { items: { number: string; title: string }[] }[] };
    const outline = await page.$$eval('.outline-item', (els) => els.map((e) => `${e.getAttribute('data-item-number')} ${e.getAttribute('data-item-title')}`));
    // Dashes compared as the scorer compares them: OCR reads an en dash as a hyphen.
    const dashes = (s: string) => s.replace(/[–—]/g, '-');
    expect(outline.map(dashes)).toEqual(gold.sections.flatMap((s) => s.items.map((i) => dashes(`${i.number} ${i.title}`))));
    expect(outside).toEqual([]);
  });

  it('outlines an item of a scanned page on the rendered page', async () => {
    await page.keyboard.press('Control+Alt+P');
    await page.waitForSelector('.page-pane');
    await page.click('.outline-item[data-item-number="3.5"]');
    const onPage = scanned.at(-1)!;
    await page.waitForSelector(`.page-pane[data-page="${onPage}"] .pp-page[data-rendered="true"] .pp-title`, { timeout: 60_000 });
    const [title, canvas] = await Promise.all([page.locator('.pp-title').first().boundingBox(), page.locator('.pp-page canvas').boundingBox()]);
    expect(title!.y).toBeGreaterThan(canvas!.y);
    expect(title!.x).toBeGreaterThan(canvas!.x);
    expect(title!.width).toBeGreaterThan(20);
    expect(title!.x + title!.width).toBeLessThan(canvas!.x + canvas!.width);
  });
});
