/**
 * The workbench: its stores by concern, wired together, and its start-up.
 * Components read the stores through `useStore` and call the stores' actions;
 * the command table (commands.ts) names those actions for keys and the
 * palette. Storage, clock and window come as arguments, so the workbench can
 * be driven in tests.
 */
import { parseSyncSettings } from '../services/collab.ts';
import { personFrom } from '../services/identity.ts';
import type { LibraryDb } from '../services/library.ts';
import type { PdfReader } from '../services/import.ts';
import { handoffIdFromHash } from '../services/handoff.ts';
import { Annotations } from './annotations.ts';
import { Dataset } from './dataset.ts';
import { HistoryStore } from './history.ts';
import { Imports } from './imports.ts';
import { SourceGuard } from './source-guard.ts';
import { LabellingStore } from './labelling.ts';
import { Library } from './library.ts';
import { Queue } from './queue.ts';
import { Search } from './search.ts';
import { DocumentSession } from './session.ts';
import { Settings } from './settings.ts';
import { Structure } from './structure.ts';
import { Sync } from './sync.ts';
import { Tabs } from './tabs.ts';
import { Taxonomies } from './taxonomy.ts';
import { Ui } from './ui.ts';
import { Workspace } from './workspace.ts';

export interface WorkbenchDeps {
  db: LibraryDb;
  readPdf: PdfReader;
  fetchText(url: string): Promise<string>;
  now(): number;
  win: Window;
}

export class Workbench {
  readonly ui = new Ui();
  readonly settings: Settings;
  readonly sync: Sync;
  readonly library: Library;
  readonly session: DocumentSession;
  readonly tabs: Tabs;
  readonly structure: Structure;
  readonly annotations: Annotations;
  readonly imports: Imports;
  readonly sourceGuard: SourceGuard;
  readonly workspace: Workspace;
  readonly dataset: Dataset;
  readonly taxonomies: Taxonomies;
  readonly queue: Queue;
  readonly search: Search;
  readonly labelling: LabellingStore;
  readonly history: HistoryStore;

  constructor(private readonly deps: WorkbenchDeps) {
    const ui = this.ui;
    const settings = (this.settings = new Settings(deps.db, ui));
    const sync = (this.sync = new Sync(settings, ui, deps.win));
    const library = (this.library = new Library(deps.db, deps.now));
    const session = (this.session = new DocumentSession({ sync, settings, library, fetchText: deps.fetchText }));
    // An import that may need OCR repair reads its document for the Dataset view with the repairer (the lexicon loads once).
    library.repairer = () => session.repairer().catch(() => null);
    const tabs = (this.tabs = new Tabs(library, sync, session, settings));
    this.structure = new Structure(session, sync, settings, ui);
    const annotations = (this.annotations = new Annotations(session, sync, settings, ui));
    this.sourceGuard = new SourceGuard(library, tabs, session, settings, ui);
    this.imports = new Imports(deps, library, tabs, settings, ui, this.sourceGuard);
    const workspace = (this.workspace = new Workspace(library, tabs, session, sync, settings, ui, deps));
    this.dataset = new Dataset(library, tabs, session, workspace, settings, ui, deps);
    const taxonomies = (this.taxonomies = new Taxonomies(sync, settings, ui));
    this.dataset.taxonomy = () => taxonomies.get().taxonomy;
    this.queue = new Queue(session, tabs, library, settings, ui, (id, item) => this.openAt(id, item));
    this.history = new HistoryStore(session, sync, settings, ui, deps);
    this.search = new Search(library, tabs, session, taxonomies, ui);

    const labelling = (this.labelling = new LabellingStore(sync, session, settings, ui, deps));
    // Independent labelling: an analyst sees their own annotations and review only, until adjudication opens.
    session.privateTo = () => labelling.privateTo();
    this.dataset.labelling = () => (sync.collab.configured ? labelling.get().labelling : undefined);
    session.personalReview = () => labelling.personalReview();
    // So is what the Dataset view counts and downloads.
    this.dataset.privateTo = () => labelling.privateTo();
    let shown = labelling.privateTo();
    const reshow = () => {
      if (labelling.privateTo() === shown) return;
      shown = labelling.privateTo();
      session.refreshWork();
      if (this.dataset.get().docs) void this.dataset.load();
    };
    labelling.subscribe(reshow);
    settings.subscribe(reshow);
    // A person's token: the editor takes their name (and role) from it, and remembers it for a reload without the server.
    sync.subscribe(() => {
      const person = sync.get().view.person;
      const before = settings.get().person;
      settings.setPerson(person);
      const token = sync.collab.configured?.token;
      if (person && token && JSON.stringify(person) !== JSON.stringify(before)) void settings.save('person', { token, person });
    });

    ui.onAnswered = () => session.view?.focus();
    sync.active = () => tabs.get().active;
    sync.onChange = () => session.reconcile();
    sync.onConfiguring = () => taxonomies.leave();
    sync.onConfigured = () => {
      labelling.follow();
      void taxonomies.follow();
      void workspace.refresh();
    };
    tabs.onOpen = () => annotations.set({ draft: null, activeAnnotation: null });
    // A new name shows in the presence at once.
    let user = settings.get().user;
    settings.subscribe(() => {
      if (settings.get().user === user) return;
      user = settings.get().user;
      sync.collab.setPresence(user, tabs.get().active, session.get().currentItem);
    });
  }

  async start(): Promise<void> {
    const { win } = this.deps;
    const settings = await this.settings.load();
    this.session.positions.load(settings);
    await this.sync.start(settings.has('sync') ? parseSyncSettings(settings.get('sync')) : undefined, this.deps.fetchText);
    const known = settings.get('person') as { token?: string; person?: unknown } | undefined;
    if (known?.token && known.token === this.sync.collab.configured?.token) this.sync.collab.remember(personFrom(known.person));
    // The workspace's taxonomy (a taxonomy kept as a browser setting before is carried into it, once).
    await this.taxonomies.follow(settings.get('taxonomy'));
    this.labelling.follow();
    if (settings.has('taxonomy')) await this.deps.db.settings.delete('taxonomy');
    if (!settings.get('samplesLoaded')) await this.imports.loadSamples();
    await this.library.refresh();
    // Another tab (or a handoff) may have added documents meanwhile.
    win.addEventListener('focus', () => void this.library.refresh());
    // Where the person was in the active document, for the next time it opens (a reload included).
    win.addEventListener('pagehide', () => this.session.rememberPosition());
    win.document.addEventListener('visibilitychange', () => this.session.rememberPosition());
    const handoff = handoffIdFromHash(win.location.hash);
    if (handoff) await this.imports.receiveHandoff(handoff);
    else {
      const tabs = (settings.get('tabs') as string[] | undefined)?.filter((id) => this.library.entry(id)) ?? [];
      const active = settings.get('active') as string | undefined;
      this.tabs.set({ tabs });
      if (active && tabs.includes(active)) await this.tabs.openDocument(active);
    }
  }

  get win(): Window {
    return this.deps.win;
  }

  /** Opens a library document at one of its items (the Dataset view and the case links use it). */
  async openAt(id: string, itemNumber: string): Promise<void> {
    await this.tabs.openDocument(id);
    this.session.jumpToItem(itemNumber);
  }
}
