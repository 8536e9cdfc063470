/**
 * The extension's viewer repairs OCR damage word by word, as the CLI and the
 * editor do: a PDF whose text layer lost æ, ø and å on some lines opens with its
 * item titles as printed and its repaired words among the parser's notes; a
 * clean PDF opens as printed, with no such note. The real build in Chromium,
 * PDFs picked from disk (no network).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMinutesPdf, readGold, readSeed } from '../fixtures/pdf/generate.ts';
import { buildExtensionAsync, launchExtension, type ExtensionBrowser } from '../support/extension.ts';
import { damagePartly, TABLES } from '../support/ocr-partial.ts';

const SEED = '000_0c2e4851483b96f9';
let extension: string;
let browser: ExtensionBrowser;
let dir: string;

beforeAll(async () => {
  extension = await buildExtensionAsync();
  // No kl.dk here: the PDFs are picked from disk.
  browser = await launchExtension(9, extension);
  dir = mkdtempSync(path.join(tmpdir(), 'referat-viewer-ocr-'));
}, 240_000);

afterAll(async () => {
  await browser?.context.close();
  if (extension) rmSync(extension, { recursive: true, force: true });
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const norm = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();
const goldTitles = () => (readGold(SEED).sections ?? []).flatMap((s) => s.items.map((i) => norm(i.title)));

/** Opens `bytes` in the viewer as a picked file; the titles of its outline and its notes on OCR-damaged words. */
async function openPicked(name: string, bytes: Uint8Array): Promise<{ titles: string[]; ocrNotes: number; page: Page }> {
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  const page = await browser.context.newPage();
  await page.goto(browser.url('viewer.html'));
  await page.locator('.pick input[type="file"]').setInputFiles(file);
  await page.locator('.viewer[data-complete="true"]').waitFor({ timeout: 90_000 });
  const titles = (await page.locator('.outline li[data-item-number] .title').allTextContents()).map(norm);
  // "»mgde« ligner OCR-skade af »møde«" (or the English, by the interface's language).
  const ocrNotes = (await page.locator('.diagnostics li').allTextContents()).filter((t) => /OCR-skade|OCR damage/.test(t)).length;
  return { titles, ocrNotes, page };
}

describe('OCR repair in the viewer', () => {
  it('a partly damaged PDF shows its titles as printed, its damaged words noted', async () => {
    const damaged = damagePartly(readSeed(SEED), TABLES[0]!, 'lines', 0.5, 11);
    const pdf = await buildMinutesPdf(damaged, { gold: readGold(SEED) });
    const { titles, ocrNotes, page } = await openPicked('partly-damaged.pdf', pdf.bytes);
    const gold = goldTitles();
    expect(titles).toHaveLength(gold.length);
    const right = titles.filter((t, i) => t === gold[i]).length;
    // Without repair, half of the lines lost their æ, ø and å: many titles would be wrong.
    expect(right / gold.length).toBeGreaterThanOrEqual(0.97);
    expect(ocrNotes).toBeGreaterThan(10);
    await page.close();
  }, 180_000);

  it('a clean PDF opens as printed, nothing taken for OCR damage', async () => {
    const pdf = await buildMinutesPdf(readSeed(SEED), { gold: readGold(SEED) });
    const { titles, ocrNotes, page } = await openPicked('clean.pdf', pdf.bytes);
    expect(titles).toEqual(goldTitles());
    expect(ocrNotes).toBe(0);
    await page.close();
  }, 180_000);
});
