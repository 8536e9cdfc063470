/**
 * Bringing documents in: files (several at once, with progress), pasted text,
 * a handoff from the browser extension, and the samples on first start. Each
 * is stored in the library (or found there) and opened.
 */
import { ImportError, importFile, importHandoff, importTextHashed, type PdfReader } from '../services/import.ts';
import { requestHandoff } from '../services/handoff.ts';
import type { OcrProgress } from '../../core/pdf/ocr.ts';
import type { Library } from './library.ts';
import type { SourceGuard } from './source-guard.ts';
import type { Settings } from './settings.ts';
import type { Tabs } from './tabs.ts';
import type { Ui } from './ui.ts';

export interface ImportDeps {
  readPdf: PdfReader;
  fetchText(url: string): Promise<string>;
  now(): number;
  win: Window;
}

export class Imports {
  constructor(
    private readonly deps: ImportDeps,
    private readonly library: Library,
    private readonly tabs: Tabs,
    private readonly settings: Settings,
    private readonly ui: Ui,
    /** Stores an import, asking first when it is a changed version of a document already there. */
    private readonly guard: Pick<SourceGuard, 'store'>,
  ) {}

  /** Imports files (several at once, with progress); bad files get a one-line message and change nothing. */
  async importFiles(files: File[]): Promise<string[]> {
    const ids: string[] = [];
    const errors: string[] = [];
    const known: string[] = [];
    const reimported: string[] = [];
    this.ui.set({ progress: { done: 0, total: files.length }, message: null });
    for (const [i, file] of files.entries()) {
      try {
        // A scanned PDF is read with OCR page by page: say how far it has come.
        const onOcrProgress = ({ done, total }: OcrProgress) => this.ui.set({ ocr: done < total ? { name: file.name, done, total } : null });
        const imported = await importFile(file, this.deps.readPdf, onOcrProgress);
        this.ui.set({ ocr: null });
        const stored = await this.guard.store(imported);
        if (!stored) continue;
        ids.push(stored.id);
        if (stored.reimported) reimported.push(file.name);
        else if (stored.existed) known.push(file.name);
      } catch (e) {
        errors.push(e instanceof ImportError ? e.message : `${file.name}: ${e instanceof Error ? e.message : String(e)}`);
      }
      this.ui.set({ progress: { done: i + 1, total: files.length }, ocr: null });
    }
    await this.library.refresh();
    const t = this.settings.t;
    this.ui.set({
      progress: null,
      message: errors.length
        ? { kind: 'error', text: errors.join(' · ') }
        : reimported.length
          ? { kind: 'info', text: `${t('sourceGuard.reimported')}: ${reimported.join(', ')}` }
          : known.length
          ? { kind: 'info', text: `${t('alreadyInLibrary')}: ${known.join(', ')}` }
          : { kind: 'info', text: t('imported', { count: ids.length }) },
    });
    if (ids.length) await this.tabs.openDocument(ids[ids.length - 1]!);
    return ids;
  }

  async importPasted(text: string): Promise<void> {
    try {
      const { id, existed } = await this.library.store(await importTextHashed(text, `paste-${new Date(this.deps.now()).toISOString().slice(0, 16)}.txt`, 'paste'));
      await this.library.refresh();
      this.ui.set({ paste: false, message: existed ? { kind: 'info', text: this.settings.t('textAlreadyInLibrary') } : null });
      await this.tabs.openDocument(id);
    } catch (e) {
      this.ui.error(e instanceof Error ? e.message : String(e));
    }
  }

  async receiveHandoff(handoffId: string): Promise<void> {
    try {
      const doc = await requestHandoff(this.deps.win, handoffId);
      const stored = await this.guard.store(await importHandoff(doc, this.deps.readPdf));
      await this.library.refresh();
      this.deps.win.history.replaceState(null, '', this.deps.win.location.pathname);
      if (!stored) return;
      const { id } = stored;
      await this.tabs.openDocument(id);
      this.ui.info(`${this.settings.t(stored.reimported ? 'sourceGuard.reimported' : 'receivedFromExtension')}: ${doc.url}`);
    } catch (e) {
      this.ui.error(`Handoff: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  /** The samples the editor's server lists, stored once (they stay in this browser until someone shares one on purpose). */
  async loadSamples(): Promise<void> {
    try {
      const names = JSON.parse(await this.deps.fetchText('samples/index.json')) as string[];
      for (const name of names) await this.library.store(await importTextHashed(await this.deps.fetchText(`samples/${name}`), name, 'sample'), { local: true });
    } catch (e) {
      this.ui.error(`Samples: ${e instanceof Error ? e.message : String(e)}`);
    }
    await this.library.db.settings.put({ key: 'samplesLoaded', value: true });
  }
}
