/** The built extension in Chromium, for end-to-end tests and the bench. */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext } from 'playwright-core';
import { launchWithExtension } from './browser.ts';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CHROME_BUILD = path.join(ROOT, '.output/chrome-mv3');

/**
 * `wxt build` (Chrome MV3) into .output/chrome-mv3, then a private copy of it to
 * load, so another build running meanwhile (a second test run, the bench) cannot
 * swap files under the browser. Throws with WXT's output when the build fails.
 */
export function buildExtension(): string {
  for (let attempt = 1; ; attempt++) {
    const run = spawnSync('npx', ['wxt', 'build'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    if (run.status !== 0) throw new Error(`wxt build failed (${run.status}):\n${run.stdout}\n${run.stderr}`);
    const copy = mkdtempSync(path.join(tmpdir(), 'referat-extension-'));
    try {
      cpSync(CHROME_BUILD, copy, { recursive: true });
      if (existsSync(path.join(copy, 'manifest.json'))) return copy;
    } catch (e) {
      if (attempt >= 3) throw e;
    }
    if (attempt >= 3) throw new Error(`${CHROME_BUILD} has no manifest.json after wxt build`);
  }
}

export interface ExtensionBrowser {
  context: BrowserContext;
  /** The extension's id: its pages are chrome-extension://ID/<page>.html. */
  id: string;
  url(page: string): string;
}

/** Chromium with the built extension; `sitePort` serves www.kl.dk (see kl-site.ts). */
export async function launchExtension(sitePort: number, extensionDir: string): Promise<ExtensionBrowser> {
  const context = await launchWithExtension(extensionDir, [`--host-resolver-rules=MAP www.kl.dk:80 127.0.0.1:${sitePort}`, '--window-size=1400,1000']);
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
  const id = worker.url().split('/')[2]!;
  return { context, id, url: (page) => `chrome-extension://${id}/${page}` };
}
