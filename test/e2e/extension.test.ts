/**
 * The real built extension in Debian's Chromium against a fixture copy of kl.dk:
 * badges, previews, the viewer (outline, scrolling, overlays on the right glyphs,
 * deep links) and the handoff to a stand-in editor and to the real built editor.
 */
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GeneratedPdf } from '../fixtures/pdf/generate.ts';
import { readGold } from '../fixtures/pdf/generate.ts';
import { buildExtensionAsync, CLOSED_SCOPE, launchExtension, manifestScope, type ExtensionBrowser } from '../support/extension.ts';
import { serveBuiltEditor, type EditorServer } from '../support/editor.ts';
import { generateSite, KKR_PAGE, KL_HTTP_ORIGIN, KL_ORIGIN, KL_SITE_DIR, serveSite, serveStandInEditor, SITE_DOCUMENTS, type Served, type Site } from '../support/kl-site.ts';

const SHOTS = process.env.REFERAT_SCREENSHOTS ? path.resolve(process.env.REFERAT_SCREENSHOTS) : null;
const MINUTES_2020 = SITE_DOCUMENTS[0]!;
const MINUTES_2024 = SITE_DOCUMENTS[1]!;

let site: Site;
let editor: Served;
let realEditor: EditorServer | undefined;
let browser: ExtensionBrowser;
let layouts: Map<string, GeneratedPdf>;
let extension: string | undefined;

beforeAll(async () => {
  extension = await buildExtensionAsync();
  layouts = await generateSite();
  site = await serveSite();
  editor = await serveStandInEditor();
  browser = await launchExtension(site.port, extension);
}, 180_000);

afterAll(async () => {
  await browser?.context.close();
  await site?.close();
  await editor?.close();
  await realEditor?.close();
  if (extension) rmSync(extension, { recursive: true, force: true });
});

const goldItems = (seed: string) => (readGold(seed).sections ?? []).flatMap((s) => s.items.map((i) => ({ number: i.number, title: i.title })));
const viewerUrl = (sitePath: string, hash = '') => browser.url(`viewer.html?file=${encodeURIComponent(KL_ORIGIN + sitePath)}${hash}`);

async function openViewer(sitePath: string, hash = '', viewport = { width: 1400, height: 1000 }): Promise<Page> {
  const page = await browser.context.newPage();
  await page.setViewportSize(viewport);
  await page.goto(viewerUrl(sitePath, hash));
  // The whole document parsed (a long one shows its first pages' structure before).
  await page.locator('.viewer[data-complete="true"]').waitFor({ timeout: 60_000 });
  return page;
}

/** Is the element at least partly inside the pages scroller's visible area? */
async function visibleInPages(page: Page, selector: string): Promise<boolean> {
  return page.evaluate((sel) => {
    const scroller = document.querySelector('.pages')!.getBoundingClientRect();
    const r = document.querySelector(sel)?.getBoundingClientRect();
    return !!r && r.bottom > scroller.top && r.top < scroller.bottom;
  }, selector);
}

describe('the built extension', () => {
  it('reaches kl.dk over https only and lets only kl.dk load its viewer, in no frame', () => {
    expect(manifestScope(extension!)).toEqual(CLOSED_SCOPE);
  });
});

describe('on kl.dk', () => {
  it('puts badges on minutes and agenda links only', async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1100, height: 900 });
    await page.goto(`${KL_ORIGIN}${KKR_PAGE}`);
    const badges = page.locator('[data-referat-badge]');
    await expect.poll(() => badges.count(), { timeout: 15_000 }).toBe(4);
    const urls = await badges.evaluateAll((els) => els.map((e) => e.getAttribute('data-referat-url')));
    const expected = SITE_DOCUMENTS.filter((d) => d.badge).map((d) => KL_ORIGIN + d.path);
    expect(new Set(urls)).toEqual(new Set(expected));
    // Each badge sits right after the link it marks.
    const pairs = await badges.evaluateAll((els) => els.map((e) => [(e.previousElementSibling as HTMLAnchorElement | null)?.href, e.getAttribute('data-referat-url')]));
    for (const [href, url] of pairs) expect(href).toBe(url);
    expect(await badges.evaluateAll((els) => els.map((e) => e.getAttribute('data-referat-badge')).sort())).toEqual(['dagsorden', 'referat', 'referat', 'referat']);
    // The news page mentions "referat" but is no PDF: no badge there either.
    await page.goto(`${KL_ORIGIN}/nyheder/2020/kkr-nordjylland-droeftede-socialaftalen/`);
    await page.waitForTimeout(500);
    expect(await page.locator('[data-referat-badge]').count()).toBe(0);
    await page.close();
  });

  it('previews a document on hover with the right items', async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1000, height: 760 });
    await page.goto(`${KL_ORIGIN}${KKR_PAGE}`);
    const badge = page.locator(`[data-referat-badge][data-referat-url="${KL_ORIGIN}${MINUTES_2020.path}"]`);
    await badge.locator('button').hover();
    const items = badge.locator('[data-referat-preview] li[data-item-number]');
    const gold = goldItems(MINUTES_2020.seed);
    await expect.poll(() => items.count(), { timeout: 30_000 }).toBe(gold.length);
    const shown = await items.evaluateAll((els) => els.map((e) => ({ number: e.getAttribute('data-item-number'), text: e.textContent })));
    shown.forEach((s, i) => {
      expect(s.number).toBe(gold[i]!.number);
      expect(s.text).toBe(`${gold[i]!.number} ${gold[i]!.title}`);
    });
    await expect.poll(() => badge.locator('[data-referat-preview]').textContent()).toContain('KKR Nordjylland');
    expect(await badge.locator('[data-referat-preview] [data-date]').getAttribute('data-date')).toBe('2020-09-04');
    if (SHOTS) {
      mkdirSync(SHOTS, { recursive: true });
      await page.screenshot({ path: path.join(SHOTS, 'kl-page-badges.png') });
    }
    // Focus shows it too (keyboard users), from the cache.
    const other = page.locator(`[data-referat-badge][data-referat-url="${KL_ORIGIN}${MINUTES_2024.path}"]`);
    await other.locator('button').focus();
    await expect.poll(() => other.locator('[data-referat-preview] li[data-item-number]').count(), { timeout: 30_000 }).toBe(goldItems(MINUTES_2024.seed).length);
    await page.close();
  });

  it('opens the viewer from a badge', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${KL_ORIGIN}${KKR_PAGE}`);
    const opened = browser.context.waitForEvent('page', { timeout: 15_000 });
    await page.locator(`[data-referat-badge][data-referat-url="${KL_ORIGIN}${MINUTES_2020.path}"] button`).click();
    const viewer = await opened;
    await viewer.waitForLoadState();
    expect(viewer.url()).toBe(viewerUrl(MINUTES_2020.path));
    await viewer.close();
    await page.close();
  });
});

describe('minutes known from their link text only', () => {
  // Its file name says neither "referat" nor "dagsorden"; the link text does.
  const pdfUrl = `${KL_ORIGIN}${MINUTES_2024.path}`;

  it('open in the viewer when the link is clicked, and when visited directly', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${KL_ORIGIN}${KKR_PAGE}`);
    await page.locator(`[data-referat-badge][data-referat-url="${pdfUrl}"]`).waitFor({ timeout: 15_000 });
    // The content script reports the link; the background adds its redirect (give it a moment on a slow machine).
    const viewerOf = browser.url(`viewer.html?file=${encodeURIComponent(pdfUrl)}`);
    await expect
      .poll(
        async () => {
          await page.goto(`${KL_ORIGIN}${KKR_PAGE}`);
          await Promise.all([page.waitForURL(/viewer\.html/, { timeout: 3_000 }).catch(() => undefined), page.locator(`a[href="${MINUTES_2024.path}"]`).click()]);
          return page.url();
        },
        { timeout: 30_000 },
      )
      .toBe(viewerOf);
    await page.locator('.viewer[data-complete="true"]').waitFor({ timeout: 60_000 });
    expect(await page.locator('.outline li[data-item-number]').count()).toBe(goldItems(MINUTES_2024.seed).length);
    // Typed or followed from elsewhere: the viewer too, and the native view is still there.
    await page.goto('about:blank');
    await page.goto(pdfUrl).catch(() => undefined);
    await page.waitForURL(/viewer\.html/, { timeout: 15_000 });
    expect(page.url()).toBe(viewerOf);
    expect(await page.locator('a.native').getAttribute('href')).toBe(`${pdfUrl}?referat-native=1`);
    await page.close();
  });
});

/**
 * The KKR fixture page in a tab, and the toolbar popup for it. A popup asks for the active
 * tab; opened as a page it would be that tab, so it is told which tab to look at, as the
 * browser's own popup would find it.
 */
async function popupForKkrPage() {
  const tab = await browser.context.newPage();
  await tab.goto(`${KL_ORIGIN}${KKR_PAGE}`);
  await tab.locator('[data-referat-badge]').first().waitFor({ timeout: 15_000 });
  const popup = await browser.context.newPage();
  await popup.goto(browser.url('popup.html'));
  const tabId = await popup.evaluate(async (url) => {
    const tabs = await (globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id: number; url: string }[]> } } }).chrome.tabs.query({});
    return tabs.find((t) => t.url === url)?.id ?? null;
  }, `${KL_ORIGIN}${KKR_PAGE}`);
  expect(tabId).not.toBeNull();
  await popup.goto(browser.url(`popup.html?tab=${tabId}`));
  return { site: tab, popup };
}

describe('the toolbar popup', () => {
  it('lists the minutes on the current kl.dk tab', async () => {
    const { site, popup } = await popupForKkrPage();
    const items = popup.locator('li[data-kind]');
    await expect.poll(() => items.count(), { timeout: 15_000 }).toBe(4);
    expect(await items.locator('.file').allTextContents()).toContain('Referat fra møde i KKR Nordjylland den 4. september 2020');
    const opened = browser.context.waitForEvent('page', { timeout: 15_000 });
    await items.first().locator('button.open').click();
    const viewer = await opened;
    await viewer.waitForLoadState();
    expect(viewer.url()).toContain('viewer.html?file=');
    await viewer.close();
    await site.close();
  });
});

describe('opening a kl.dk minutes PDF directly', () => {
  it('lands in the viewer, and the option turns that off', async () => {
    const page = await browser.context.newPage();
    const pdfUrl = `${KL_ORIGIN}${MINUTES_2020.path}`;
    // The redirect rule is installed when the background starts; give it a moment on a slow machine.
    await expect
      .poll(
        async () => {
          await page.goto(pdfUrl).catch(() => undefined);
          return page.url();
        },
        { timeout: 20_000 },
      )
      .toBe(browser.url(`viewer.html?file=${pdfUrl}`));
    await page.locator('.outline li[data-item-number]').first().waitFor({ timeout: 60_000 });
    expect(await page.locator('a.native').getAttribute('href')).toBe(`${pdfUrl}?referat-native=1`);
    // Other PDFs are left alone.
    const other = `${KL_ORIGIN}/media/20111/forretningsorden-for-kkr-nordjylland.pdf`;
    await page.goto(other).catch(() => undefined);
    expect(page.url()).not.toContain('viewer.html');
    // Off in the options: the PDF opens as the browser would.
    const options = await browser.context.newPage();
    await options.goto(browser.url('options.html'));
    await options.locator('input[name="redirect"]').uncheck();
    await expect.poll(() => options.locator('.status').textContent()).not.toBe('');
    await expect
      .poll(
        async () => {
          await page.goto(pdfUrl).catch(() => undefined);
          return page.url();
        },
        { timeout: 20_000 },
      )
      .not.toContain('viewer.html');
    await options.locator('input[name="redirect"]').check();
    await options.close();
    await page.close();
  });
});

describe('the viewer', () => {
  it('refuses PDFs from anywhere but https://www.kl.dk, in one line, without fetching them', async () => {
    const page = await browser.context.newPage();
    const probes = [`http://127.0.0.1:${site.port}${MINUTES_2020.path}?probe=loopback`, `${KL_HTTP_ORIGIN}${MINUTES_2020.path}?probe=plain-http`];
    for (const url of probes) {
      // Encoded (as the extension writes it) and raw (as a redirect or a hand-made link would).
      for (const given of [encodeURIComponent(url), url]) {
        await page.goto(browser.url(`viewer.html?file=${given}`));
        const refused = page.locator('.error.refused');
        await refused.waitFor({ timeout: 15_000 });
        expect(await refused.textContent()).toBe(`Åbner kun PDF’er fra https://www.kl.dk, ikke ${url}`);
        await page.waitForLoadState('networkidle');
        expect(await page.locator('.page').count()).toBe(0);
      }
    }
    // The fixture server (which answers loopback and plain http as well) never saw a request for them.
    expect(site.requests.filter((r) => r.path.includes('probe='))).toEqual([]);
    // What the person picks from their own disk opens, without a request either.
    const before = site.requests.length;
    await page.locator('.pick input[type="file"]').setInputFiles(path.join(KL_SITE_DIR, MINUTES_2020.path));
    await page.locator('.viewer[data-complete="true"]').waitFor({ timeout: 60_000 });
    expect(await page.locator('.outline li[data-item-number]').count()).toBe(goldItems(MINUTES_2020.seed).length);
    expect(await page.locator('.refused').count()).toBe(0);
    expect(await page.locator('a.native').count()).toBe(0);
    expect(site.requests.slice(before)).toEqual([]);
    await page.close();
  });

  it('cannot be framed, even by kl.dk, nor loaded by any other site', async () => {
    const viewer = browser.url(`viewer.html?file=${encodeURIComponent(KL_ORIGIN + MINUTES_2020.path)}`);
    const frame = async (page: Page) => {
      await page.evaluate(
        (src) =>
          new Promise<void>((resolve) => {
            const f = document.createElement('iframe');
            f.addEventListener('load', () => resolve(), { once: true });
            f.src = src;
            document.body.append(f);
          }),
        viewer,
      );
      return Promise.all(page.frames().filter((f) => f !== page.mainFrame()).map((f) => f.locator('.viewer').count()));
    };
    // kl.dk may reach the viewer (for the redirect), but frame-ancestors 'none' keeps it out of frames.
    const kl = await browser.context.newPage();
    await kl.goto(`${KL_ORIGIN}${KKR_PAGE}`);
    expect(await frame(kl)).toEqual([0]);
    await kl.close();
    // Another site (here the stand-in editor on loopback) cannot load it at all.
    const other = await browser.context.newPage();
    await other.goto(`http://127.0.0.1:${editor.port}/`);
    expect(await frame(other)).toEqual([0]);
    expect(await other.evaluate((src) => fetch(src).then(() => 'loaded', () => 'refused'), viewer)).toBe('refused');
    await other.close();
  });

  it('names what went wrong in one line', async () => {
    const page = await browser.context.newPage();
    await page.goto(viewerUrl('/media/0/referat-findes-ikke.pdf'));
    const error = page.locator('.error');
    await error.waitFor({ timeout: 15_000 });
    expect(await error.textContent()).toMatch(/answered 404/);
    await page.goto(viewerUrl(`${KKR_PAGE}?as=.pdf`));
    await error.waitFor({ timeout: 15_000 });
    expect(await error.textContent()).toMatch(/not a PDF file/);
    await page.close();
  });

  for (const doc of SITE_DOCUMENTS.filter((d) => d.badge && !d.path.includes('dagsorden'))) {
    it(`outlines every gold item in order (${doc.seed})`, async () => {
      const page = await openViewer(doc.path);
      const gold = goldItems(doc.seed);
      const entries = page.locator('.outline li[data-item-number]');
      await expect.poll(() => entries.count()).toBe(gold.length);
      const shown = await entries.evaluateAll((els) => els.map((e) => ({ number: e.getAttribute('data-item-number'), title: e.querySelector('.title')?.textContent })));
      expect(shown).toEqual(gold);
      await page.close();
    });
  }

  it('scrolls to an item’s page when its outline entry is clicked', async () => {
    const page = await openViewer(MINUTES_2020.path);
    const pdf = layouts.get(MINUTES_2020.path)!;
    const last = goldItems(MINUTES_2020.seed).at(-1)!.number;
    const pageOf = pdf.pages.find((p) => p.anchors.some((a) => a.level === 2 && a.number === last))!.number;
    expect(await visibleInPages(page, `#page-${pageOf}`)).toBe(false);
    await page.locator('#page-1[data-rendered="true"]').waitFor({ timeout: 30_000 });
    await page.locator(`.outline li[data-item-number="${last}"] .entry`).click();
    await expect.poll(() => visibleInPages(page, `#page-${pageOf}`)).toBe(true);
    await expect.poll(() => visibleInPages(page, `#page-${pageOf} [data-kind="item"][data-item-number="${last}"]`)).toBe(true);
    await page.locator(`#page-${pageOf}[data-rendered="true"]`).waitFor({ timeout: 30_000 });
    expect(new URL(page.url()).hash).toBe(`#item=${last}`);
    // Pages render lazily and are let go far from view: page 1 (drawn at first) is gone, not every page
    // has been drawn, and the visible one has a text layer for selection and find.
    await expect.poll(() => page.locator('#page-1[data-rendered="true"]').count()).toBe(0);
    expect(await page.locator('#page-1 canvas').count()).toBe(0);
    expect(await page.locator('.page[data-rendered="true"]').count()).toBeLessThan(pdf.pages.length);
    await expect.poll(() => page.locator(`#page-${pageOf} .textLayer span`).count()).toBeGreaterThan(5);
    // Keyboard: k goes to the item before.
    await page.locator('.pages').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('k');
    const all = goldItems(MINUTES_2020.seed).map((i) => i.number);
    await expect.poll(() => new URL(page.url()).hash).toBe(`#item=${all.at(-2)}`);
    await page.close();
  });

  it('draws item and case overlays on the glyphs they mark', async () => {
    const page = await openViewer(MINUTES_2020.path);
    const pdf = layouts.get(MINUTES_2020.path)!;
    let checked = 0;
    for (const p of pdf.pages) {
      const items = p.anchors.filter((a) => a.level === 2);
      if (!items.length) continue;
      await page.locator(`#page-${p.number}`).scrollIntoViewIfNeeded();
      const canvas = page.locator(`#page-${p.number} canvas.page-canvas`);
      await canvas.waitFor({ timeout: 30_000 });
      const c = (await canvas.boundingBox())!;
      const s = c.width / 595.28;
      const height = 841.89;
      for (const a of items) {
        const run = p.runs.find((r) => r.role === 'item' && (r.text.startsWith(`${a.number}. `) || r.text.startsWith(`${a.number} `)))!;
        expect(run, `heading run of ${a.number} on page ${p.number}`).toBeTruthy();
        const ov = (await page.locator(`#page-${p.number} [data-kind="item"][data-item-number="${a.number}"]`).first().boundingBox())!;
        expect(ov, `item overlay ${a.number}`).toBeTruthy();
        const left = c.x + run.x * s;
        const baseline = c.y + (height - run.y) * s;
        const capTop = baseline - run.size * 0.7 * s;
        // The box starts at the heading's first glyph, spans the baseline and the capitals, and is as wide as the run (or wider, for a title on two lines).
        expect(Math.abs(ov.x - left), `left edge of ${a.number}`).toBeLessThan(4 * s);
        expect(ov.y, `top of ${a.number}`).toBeLessThanOrEqual(capTop);
        expect(ov.y + ov.height, `bottom of ${a.number}`).toBeGreaterThanOrEqual(baseline);
        // A title may run over several lines: the heading runs that follow this one.
        const at = p.runs.indexOf(run);
        let lines = 1;
        while (p.runs[at + lines]?.role === 'item') lines++;
        expect(ov.height, `height of ${a.number}`).toBeLessThan((run.size * 2 + (lines - 1) * 14.5) * s);
        expect(ov.width).toBeGreaterThanOrEqual(run.width * s * 0.95);
        const caseRun = p.runs.find((r) => r.role === 'case' && r.y < run.y && r.y > run.y - 60);
        const caseOv = await page.locator(`#page-${p.number} [data-kind="case"][data-item-number="${a.number}"]`).first().boundingBox();
        if (caseRun && caseOv) {
          const cb = c.y + (height - caseRun.y) * s;
          expect(caseOv.y).toBeLessThanOrEqual(cb - caseRun.size * 0.6 * s);
          expect(caseOv.y + caseOv.height).toBeGreaterThanOrEqual(cb);
          expect(Math.abs(caseOv.x - (c.x + caseRun.x * s))).toBeLessThan(4 * s);
        }
        checked++;
      }
    }
    expect(checked).toBe(goldItems(MINUTES_2020.seed).length);
    // Fields and decisions are drawn too, with the kinds the tests and styles rely on.
    expect(await page.locator('[data-kind="field"]').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-kind="decision"][data-field="beslutning"]').count()).toBeGreaterThanOrEqual(checked);
    await page.close();
  });

  it('keeps a deep link across a reload', async () => {
    // The size of the README's screenshot.
    const page = await openViewer(MINUTES_2020.path, '#item=3.2', { width: 1200, height: 800 });
    const pdf = layouts.get(MINUTES_2020.path)!;
    const pageOf = pdf.pages.find((p) => p.anchors.some((a) => a.level === 2 && a.number === '3.2'))!.number;
    const selector = `#page-${pageOf} [data-kind="item"][data-item-number="3.2"]`;
    await expect.poll(() => visibleInPages(page, selector)).toBe(true);
    await expect.poll(() => page.locator('.outline li.active').getAttribute('data-item-number')).toBe('3.2');
    await page.reload();
    await page.locator('.viewer[data-complete="true"]').waitFor({ timeout: 60_000 });
    await expect.poll(() => visibleInPages(page, selector)).toBe(true);
    expect(await page.locator('.outline li.active').getAttribute('data-item-number')).toBe('3.2');
    if (SHOTS) {
      await page.locator(`#page-${pageOf}[data-rendered="true"]`).waitFor();
      await page.waitForTimeout(300);
      await page.screenshot({ path: path.join(SHOTS, 'viewer-overlays.png') });
    }
    await page.close();
  });

  it('lists participants and absentees, chips decisions, and cites an item', async () => {
    const page = await openViewer(MINUTES_2024.path);
    const gold = readGold(MINUTES_2024.seed) as { participants?: unknown[]; absent?: unknown[] };
    expect(await page.locator('[data-people="participants"] li').count()).toBe(gold.participants?.length);
    if (gold.absent?.length) expect(await page.locator('[data-people="absent"] li').count()).toBe(gold.absent.length);
    expect(await page.locator('.outline .chip').count()).toBeGreaterThan(goldItems(MINUTES_2024.seed).length / 2);
    const first = goldItems(MINUTES_2024.seed)[0]!;
    await page.locator(`.outline li[data-item-number="${first.number}"] .cite`).click();
    const notice = page.locator('.notice');
    await notice.waitFor();
    expect(await notice.textContent()).toContain(`KKR Nordjylland, Referat 9. februar 2024, punkt ${first.number} "${first.title}", s. `);
    expect(await notice.textContent()).toContain(`${KL_ORIGIN}${MINUTES_2024.path}#item=${first.number}`);
    await page.close();
  });

  it('shows an agenda as an agenda, in English when asked', async () => {
    const options = await browser.context.newPage();
    await options.goto(browser.url('options.html'));
    await options.locator('select[name="lang"]').selectOption('en');
    await expect.poll(() => options.locator('.status').textContent()).toBe('Saved');
    const page = await openViewer(SITE_DOCUMENTS[2]!.path);
    await expect.poll(() => page.locator('.doc-title').textContent()).toBe('KKR Nordjylland · Agenda · 15 October 2021');
    expect(await page.locator('button.send').textContent()).toBe('Send to editor');
    expect(await page.locator('.outline li[data-item-number]').count()).toBe(goldItems(SITE_DOCUMENTS[2]!.seed).length);
    await options.locator('select[name="lang"]').selectOption('da');
    await expect.poll(() => page.locator('button.send').textContent()).toBe('Send til editor');
    await options.close();
    await page.close();
  });

  it('draws fields in the colours chosen in the options', async () => {
    const options = await browser.context.newPage();
    await options.goto(browser.url('options.html'));
    await options.locator('input[name="colour-beslutning"]').fill('#00aa55');
    await expect.poll(() => options.locator('.status').textContent()).not.toBe('');
    const page = await openViewer(MINUTES_2020.path);
    const swatch = page.locator('.legend li[data-field="beslutning"] .swatch');
    await expect.poll(() => swatch.evaluate((e) => getComputedStyle(e).backgroundColor)).toBe('rgb(0, 170, 85)');
    const decision = page.locator('[data-kind="decision"]').first();
    expect(await decision.evaluate((e) => getComputedStyle(e).borderTopColor)).toBe('rgb(0, 170, 85)');
    await options.locator('input[name="colour-beslutning"]').fill('#dc2626');
    await expect.poll(() => decision.evaluate((e) => getComputedStyle(e).borderTopColor)).toBe('rgb(220, 38, 38)');
    await options.close();
    await page.close();
  });

  it('searches items', async () => {
    const page = await openViewer(MINUTES_2020.path);
    await page.locator('.search').fill('efterretning');
    const entries = page.locator('.outline li[data-item-number]');
    await expect.poll(() => entries.count()).toBeGreaterThan(0);
    expect(await entries.count()).toBeLessThan(goldItems(MINUTES_2020.seed).length);
    await page.close();
  });
});

describe('send to editor', () => {
  it('delivers the document to the editor page', async () => {
    const editorUrl = `http://127.0.0.1:${editor.port}/`;
    const options = await browser.context.newPage();
    await options.goto(browser.url('options.html'));
    await options.evaluate((url) => (globalThis as unknown as { chrome: { storage: { sync: { set(v: object): Promise<void> } } } }).chrome.storage.sync.set({ editorUrl: url }), editorUrl);
    await options.close();

    const page = await openViewer(MINUTES_2020.path);
    const opened = browser.context.waitForEvent('page', { timeout: 15_000 });
    await page.locator('button.send').click();
    const editorPage = await opened;
    expect(editorPage.url()).toMatch(new RegExp(`^${editorUrl.replace(/[.:/]/g, '\\$&')}#handoff=[A-Za-z0-9_-]{6,64}$`));
    const result = editorPage.locator('#result');
    await expect.poll(() => result.getAttribute('data-state'), { timeout: 15_000 }).toBe('done');
    const received = await editorPage.evaluate(() => (window as unknown as { received: { document: { url: string; fingerprint: string | null; meeting: { id: string; text?: string; sections: { items: unknown[] }[] }; pdfBase64?: string } } }).received.document);
    expect(received.url).toBe(KL_ORIGIN + MINUTES_2020.path);
    expect(received.meeting.id).toBe('kkr-nordjylland/2020-09-04');
    expect(received.meeting.sections.flatMap((s) => s.items)).toHaveLength(goldItems(MINUTES_2020.seed).length);
    expect(received.meeting.text?.length).toBeGreaterThan(1000);
    expect(received.fingerprint).toMatch(/^[0-9a-f]+$/);
    expect(Buffer.from(received.pdfBase64!, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    // Sending again and again keeps only the last few documents in storage.
    for (let i = 0; i < 4; i++) {
      const next = browser.context.waitForEvent('page', { timeout: 15_000 });
      await page.locator('button.send').click();
      await (await next).close();
    }
    const stored = await page.evaluate(() => (globalThis as unknown as { chrome: { storage: { local: { get(k: null): Promise<Record<string, unknown>> } } } }).chrome.storage.local.get(null));
    expect(Object.keys(stored).filter((k) => k.startsWith('handoff:'))).toHaveLength(3);
    await editorPage.close();
    await page.close();
  });

  it('sends a document from the popup too', async () => {
    const { site, popup } = await popupForKkrPage();
    const entry = popup.locator(`li[data-kind="referat"]`).filter({ hasText: 'den 4. september 2020' });
    const opened = browser.context.waitForEvent('page', { timeout: 30_000 });
    await entry.locator('button.send').click();
    const editorPage = await opened;
    await expect.poll(() => editorPage.locator('#result').getAttribute('data-state'), { timeout: 15_000 }).toBe('done');
    expect(await editorPage.locator('#result').textContent()).toBe(`kkr-nordjylland/2020-09-04 ${KL_ORIGIN}${MINUTES_2020.path}`);
    await editorPage.close();
    await popup.close();
    await site.close();
  });

  it('delivers the document into the real editor: it lands in the library with its outline and source', async () => {
    realEditor = await serveBuiltEditor();
    const options = await browser.context.newPage();
    await options.goto(browser.url('options.html'));
    await options.evaluate((url) => (globalThis as unknown as { chrome: { storage: { sync: { set(v: object): Promise<void> } } } }).chrome.storage.sync.set({ editorUrl: url }), realEditor.url);
    await options.close();

    const page = await openViewer(MINUTES_2024.path);
    const opened = browser.context.waitForEvent('page', { timeout: 15_000 });
    await page.locator('button.send').click();
    const editorPage = await opened;
    const fileName = path.basename(MINUTES_2024.path);
    await editorPage.locator(`.library li[data-file="${fileName}"]`).waitFor({ timeout: 60_000 });
    expect(await editorPage.textContent(`.library li[data-file="${fileName}"] .source`)).toBe('udvidelse');
    await editorPage.locator('.outline-item').first().waitFor();
    const outline = await editorPage.$$eval('.outline-item', (els) => els.map((e) => ({ number: e.getAttribute('data-item-number'), title: e.getAttribute('data-item-title') })));
    expect(outline).toEqual(goldItems(MINUTES_2024.seed));
    expect(await editorPage.textContent('.status-bar .message')).toContain(KL_ORIGIN + MINUTES_2024.path);
    expect(new URL(editorPage.url()).hash).toBe('');
    // The PDF came along: the editor read it again and keeps its text runs, the way back to the pages.
    const kept = await editorPage.evaluate(() => {
      const doc = (window as unknown as { referat: { activeDoc(): { pageRuns: { length: number }; meta: { get(k: string): unknown } } } }).referat.activeDoc();
      return { runs: doc.pageRuns.length, source: doc.meta.get('source') as { url?: string; pdf?: { fingerprint?: string } } };
    });
    expect(kept.runs).toBeGreaterThan(100);
    expect(kept.source).toMatchObject({ url: KL_ORIGIN + MINUTES_2024.path, pdf: { fingerprint: expect.stringMatching(/^[0-9a-f]+$/) } });
    if (SHOTS) await editorPage.screenshot({ path: path.join(SHOTS, 'extension-to-editor.png') });
    await editorPage.close();
    await page.close();
  }, 120_000);

  it('does not answer on a page that is not the configured editor', async () => {
    const page = await browser.context.newPage();
    // Same stand-in page, other loopback name: not the configured origin.
    await page.goto(`http://localhost:${editor.port}/#handoff=abcdef123456`);
    await expect.poll(() => page.locator('#result').getAttribute('data-state'), { timeout: 15_000 }).toBe('timeout');
    await page.close();
  });
});

