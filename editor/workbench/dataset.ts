/**
 * The Dataset view's state: its form, and the library (with the workspace,
 * while connected) read as curated documents; the download and the curator's
 * adjudications.
 */
import { adjudicate, curatedFromStudioDoc } from '../../core/document/curate.ts';
import type { CuratedDocument, Labelling } from '../../core/export/model.ts';
import { mayCurate } from '../services/identity.ts';
import type { Taxonomy } from '../../core/document/taxonomy.ts';
import { datasetArchive, datasetArchiveAsync, DEFAULT_DATASET_FORM, formFilter, type DatasetArchive, type DatasetForm } from '../services/dataset.ts';
import { curatedCacheKey, previewForm, sharedSummary } from '../services/library.ts';
import { mayNeedOcrRepair } from '../services/lexicon.ts';
import type { Library } from './library.ts';
import type { DocumentSession } from './session.ts';
import type { Settings } from './settings.ts';
import { Store } from './store.ts';
import type { Tabs } from './tabs.ts';
import type { Ui } from './ui.ts';
import type { Workspace } from './workspace.ts';

export interface DatasetState {
  form: DatasetForm;
  /** The library read as curated documents (null until read). */
  docs: CuratedDocument[] | null;
  loading: boolean;
}

export class Dataset extends Store<DatasetState> {
  /** The workspace's taxonomy, written into the dataset card (the workbench sets it). */
  taxonomy: () => Taxonomy | undefined = () => undefined;
  /** How the workspace labels, recorded in the dataset card (the workbench sets it; undefined without a workspace). */
  labelling: () => Labelling | undefined = () => undefined;
  /** Independent labelling, seen by an analyst: their name (only their own work is read and downloaded); null for everyone's. */
  privateTo: () => string | null = () => null;

  constructor(
    private readonly library: Library,
    private readonly tabs: Tabs,
    private readonly session: DocumentSession,
    private readonly workspace: Workspace,
    private readonly settings: Settings,
    private readonly ui: Ui,
    private readonly deps: { now(): number; win: Window },
  ) {
    super({ form: DEFAULT_DATASET_FORM, docs: null, loading: false });
  }

  /**
   * Reads every library document (and, while connected, every document of the
   * workspace) for the Dataset view's preview. A document this browser read
   * before and that has not changed since (its change count, library.ts) is
   * taken from the cache of what was read; while a sync server is set, the
   * workspace's documents are always read through it.
   */
  async load(): Promise<void> {
    if (this.get().loading) return;
    this.set({ loading: true });
    try {
      const docs = await this.read(true);
      this.set({ docs, loading: false });
    } catch (e) {
      this.set({ loading: false });
      this.ui.error(`Dataset: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  /** The documents as curated documents: in their preview form (`previewForm`), cached where they can be, or whole, for a download. */
  private async read(preview: boolean): Promise<CuratedDocument[]> {
    await this.workspace.addDocuments();
    await this.library.refresh();
    const only = this.privateTo();
    const key = curatedCacheKey(only);
    const connected = this.workspace.connected();
    const entries = this.library.get().entries.filter((e) => !e.mergedInto); // a merged one's work is in the document it was merged into
    const ids = entries.map((e) => e.id);
    await this.library.changesCounted();
    const [counts, cached] = preview ? await Promise.all([this.library.db.changes.bulkGet(ids), this.library.db.curated.bulkGet(ids)]) : [[], []];
    const docs: CuratedDocument[] = [];
    for (const [i, entry] of entries.entries()) {
      const cacheable = preview && (entry.local === true || !connected);
      const n = counts[i]?.n ?? 0;
      const hit = cached[i];
      if (cacheable && hit && hit.key === key && hit.n === n) {
        docs.push(hit.doc);
        continue;
      }
      let complete = true;
      const curated = await this.tabs.withDocument(entry.id, async (doc) => {
        const text = doc.text.toString();
        if (!text) return null; // shared by id, nothing received yet
        const mergedInto = doc.meta.get('mergedInto');
        if (typeof mergedInto === 'string' && mergedInto) {
          // Merged in another browser: it leaves this library too.
          await this.library.db.docs.update(entry.id, { mergedInto });
          return null;
        }
        const repairer = mayNeedOcrRepair(text) ? await this.session.repairer().catch(() => null) : null;
        if (mayNeedOcrRepair(text) && !repairer) complete = false; // read without repair: not kept
        return curatedFromStudioDoc(entry.id, doc, { parse: repairer ? { repairer } : {}, ...(only === null ? {} : { only }) });
      });
      if (!curated) continue;
      const shown = preview ? previewForm(curated) : curated;
      docs.push(shown);
      if (cacheable && complete) await this.library.db.curated.put({ id: entry.id, key, n, doc: shown });
      // A document known only by id learns its title, body and date from what the server sent.
      if (entry.source === 'shared') await this.library.db.docs.update(entry.id, sharedSummary(curated.meeting, curated.meta.fileName, curated.meeting.source?.sha256));
    }
    await this.library.refresh();
    return docs;
  }

  setForm(patch: Partial<DatasetForm>): void {
    this.set({ form: { ...this.get().form, ...patch } });
  }

  /** Builds the dataset the form asks for and downloads it as one zip file; a bad form or an empty selection gets a one-line message. */
  async download(): Promise<void> {
    const t = this.settings.t;
    const { form } = this.get();
    const filter = formFilter(form, this.tabs.get().active, t);
    if (typeof filter === 'string') return this.ui.error(filter);
    if (!form.formats.length) return this.ui.error(t('chooseFormat'));
    // The preview counts from what it read before; the download reads every document as it is now, whole.
    let docs: CuratedDocument[];
    try {
      docs = await this.read(false);
    } catch (e) {
      return this.ui.error(`${t('exportFailed')}: ${e instanceof Error ? e.message : String(e)}`);
    }
    const origin = `${docs.length} documents of the Referat Studio editor library (${this.deps.win.location.origin})`;
    if (form.formats.includes('xlsx')) {
      // The spreadsheet is zipped asynchronously; the rest is made at once.
      void datasetArchiveAsync(docs, filter, form.formats, new Date(this.deps.now()), origin, { taxonomy: this.taxonomy(), labelling: this.labelling() }).then(
        (archive) => this.deliver(archive),
        (e: unknown) => this.ui.error(`${t('exportFailed')}: ${e instanceof Error ? e.message : String(e)}`),
      );
      return;
    }
    try {
      this.deliver(datasetArchive(docs, filter, form.formats, new Date(this.deps.now()), origin, { taxonomy: this.taxonomy(), labelling: this.labelling() }));
    } catch (e) {
      this.ui.error(`${t('exportFailed')}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  /** Saves a built dataset zip as a download, or says that nothing matched. */
  private deliver(archive: DatasetArchive): void {
    const t = this.settings.t;
    if (!archive.items) return this.ui.error(t('nothingToDownload'));
    const url = URL.createObjectURL(new Blob([archive.bytes as BlobPart], { type: 'application/zip' }));
    const a = this.deps.win.document.createElement('a');
    a.href = url;
    a.download = archive.name;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    this.ui.info(`${archive.name}: ${archive.items} ${t('itemWord', { count: archive.items })}, ${archive.files.length} ${t('fileWord', { count: archive.files.length })}`);
  }

  /** A curator's final word on one label of one item, recorded with the user's name and the time; the view is read again. */
  async adjudicate(documentId: string, itemNumber: string, label: string, value: boolean): Promise<void> {
    // Only curators adjudicate (the sync server refuses anyone else's too).
    if (!mayCurate(this.settings.get().person)) return this.ui.error(this.settings.t('curatorsOnly'));
    if (!(await this.settings.requireUser())) return;
    const done = await this.tabs.withDocument(documentId, (doc, readOnly) => {
      if (readOnly) return false;
      adjudicate(doc, { itemNumber, label, value, decidedBy: this.settings.get().user }, this.deps.now);
      return true;
    });
    if (!done) return this.ui.error(this.settings.t('syncReadOnly'));
    await this.load();
  }
}
