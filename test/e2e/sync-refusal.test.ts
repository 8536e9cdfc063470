/**
 * In the built editor (Chromium) against a real sync server with a small message
 * limit: a paste over the limit is not shared, the status bar says so in one line,
 * and what the user types next reaches the workspace.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.ts';
import { runCommand as command, serveBuiltEditor } from '../support/editor.ts';
import { connect, createToken, startServer, stopServer, until, type ServerProcess } from '../support/sync.ts';

const WAIT = { timeout: 60_000 };
const LIMIT = 1024 * 1024;

let browser: Browser;
let editor: { url: string; close(): Promise<void> };
let sync: ServerProcess;
let dataDir: string;
let token: string;
let page: Page;

type Referat = { referat: { state: { active: string }; view: { state: { doc: { toString(): string; length: number } }; dispatch(tr: unknown): void } } };


beforeAll(async () => {
  editor = await serveBuiltEditor();
  dataDir = mkdtempSync(path.join(tmpdir(), 'referat-e2e-refusal-'));
  token = createToken(dataDir, 'local');
  sync = await startServer(dataDir, 0, { SYNC_MAX_MESSAGE_BYTES: String(LIMIT) });
  browser = await launchBrowser();
  const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  page = await ctx.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(editor.url);
  await page.waitForSelector('html[data-ready]', WAIT);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await editor?.close();
  if (sync) await stopServer(sync);
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

it('reports a paste over the limit in the status bar, and keeps syncing what is typed after it', async () => {
  await page.waitForSelector('.library li[data-file]', WAIT);
  await page.click('.library li[data-file] >> nth=0');
  await page.waitForSelector('.outline-item', WAIT);
  const docId = await page.evaluate(() => (window as unknown as Referat).referat.state.active);
  await command(page, 'Skift brugernavn', [['Bruger', 'Anna Holm']]);
  await command(page, 'Forbind til synkroniseringsserver', [
    ['Synkroniseringsserverens adresse', sync.url],
    ['Arbejdsområde', 'local'],
    ['Adgangsnøgle (token)', token],
  ]);
  await command(page, 'Del i arbejdsområdet');
  await page.waitForSelector('.status-bar .sync[data-sync="synced"]', WAIT);
  const before = await page.evaluate(() => (window as unknown as Referat).referat.view.state.doc.toString());

  // A paste of 1.5 MB at the end, as one change.
  await page.evaluate((n) => {
    const view = (window as unknown as Referat).referat.view;
    view.dispatch({ changes: { from: view.state.doc.length, insert: `\n${'Bilag. '.repeat(n)}` } });
  }, Math.ceil((1.5 * LIMIT) / 7));
  const line = await page.waitForSelector('.status-bar [data-sync-refused="message-too-large"]', WAIT);
  if (process.env.REFERAT_SCREENSHOTS) await page.screenshot({ path: path.join(process.env.REFERAT_SCREENSHOTS, 'sync-refused.png') });
  const said = (await line.textContent()) ?? '';
  expect(said).toBe('Ikke delt: ændringen på 1,5 MB er over arbejdsområdets grænse på 1 MB; den er fortrudt her.');
  await page.waitForFunction((t) => (window as unknown as Referat).referat.view.state.doc.toString() === t, before, WAIT);

  // Typing goes on, and reaches the workspace.
  await page.evaluate(() => {
    const view = (window as unknown as Referat).referat.view;
    view.dispatch({ changes: { from: view.state.doc.length, insert: '\nRettet efter afvisningen.' } });
  });
  await page.waitForSelector('.status-bar .sync[data-sync="synced"]', WAIT);
  const reader = connect(sync.url, `local/${docId}`, token);
  await until(() => reader.doc.getText('text').toString().endsWith('Rettet efter afvisningen.'), 'the typed line on the server', 30_000);
  expect(reader.doc.getText('text').toString()).not.toContain('Bilag. Bilag.');
  reader.destroy();
}, 180_000);
