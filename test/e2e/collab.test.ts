/**
 * Collaboration in the built editor: a real sync server (its own process, a
 * temporary data directory, tokens) and two browser contexts on one document.
 * They see each other's edits, cursors and presence; one goes offline, both
 * edit, it comes back and both converge; a reload without the server still
 * shows everything (IndexedDB); a refused token and a read-only token show.
 * Samples stay in each browser until one is shared on purpose, and a meeting
 * shared from two browsers is one document; presence survives a reload that
 * restores the tabs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { runCommand as command, serveBuiltEditor, setUserName } from '../support/editor.ts';
import { launchBrowser } from '../support/browser.ts';
import { createToken, startServer, stopServer, type ServerProcess } from '../support/sync.ts';

const WAIT = { timeout: 60_000 };
const SCREENSHOTS = process.env.REFERAT_SCREENSHOTS; // a directory to save screenshots in, when set

let browser: Browser;
let editor: { url: string; close(): Promise<void> };
let sync: ServerProcess;
let dataDir: string;
let token: string;
let readOnlyToken: string;
let ctxA: BrowserContext;
let ctxB: BrowserContext;
let a: Page;
let b: Page;
let docId: string;
/** While true, B's websockets are closed at once: the sync server is unreachable for B only. */
let blockB = false;

async function newPage(ctx: BrowserContext): Promise<Page> {
  const p = await ctx.newPage();
  p.on('pageerror', (e) => console.error('page error:', e.message));
  await p.goto(editor.url);
  await p.waitForSelector('html[data-ready]', WAIT);
  return p;
}


async function connectTo(p: Page, user: string, tok: string): Promise<void> {
  await command(p, 'Skift brugernavn', [['Bruger', user]]);
  await command(p, 'Forbind til synkroniseringsserver', [
    ['Synkroniseringsserverens adresse', sync.url],
    ['Arbejdsområde', 'local'],
    ['Adgangsnøgle (token)', tok],
  ]);
}

const text = (p: Page) => p.evaluate(() => (window as unknown as { referat: { view: { state: { doc: { toString(): string } } } | null } }).referat.view?.state.doc.toString() ?? '');

/** Types `s` at the end of the line holding `marker` (or at the very end). */
async function typeAt(p: Page, s: string, marker?: string): Promise<void> {
  await p.evaluate((m) => {
    const wb = (window as unknown as { referat: { view: { state: { doc: { toString(): string; length: number } } }; jump(pos: number): void } }).referat;
    const doc = wb.view.state.doc.toString();
    if (m === undefined) return wb.jump(doc.length);
    const at = doc.indexOf(m);
    if (at < 0) throw new Error(`no ${m}`);
    const nl = doc.indexOf('\n', at);
    wb.jump(nl < 0 ? doc.length : nl);
  }, marker);
  await p.keyboard.type(s);
}

/** Waits until the editor's text (all of it, not only the lines drawn) holds `s`. */
async function waitForText(p: Page, s: string): Promise<void> {
  await p.waitForFunction((x) => (window as unknown as { referat: { view: { state: { doc: { toString(): string } } } | null } }).referat.view?.state.doc.toString().includes(x), s, WAIT);
}

/** Annotates an item's heading with labels through the annotation form, as `user`, and waits until the annotation is in the document. */
async function labelItem(p: Page, user: string, item: string, labels: string[]): Promise<void> {
  await p.click(`.outline-item[data-item-number="${item}"]`);
  await p.waitForSelector(`.outline-item.current[data-item-number="${item}"]`, WAIT);
  await p.keyboard.press('Control+Alt+A');
  await p.waitForSelector('.annotation-draft', WAIT);
  for (const l of labels) await p.click(`.annotation-draft label:has(input[data-label="${l}"])`);
  await p.click('.annotation-draft button[type=submit]');
  await p.waitForFunction(
    ([u, ls]) => (window as unknown as { referat: { state: { annotations: { author: string; labels: string[] }[] } } }).referat.state.annotations.some((x) => x.author === u && x.labels.join() === ls),
    [user, labels.join()] as const,
    WAIT,
  );
}

async function syncState(p: Page): Promise<string | null> {
  return p.getAttribute('.status-bar .sync', 'data-sync');
}

async function waitForSync(p: Page, state: string): Promise<void> {
  await p.waitForSelector(`.status-bar .sync[data-sync="${state}"]`, WAIT).catch(async (e) => {
    throw new Error(`status stayed ${await syncState(p)}, not ${state}: ${String(e)}`);
  });
}

async function converged(): Promise<string> {
  const deadline = Date.now() + 60_000;
  let ta = '';
  let tb = '';
  while (Date.now() < deadline) {
    [ta, tb] = await Promise.all([text(a), text(b)]);
    if (ta === tb && ta.length) return ta;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`did not converge:\nA: …${ta.slice(-300)}\nB: …${tb.slice(-300)}`);
}

beforeAll(async () => {
  editor = await serveBuiltEditor();
  dataDir = mkdtempSync(path.join(tmpdir(), 'referat-e2e-collab-'));
  token = createToken(dataDir, 'local');
  readOnlyToken = createToken(dataDir, 'local', true);
  sync = await startServer(dataDir, 0);
  browser = await launchBrowser();
  ctxA = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  ctxB = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await ctxB.routeWebSocket(/.*/, (ws) => {
    if (blockB) ws.close();
    else ws.connectToServer();
  });
  a = await newPage(ctxA);
  b = await newPage(ctxB);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await editor?.close();
  if (sync) await stopServer(sync);
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('collaboration in Chromium', { timeout: 180_000 }, () => {
  it('two contexts on one document see each other\'s edits, cursors and presence', async () => {
    await a.waitForSelector('.library li[data-file]');
    await a.click('.library li[data-file] >> nth=0');
    await a.waitForSelector('.outline-item');
    docId = (await a.evaluate(() => (window as unknown as { referat: { state: { active: string } } }).referat.state.active))!;
    await a.click('.outline-item >> nth=2');
    // The cursor moves to the item; the workbench state follows once the outline marks it current.
    await a.waitForSelector('.outline-item.current >> nth=0', WAIT);
    await a.waitForFunction(() => (window as unknown as { referat: { state: { cursor: { pos: number } } } }).referat.state.cursor.pos > 0, undefined, WAIT);
    const head = () => a.evaluate(() => (window as unknown as { referat: { state: { cursor: { pos: number } } } }).referat.state.cursor.pos);
    const before = await head();
    await connectTo(a, 'Anna Holm', token);
    // A sample stays in this browser until it is shared on purpose.
    expect(await syncState(a)).not.toBe('synced');
    await command(a, 'Del i arbejdsområdet');
    await waitForSync(a, 'synced');
    expect(await head()).toBe(before); // connecting and sharing keep the cursor where it was

    await connectTo(b, 'Bo Lund', token);
    await command(b, 'Åbn delt dokument', [['Dokumentets id', docId]]);
    await b.waitForSelector('.outline-item', WAIT);
    await waitForSync(b, 'synced');
    const start = await converged();
    expect(start.length).toBeGreaterThan(500);

    await typeAt(a, '\nRettet af Anna.');
    await waitForText(b, 'Rettet af Anna.');
    await typeAt(b, '\nSet af Bo.');
    await waitForText(a, 'Set af Bo.');
    expect(await converged()).toContain('Rettet af Anna.\nSet af Bo.');

    // Cursors: each sees the other's caret labelled with the name.
    await a.bringToFront();
    await a.click('.outline-item >> nth=1');
    const itemA = await a.getAttribute('.outline-item >> nth=1', 'data-item-number');
    // B looks at the same place (a caret is drawn only where the editor shows text).
    await b.click('.outline-item >> nth=3');
    await b.click('.outline-item >> nth=1');
    await b.waitForFunction(() => [...document.querySelectorAll('.cm-ySelectionInfo')].some((e) => e.textContent === 'Anna Holm'), undefined, WAIT);
    await b.bringToFront();
    await b.click('.outline-item >> nth=1');
    await a.waitForFunction(() => [...document.querySelectorAll('.cm-ySelectionInfo')].some((e) => e.textContent === 'Bo Lund'), undefined, WAIT);

    // Presence: Anna next to the document in B's explorer and next to her item in B's outline.
    await b.waitForSelector(`.library li[data-doc-id="${docId}"] .avatar[data-peer="Anna Holm"]`, WAIT);
    expect(await b.textContent(`.library li[data-doc-id="${docId}"] .avatar[data-peer="Anna Holm"]`)).toBe('AH');
    await b.waitForSelector(`.outline-item[data-item-number="${itemA}"] .avatar[data-peer="Anna Holm"]`, WAIT);
    // The document opened by id has its name and counts in B's library.
    await b.waitForSelector(`.library li[data-doc-id="${docId}"]:has-text("KKR Nordjylland")`, WAIT);
    if (SCREENSHOTS) {
      mkdirSync(SCREENSHOTS, { recursive: true });
      await b.screenshot({ path: path.join(SCREENSHOTS, 'collab.png') });
    }
  });

  it('undo takes back only one\'s own edits', async () => {
    await typeAt(a, '\nAnna fortryder dette.');
    await waitForText(b, 'Anna fortryder dette.');
    await typeAt(b, '\nBo beholder dette.');
    await waitForText(a, 'Bo beholder dette.');
    await a.evaluate(() => (window as unknown as { referat: { undo(): void } }).referat.undo());
    const t = await converged();
    expect(t).not.toContain('Anna fortryder dette.');
    expect(t).toContain('Bo beholder dette.');
  });

  it('one goes offline, both edit, it comes back: both converge', async () => {
    await ctxB.setOffline(true);
    await waitForSync(b, 'offline');
    await typeAt(a, ' [A mens B er offline]', 'Rettet af Anna.');
    await typeAt(b, ' [B offline]', 'Set af Bo.');
    await b.waitForFunction(() => Number(document.querySelector('.status-bar .sync')?.getAttribute('data-unsynced')) > 0, undefined, WAIT);
    expect(await text(a)).not.toContain('[B offline]');
    expect(await text(b)).not.toContain('[A mens B er offline]');

    await ctxB.setOffline(false);
    await waitForSync(b, 'synced');
    const t = await converged();
    expect(t).toContain('Rettet af Anna. [A mens B er offline]');
    expect(t).toContain('Set af Bo. [B offline]');
  });

  it('a reload without the sync server still shows everything; then it merges', async () => {
    blockB = true;
    await ctxB.setOffline(true);
    await waitForSync(b, 'offline');
    await typeAt(b, ' [B før genindlæsning]', 'Set af Bo.');
    const before = await text(b);
    await b.waitForTimeout(500); // y-indexeddb writes each update in its own IndexedDB transaction
    await ctxB.setOffline(false); // the page can load; the sync server stays unreachable (blockB)
    await b.reload();
    await b.waitForSelector('html[data-ready]', WAIT);
    await b.waitForSelector('.outline-item', WAIT);
    expect(await text(b)).toBe(before);
    expect(await syncState(b)).not.toBe('synced');
    expect(await text(a)).not.toContain('[B før genindlæsning]');

    blockB = false;
    await waitForSync(b, 'synced');
    expect(await converged()).toContain('Set af Bo. [B offline] [B før genindlæsning]');
  });

  it('presence shows after both reload into their restored tabs', async () => {
    await a.reload();
    await b.reload();
    for (const p of [a, b]) {
      await p.waitForSelector('html[data-ready]', WAIT);
      await p.waitForSelector('.outline-item', WAIT);
      await waitForSync(p, 'synced');
    }
    expect(await a.evaluate(() => (window as unknown as { referat: { state: { active: string } } }).referat.state.active)).toBe(docId);
    const clientOf = (p: Page) => p.evaluate(() => (window as unknown as { referat: { activeDoc(): { ydoc: { clientID: number } } } }).referat.activeDoc().ydoc.clientID);
    const [idA, idB] = [await clientOf(a), await clientOf(b)];
    const sees = (p: Page, id: number) => p.waitForFunction(([d, c]) => ((window as unknown as { referat: { state: { peers: Record<string, { clientId: number }[]> } } }).referat.state.peers[d as string] ?? []).some((x) => x.clientId === c), [docId, id] as const, WAIT);
    // Each sees the other's client after the reload (not one left from before it), in the library and in the outline.
    await sees(b, idA);
    await sees(a, idB);
    await a.click('.outline-item >> nth=1');
    const itemA = await a.getAttribute('.outline-item >> nth=1', 'data-item-number');
    await b.waitForSelector(`.library li[data-doc-id="${docId}"] .avatar[data-peer="Anna Holm"]`, WAIT);
    await b.waitForSelector(`.outline-item[data-item-number="${itemA}"] .avatar[data-peer="Anna Holm"]`, WAIT);
    await a.waitForSelector(`.library li[data-doc-id="${docId}"] .avatar[data-peer="Bo Lund"]`, WAIT);
  });

  it('analysts label in their own browsers; a curator in a third reads the workspace, sees where they differ and settles it for everyone', async () => {
    const [first, second] = await a.$$eval('.outline-item', (els) => els.slice(0, 2).map((e) => e.getAttribute('data-item-number')!));
    await labelItem(a, 'Anna Holm', first!, ['klima']);
    await labelItem(a, 'Anna Holm', second!, ['klima']);
    await labelItem(b, 'Bo Lund', first!, ['klima']);
    await labelItem(b, 'Bo Lund', second!, ['social']);
    await waitForSync(a, 'synced');
    await waitForSync(b, 'synced');

    // The curator has never opened the document: the Dataset view lists the workspace and reads it from the server.
    const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const c = await newPage(ctx);
    await connectTo(c, 'Kurator', token);
    // Connecting lists the workspace's documents in the library, with what they are.
    await c.waitForSelector(`.library li[data-doc-id="${docId}"]:has-text("KKR Nordjylland")`, WAIT);
    // (This browser has the same sample, kept local until now: the workspace's document takes its place.)
    await c.waitForSelector(`.library li[data-doc-id="${docId}"] .source:text-is("delt")`, WAIT);
    expect(await c.textContent(`.library li[data-doc-id="${docId}"] .source`)).toBe('delt');
    await c.click('[data-activity="dataset"]');
    await c.waitForSelector(`[data-dispute="${second}:social"]`, WAIT);
    expect(await c.$$eval('[data-dispute]', (els) => els.map((e) => e.getAttribute('data-dispute')))).toEqual([`${second}:klima`, `${second}:social`]);
    expect((await c.locator('[data-agreement-label="klima"] td').allTextContents()).slice(0, 5)).toEqual(['klima', '0.00', 'Cohen', '2', '0.50']);
    // Two items: the 0.00 is fragile (grey, with the reason), not a red verdict.
    expect(await c.getAttribute('[data-agreement-label="klima"]', 'data-fragile')).toBe('true');
    expect(await c.textContent(`[data-dispute="${second}:social"] .where`)).toMatch(/^KKR /);
    if (SCREENSHOTS) await c.screenshot({ path: path.join(SCREENSHOTS, 'collab-dataset.png') });

    await c.click(`[data-dispute="${second}:social"] [data-adjudicate="yes"]`);
    await c.waitForSelector(`[data-dispute="${second}:social"].settled [data-decided-by="Kurator"]`, WAIT);
    // The decision reached the analysts' open document through the server.
    await a.waitForFunction(
      (n) => {
        const doc = (window as unknown as { referat: { activeDoc(): { ydoc: { getMap(name: string): { toJSON(): Record<string, { decidedBy: string; itemNumber: string }> } } } } }).referat.activeDoc();
        return Object.values(doc.ydoc.getMap('adjudications').toJSON()).some((x) => x.decidedBy === 'Kurator' && x.itemNumber === n);
      },
      second,
      WAIT,
    );
    await ctx.close();
  });

  it('a refused token shows a clear message; a read-only token makes the editor read-only', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const c = await newPage(ctx);
    await connectTo(c, 'Carl', 'rs_not-a-real-token');
    await command(c, 'Åbn delt dokument', [['Dokumentets id', docId]]);
    await c.waitForSelector('.status-bar .message.error', WAIT);
    expect(await c.textContent('.status-bar .message.error')).toMatch(/afviste nøglen: invalid token/);
    expect(await c.getAttribute('.status-bar .sync', 'data-sync')).toBe('offline');

    await connectTo(c, 'Carl', readOnlyToken);
    await c.waitForSelector('[data-read-only]', WAIT);
    await waitForSync(c, 'synced');
    expect(await c.getAttribute('.cm-content', 'contenteditable')).toBe('false');
    const shared = await text(a);
    expect(await text(c)).toBe(shared);
    // Neither typing nor commands change it.
    await c.click('.outline-item >> nth=0');
    // The review command acts on the item the cursor is in: wait until the click has put it there.
    await c.waitForSelector('.outline-item.current', WAIT);
    await c.keyboard.type('xyz');
    await c.keyboard.press('Control+Alt+R');
    await c.waitForSelector('.status-bar .message.error:has-text("skrivebeskyttet")', WAIT);
    expect(await text(c)).toBe(shared);
    expect(await c.getAttribute('.outline-item >> nth=0 >> .review-dot', 'class')).toContain('review-unreviewed');
    await ctx.close();
  });
});

describe('samples and one workspace', { timeout: 180_000 }, () => {
  it('two fresh browsers on one workspace count the five samples once, share none until one is shared, and share a meeting as one document', async () => {
    const workspace = 'fresh';
    const tok = createToken(dataDir, workspace);
    const listing = async () => {
      const res = await fetch(`http://127.0.0.1:${sync.port}/workspaces/${workspace}/documents`, { headers: { Authorization: `Bearer ${tok}` } });
      expect(res.status).toBe(200);
      return ((await res.json()) as { documents: string[] }).documents;
    };
    type Wb = { referat: { loadDataset(): Promise<void>; state: { dataset: { loading: boolean; docs: unknown[] | null } } } };
    /** The documents the Dataset view counts, read afresh (the library and the workspace). */
    const documentsCounted = async (p: Page) => {
      await p.click('[data-activity="dataset"]');
      await p.waitForFunction(() => !(window as unknown as Wb).referat.state.dataset.loading && (window as unknown as Wb).referat.state.dataset.docs !== null, undefined, WAIT);
      await p.evaluate(() => (window as unknown as Wb).referat.loadDataset());
      await p.waitForSelector('[data-preview-documents]', WAIT);
      return Number(await p.getAttribute('[data-preview-documents]', 'data-preview-documents'));
    };
    const contexts = [await browser.newContext({ viewport: { width: 1440, height: 900 } }), await browser.newContext({ viewport: { width: 1440, height: 900 } })];
    const [d, e] = [await newPage(contexts[0]!), await newPage(contexts[1]!)];
    for (const [p, name] of [[d, 'Dorte'], [e, 'Erik']] as const) {
      await setUserName(p, name);
      await command(p, 'Forbind til synkroniseringsserver', [
        ['Synkroniseringsserverens adresse', sync.url],
        ['Arbejdsområde', workspace],
        ['Adgangsnøgle (token)', tok],
      ]);
    }
    // Both have read the (empty) workspace and their own samples: five meetings each, none in the workspace.
    expect(await documentsCounted(d)).toBe(5);
    expect(await documentsCounted(e)).toBe(5);
    expect(await listing()).toEqual([]);

    // Dorte shares one sample on purpose.
    await d.click('[data-activity="explorer"]');
    await d.click('.library li[data-file="000_0c2e4851483b96f9.txt"] .doc-title');
    await d.waitForSelector('.outline-item', WAIT);
    await command(d, 'Del i arbejdsområdet');
    await waitForSync(d, 'synced');
    const shared = await d.getAttribute('.library li[data-file="000_0c2e4851483b96f9.txt"]', 'data-doc-id');
    expect(await listing()).toEqual([shared]);
    // Erik's own copy of that sample is the same document: still five meetings, and one in the workspace.
    expect(await documentsCounted(e)).toBe(5);
    expect(await documentsCounted(d)).toBe(5);
    await e.click('[data-activity="explorer"]');
    expect(await e.$$eval('.library li', (els) => els.length)).toBe(5);
    await e.click(`.library li[data-doc-id="${shared}"] .doc-title`);
    await e.waitForSelector('.outline-item', WAIT);
    await waitForSync(e, 'synced');
    await typeAt(d, '\nDorte var her.');
    await waitForText(e, 'Dorte var her.');
    // One text, not two copies of it merged.
    const [td, te] = [await text(d), await text(e)];
    expect(te).toBe(td);
    expect(td.split('Dorte var her.').length).toBe(2);
    expect(td.indexOf(td.slice(0, 200), 1)).toBe(-1);
    expect(await listing()).toEqual([shared]);
    for (const c of contexts) await c.close();
  });
});
