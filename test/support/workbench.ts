/**
 * A workbench for unit tests (happy-dom, fake-indexeddb): the five samples as
 * its files, no PDFs, no lexicon, and a clock the test gives (by default one
 * that moves a second on each reading).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { onTestFinished } from 'vitest';
import { Workbench } from '../../editor/workbench/workbench.ts';
import { LibraryDb } from '../../editor/services/library.ts';

const samples = path.resolve('editor/public/samples');

/** The samples' file names, as the editor's samples/index.json lists them. */
export const sampleNames = (): string[] => JSON.parse(readFileSync(path.join(samples, 'index.json'), 'utf8')) as string[];

/** Made inside a test: when the test finishes, the document shown is hidden, so the timers it set (re-anchoring after a pause in typing, the library entry, the cursor) find none if they fire after the test environment is gone. */
export function testWorkbench(options: { db?: LibraryDb; now?: () => number } = {}): Workbench {
  let t = 1_700_000_000_000;
  const wb = new Workbench({
    db: options.db ?? new LibraryDb(`test-${Math.random()}`),
    readPdf: async () => {
      throw new Error('no PDFs here');
    },
    fetchText: async (url) => {
      if (url === 'lexicon-da.txt') throw new Error('no lexicon in this test');
      return readFileSync(path.join(samples, url.replace(/^samples\//, '')), 'utf8');
    },
    now: options.now ?? (() => (t += 1000)),
    win: window,
  });
  onTestFinished(() => wb.session.hide());
  return wb;
}
