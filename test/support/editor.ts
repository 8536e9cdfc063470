/** The built editor for browser tests: each test file builds into its own folder, so files running at once never serve a half-written build. */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface EditorServer {
  url: string;
  close(): Promise<void>;
}

type ServeModule = { serveEditor(o: { port: number; dir?: string; config?: unknown }): Promise<EditorServer> };

/**
 * Builds the editor (vite) into a fresh temporary folder and returns it; rejects with vite's output when the
 * build fails. Asynchronous, so the test runner keeps talking to its workers during the build.
 */
export async function buildEditor(): Promise<string> {
  const outDir = mkdtempSync(path.join(tmpdir(), 'referat-editor-build-'));
  const args = [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '-c', 'editor/vite.config.ts', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'];
  await new Promise<void>((resolve, reject) => {
    execFile(process.execPath, args, { cwd: root, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`editor build failed: ${stderr || stdout || error.message}`));
      else resolve();
    });
  });
  return outDir;
}

/** Builds the editor and serves that build (with the lexicon) on a free port. */
export async function serveBuiltEditor(options: { config?: unknown } = {}): Promise<EditorServer> {
  const dir = await buildEditor();
  const { serveEditor } = (await import(path.join(root, 'editor/server/serve.mjs'))) as ServeModule;
  const server = await serveEditor({ port: 0, dir, ...(options.config !== undefined ? { config: options.config } : {}) });
  return {
    url: server.url,
    close: async () => {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Pastes `text` as a new document through the explorer's *Paste text…* dialog
 * and presses Import. As a paste does, the whole text arrives in one input
 * event (typing 64 KB through the protocol takes too long on a loaded machine).
 */
export async function pasteDocument(page: Page, text: string): Promise<void> {
  await page.click('[data-activity="explorer"]');
  await page.click('.explorer-actions button:nth-child(2)');
  await page.$eval(
    '.paste-dialog textarea',
    (el, t) => {
      (el as HTMLTextAreaElement).value = t;
      el.dispatchEvent(new Event('input', { bubbles: true }));
    },
    text,
  );
  await page.click('.paste-dialog button.primary');
}

/**
 * Gives the user's name the way a person does on first use: answers the name
 * dialog the editor shows until a name is set (or, when a name is already
 * set, changes it from the status bar). Waits until the workbench has it.
 */
export async function setUserName(page: Page, name: string): Promise<void> {
  await page.waitForSelector('html[data-ready]');
  if (await page.$('.name-dialog input')) {
    await page.fill('.name-dialog input', name);
    await page.press('.name-dialog input', 'Enter');
  } else {
    await page.click('.status-bar .user');
    await page.waitForSelector('.quick-input input');
    await page.fill('.quick-input input', name);
    await page.keyboard.press('Enter');
  }
  await page.waitForFunction((n) => (window as unknown as { referat: { state: { user: string } } }).referat.state.user === n, name);
}

/** Opens the editor at `url` in `page`, waits until it is ready and, when `user` is given, sets the user's name. */
export async function openEditor(page: Page, url: string, user?: string): Promise<void> {
  await page.goto(url);
  await page.waitForSelector('html[data-ready]');
  if (user !== undefined) await setUserName(page, user);
}

/** Runs a palette command and answers its questions in turn (each waits for its own prompt). */
export async function runCommand(p: Page, title: string, answers: [prompt: string, answer: string][] = []): Promise<void> {
  await p.keyboard.press('Control+Shift+P');
  await p.fill('.palette input', title);
  await p.click(`.palette li:has-text("${title}") >> nth=0`);
  for (const [prompt, answer] of answers) {
    await p.waitForSelector(`.quick-input:has(.quick-title:text-is("${prompt}")) input`);
    await p.fill('.quick-input input', answer);
    await p.keyboard.press('Enter');
  }
}

/**
 * A fresh browser context on the built editor, connected to a sync server's
 * workspace with a person's token: the editor takes the name from the token
 * (none typed; the name dialog goes away).
 */
export async function openAsPerson(browser: Browser, at: { editor: string; sync: string; workspace: string }, name: string, token: string): Promise<Page> {
  const wait = { timeout: 60_000 };
  const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const p = await ctx.newPage();
  p.on('pageerror', (e) => console.error('page error:', e.message));
  await p.goto(at.editor);
  await p.waitForSelector('html[data-ready]', wait);
  await runCommand(p, 'Forbind til synkroniseringsserver', [
    ['Synkroniseringsserverens adresse', at.sync],
    ['Arbejdsområde', at.workspace],
    ['Adgangsnøgle (token)', token],
  ]);
  await p.waitForFunction((n) => (window as unknown as { referat: { state: { user: string } } }).referat.state.user === n, name, wait);
  await p.waitForSelector('.name-dialog', { state: 'detached', ...wait });
  return p;
}
