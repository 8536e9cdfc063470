/**
 * The workbench controller: the library, open tabs, the active document and its
 * editor, and every command. Components render its state and call its methods;
 * it takes its storage and clock as arguments so it can be driven in tests.
 */
import { EditorView } from '@codemirror/view';
import { openSearchPanel } from '@codemirror/search';
import { EditorSelection } from '@codemirror/state';
import { foldAll, unfoldAll } from '@codemirror/language';
import type { Diagnostic, FieldName, Item, Meeting } from '../../core/minutes/model.ts';
import { setOverrides, setRepairer, meetingOf, liveParseField } from '../extensions/live-parse/index.ts';
import { setAnnotationRanges } from '../extensions/annotation-marks/index.ts';
import { ocrFix } from '../extensions/diagnostics/index.ts';
import type { AnnotationView, OverrideView, ReviewMark, ReviewStatus, StudioDoc } from '../../core/document/studio-doc.ts';
import { REVIEW_STATUSES } from '../../core/document/studio-doc.ts';
import type { OverrideKind } from '../../core/document/overrides.ts';
import { DEFAULT_TAXONOMY, parseTaxonomy, type Taxonomy } from '../../core/document/taxonomy.ts';
import { caseMentions, docIdFor, duplicatesOf, filterAndSort, summarize, LibraryDb, sharedEntry, sharedSummary, type LibraryEntry, type LibraryReview, type SortKey } from './library.ts';
import { mergeInto } from './merge.ts';
import { createDoc, openDoc, type OpenDoc } from './persistence.ts';
import { ImportError, importFile, importHandoff, importTextHashed, type ImportedDocument, type PdfReader } from './import.ts';
import { looksOcrDamaged, loadRepairer } from './lexicon.ts';
import { createDocumentView } from './editor-view.ts';
import { handoffIdFromHash, requestHandoff } from './handoff.ts';
import { translator, type Lang } from '../i18n.ts';
import { adjudicate, curatedFromStudioDoc } from '../../core/document/curate.ts';
import { parseWithOverrides } from '../../core/document/overrides.ts';
import { datasetArchive, datasetArchiveAsync, DEFAULT_DATASET_FORM, formFilter, type DatasetArchive, type DatasetForm } from './dataset.ts';
import type { CuratedDocument } from '../../core/export/model.ts';
import type { TextRepairer } from '../../core/minutes/parse.ts';
import { Collab, parseSyncSettings, SYNC_OFF, type Peer, type SyncSettings, type SyncView } from './collab.ts';

export type Activity = 'explorer' | 'annotations' | 'overrides' | 'dataset';
export type Panel = 'problems' | 'overrides';

export interface InputRequest {
  title: string;
  placeholder?: string;
  value?: string;
  /** Offer these choices (a quick pick) instead of free text. */
  choices?: string[];
  resolve(value: string | null): void;
}

export interface Command {
  id: string;
  title: string;
  keys?: string;
  run(): void | Promise<void>;
}

export interface WorkbenchState {
  lang: Lang;
  theme: 'light' | 'dark';
  /** The user's name, which annotations, labels, comments, review and presence carry; '' until they give one. */
  user: string;
  /** The dialog asking for the user's name (shown on first use, and whenever a name is needed and missing). */
  nameDialog: boolean;
  library: LibraryEntry[];
  filter: string;
  sort: SortKey;
  tabs: string[];
  active: string | null;
  activity: Activity;
  panel: Panel;
  meeting: Meeting | null;
  parseMs: number;
  cursor: { line: number; col: number; pos: number };
  currentItem: string | null;
  overrides: OverrideView[];
  annotations: AnnotationView[];
  review: Record<string, ReviewStatus>;
  /** Item number → who set its review status and when. */
  reviewMarks: Record<string, ReviewMark>;
  ocr: 'none' | 'loading' | 'repaired' | 'failed';
  message: { text: string; kind: 'error' | 'info' } | null;
  progress: { done: number; total: number } | null;
  palette: boolean;
  input: InputRequest | null;
  paste: boolean;
  draft: { from: number; to: number; quote: string } | null;
  labelFilter: string;
  activeAnnotation: string | null;
  taxonomy: Taxonomy;
  /** The sync connection as the active document sees it. */
  sync: SyncView;
  /** Who else is in each open document (and in which item). */
  peers: Record<string, Peer[]>;
  /** The PDF page beside the text (for documents read from a PDF in this browser). */
  pageView: boolean;
  /** The Dataset view: its form, and the library read as curated documents (null until read). */
  datasetForm: DatasetForm;
  dataset: { docs: CuratedDocument[] | null; loading: boolean };
}

export interface WorkbenchDeps {
  db: LibraryDb;
  readPdf: PdfReader;
  fetchText(url: string): Promise<string>;
  now(): number;
  win: Window;
}

/** The name everyone had before names were asked for: not a name, as two people keeping it would be one person. */
export const DEFAULT_USER = 'analytiker';

/** Why a user name cannot be used (empty, the old default, too long), or null when it can. Pure. */
export function userNameProblem(name: string, lang: Lang): string | null {
  const n = name.trim();
  const da = lang === 'da';
  if (!n) return da ? 'Skriv dit navn' : 'Type your name';
  if (n.toLowerCase() === DEFAULT_USER) return da ? `»${DEFAULT_USER}« er ikke et navn: skriv dit eget, så dine annoteringer kan skelnes fra andres` : `"${DEFAULT_USER}" is not a name: type your own, so your annotations can be told from others'`;
  if (n.length > 60) return da ? 'Navnet er for langt (højst 60 tegn)' : 'The name is too long (60 characters at most)';
  return null;
}

/** Where someone was in a document: the selection and the first line in view (a position), kept per document. */
interface ViewPosition {
  anchor: number;
  head: number;
  top: number;
}

let idCounter = 0;
const newDocId = (now: number) => `d${now.toString(36)}${(idCounter++).toString(36)}${Math.random().toString(36).slice(2, 6)}`;

export class Workbench {
  state: WorkbenchState;
  private listeners = new Set<() => void>();
  private open = new Map<string, OpenDoc>();
  view: EditorView | null = null;
  private host: HTMLElement | null = null;
  private unobserve: (() => void) | null = null;
  private uiFrame = 0;
  private libraryTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly collab: Collab;
  /** What the active view was built with: remounted when the awareness or read-only state changes. */
  private mounted: { docId: string; awareness: unknown; readOnly: boolean } | null = null;
  private collabFrame = 0;
  /** Per document: where the person was (see rememberPosition). */
  private positions = new Map<string, ViewPosition>();
  /** Waiting for the user's name (requireUser). */
  private nameWaiters: ((ok: boolean) => void)[] = [];

  constructor(private readonly deps: WorkbenchDeps) {
    this.state = {
      lang: 'da',
      theme: 'light',
      user: '',
      nameDialog: false,
      library: [],
      filter: '',
      sort: 'date',
      tabs: [],
      active: null,
      activity: 'explorer',
      panel: 'problems',
      meeting: null,
      parseMs: 0,
      cursor: { line: 1, col: 1, pos: 0 },
      currentItem: null,
      overrides: [],
      annotations: [],
      review: {},
      reviewMarks: {},
      ocr: 'none',
      message: null,
      progress: null,
      palette: false,
      input: null,
      paste: false,
      draft: null,
      labelFilter: '',
      activeAnnotation: null,
      taxonomy: DEFAULT_TAXONOMY,
      sync: SYNC_OFF,
      peers: {},
      pageView: false,
      datasetForm: DEFAULT_DATASET_FORM,
      dataset: { docs: null, loading: false },
    };
    this.collab = new Collab(() => this.onCollabChange(), deps.win);
  }

  get t() {
    return translator(this.state.lang);
  }

  subscribe(f: () => void): () => void {
    this.listeners.add(f);
    return () => this.listeners.delete(f);
  }

  set(patch: Partial<WorkbenchState>): void {
    this.state = { ...this.state, ...patch };
    for (const f of this.listeners) f();
  }

  // --- start-up ------------------------------------------------------------

  async start(): Promise<void> {
    const { db } = this.deps;
    const settings = new Map((await db.settings.toArray()).map((s) => [s.key, s.value]));
    for (const [key, value] of settings) if (key.startsWith('view:') && value && typeof value === 'object') this.positions.set(key.slice(5), value as ViewPosition);
    const lang = (settings.get('lang') as Lang) ?? 'da';
    const stored = typeof settings.get('user') === 'string' ? (settings.get('user') as string).trim() : '';
    const user = userNameProblem(stored, lang) ? '' : stored;
    this.set({
      lang,
      theme: (settings.get('theme') as 'light' | 'dark') ?? 'light',
      user,
      nameDialog: !user,
      taxonomy: (settings.get('taxonomy') as Taxonomy) ?? DEFAULT_TAXONOMY,
      pageView: settings.get('pageView') === true,
    });
    await this.startSync(settings.has('sync') ? parseSyncSettings(settings.get('sync')) : undefined);
    if (!settings.get('samplesLoaded')) await this.loadSamples();
    await this.refreshLibrary();
    // Another tab (or a handoff) may have added documents meanwhile.
    this.deps.win.addEventListener('focus', () => void this.refreshLibrary());
    // Where the person was in the active document, for the next time it opens (a reload included).
    this.deps.win.addEventListener('pagehide', () => this.rememberPosition());
    this.deps.win.document.addEventListener('visibilitychange', () => this.rememberPosition());
    const handoff = handoffIdFromHash(this.deps.win.location.hash);
    if (handoff) await this.receiveHandoff(handoff);
    else {
      const tabs = (settings.get('tabs') as string[] | undefined)?.filter((id) => this.state.library.some((e) => e.id === id)) ?? [];
      const active = settings.get('active') as string | undefined;
      this.set({ tabs });
      if (active && tabs.includes(active)) await this.openDocument(active);
    }
  }

  // --- collaboration ---------------------------------------------------------

  /** Connects with the stored settings, or else with the server's `/config.json` (`{ sync: { url, workspace, token } }`) when it serves one. */
  private async startSync(stored: SyncSettings | null | undefined): Promise<void> {
    let settings = stored ?? null;
    if (stored === undefined) {
      try {
        const config = JSON.parse(await this.deps.fetchText('/config.json')) as { sync?: unknown };
        settings = parseSyncSettings(config?.sync);
      } catch {
        settings = null; // no config: local only
      }
    }
    this.collab.configure(settings);
    if (settings) void this.refreshWorkspace();
  }

  /** Asks for the server's URL, the workspace and a token, stores them and connects. */
  async connectSync(): Promise<void> {
    const da = this.state.lang === 'da';
    const current = this.collab.configured;
    const url = await this.ask({ title: da ? 'Synkroniseringsserverens adresse' : 'Sync server URL', value: current?.url ?? 'ws://127.0.0.1:1234' });
    if (!url) return;
    const workspace = await this.ask({ title: da ? 'Arbejdsområde' : 'Workspace', value: current?.workspace ?? 'local' });
    if (!workspace) return;
    const token = await this.ask({ title: da ? 'Adgangsnøgle (token)' : 'Access token', placeholder: 'rs_…', value: current?.token ?? '' });
    if (!token) return;
    const settings = parseSyncSettings({ url, workspace, token });
    if (!settings) return this.set({ message: { kind: 'error', text: da ? 'Adressen skal starte med ws:// eller wss://, og arbejdsområde og nøgle skal udfyldes' : 'The URL must start with ws:// or wss://, and workspace and token must be given' } });
    await this.saveSetting('sync', settings);
    this.set({ message: null });
    this.collab.configure(settings);
    void this.refreshWorkspace();
  }

  /** Stops syncing (documents stay in this browser) and remembers that choice. */
  async disconnectSync(): Promise<void> {
    await this.saveSetting('sync', null);
    this.collab.configure(null);
  }

  /** Opens a document shared in the workspace by its id, adding it to the library if it is new here. */
  async openShared(id: string): Promise<void> {
    id = id.trim();
    if (!/^[\w-]+$/.test(id)) return this.set({ message: { kind: 'error', text: `${this.state.lang === 'da' ? 'Ugyldigt dokument-id' : 'Not a document id'}: ${id}` } });
    const entry = await this.deps.db.docs.get(id);
    if (!entry) await this.deps.db.docs.put(sharedEntry(id, this.deps.now()));
    // The same sample here, kept local: asked for the shared one, this browser joins it (the same first state, so they merge as one).
    else if (entry.local) await this.joinWorkspace(id);
    await this.refreshLibrary();
    await this.openDocument(id);
  }

  /** A local document that the workspace has too becomes the workspace's: it syncs from now on. */
  private async joinWorkspace(id: string): Promise<void> {
    await this.deps.db.docs.update(id, { local: false, source: 'shared' });
    const open = this.open.get(id);
    if (open) this.collab.attach(id, open.doc.ydoc);
  }

  /**
   * Shares a document kept in this browser only (a sample) to the workspace:
   * from now on it syncs like any other, and others see it in their library.
   */
  async shareToWorkspace(id = this.state.active): Promise<void> {
    const da = this.state.lang === 'da';
    if (!id) return this.set({ message: { kind: 'error', text: da ? 'Åbn det dokument, der skal deles' : 'Open the document to share' } });
    const entry = await this.deps.db.docs.get(id);
    if (!entry) return;
    if (!this.collab.configured) return this.set({ message: { kind: 'error', text: da ? 'Ikke forbundet til en synkroniseringsserver: forbind først, så kan dokumentet deles' : 'Not connected to a sync server: connect first, then share the document' } });
    if (!entry.local) return this.set({ message: { kind: 'info', text: da ? 'Dokumentet er allerede delt i arbejdsområdet' : 'The document is already shared in the workspace' } });
    await this.deps.db.docs.update(id, { local: false });
    const open = this.open.get(id);
    if (open) this.collab.attach(id, open.doc.ydoc);
    else await this.withDocument(id, () => undefined, true);
    await this.refreshLibrary();
    this.set({ message: { kind: 'info', text: `${da ? 'Delt i arbejdsområdet' : 'Shared to the workspace'} ${this.collab.configured.workspace}: ${entry.body || entry.fileName}` } });
  }

  /** True (and says so) when the active document came with a read-only token: nothing may change it. */
  private readOnly(): boolean {
    if (!this.collab.view(this.state.active).readOnly) return false;
    this.set({ message: { kind: 'error', text: this.t('syncReadOnly') } });
    return true;
  }

  private onCollabChange(): void {
    // Provider events come in bursts; the UI follows once per frame.
    if (this.collabFrame) return;
    this.collabFrame = requestAnimationFrame(() => {
      this.collabFrame = 0;
      const before = this.state.sync;
      const sync = this.collab.view(this.state.active);
      const patch: Partial<WorkbenchState> = { sync, peers: this.collab.peers() };
      if (sync.error && sync.error !== before.error) patch.message = { kind: 'error', text: `${this.state.lang === 'da' ? 'Synkroniseringsserveren afviste nøglen' : 'The sync server refused the token'}: ${sync.error}` };
      this.set(patch);
      const active = this.state.active;
      if (this.view && active && this.mounted && (this.mounted.awareness !== this.collab.awareness(active) || this.mounted.readOnly !== sync.readOnly)) this.mountActive();
    });
  }

  private async loadSamples(): Promise<void> {
    try {
      const names = JSON.parse(await this.deps.fetchText('samples/index.json')) as string[];
      // Samples stay in this browser until someone shares one on purpose.
      for (const name of names) await this.store(await importTextHashed(await this.deps.fetchText(`samples/${name}`), name, 'sample'), { local: true });
    } catch (e) {
      this.set({ message: { kind: 'error', text: `Samples: ${e instanceof Error ? e.message : String(e)}` } });
    }
    await this.deps.db.settings.put({ key: 'samplesLoaded', value: true });
  }

  async refreshLibrary(): Promise<void> {
    this.set({ library: await this.deps.db.docs.toArray() });
  }

  get visibleLibrary(): LibraryEntry[] {
    return filterAndSort(this.state.library, this.state.filter, this.state.sort);
  }

  private async saveSetting(key: string, value: unknown): Promise<void> {
    await this.deps.db.settings.put({ key, value });
  }

  // --- import --------------------------------------------------------------

  /**
   * Stores an imported document, or finds it: a source already in the library
   * (by its SHA-256) is the document that is there (followed to the one it was
   * merged into). The id comes from the SHA-256, so another browser importing
   * the same file makes the same document (see `seedUpdate`).
   */
  private async store(doc: ImportedDocument, options: { local?: boolean } = {}): Promise<{ id: string; existed: boolean }> {
    const now = this.deps.now();
    const sha256 = doc.source.sha256;
    if (sha256) {
      const entries = await this.deps.db.docs.toArray();
      let found = entries.find((e) => e.id === docIdFor(sha256)) ?? entries.find((e) => e.sha256 === sha256 && !e.mergedInto) ?? entries.find((e) => e.sha256 === sha256);
      for (let hops = 0; found?.mergedInto && hops < 10; hops++) found = entries.find((e) => e.id === found!.mergedInto) ?? found;
      if (found && !found.mergedInto) {
        if (doc.pdf && !(await this.deps.db.pdfs.get(found.id))) await this.deps.db.pdfs.put({ id: found.id, bytes: doc.pdf });
        return { id: found.id, existed: true };
      }
    }
    const id = sha256 ? docIdFor(sha256) : newDocId(now);
    await createDoc(id, doc.text, { fileName: doc.entry.fileName, source: doc.source }, doc.hints, doc.runs);
    if (doc.pdf) await this.deps.db.pdfs.put({ id, bytes: doc.pdf });
    await this.deps.db.docs.put({ ...doc.entry, id, ...(sha256 ? { sha256 } : {}), ...(options.local ? { local: true } : {}), createdAt: now, updatedAt: now });
    return { id, existed: false };
  }

  /** Imports files (several at once, with progress); bad files get a one-line message and change nothing. */
  async importFiles(files: File[]): Promise<string[]> {
    const ids: string[] = [];
    const errors: string[] = [];
    const known: string[] = [];
    this.set({ progress: { done: 0, total: files.length }, message: null });
    for (const [i, file] of files.entries()) {
      try {
        const { id, existed } = await this.store(await importFile(file, this.deps.readPdf));
        ids.push(id);
        if (existed) known.push(file.name);
      } catch (e) {
        errors.push(e instanceof ImportError ? e.message : `${file.name}: ${e instanceof Error ? e.message : String(e)}`);
      }
      this.set({ progress: { done: i + 1, total: files.length } });
    }
    await this.refreshLibrary();
    this.set({
      progress: null,
      message: errors.length
        ? { kind: 'error', text: errors.join(' · ') }
        : known.length
          ? { kind: 'info', text: `${this.state.lang === 'da' ? 'Allerede i biblioteket (samme kilde), åbnet' : 'Already in the library (the same source), opened'}: ${known.join(', ')}` }
          : { kind: 'info', text: `${ids.length} ${this.state.lang === 'da' ? 'importeret' : 'imported'}` },
    });
    if (ids.length) await this.openDocument(ids[ids.length - 1]!);
    return ids;
  }

  async importPasted(text: string): Promise<void> {
    try {
      const { id, existed } = await this.store(await importTextHashed(text, `paste-${new Date(this.deps.now()).toISOString().slice(0, 16)}.txt`, 'paste'));
      await this.refreshLibrary();
      this.set({ paste: false, message: existed ? { kind: 'info', text: this.state.lang === 'da' ? 'Teksten er allerede i biblioteket: åbnet' : 'This text is already in the library: opened' } : null });
      await this.openDocument(id);
    } catch (e) {
      this.set({ message: { kind: 'error', text: e instanceof Error ? e.message : String(e) } });
    }
  }

  async receiveHandoff(handoffId: string): Promise<void> {
    try {
      const doc = await requestHandoff(this.deps.win, handoffId);
      const { id } = await this.store(await importHandoff(doc, this.deps.readPdf));
      await this.refreshLibrary();
      this.deps.win.history.replaceState(null, '', this.deps.win.location.pathname);
      await this.openDocument(id);
      this.set({ message: { kind: 'info', text: `${this.state.lang === 'da' ? 'Modtaget fra udvidelsen' : 'Received from the extension'}: ${doc.url}` } });
    } catch (e) {
      this.set({ message: { kind: 'error', text: `Handoff: ${e instanceof Error ? e.message : String(e)}` } });
    }
  }

  // --- documents and the editor -------------------------------------------

  /** The element the editor lives in (set by the editor pane). */
  attach(host: HTMLElement | null): void {
    this.host = host;
    if (host && this.state.active && !this.view) this.mountActive();
  }

  activeDoc(): StudioDoc | null {
    return this.state.active ? (this.open.get(this.state.active)?.doc ?? null) : null;
  }

  /** True when the document is kept in this browser only (a sample nobody shared): it is not synced. */
  private isLocal(id: string): boolean {
    return this.state.library.find((e) => e.id === id)?.local === true;
  }

  async openDocument(id: string): Promise<void> {
    // A document merged into another opens as that one.
    const merged = this.state.library.find((e) => e.id === id)?.mergedInto;
    if (merged && this.state.library.some((e) => e.id === merged)) id = merged;
    this.rememberPosition();
    if (!this.open.has(id)) this.open.set(id, await openDoc(id));
    if (!this.isLocal(id)) this.collab.attach(id, this.open.get(id)!.doc.ydoc);
    const tabs = this.state.tabs.includes(id) ? this.state.tabs : [...this.state.tabs, id];
    this.set({ tabs, active: id, draft: null, activeAnnotation: null });
    void this.saveSetting('tabs', tabs);
    void this.saveSetting('active', id);
    this.mountActive();
  }

  async closeTab(id: string): Promise<void> {
    if (this.state.active === id) this.rememberPosition();
    const tabs = this.state.tabs.filter((t) => t !== id);
    const o = this.open.get(id);
    this.open.delete(id);
    this.collab.detach(id);
    if (this.state.active === id) {
      this.destroyView();
      this.set({ tabs, active: null, meeting: null, overrides: [], annotations: [] });
      if (tabs.length) await this.openDocument(tabs[tabs.length - 1]!);
    } else this.set({ tabs });
    void this.saveSetting('tabs', tabs);
    await o?.close();
  }

  /** Where the person is in the active document, kept for the next time it opens. */
  private rememberPosition(): void {
    const view = this.view;
    const id = this.mounted?.docId;
    if (!view || !id) return;
    const { anchor, head } = view.state.selection.main;
    const rect = view.scrollDOM.getBoundingClientRect();
    // The first line in view, as a position in the text (pixels change with the window; positions do not).
    const top = rect.height > 0 ? view.lineBlockAtHeight(view.scrollDOM.scrollTop).from : (this.positions.get(id)?.top ?? view.state.doc.lineAt(head).from);
    const position: ViewPosition = { anchor, head, top };
    const before = this.positions.get(id);
    if (before && before.anchor === anchor && before.head === head && before.top === top) return;
    this.positions.set(id, position);
    void this.saveSetting(`view:${id}`, position);
  }

  private positionTimer: ReturnType<typeof setTimeout> | null = null;

  private schedulePosition(): void {
    if (this.positionTimer) clearTimeout(this.positionTimer);
    this.positionTimer = setTimeout(() => {
      this.positionTimer = null;
      this.rememberPosition();
    }, 300);
  }

  /** Puts the cursor and the scroll where they were when this document was last open. */
  private restorePosition(view: EditorView, id: string): void {
    const saved = this.positions.get(id);
    if (!saved) return;
    const len = view.state.doc.length;
    const clamp = (n: number) => Math.max(0, Math.min(Number(n) || 0, len));
    const top = clamp(saved.top);
    view.dispatch({ selection: { anchor: clamp(saved.anchor), head: clamp(saved.head) } });
    const restored = view.state.selection;
    // Scrolled once the editor has its size (its pane may only now be shown); not when a jump (openAt) came first.
    const scroll = (tries: number) => {
      if (this.view !== view || view.state.selection !== restored) return;
      if (view.scrollDOM.clientHeight === 0 && tries > 0) return void requestAnimationFrame(() => scroll(tries - 1));
      view.dispatch({ effects: EditorView.scrollIntoView(top, { y: 'start' }) });
    };
    requestAnimationFrame(() => scroll(20));
  }

  private destroyView(): void {
    this.unobserve?.();
    this.unobserve = null;
    this.view?.destroy();
    this.view = null;
  }

  private mountActive(): void {
    const doc = this.activeDoc();
    if (!doc || !this.host) return;
    // Mounted again for the same document (connected, disconnected, read-only): keep the cursor.
    const same = this.view && this.mounted?.docId === this.state.active;
    const keep = same ? { anchor: this.view!.state.selection.main.anchor, head: this.view!.state.selection.main.head, focus: this.view!.hasFocus } : null;
    this.destroyView();
    const awareness = this.collab.awareness(this.state.active!);
    const readOnly = this.collab.view(this.state.active).readOnly;
    this.mounted = { docId: this.state.active!, awareness, readOnly };
    performance.clearMarks('referat:text-loaded');
    performance.clearMarks('referat:structure-drawn');
    performance.mark('referat:text-loaded');
    const view = createDocumentView(doc, this.host, [
      // The view reports every update; the UI redraws once per frame.
      EditorView.updateListener.of((u) => {
        if (u.docChanged || u.selectionSet || u.transactions.some((tr) => tr.effects.length)) this.scheduleUi();
        if (u.selectionSet || u.geometryChanged) this.schedulePosition();
        if (u.state.field(liveParseField) !== u.startState.field(liveParseField)) this.scheduleLibraryUpdate();
        if (u.docChanged) this.scheduleReanchor();
      }),
    ], { awareness, readOnly });
    this.view = view;
    if (keep) {
      const len = view.state.doc.length;
      view.dispatch({ selection: { anchor: Math.min(keep.anchor, len), head: Math.min(keep.head, len) }, effects: EditorView.scrollIntoView(Math.min(keep.head, len), { y: 'center' }) });
      if (keep.focus) view.focus();
    } else this.restorePosition(view, this.state.active!);
    const onScroll = () => this.schedulePosition();
    view.scrollDOM.addEventListener('scroll', onScroll, { passive: true });
    this.pushOverrides();
    this.pushAnnotations();
    const offOverrides = observeDeep(doc.overrides, () => this.pushOverrides());
    const offAnnotations = observeDeep(doc.annotations, () => this.pushAnnotations());
    const offReview = doc.observeReview(() => this.pushReview());
    this.pushReview();
    this.unobserve = () => {
      offOverrides();
      offAnnotations();
      offReview();
    };
    this.updateUi();
    // After the outline's render (a microtask) and before the next paint.
    requestAnimationFrame(() => performance.mark('referat:structure-drawn'));
    this.maybeRepair(view, doc);
  }

  private maybeRepair(view: EditorView, doc: StudioDoc): void {
    if (!looksOcrDamaged(doc.text.toString())) {
      this.set({ ocr: 'none' });
      return;
    }
    this.set({ ocr: 'loading' });
    this.repairer()
      .then((repairer) => {
        if (this.view !== view) return;
        view.dispatch({ effects: setRepairer.of(repairer) });
        this.set({ ocr: 'repaired' });
      })
      .catch(() => this.set({ ocr: 'failed' }));
  }

  /** The OCR repairer, its lexicon fetched from the editor's server once. */
  private repairer(): Promise<TextRepairer> {
    return loadRepairer(() => this.deps.fetchText('lexicon-da.txt'));
  }

  private pushOverrides(): void {
    const doc = this.activeDoc();
    const view = this.view;
    if (!doc || !view) return;
    const text = view.state.doc.toString();
    view.dispatch({ effects: setOverrides.of(doc.placedOverrides(text)) });
    this.set({ overrides: doc.overrideViews(text) });
  }

  private pushAnnotations(): void {
    const doc = this.activeDoc();
    const view = this.view;
    if (!doc || !view) return;
    const annotations = doc.annotationViews(view.state.doc.toString());
    const ranges = annotations.filter((a) => !a.orphaned).map((a) => ({ id: a.id, from: a.from!, to: a.to!, active: a.id === this.state.activeAnnotation }));
    view.dispatch({ effects: setAnnotationRanges.of(ranges) });
    this.set({ annotations });
  }

  private scheduleUi(): void {
    if (this.uiFrame) return;
    this.uiFrame = requestAnimationFrame(() => {
      this.uiFrame = 0;
      this.updateUi();
    });
  }

  /** Each item's review where its anchor on the heading is now; review stored by number (older documents) is carried over first. */
  private pushReview(): void {
    const doc = this.activeDoc();
    const view = this.view;
    if (!doc || !view) return;
    const meeting = view.state.field(liveParseField).meeting;
    const text = view.state.doc.toString();
    if (doc.hasLegacyReview() && !this.readOnly()) doc.migrateReview(meeting.sections.flatMap((s) => s.items), text);
    this.set(doc.reviewState(meeting, text));
  }

  private updateUi(): void {
    const view = this.view;
    if (!view) return;
    const parse = view.state.field(liveParseField);
    const reparsed = parse.meeting !== this.state.meeting;
    const head = view.state.selection.main.head;
    const line = view.state.doc.lineAt(head);
    const item = itemAt(parse.meeting, head);
    this.set({
      meeting: parse.meeting,
      parseMs: parse.parseMs,
      cursor: { line: line.number, col: head - line.from + 1, pos: head },
      currentItem: item?.number ?? null,
    });
    if (reparsed) this.pushReview();
    this.collab.setPresence(this.state.user, this.state.active, this.state.currentItem);
    this.onCollabChange();
  }

  private reanchorTimer: ReturnType<typeof setTimeout> | null = null;

  /** After typing pauses, resolves every anchor again: the sidebar shows where annotations are now, and which are orphaned. */
  private scheduleReanchor(): void {
    if (this.reanchorTimer) clearTimeout(this.reanchorTimer);
    this.reanchorTimer = setTimeout(() => {
      this.reanchorTimer = null;
      const doc = this.activeDoc();
      const view = this.view;
      if (!doc || !view) return;
      const text = view.state.doc.toString();
      const views = doc.overrideViews(text);
      const placed = doc.placedOverrides(text);
      const current = view.state.field(liveParseField).overrides;
      const same = placed.length === current.length && placed.every((o, i) => o.id === current[i]!.id && o.pos === current[i]!.pos);
      if (!same) view.dispatch({ effects: setOverrides.of(placed) });
      this.set({ overrides: views });
      this.pushAnnotations();
    }, 400);
  }

  private libraryWaitSince = 0;

  /** Updates the library entry once changes pause, and at least every two seconds while they go on (a collaborator typing). */
  private scheduleLibraryUpdate(): void {
    const now = Date.now();
    if (this.libraryTimer) {
      if (now - this.libraryWaitSince > 2000) return;
      clearTimeout(this.libraryTimer);
    } else this.libraryWaitSince = now;
    this.libraryTimer = setTimeout(() => {
      this.libraryTimer = null;
      void this.updateLibraryEntry();
    }, 800);
  }

  private async updateLibraryEntry(): Promise<void> {
    const id = this.state.active;
    const meeting = this.state.meeting;
    if (!id || !meeting) return;
    const items = meeting.sections.flatMap((s) => s.items);
    const statuses = items.map((i) => this.state.review[i.number] ?? 'unreviewed');
    const review: LibraryReview = statuses.length && statuses.every((s) => s === 'approved') ? 'reviewed' : statuses.some((s) => s !== 'unreviewed') ? 'in-progress' : 'unreviewed';
    const patch: Partial<LibraryEntry> = { items: items.length, sections: meeting.sections.length, body: meeting.body, date: meeting.date, cases: caseMentions(meeting), review, updatedAt: this.deps.now() };
    // A document opened by id learns its name and kind from what the server sent.
    const entry = this.state.library.find((e) => e.id === id);
    if (entry?.source === 'shared') Object.assign(patch, sharedSummary(meeting, this.activeDoc()?.meta.get('fileName'), sourceSha(this.activeDoc())));
    else if (entry && !entry.sha256 && sourceSha(this.activeDoc())) patch.sha256 = sourceSha(this.activeDoc());
    patch.meetingId = summarize(meeting).meetingId;
    await this.deps.db.docs.update(id, patch);
    await this.refreshLibrary();
  }

  /** Opens a library document at one of its items (the Dataset view and the case links use it). */
  async openAt(id: string, itemNumber: string): Promise<void> {
    await this.openDocument(id);
    this.jumpToItem(itemNumber);
  }

  /** Moves the cursor to `pos` and scrolls it into view. */
  jump(pos: number, to = pos): void {
    const view = this.view;
    if (!view) return;
    const p = Math.min(pos, view.state.doc.length);
    view.dispatch({ selection: EditorSelection.range(p, Math.min(to, view.state.doc.length)), effects: EditorView.scrollIntoView(p, { y: 'start', yMargin: 60 }) });
    view.focus();
  }

  jumpToItem(number: string): void {
    const item = itemNumbered(this.state.meeting, number);
    if (item) this.jump(item.titleSpan.start);
  }

  applyFix(d: Diagnostic, all: boolean): void {
    if (this.readOnly()) return;
    const spec = ocrFix(d, all);
    if (spec && this.view) this.view.dispatch(spec);
  }

  // --- prompts ---------------------------------------------------------------

  ask(request: Omit<InputRequest, 'resolve'>): Promise<string | null> {
    return new Promise((resolve) => {
      this.set({
        palette: false,
        input: {
          ...request,
          resolve: (v) => {
            this.set({ input: null });
            this.view?.focus();
            resolve(v);
          },
        },
      });
    });
  }

  // --- structure overrides --------------------------------------------------

  private lineStart(): number | null {
    const view = this.view;
    return view ? view.state.doc.lineAt(view.state.selection.main.head).from : null;
  }

  /** Adds a structure override at the cursor's line, asking for its argument. */
  async structureCommand(kind: OverrideKind): Promise<void> {
    if (this.readOnly()) return;
    const doc = this.activeDoc();
    const view = this.view;
    if (!doc || !view) return;
    let pos = this.lineStart()!;
    const spec: { kind: OverrideKind; number?: string; field?: FieldName; value?: string } = { kind };
    const meeting = meetingOf(view.state);
    if (kind === 'item-start' || kind === 'split-item') {
      const number = await this.ask({ title: this.state.lang === 'da' ? 'Punktets nummer (fx 3.2)' : 'Item number (e.g. 3.2)', value: guessItemNumber(meeting, pos) });
      if (!number) return;
      spec.number = number.trim().replace(/\.$/, '');
    } else if (kind === 'section-heading') {
      const number = await this.ask({ title: this.state.lang === 'da' ? 'Afsnittets nummer (fx 3)' : 'Section number (e.g. 3)', value: guessSectionNumber(meeting, pos) });
      if (!number) return;
      spec.number = number.trim().replace(/\.$/, '');
    } else if (kind === 'field-start') {
      const field = await this.ask({ title: this.state.lang === 'da' ? 'Hvilket felt starter her?' : 'Which field starts here?', choices: ['beslutning', 'indstilling', 'sagsfremstilling', 'baggrund'] });
      if (!field) return;
      spec.field = field as FieldName;
    } else if (kind === 'meeting-date') {
      const value = await this.ask({ title: this.state.lang === 'da' ? 'Mødedato (ÅÅÅÅ-MM-DD)' : 'Meeting date (YYYY-MM-DD)', value: meeting.date ?? '' });
      if (!value) return;
      spec.value = value.trim();
    } else if (kind === 'meeting-body') {
      const value = await this.ask({ title: this.state.lang === 'da' ? 'Organ (fx KKR Nordjylland)' : 'Body (e.g. KKR Nordjylland)', value: meeting.body });
      if (!value) return;
      spec.value = value.trim();
    } else if (kind === 'merge-previous') {
      const item = itemAt(meeting, pos);
      if (!item) return this.set({ message: { kind: 'error', text: this.state.lang === 'da' ? 'Markøren står ikke i et punkt' : 'The cursor is not in an item' } });
      pos = item.titleSpan.start;
    }
    try {
      doc.addOverride(spec, pos);
      this.set({ message: null });
    } catch (e) {
      this.set({ message: { kind: 'error', text: e instanceof Error ? e.message : String(e) } });
    }
  }

  removeOverride(id: string): void {
    if (this.readOnly()) return;
    this.activeDoc()?.removeOverride(id);
  }

  undo(): void {
    if (this.readOnly()) return;
    this.activeDoc()?.undo.undo();
  }

  redo(): void {
    if (this.readOnly()) return;
    this.activeDoc()?.undo.redo();
  }

  // --- annotations -----------------------------------------------------------

  /** Starts an annotation on the selection, or on the current item's heading when nothing is selected. */
  startAnnotation(): void {
    if (this.readOnly()) return;
    const view = this.view;
    if (!view) return;
    let { from, to } = view.state.selection.main;
    if (from === to) {
      const item = itemAt(meetingOf(view.state), from);
      if (!item) return this.set({ message: { kind: 'error', text: this.state.lang === 'da' ? 'Markér tekst eller stil markøren i et punkt' : 'Select text or put the cursor in an item' } });
      ({ start: from, end: to } = item.titleSpan);
      const text = view.state.doc.sliceString(from, to);
      to = from + text.trimEnd().length;
    }
    this.set({ draft: { from, to, quote: view.state.doc.sliceString(from, to) }, activity: 'annotations', palette: false });
  }

  async saveAnnotation(labels: string[], comment: string): Promise<void> {
    if (this.readOnly()) return;
    if (!(await this.requireUser())) return;
    const doc = this.activeDoc();
    const draft = this.state.draft;
    if (!doc || !draft) return;
    const id = doc.addAnnotation({ from: draft.from, to: draft.to, labels, comment, author: this.state.user });
    this.set({ draft: null, activeAnnotation: id });
  }

  async reply(annotationId: string, text: string, replyTo: string | null): Promise<void> {
    if (this.readOnly()) return;
    if (!text.trim() || !(await this.requireUser())) return;
    this.activeDoc()?.addComment(annotationId, text, this.state.user, replyTo);
  }

  async setLabels(annotationId: string, labels: string[]): Promise<void> {
    if (this.readOnly()) return;
    if (!(await this.requireUser())) return;
    this.activeDoc()?.setLabels(annotationId, labels, this.state.user);
  }

  removeAnnotation(id: string): void {
    if (this.readOnly()) return;
    this.activeDoc()?.removeAnnotation(id);
  }

  focusAnnotation(a: AnnotationView): void {
    this.set({ activeAnnotation: a.id });
    this.pushAnnotations();
    if (a.from !== null) this.jump(a.from, a.to ?? a.from);
  }

  async setReview(itemNumber: string, status: ReviewStatus): Promise<void> {
    if (this.readOnly()) return;
    if (!(await this.requireUser())) return;
    // The item as the live parse has it now: its heading is where the status is anchored.
    const item = this.view ? itemNumbered(this.view.state.field(liveParseField).meeting, itemNumber) : null;
    if (item) this.activeDoc()?.setReview(item, status, this.state.user);
    this.scheduleLibraryUpdate();
  }

  cycleReview(): void {
    const item = this.state.currentItem;
    if (!item) return;
    const current = this.state.review[item] ?? 'unreviewed';
    void this.setReview(item, REVIEW_STATUSES[(REVIEW_STATUSES.indexOf(current) + 1) % REVIEW_STATUSES.length]!);
  }

  // --- the dataset: export, agreement, adjudication ------------------------

  /**
   * Runs `f` on a library document: the open one if it is open, else its copy
   * in IndexedDB — joined, while connected, with the workspace's copy on the
   * sync server for the time of `f` (so it reads collaborators' work and its
   * changes reach them). `readOnly`: the server would refuse changes.
   */
  private async withDocument<T>(id: string, f: (doc: StudioDoc, readOnly: boolean) => T | Promise<T>, share = false): Promise<T> {
    const open = this.open.get(id);
    if (open) return f(open.doc, this.collab.view(id).readOnly);
    const read = await openDoc(id);
    try {
      // A document kept in this browser (a sample nobody shared) stays out of the workspace.
      const local = !share && (await this.deps.db.docs.get(id))?.local === true;
      if (local) return await f(read.doc, false);
      return await this.collab.withServer(id, read.doc.ydoc, (readOnly) => f(read.doc, readOnly));
    } finally {
      await read.close();
    }
  }

  /** Adds the workspace's documents this browser has not seen to the library (while connected); returns their ids. */
  private async addWorkspaceDocuments(): Promise<string[]> {
    const ids = await this.collab.workspaceDocuments();
    if (!ids) return [];
    const entries = await this.deps.db.docs.toArray();
    const known = new Set(entries.map((e) => e.id));
    const now = this.deps.now();
    const added: string[] = [];
    // A sample kept here that someone shared (the same source, so the same id): one document, the workspace's.
    const joined = entries.filter((e) => e.local && ids.includes(e.id));
    for (const e of joined) await this.joinWorkspace(e.id);
    if (joined.length) await this.refreshLibrary();
    for (const id of ids.filter((x) => /^[\w-]+$/.test(x) && !known.has(x))) {
      // add, not put: an entry made meanwhile (a document opened by id) stays as it is.
      const ok = await this.deps.db.docs.add(sharedEntry(id, now)).then(() => true, () => false);
      if (ok) added.push(id);
    }
    return added;
  }

  /** While connected: lists the workspace's documents in the library, each with its title, body and date read from the server. */
  async refreshWorkspace(): Promise<void> {
    const added = await this.addWorkspaceDocuments();
    if (!added.length) return;
    await this.refreshLibrary();
    for (const id of added) {
      const summary = await this.withDocument(id, (doc) => {
        const text = doc.text.toString();
        return text ? sharedSummary(parseWithOverrides(text, doc.placedOverrides(text), {}), doc.meta.get('fileName'), sourceSha(doc), doc.meta.get('mergedInto')) : null;
      });
      const entry = await this.deps.db.docs.get(id);
      if (summary && entry?.source === 'shared' && entry.items === 0) await this.deps.db.docs.update(id, summary);
    }
    await this.refreshLibrary();
  }

  /** Reads every library document (and, while connected, every document of the workspace) as a curated document for the Dataset view. */
  async loadDataset(): Promise<void> {
    if (this.state.dataset.loading) return;
    this.set({ dataset: { ...this.state.dataset, loading: true } });
    try {
      await this.addWorkspaceDocuments();
      await this.refreshLibrary();
      const docs: CuratedDocument[] = [];
      for (const entry of this.state.library) {
        if (entry.mergedInto) continue; // its work is in the document it was merged into
        const curated = await this.withDocument(entry.id, async (doc) => {
          const text = doc.text.toString();
          if (!text) return null; // shared by id, nothing received yet
          const mergedInto = doc.meta.get('mergedInto');
          if (typeof mergedInto === 'string' && mergedInto) {
            // Merged in another browser: it leaves this library too.
            await this.deps.db.docs.update(entry.id, { mergedInto });
            return null;
          }
          const repairer = looksOcrDamaged(text) ? await this.repairer().catch(() => null) : null;
          return curatedFromStudioDoc(entry.id, doc, { parse: repairer ? { repairer } : {} });
        });
        if (!curated) continue;
        docs.push(curated);
        // A document known only by id learns its title, body and date from what the server sent.
        if (entry.source === 'shared') await this.deps.db.docs.update(entry.id, sharedSummary(curated.meeting, curated.meta.fileName, curated.meeting.source?.sha256));
      }
      await this.refreshLibrary();
      this.set({ dataset: { docs, loading: false } });
    } catch (e) {
      this.set({ dataset: { ...this.state.dataset, loading: false }, message: { kind: 'error', text: `Dataset: ${e instanceof Error ? e.message : String(e)}` } });
    }
  }

  setDatasetForm(patch: Partial<DatasetForm>): void {
    this.set({ datasetForm: { ...this.state.datasetForm, ...patch } });
  }

  /** Builds the dataset the form asks for and downloads it as one zip file; a bad form or an empty selection gets a one-line message. */
  downloadDataset(): void {
    const da = this.state.lang === 'da';
    const docs = this.state.dataset.docs;
    if (!docs) return;
    const form = this.state.datasetForm;
    const filter = formFilter(form, this.state.active);
    if (typeof filter === 'string') return this.set({ message: { kind: 'error', text: filter } });
    if (!form.formats.length) return this.set({ message: { kind: 'error', text: da ? 'Vælg mindst ét format' : 'Choose at least one format' } });
    const origin = `${docs.length} documents of the Referat Studio editor library (${this.deps.win.location.origin})`;
    if (form.formats.includes('xlsx')) {
      // The spreadsheet is zipped asynchronously; the rest is made at once.
      void datasetArchiveAsync(docs, filter, form.formats, new Date(this.deps.now()), origin).then(
        (archive) => this.deliverDataset(archive),
        (e: unknown) => this.set({ message: { kind: 'error', text: `Export: ${e instanceof Error ? e.message : String(e)}` } }),
      );
      return;
    }
    try {
      this.deliverDataset(datasetArchive(docs, filter, form.formats, new Date(this.deps.now()), origin));
    } catch (e) {
      this.set({ message: { kind: 'error', text: `Export: ${e instanceof Error ? e.message : String(e)}` } });
    }
  }

  /** Saves a built dataset zip as a download, or says that nothing matched. */
  private deliverDataset(archive: DatasetArchive): void {
    const da = this.state.lang === 'da';
    if (!archive.items) return this.set({ message: { kind: 'error', text: da ? 'Ingen punkter passer til filtrene: intet at hente' : 'No items match the filters: nothing to download' } });
    const url = URL.createObjectURL(new Blob([archive.bytes as BlobPart], { type: 'application/zip' }));
    const a = this.deps.win.document.createElement('a');
    a.href = url;
    a.download = archive.name;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    this.set({ message: { kind: 'info', text: `${archive.name}: ${archive.items} ${da ? 'punkter' : 'items'}, ${archive.files.length} ${da ? 'filer' : 'files'}` } });
  }

  /** A curator's final word on one label of one item, recorded with the user's name and the time; the view is read again. */
  async adjudicate(documentId: string, itemNumber: string, label: string, value: boolean): Promise<void> {
    if (!(await this.requireUser())) return;
    const done = await this.withDocument(documentId, (doc, readOnly) => {
      if (readOnly) return false;
      adjudicate(doc, { itemNumber, label, value, decidedBy: this.state.user }, this.deps.now);
      return true;
    });
    if (!done) return this.set({ message: { kind: 'error', text: this.t('syncReadOnly') } });
    await this.loadDataset();
  }

  // --- duplicates ---------------------------------------------------------------

  /** Library documents that are another's duplicate (same source SHA-256, or the same meeting): id → the others. */
  get duplicates(): Map<string, string[]> {
    return duplicatesOf(this.state.library);
  }

  /** Asks which duplicate of `keepId` (the active document by default) to merge into it, and merges it. */
  async askMerge(keepId = this.state.active): Promise<void> {
    const da = this.state.lang === 'da';
    if (!keepId) return this.set({ message: { kind: 'error', text: da ? 'Åbn det dokument, der skal beholdes' : 'Open the document to keep' } });
    const others = this.duplicates.get(keepId) ?? [];
    if (!others.length) return this.set({ message: { kind: 'info', text: da ? 'Dokumentet har ingen dubletter i biblioteket' : 'The document has no duplicates in the library' } });
    const name = (id: string) => {
      const e = this.state.library.find((x) => x.id === id);
      return `${e?.title ?? id} · ${e?.fileName ?? ''} · ${id}`;
    };
    const choice = await this.ask({ title: da ? 'Flet denne dublet ind i dokumentet (den forsvinder fra biblioteket)' : 'Merge this duplicate into the document (it leaves the library)', choices: others.map(name) });
    const otherId = choice?.split(' · ').pop();
    if (otherId && others.includes(otherId)) await this.mergeDocuments(keepId, otherId);
  }

  /**
   * Merges document `otherId` into `keepId`: its annotations, overrides,
   * review states and adjudications move where they anchor, and it is marked
   * merged (in its Yjs document too, so the workspace and every browser leave
   * it out) and leaves the library.
   */
  async mergeDocuments(keepId: string, otherId: string): Promise<void> {
    const da = this.state.lang === 'da';
    if (keepId === otherId) return;
    try {
      const result = await this.withDocument(otherId, (other, otherReadOnly) =>
        this.withDocument(keepId, (keep, keepReadOnly) => {
          if (otherReadOnly || keepReadOnly) return null;
          const moved = mergeInto(keep, other);
          other.ydoc.transact(() => other.meta.set('mergedInto', keepId));
          return moved;
        }),
      );
      if (!result) return this.set({ message: { kind: 'error', text: this.t('syncReadOnly') } });
      await this.deps.db.docs.update(otherId, { mergedInto: keepId });
      if (this.state.tabs.includes(otherId)) await this.closeTab(otherId);
      await this.refreshLibrary();
      if (this.state.active === keepId) this.pushAnnotations();
      const { annotations, overrides, reviews, adjudications, unanchored } = result;
      this.set({
        message: {
          kind: 'info',
          text: da
            ? `Flettet: ${annotations} annoteringer, ${overrides} strukturrettelser, ${reviews} gennemsyn og ${adjudications} afgørelser flyttet${unanchored ? `; ${unanchored} fandt ikke deres tekst` : ''}`
            : `Merged: ${annotations} annotations, ${overrides} structure overrides, ${reviews} review states and ${adjudications} adjudications moved${unanchored ? `; ${unanchored} did not find their text` : ''}`,
        },
      });
    } catch (e) {
      this.set({ message: { kind: 'error', text: `Merge: ${e instanceof Error ? e.message : String(e)}` } });
    }
  }

  // --- settings ------------------------------------------------------------

  togglePageView(): void {
    const pageView = !this.state.pageView;
    this.set({ pageView });
    void this.saveSetting('pageView', pageView);
  }

  /** The PDF a document was read from, when this browser kept it; null otherwise. */
  async pdfBytes(id: string): Promise<Uint8Array | null> {
    return (await this.deps.db.pdfs.get(id))?.bytes ?? null;
  }

  toggleTheme(): void {
    const theme = this.state.theme === 'light' ? 'dark' : 'light';
    this.set({ theme });
    void this.saveSetting('theme', theme);
  }

  toggleLang(): void {
    const lang = this.state.lang === 'da' ? 'en' : 'da';
    this.set({ lang });
    void this.saveSetting('lang', lang);
  }

  async changeUser(): Promise<void> {
    const user = await this.ask({ title: this.t('user'), value: this.state.user });
    if (user === null) return;
    const problem = this.setUser(user);
    if (problem) this.set({ message: { kind: 'error', text: problem } });
  }

  /** Sets the user's name; returns why it cannot be used (then nothing changes), or null. */
  setUser(name: string): string | null {
    const problem = userNameProblem(name, this.state.lang);
    if (problem) return problem;
    const user = name.trim();
    this.set({ user, nameDialog: false });
    void this.saveSetting('user', user);
    this.collab.setPresence(user, this.state.active, this.state.currentItem);
    for (const f of this.nameWaiters.splice(0)) f(true);
    return null;
  }

  /** Shows the name dialog (the status bar's prompt does this). */
  askName(): void {
    this.set({ nameDialog: true, palette: false });
  }

  /** Closes the name dialog without a name; what waited for one does not happen. */
  dismissName(): void {
    this.set({ nameDialog: false });
    for (const f of this.nameWaiters.splice(0)) f(false);
  }

  /** True once the user has a name; without one, asks for it first (false when they close the dialog). */
  private requireUser(): Promise<boolean> {
    if (this.state.user) return Promise.resolve(true);
    this.set({ nameDialog: true, message: { kind: 'info', text: this.t('nameNeeded') } });
    return new Promise((resolve) => this.nameWaiters.push(resolve));
  }

  async editTaxonomy(): Promise<void> {
    const json = await this.ask({ title: this.state.lang === 'da' ? 'Taksonomi som JSON: {"groups":[{"name":…,"labels":[…]}]}' : 'Taxonomy as JSON: {"groups":[{"name":…,"labels":[…]}]}', value: JSON.stringify(this.state.taxonomy) });
    if (json === null) return;
    const taxonomy = parseTaxonomy(json);
    if (!taxonomy) return this.set({ message: { kind: 'error', text: this.state.lang === 'da' ? 'Taksonomien er ikke gyldig JSON i den rette form' : 'The taxonomy is not valid JSON of the right shape' } });
    this.set({ taxonomy });
    void this.saveSetting('taxonomy', taxonomy);
  }

  /** Joins the cursor's line with the next one; a word hyphenated across them is joined without its hyphen. */
  joinLines(): void {
    if (this.readOnly()) return;
    const view = this.view;
    if (!view) return;
    const spec = joinLinesSpec(view.state.doc.toString(), view.state.selection.main.head);
    if (spec) view.dispatch({ ...spec, userEvent: 'input.join' });
  }

  nextProblem(): void {
    const diags = (this.state.meeting?.diagnostics ?? []).filter((d) => d.span).sort((a, b) => a.span!.start - b.span!.start);
    if (!diags.length) return;
    const next = diags.find((d) => d.span!.start > this.state.cursor.pos) ?? diags[0]!;
    this.jump(next.span!.start, next.span!.end);
  }

  // --- the command list ------------------------------------------------------

  commands(): Command[] {
    const da = this.state.lang === 'da';
    const s = (kind: OverrideKind) => () => this.structureCommand(kind);
    return [
      { id: 'structure.itemStart', title: da ? 'Struktur: denne linje starter punkt N.M' : 'Structure: this line starts item N.M', keys: 'Ctrl+Alt+I', run: s('item-start') },
      { id: 'structure.sectionHeading', title: da ? 'Struktur: dette er en afsnitsoverskrift' : 'Structure: this is a section heading', keys: 'Ctrl+Alt+S', run: s('section-heading') },
      { id: 'structure.notHeading', title: da ? 'Struktur: ikke en overskrift' : 'Structure: not a heading', keys: 'Ctrl+Alt+N', run: s('not-heading') },
      { id: 'structure.splitItem', title: da ? 'Struktur: del punktet her' : 'Structure: split item here', run: s('split-item') },
      { id: 'structure.mergePrevious', title: da ? 'Struktur: flet med forrige punkt' : 'Structure: merge with previous item', run: s('merge-previous') },
      { id: 'structure.fieldStart', title: da ? 'Struktur: feltet (fx Beslutning) starter her' : 'Structure: field (e.g. Beslutning) starts here', keys: 'Ctrl+Alt+F', run: s('field-start') },
      { id: 'structure.ignoreLine', title: da ? 'Struktur: ignorér denne linje (sidehoved/-fod)' : 'Structure: ignore this line (header/footer)', keys: 'Ctrl+Alt+X', run: s('ignore-line') },
      { id: 'structure.setDate', title: da ? 'Struktur: sæt mødedato' : 'Structure: set meeting date', run: s('meeting-date') },
      { id: 'structure.setBody', title: da ? 'Struktur: sæt organ' : 'Structure: set meeting body', run: s('meeting-body') },
      { id: 'annotate', title: da ? 'Annotér markering eller punkt' : 'Annotate selection or item', keys: 'Ctrl+Alt+A', run: () => this.startAnnotation() },
      { id: 'review.cycle', title: da ? 'Gennemsyn: skift punktets status' : 'Review: cycle the item status', keys: 'Ctrl+Alt+R', run: () => this.cycleReview() },
      { id: 'edit.joinLines', title: da ? 'Saml linjen med den næste' : 'Join line with the next', keys: 'Ctrl+J', run: () => this.joinLines() },
      { id: 'edit.undo', title: da ? 'Fortryd' : 'Undo', keys: 'Ctrl+Z', run: () => this.undo() },
      { id: 'edit.redo', title: da ? 'Annullér fortryd' : 'Redo', keys: 'Ctrl+Shift+Z', run: () => this.redo() },
      { id: 'problems.next', title: da ? 'Gå til næste problem' : 'Go to next problem', keys: 'F8', run: () => this.nextProblem() },
      { id: 'goto.item', title: da ? 'Gå til punkt…' : 'Go to item…', keys: 'Ctrl+Shift+O', run: () => this.gotoItem() },
      { id: 'fold.all', title: da ? 'Fold alle punkter' : 'Fold all items', run: () => void (this.view && foldAll(this.view)) },
      { id: 'fold.none', title: da ? 'Fold alle ud' : 'Unfold all', run: () => void (this.view && unfoldAll(this.view)) },
      { id: 'file.open', title: da ? 'Åbn filer…' : 'Open files…', keys: 'Ctrl+O', run: () => this.deps.win.document.querySelector<HTMLInputElement>('input[type=file]')?.click() },
      { id: 'file.paste', title: da ? 'Indsæt tekst som nyt dokument…' : 'Paste text as a new document…', run: () => this.set({ paste: true, palette: false }) },
      { id: 'file.close', title: da ? 'Luk fane' : 'Close tab', keys: 'Ctrl+Alt+W', run: () => void (this.state.active && this.closeTab(this.state.active)) },
      { id: 'view.explorer', title: da ? 'Vis stifinder' : 'Show explorer', keys: 'Ctrl+Shift+E', run: () => this.set({ activity: 'explorer' }) },
      { id: 'view.annotations', title: da ? 'Vis annoteringer' : 'Show annotations', keys: 'Ctrl+Shift+A', run: () => this.set({ activity: 'annotations' }) },
      { id: 'view.dataset', title: da ? 'Vis datasæt: eksport, enighed, afgørelser' : 'Show dataset: export, agreement, adjudication', run: () => this.set({ activity: 'dataset' }) },
      { id: 'view.problems', title: da ? 'Vis problemer' : 'Show problems', keys: 'Ctrl+Shift+M', run: () => this.set({ panel: 'problems' }) },
      { id: 'view.overrides', title: da ? 'Vis strukturrettelser' : 'Show structure overrides', run: () => this.set({ panel: 'overrides' }) },
      { id: 'view.page', title: da ? 'Vis/skjul PDF-siden ved siden af teksten' : 'Show/hide the PDF page beside the text', keys: 'Ctrl+Alt+P', run: () => this.togglePageView() },
      { id: 'view.theme', title: da ? 'Skift lyst/mørkt tema' : 'Toggle light/dark theme', run: () => this.toggleTheme() },
      { id: 'view.language', title: da ? 'Switch to English' : 'Skift til dansk', run: () => this.toggleLang() },
      { id: 'labels.edit', title: da ? 'Redigér etiket-taksonomien (JSON)' : 'Edit the label taxonomy (JSON)', run: () => this.editTaxonomy() },
      { id: 'sync.connect', title: da ? 'Forbind til synkroniseringsserver…' : 'Connect to sync server…', run: () => this.connectSync() },
      { id: 'sync.disconnect', title: da ? 'Afbryd synkronisering' : 'Disconnect', run: () => this.disconnectSync() },
      { id: 'sync.openShared', title: da ? 'Åbn delt dokument (id)…' : 'Open shared document (id)…', run: () => this.askOpenShared() },
      { id: 'sync.copyId', title: da ? 'Vis dokumentets id (til deling)' : 'Show the document id (for sharing)', run: () => this.showDocId() },
      { id: 'user.change', title: da ? 'Skift brugernavn' : 'Change user name', run: () => this.changeUser() },
      { id: 'workspace.share', title: da ? 'Del i arbejdsområdet (dette dokument)' : 'Share to workspace (this document)', run: () => this.shareToWorkspace() },
      { id: 'library.merge', title: da ? 'Flet en dublet ind i dette dokument…' : 'Merge a duplicate into this document…', run: () => this.askMerge() },
      { id: 'search.find', title: da ? 'Søg i teksten' : 'Find in text', keys: 'Ctrl+F', run: () => void (this.view && openSearchPanel(this.view)) },
    ];
  }

  async askOpenShared(): Promise<void> {
    const id = await this.ask({ title: this.state.lang === 'da' ? 'Dokumentets id' : 'Document id' });
    if (id) await this.openShared(id);
  }

  showDocId(): void {
    const id = this.state.active;
    if (!id) return;
    void this.deps.win.navigator.clipboard?.writeText(id).catch(() => undefined);
    this.set({ message: { kind: 'info', text: `${this.state.lang === 'da' ? 'Dokument-id' : 'Document id'}: ${id}` } });
  }

  async gotoItem(): Promise<void> {
    const items = this.state.meeting?.sections.flatMap((s) => s.items) ?? [];
    const choice = await this.ask({ title: this.state.lang === 'da' ? 'Gå til punkt' : 'Go to item', choices: items.map((i) => `${i.number} ${i.title}`) });
    if (choice) this.jumpToItem(choice.split(' ')[0]!);
  }

  async runCommand(id: string): Promise<void> {
    this.set({ palette: false });
    await this.commands().find((c) => c.id === id)?.run();
  }
}

/** The edit joining the line holding `pos` with the next (dropping a hyphen that splits a word), or null on the last line. Pure. */
export function joinLinesSpec(text: string, pos: number): { changes: { from: number; to: number; insert: string }; selection: { anchor: number } } | null {
  const nl = text.indexOf('\n', pos);
  if (nl < 0) return null;
  let from = nl;
  while (from > 0 && text[from - 1] === ' ') from--;
  let to = nl + 1;
  while (to < text.length && text[to] === ' ') to++;
  const hyphenated = from > 1 && text[from - 1] === '-' && /\p{L}/u.test(text[from - 2]!) && /\p{Ll}/u.test(text[to] ?? '');
  if (hyphenated) from--;
  const insert = hyphenated ? '' : ' ';
  return { changes: { from, to, insert }, selection: { anchor: from + insert.length } };
}

/** The item whose span holds `pos`, or null. */
/** The item numbered `number` (the current item, say), or null. */
export function itemNumbered(meeting: Meeting | null, number: string | null): Item | null {
  if (!meeting || number === null) return null;
  for (const s of meeting.sections) for (const i of s.items) if (i.number === number) return i;
  return null;
}

export function itemAt(meeting: Meeting, pos: number): Item | null {
  for (const s of meeting.sections) {
    if (pos < s.span.start || pos > s.span.end) continue;
    for (const i of s.items) if (pos >= i.span.start && pos < Math.max(i.span.end, i.span.start + 1)) return i;
  }
  return null;
}

function guessItemNumber(meeting: Meeting, pos: number): string {
  let last: string | null = null;
  let section: string | null = null;
  for (const s of meeting.sections) {
    if (s.span.start <= pos) section = s.number;
    for (const i of s.items) if (i.titleSpan.start < pos) last = i.number;
  }
  if (last) {
    const [a, b] = last.split('.');
    if (section && section !== a) return `${section}.1`;
    return `${a}.${Number(b) + 1}`;
  }
  return section ? `${section}.1` : '1.1';
}

function guessSectionNumber(meeting: Meeting, pos: number): string {
  const before = meeting.sections.filter((s) => s.span.start < pos);
  return String(before.length ? Number(before[before.length - 1]!.number) + 1 : 1);
}

/** The SHA-256 of the source a document was read from (kept in its meta), if known. */
function sourceSha(doc: StudioDoc | null): string | undefined {
  const source = doc?.meta.get('source') as { sha256?: unknown } | undefined;
  return typeof source?.sha256 === 'string' && source.sha256 ? source.sha256 : undefined;
}

function observeDeep(type: { observeDeep(f: () => void): void; unobserveDeep(f: () => void): void }, f: () => void): () => void {
  const handler = () => queueMicrotask(f);
  type.observeDeep(handler);
  return () => type.unobserveDeep(handler);
}
