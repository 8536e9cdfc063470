/**
 * Independent labelling in the built editor (Chromium) on a real sync server
 * with tokens per person: two analysts and a curator, and a reader. Each
 * browser takes its name from its token. With independent labelling on, an
 * analyst sees only their own labels and review while the document carries
 * everyone's; an analyst can neither adjudicate nor open adjudication; the
 * curator sees every label and settles a disagreement; once adjudication is
 * open the analysts see each other's labels. A reader cannot write. Only the
 * curator changes the workspace's taxonomy: an analyst's form is read-only,
 * and a change made in an analyst's copy anyway reaches nobody.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.ts';
import { runCommand as command, openAsPerson, serveBuiltEditor } from '../support/editor.ts';
import { createPersonToken, startServer, stopServer, type ServerProcess } from '../support/sync.ts';

const WAIT = { timeout: 60_000 };
const SEED_000 = '000_0c2e4851483b96f9.txt';

type View = { author: string; labels: string[] };
type Handle = {
  referat: {
    state: { user: string; annotations: View[]; review: Record<string, string>; active: string | null; sync: { status: string; readOnly: boolean } };
    workbench: {
      session: { doc: { annotations: { length: number } } | null };
      taxonomies: { doc: { addLabel(fields: { name: string; group: string }, by: string): unknown; read(): { groups: { id: string }[] } } | null };
    };
  };
};

let browser: Browser;
let editor: { url: string; close(): Promise<void> };
let sync: ServerProcess;
let dataDir: string;
const tokens: Record<string, string> = {};
const pages: Record<string, Page> = {};
let docId: string;

const open = (name: string, token: string): Promise<Page> => openAsPerson(browser, { editor: editor.url, sync: sync.url, workspace: 'team' }, name, token);

/** Who set the labels in the Dataset view's documents (what the download would hold), once it has read them. */
async function datasetLabellers(p: Page): Promise<string[]> {
  type Docs = { referat: { workbench: { dataset: { get(): { docs: { annotations: { labels: { author: string }[] }[] }[] | null; loading: boolean } } } } };
  await p.waitForFunction(() => {
    const s = (window as unknown as Docs).referat.workbench.dataset.get();
    return s.docs !== null && !s.loading;
  }, undefined, WAIT);
  return p.evaluate(() => [...new Set((window as unknown as Docs).referat.workbench.dataset.get().docs!.flatMap((d) => d.annotations.flatMap((a) => a.labels.map((l) => l.author))))].sort());
}

const state = (p: Page) => p.evaluate(() => {
  const r = (window as unknown as Handle).referat;
  return { annotations: r.state.annotations.map((a) => ({ author: a.author, labels: a.labels })), review: r.state.review, stored: r.workbench.session.doc?.annotations.length ?? 0 };
});

async function openDoc(p: Page): Promise<void> {
  await p.waitForSelector(`.library li[data-doc-id="${docId}"]`, WAIT);
  await p.click(`.library li[data-doc-id="${docId}"]`);
  await p.waitForSelector('.outline-item', WAIT);
  await p.waitForSelector('.status-bar .sync[data-sync="synced"]', WAIT);
}

async function labelItem(p: Page, item: string, labels: string[]): Promise<void> {
  await p.click('[data-activity="annotations"]');
  await p.click(`.outline-item[data-item-number="${item}"]`);
  await p.waitForSelector(`.outline-item.current[data-item-number="${item}"]`, WAIT);
  await p.keyboard.press('Control+Alt+A');
  await p.waitForSelector('.annotation-draft', WAIT);
  for (const l of labels) await p.click(`.annotation-draft label:has(input[data-label="${l}"])`);
  await p.click('.annotation-draft button[type=submit]');
  await p.waitForFunction((ls) => (window as unknown as Handle).referat.state.annotations.some((x) => x.labels.join() === ls), labels.join(), WAIT);
  await p.waitForSelector('.status-bar .sync[data-sync="synced"]', WAIT);
}

beforeAll(async () => {
  editor = await serveBuiltEditor();
  dataDir = mkdtempSync(path.join(tmpdir(), 'referat-e2e-independent-'));
  tokens.ana = createPersonToken(dataDir, 'team', 'Ana Holm', 'analyst');
  tokens.bo = createPersonToken(dataDir, 'team', 'Bo Lund', 'analyst');
  tokens.cy = createPersonToken(dataDir, 'team', 'Cy Berg', 'curator');
  tokens.di = createPersonToken(dataDir, 'team', 'Di Dahl', 'reader');
  sync = await startServer(dataDir, 0);
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await editor?.close();
  if (sync) await stopServer(sync);
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('independent labelling', { timeout: 300_000 }, () => {
  it('hides each analyst’s labels from the other until the curator opens adjudication; only the curator adjudicates', async () => {
    // The curator turns independent labelling on and shares a meeting.
    const cy = (pages.cy = await open('Cy Berg', tokens.cy!));
    await command(cy, 'Arbejdsområde: uafhængig etikettering til/fra (kurator)');
    await cy.waitForSelector('.status-bar .message:has-text("Uafhængig etikettering")', WAIT);
    await cy.click(`.library li[data-file="${SEED_000}"]`);
    await cy.waitForSelector('.outline-item', WAIT);
    docId = await cy.evaluate(() => (window as unknown as Handle).referat.state.active!);
    await command(cy, 'Del i arbejdsområdet');
    await cy.waitForSelector('.status-bar .sync[data-sync="synced"]', WAIT);

    const ana = (pages.ana = await open('Ana Holm', tokens.ana!));
    await openDoc(ana);
    await labelItem(ana, '1.1', ['godkendt']);
    await ana.selectOption('[data-review-item="1.1"]', 'approved');
    await labelItem(ana, '1.2', ['godkendt']);
    await ana.waitForSelector('.status-bar .sync[data-sync="synced"]', WAIT);

    const bo = (pages.bo = await open('Bo Lund', tokens.bo!));
    await openDoc(bo);
    // Ana's annotation is in Bo's copy of the document, but not in what Bo sees; nor is her review.
    await bo.waitForFunction(() => ((window as unknown as Handle).referat.workbench.session.doc?.annotations.length ?? 0) === 2, undefined, WAIT);
    expect(await state(bo)).toMatchObject({ annotations: [], review: {}, stored: 2 });
    await labelItem(bo, '1.1', ['drøftet']);
    // Bo read item 1.2 and found no label: done with it (a rating).
    await bo.click('.outline-item[data-item-number="1.2"]');
    await bo.waitForSelector('.outline-item.current[data-item-number="1.2"]', WAIT);
    await bo.keyboard.press('Control+Alt+D');
    await bo.waitForSelector('.status-bar .message:has-text("Punkt 1.2: færdigt")', WAIT);
    await bo.waitForSelector('.status-bar .sync[data-sync="synced"]', WAIT);
    await ana.waitForFunction(() => ((window as unknown as Handle).referat.workbench.session.doc?.annotations.length ?? 0) === 3, undefined, WAIT);
    expect(await state(ana)).toMatchObject({ annotations: [{ author: 'Ana Holm', labels: ['godkendt'] }, { author: 'Ana Holm', labels: ['godkendt'] }], review: { '1.1': 'approved' }, stored: 3 });
    expect((await state(bo)).annotations).toEqual([{ author: 'Bo Lund', labels: ['drøftet'] }]);

    // An analyst sees neither agreement nor disagreements, has no adjudication buttons, and cannot open adjudication.
    await bo.click('[data-activity="dataset"]');
    await bo.waitForSelector('[data-independent-notice]', WAIT);
    expect(await bo.$$('[data-adjudicate]')).toHaveLength(0);
    // Nor does what Bo can download hold anyone's labels but his.
    expect(await datasetLabellers(bo)).toEqual(['Bo Lund']);
    await command(bo, 'Arbejdsområde: åbn/luk afgørelserne (kurator)');
    await bo.waitForSelector('.status-bar .message.error:has-text("Det må kun en kurator")', WAIT);

    // The curator sees every label: the disagreements on 1.1 and on 1.2 (which Bo passed over), and settles one.
    await cy.click('[data-activity="dataset"]');
    await cy.waitForSelector('[data-dispute="1.1:godkendt"] [data-adjudicate="yes"]', WAIT);
    expect(await cy.$$eval('[data-dispute]', (els) => els.map((e) => e.getAttribute('data-dispute')))).toEqual(['1.1:drøftet', '1.1:godkendt', '1.2:godkendt']);
    // Bo's pass over 1.2 counts as his rating: godkendt rests on two items (1.1 and 1.2), fragile (fewer than 30).
    expect(await cy.textContent('[data-agreement-label="godkendt"] td:nth-child(4)')).toBe('2');
    expect(await cy.getAttribute('[data-agreement-label="godkendt"]', 'data-fragile')).toBe('true');
    await cy.click('[data-dispute="1.1:godkendt"] [data-adjudicate="yes"]');
    await cy.waitForSelector('[data-dispute="1.1:godkendt"].settled [data-decided-by="Cy Berg"]', WAIT);

    // The curator opens adjudication: the analysts see each other's labels now, and still cannot adjudicate.
    await command(cy, 'Arbejdsområde: åbn/luk afgørelserne (kurator)');
    await ana.waitForFunction(() => (window as unknown as Handle).referat.state.annotations.length === 3, undefined, WAIT);
    expect((await state(ana)).annotations.map((a) => a.author).sort()).toEqual(['Ana Holm', 'Ana Holm', 'Bo Lund']);
    await bo.click('[data-activity="explorer"]');
    await bo.click('[data-activity="dataset"]');
    await bo.waitForSelector('[data-dispute="1.1:godkendt"].settled', WAIT);
    expect(await bo.$$('[data-adjudicate]')).toHaveLength(0);
    expect(await datasetLabellers(bo)).toEqual(['Ana Holm', 'Bo Lund']);
  });

  it('lets a reader read and not write', async () => {
    const di = await open('Di Dahl', tokens.di!);
    await openDoc(di);
    await di.waitForSelector('[data-read-only]', WAIT);
    expect(await di.getAttribute('.cm-content', 'contenteditable')).toBe('false');
    await di.waitForFunction(() => ((window as unknown as Handle).referat.workbench.session.doc?.annotations.length ?? 0) === 3, undefined, WAIT);
    await di.click('.outline-item[data-item-number="3.1"]');
    await di.waitForSelector('.outline-item.current[data-item-number="3.1"]', WAIT);
    await di.keyboard.press('Control+Alt+R');
    await di.waitForSelector('.status-bar .message.error:has-text("skrivebeskyttet")', WAIT);
    await di.keyboard.press('Control+Alt+D');
    await new Promise((r) => setTimeout(r, 500));
    expect((await state(di)).review['3.1']).toBeUndefined();
    // The curator's copy has nothing from the reader.
    const cy = pages.cy!;
    await cy.click('[data-activity="explorer"]');
    expect(await cy.evaluate(() => (window as unknown as Handle).referat.workbench.session.doc?.annotations.length)).toBe(3);
  });

  it('lets only the curator change the taxonomy: an analyst’s form is read-only and a change from an analyst’s copy reaches nobody', async () => {
    const { ana, bo, cy } = pages as Record<'ana' | 'bo' | 'cy', Page>;
    const labelNames = (p: Page) => p.$$eval('.taxonomy-label input[name="name"]', (els) => els.map((e) => (e as HTMLInputElement).value));
    for (const p of [ana, bo, cy]) {
      await p.click('[data-activity="taxonomy"]');
      await p.waitForSelector('.taxonomy .hint:has-text("Delt i arbejdsområdet team")', WAIT);
    }
    await ana.waitForSelector('.taxonomy-read-only:has-text("Kun en kurator kan ændre taksonomien")', WAIT);
    expect(await ana.isDisabled('.taxonomy-label[data-taxonomy-label="klima"] input[name="name"]')).toBe(true);
    expect(await ana.isDisabled('.taxonomy-add input[name="new-label"]')).toBe(true);
    expect(await cy.$$('.taxonomy-read-only')).toHaveLength(0);
    // A change made in the analyst's copy all the same (past the form) stays there.
    await ana.evaluate(() => {
      const doc = (window as unknown as Handle).referat.workbench.taxonomies.doc!;
      doc.addLabel({ name: 'analytikerens', group: doc.read().groups[0]!.id }, 'Ana Holm');
    });
    await ana.waitForFunction(() => [...document.querySelectorAll<HTMLInputElement>('.taxonomy-label input[name="name"]')].some((i) => i.value === 'analytikerens'), undefined, WAIT);
    await new Promise((r) => setTimeout(r, 500));
    // The curator's label, added after it, reaches both analysts; the analyst's reaches neither the curator nor the other analyst.
    await cy.fill('.taxonomy-add input[name="new-label"]', 'kuratorens');
    await cy.click('.taxonomy-add button[type=submit] >> nth=0');
    for (const p of [ana, bo]) await p.waitForFunction(() => [...document.querySelectorAll<HTMLInputElement>('.taxonomy-label input[name="name"]')].some((i) => i.value === 'kuratorens'), undefined, WAIT);
    expect(await labelNames(cy)).not.toContain('analytikerens');
    expect(await labelNames(bo)).not.toContain('analytikerens');
    expect(await bo.isDisabled('.taxonomy-add input[name="new-label"]')).toBe(true);
  });
});
