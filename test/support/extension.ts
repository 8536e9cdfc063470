/** The built extension in Chromium, for end-to-end tests and the bench. */
import { execFile, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext } from 'playwright-core';
import { launchWithExtension } from './browser.ts';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CHROME_BUILD = path.join(ROOT, '.output/chrome-mv3');
export const FIREFOX_BUILD = path.join(ROOT, '.output/firefox-mv3');

const BUILD_ARGS = { chrome: ['wxt', 'build'], firefox: ['wxt', 'build', '-b', 'firefox'] } as const;
const BUILD_OUT = { chrome: CHROME_BUILD, firefox: FIREFOX_BUILD } as const;

/** A private copy of a build, or null when the build directory is not complete (another build is replacing it). */
function copyBuild(target: 'chrome' | 'firefox', attempt: number): string | null {
  const copy = mkdtempSync(path.join(tmpdir(), `referat-extension-${target}-`));
  try {
    cpSync(BUILD_OUT[target], copy, { recursive: true });
    if (existsSync(path.join(copy, 'manifest.json'))) return copy;
  } catch (e) {
    if (attempt >= 3) throw e;
  }
  if (attempt >= 3) throw new Error(`${BUILD_OUT[target]} has no manifest.json after ${BUILD_ARGS[target].join(' ')}`);
  return null;
}

/**
 * `wxt build` (Chrome MV3) into .output/chrome-mv3 (`firefox`: `wxt build -b firefox`
 * into .output/firefox-mv3), then a private copy of it to load, so another build
 * running meanwhile (a second test run, the bench) cannot swap files under the
 * browser. Throws with WXT's output when the build fails.
 */
export function buildExtension(target: 'chrome' | 'firefox' = 'chrome'): string {
  for (let attempt = 1; ; attempt++) {
    const run = spawnSync('npx', [...BUILD_ARGS[target]], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    if (run.status !== 0) throw new Error(`${BUILD_ARGS[target].join(' ')} failed (${run.status}):\n${run.stdout}\n${run.stderr}`);
    const copy = copyBuild(target, attempt);
    if (copy) return copy;
  }
}

/** The same without blocking the event loop meanwhile (in tests, where the runner must keep talking to its workers). */
export async function buildExtensionAsync(target: 'chrome' | 'firefox' = 'chrome'): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    await new Promise<void>((resolve, reject) => {
      execFile('npx', [...BUILD_ARGS[target]], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
        if (error) reject(new Error(`${BUILD_ARGS[target].join(' ')} failed (${error.code ?? error.message}):\n${stdout}\n${stderr}`));
        else resolve();
      });
    });
    const copy = copyBuild(target, attempt);
    if (copy) return copy;
  }
}

/** The parts of a built manifest that decide what the extension may reach and who may load its pages. */
export interface ManifestScope {
  manifest_version: number;
  permissions: string[];
  host_permissions: string[];
  content_security_policy: { extension_pages: string };
  web_accessible_resources: { resources: string[]; matches: string[] }[];
  content_scripts: { matches: string[]; js: string[] }[];
}

/** Both builds, Chrome's and Firefox's, are held to this (see README, "Permissions"). */
export const CLOSED_SCOPE = {
  manifest_version: 3,
  permissions: ['storage', 'declarativeNetRequest'],
  host_permissions: ['https://www.kl.dk/*'],
  content_security_policy: { extension_pages: "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'; base-uri 'none'; frame-ancestors 'none'" },
  web_accessible_resources: [{ resources: ['viewer.html'], matches: ['https://www.kl.dk/*'] }],
  content_scripts: [
    { matches: ['http://127.0.0.1/*', 'http://localhost/*'], js: ['content-scripts/editor-bridge.js'] },
    { matches: ['https://www.kl.dk/*'], js: ['content-scripts/kl.js'] },
  ],
};

/** The scope-deciding parts of the manifest in a build directory. */
export function manifestScope(buildDir: string): ManifestScope {
  const m = JSON.parse(readFileSync(path.join(buildDir, 'manifest.json'), 'utf8')) as ManifestScope;
  return {
    manifest_version: m.manifest_version,
    permissions: m.permissions,
    host_permissions: m.host_permissions,
    content_security_policy: m.content_security_policy,
    web_accessible_resources: m.web_accessible_resources,
    content_scripts: (m.content_scripts ?? []).map((c) => ({ matches: [...c.matches].sort(), js: c.js })).sort((a, b) => a.js[0]!.localeCompare(b.js[0]!)),
  };
}

export interface ExtensionBrowser {
  context: BrowserContext;
  /** The extension's id: its pages are chrome-extension://ID/<page>.html. */
  id: string;
  url(page: string): string;
}

/**
 * Chromium with the built extension; `sitePort` serves www.kl.dk over HTTPS and
 * HTTP (see kl-site.ts), whose certificate the browser is told to accept.
 */
export async function launchExtension(sitePort: number, extensionDir: string): Promise<ExtensionBrowser> {
  const context = await launchWithExtension(extensionDir, [
    `--host-resolver-rules=MAP www.kl.dk:443 127.0.0.1:${sitePort}, MAP www.kl.dk:80 127.0.0.1:${sitePort}`,
    '--ignore-certificate-errors',
    '--window-size=1400,1000',
  ]);
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
  const id = worker.url().split('/')[2]!;
  return { context, id, url: (page) => `chrome-extension://${id}/${page}` };
}
