/**
 * The extension's viewer reads scanned pages with OCR: seed 000's minutes with
 * two pages replaced by their scans (pdftoppm at 150 dpi, no text layer),
 * served by the fixture kl.dk. The sidebar shows how far OCR has come, in the
 * interface's language, and the outline comes out as the gold has it; OCR's
 * worker, core and model come from the extension itself.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMinutesPdf, readGold, readSeed, type GeneratedPdf } from '../fixtures/pdf/generate.ts';
import { scanPdf } from '../fixtures/pdf/scanned.ts';
import { buildExtensionAsync, launchExtension, type ExtensionBrowser } from '../support/extension.ts';
import { addSitePdf, KL_ORIGIN, KL_SITE_DIR, serveSite, type Site } from '../support/kl-site.ts';

const SEED = '000_0c2e4851483b96f9';
const SCREENSHOTS = process.env.REFERAT_SCREENSHOTS; // a directory to save screenshots in, when set
const SITE_PATH = '/media/99998/referat-kkr-nordjylland-scannet.pdf';
/** A kl.dk page linking the scanned PDF, for the badge's preview. */
const PAGE_PATH = '/kkr/kkr-nordjylland/scannede-referater/';

let site: Site;
let browser: ExtensionBrowser;
let extension: string | undefined;
let pdf: GeneratedPdf;
let scanned: number[];

beforeAll(async () => {
  pdf = await buildMinutesPdf(readSeed(`${SEED}.txt`), { gold: readGold(`${SEED}.txt`) });
  const pageOf = (n: string) => pdf.pages.find((p) => p.anchors.some((a) => a.level === 2 && a.number === n))!.number;
  scanned = [...new Set([pageOf('3.1'), pageOf('3.5')])].sort((a, b) => a - b);
  addSitePdf(SITE_PATH, await scanPdf(pdf.bytes, { dpi: 150, pages: scanned }));
  addSitePdf(`${PAGE_PATH}index.html`, new TextEncoder().encode(`<!doctype html><html lang="da"><head><meta charset="utf-8"><title>Scannede referater</title></head><body><main><h1>Scannede referater</h1><ul><li><a href="${SITE_PATH}">Referat KKR Nordjylland (scannet)</a></li></ul></main></body></html>`));
  extension = await buildExtensionAsync();
  site = await serveSite();
  browser = await launchExtension(site.port, extension);
}, 240_000);

afterAll(async () => {
  await browser?.context.close();
  await site?.close();
  if (extension) rmSync(extension, { recursive: true, force: true });
  rmSync(path.join(KL_SITE_DIR, SITE_PATH), { force: true });
  rmSync(path.join(KL_SITE_DIR, PAGE_PATH), { recursive: true, force: true });
});

describe('a scanned PDF in the viewer', { timeout: 300_000 }, () => {
  it('shows OCR progress page by page, then the gold outline', async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1400, height: 1000 });
    const outside: string[] = [];
    page.on('request', (r) => {
      if (!/^(chrome-extension|data|blob):/.test(r.url()) && r.url() !== KL_ORIGIN + SITE_PATH) outside.push(r.url());
    });
    await page.goto(browser.url(`viewer.html?file=${encodeURIComponent(KL_ORIGIN + SITE_PATH)}`));
    const progress = page.locator('.ocr-progress');
    await progress.waitFor({ timeout: 120_000 });
    expect(await progress.textContent()).toMatch(new RegExp(`^Læser scannede sider \\(OCR\\): [01]/${scanned.length}`));
    await page.locator('.viewer[data-complete="true"]').waitFor({ timeout: 240_000 });
    expect(await progress.count()).toBe(0);
    // Dashes compared as the scorer compares them: OCR reads an en dash as a hyphen.
    const dashes = (s: string | null | undefined) => (s ?? '').replace(/[–—]/g, '-');
    const gold = (readGold(`${SEED}.txt`).sections ?? []).flatMap((s) => s.items.map((i) => `${i.number} ${dashes(i.title)}`));
    const shown = await page.locator('.outline li[data-item-number]').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-item-number')} ${e.querySelector('.title')?.textContent}`));
    expect(shown.map(dashes)).toEqual(gold);
    expect(outside).toEqual([]);
    await page.close();
  });
});

describe('a scanned PDF in the badge preview', { timeout: 120_000 }, () => {
  it('says which pages are scanned and left for the viewer, and lists the items on the others', async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1000, height: 760 });
    await page.goto(`${KL_ORIGIN}${PAGE_PATH}`);
    const badge = page.locator(`[data-referat-badge][data-referat-url="${KL_ORIGIN}${SITE_PATH}"]`);
    await badge.locator('button').hover();
    const note = badge.locator('[data-referat-preview] [data-scanned-pages]');
    await note.waitFor({ timeout: 60_000 });
    expect(await note.getAttribute('data-scanned-pages')).toBe(scanned.join(', '));
    expect(await note.textContent()).toBe(`Side ${scanned.join(', ')} er scannet: åbn dokumentet for at læse ${scanned.length === 1 ? 'den' : 'dem'} med OCR`);
    // The items whose headings stand on text pages are there; those on the scanned pages are not read here.
    const shown = await badge.locator('[data-referat-preview] li[data-item-number]').evaluateAll((els) => els.map((e) => e.getAttribute('data-item-number')));
    expect(shown.length).toBeGreaterThan(0);
    expect(shown).not.toContain('3.1');
    if (SCREENSHOTS) await page.screenshot({ path: path.join(SCREENSHOTS, 'kl-page-scanned-preview.png') });
    await page.close();
  });
});
