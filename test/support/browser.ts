/**
 * Finds the Chromium that end-to-end tests drive (Debian's, installed by .ci/run;
 * Playwright cannot download its own here) and launches it.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

const CANDIDATES = ['/usr/lib/chromium/chromium', '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** The Chromium executable: $CHROMIUM_PATH, then the usual places; a clear error when there is none. */
export function chromiumPath(): string {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH=${fromEnv} does not exist`);
    return fromEnv;
  }
  const found = CANDIDATES.find((p) => existsSync(p));
  if (!found) throw new Error('No Chromium found: install Debian\'s chromium (apt-get install chromium) or set CHROMIUM_PATH');
  return found;
}

/** Flags that keep a headless Chromium quiet on a machine without a network. */
export const QUIET_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-sync',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-quic',
  '--disable-dev-shm-usage',
];

export async function launchBrowser(args: string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: [...QUIET_FLAGS, ...args] });
}

/** A persistent context with the built extension loaded (extensions need one). */
export async function launchWithExtension(extensionDir: string, args: string[] = []): Promise<BrowserContext> {
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'referat-chromium-'));
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    headless: true,
    args: [...QUIET_FLAGS, `--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`, ...args],
  });
}
