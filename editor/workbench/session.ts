/**
 * The document session: the one CodeMirror view of the workbench, the active
 * document shown in it, and what follows from it — the live parse's meeting,
 * the cursor, the current item, overrides, annotations and review, the OCR
 * repairer. It owns the view's observers and timers. Another document is shown
 * with `view.setState`; connecting, disconnecting, a read-only token or
 * another language reconfigure the view's compartments, so the view (and its
 * undo history, cursor and focus) stays.
 */
import { ownView } from '../../core/document/labelling.ts';
import { EditorView } from '@codemirror/view';
import { EditorSelection, EditorState } from '@codemirror/state';
import type { Meeting } from '../../core/minutes/model.ts';
import type { TextRepairer } from '../../core/minutes/parse.ts';
import type { AnnotationView, OverrideView, ReviewMark, ReviewStatus, StudioDoc } from '../../core/document/studio-doc.ts';
import { setOverrides, setRepairer, liveParseField } from '../extensions/live-parse/index.ts';
import { setAnnotationRanges } from '../extensions/annotation-marks/index.ts';
import { collabExtension, createDocumentState, documentCompartments, readOnlyExtension } from '../services/editor-view.ts';
import { mayNeedOcrRepair, loadRepairer } from '../services/lexicon.ts';
import { setUiLang, uiLang } from '../extensions/ui-lang/index.ts';
import { itemAt, itemNumbered } from './items.ts';
import type { Library } from './library.ts';
import { Positions } from './positions.ts';
import type { Settings } from './settings.ts';
import { Store } from './store.ts';
import type { Sync } from './sync.ts';

export interface DocumentState {
  meeting: Meeting | null;
  parseMs: number;
  /** The main cursor: line and column from 1, and its position in the text. */
  cursor: { line: number; col: number; pos: number };
  currentItem: string | null;
  overrides: OverrideView[];
  annotations: AnnotationView[];
  review: Record<string, ReviewStatus>;
  /** Item number → who set its review status and when. */
  reviewMarks: Record<string, ReviewMark>;
  ocr: 'none' | 'loading' | 'repaired' | 'failed';
}

const EMPTY: DocumentState = { meeting: null, parseMs: 0, cursor: { line: 1, col: 1, pos: 0 }, currentItem: null, overrides: [], annotations: [], review: {}, reviewMarks: {}, ocr: 'none' };

export interface SessionDeps {
  sync: Sync;
  settings: Settings;
  library: Library;
  fetchText(url: string): Promise<string>;
}

export class DocumentSession extends Store<DocumentState> {
  private editor: EditorView | null = null;
  private host: HTMLElement | null = null;
  private shown: { id: string; doc: StudioDoc } | null = null;
  /** What the compartments hold now: reconfigured when the awareness or read-only state changes. */
  private configured: { awareness: unknown; readOnly: boolean } | null = null;
  /** Counts the documents shown, so late work (a repairer loading) knows when it is too late. */
  private generation = 0;
  private readonly compartments = documentCompartments();
  private unobserve: (() => void) | null = null;
  private uiFrame = 0;
  private positionTimer: ReturnType<typeof setTimeout> | null = null;
  private reanchorTimer: ReturnType<typeof setTimeout> | null = null;
  private libraryTimer: ReturnType<typeof setTimeout> | null = null;
  private libraryWaitSince = 0;
  readonly positions: Positions;
  /** The annotation the sidebar has active (its range is drawn so). */
  activeAnnotation: () => string | null = () => null;

  constructor(private readonly deps: SessionDeps) {
    super(EMPTY);
    this.positions = new Positions((key, value) => deps.settings.save(key, value));
    // The editor's own words and lint messages follow the user's language: a transaction, the view stays.
    let lang = deps.settings.get().lang;
    deps.settings.subscribe(() => {
      if (deps.settings.get().lang === lang) return;
      lang = deps.settings.get().lang;
      this.view?.dispatch(setUiLang(lang));
    });
  }

  /** The editor view while a document is shown; null otherwise. */
  get view(): EditorView | null {
    return this.shown ? this.editor : null;
  }

  get docId(): string | null {
    return this.shown?.id ?? null;
  }

  get doc(): StudioDoc | null {
    return this.shown?.doc ?? null;
  }

  /** The element the editor lives in (set by the editor pane). */
  attach(host: HTMLElement | null): void {
    this.host = host;
    if (host && this.editor && this.editor.dom.parentElement !== host) host.append(this.editor.dom);
    if (host && this.shown && !this.editor) this.show(this.shown.id, this.shown.doc);
  }

  /** Shows document `id` in the view (made on first use), where the person last was in it. */
  show(id: string, doc: StudioDoc): void {
    this.unobserve?.();
    this.unobserve = null;
    this.shown = { id, doc };
    if (!this.host) return;
    const generation = ++this.generation;
    const { collab } = this.deps.sync;
    const awareness = collab.awareness(id);
    const readOnly = collab.view(id).readOnly;
    this.configured = { awareness, readOnly };
    performance.clearMarks('referat:text-loaded');
    performance.clearMarks('referat:structure-drawn');
    performance.mark('referat:text-loaded');
    const state = createDocumentState(doc, [uiLang(this.deps.settings.get().lang), this.listener()], { awareness, readOnly }, this.compartments);
    let view = this.editor;
    if (view) view.setState(state);
    else {
      view = this.editor = new EditorView({ state, parent: this.host });
      view.scrollDOM.addEventListener('scroll', () => this.schedulePosition(), { passive: true });
    }
    this.positions.restore(view, id, () => this.generation === generation);
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
    this.maybeRepair(view, doc, generation);
  }

  /** No document shown any more (its tab closed): the view is emptied (and its pane hidden) until the next one. */
  hide(): void {
    this.unobserve?.();
    this.unobserve = null;
    this.shown = null;
    this.generation++;
    this.editor?.setState(EditorState.create());
    this.set({ meeting: null, overrides: [], annotations: [] });
  }

  /** Follows the sync state: a new awareness (connected, disconnected) or read-only token reconfigures the view. */
  reconcile(): void {
    const view = this.view;
    const id = this.docId;
    if (!view || !id || !this.configured) return;
    const { collab } = this.deps.sync;
    const awareness = collab.awareness(id);
    const readOnly = collab.view(id).readOnly;
    if (readOnly !== this.configured.readOnly) view.dispatch({ effects: this.compartments.readOnly.reconfigure(readOnlyExtension(readOnly)) });
    if (awareness !== this.configured.awareness) {
      // Emptied first: y-codemirror's plugins read their configuration when made, so they are made again for the new awareness.
      view.dispatch({ effects: this.compartments.collab.reconfigure([]) });
      view.dispatch({ effects: this.compartments.collab.reconfigure(collabExtension(this.shown!.doc, awareness)) });
    }
    this.configured = { awareness, readOnly };
  }

  /** The view reports every update; the state follows once per frame. */
  private listener() {
    return EditorView.updateListener.of((u) => {
      if (u.docChanged || u.selectionSet || u.transactions.some((tr) => tr.effects.length)) this.scheduleUi();
      if (u.selectionSet || u.geometryChanged) this.schedulePosition();
      if (u.state.field(liveParseField) !== u.startState.field(liveParseField)) this.scheduleLibraryUpdate();
      if (u.docChanged) this.scheduleReanchor();
    });
  }

  /** Where the person is in the shown document, kept for the next time it opens. */
  rememberPosition(): void {
    const view = this.view;
    if (view && this.shown) this.positions.remember(view, this.shown.id);
  }

  private schedulePosition(): void {
    if (this.positionTimer) clearTimeout(this.positionTimer);
    this.positionTimer = setTimeout(() => {
      this.positionTimer = null;
      this.rememberPosition();
    }, 300);
  }

  private maybeRepair(view: EditorView, doc: StudioDoc, generation: number): void {
    if (!mayNeedOcrRepair(doc.text.toString())) {
      this.set({ ocr: 'none' });
      return;
    }
    this.set({ ocr: 'loading' });
    this.repairer()
      .then((repairer) => {
        if (this.generation !== generation) return;
        view.dispatch({ effects: setRepairer.of(repairer) });
        this.set({ ocr: 'repaired' });
      })
      .catch(() => this.set({ ocr: 'failed' }));
  }

  /** The OCR repairer, its lexicon fetched from the editor's server once. */
  repairer(): Promise<TextRepairer> {
    return loadRepairer(() => this.deps.fetchText('lexicon-da.txt'));
  }

  private pushOverrides(): void {
    const doc = this.doc;
    const view = this.view;
    if (!doc || !view) return;
    const text = view.state.doc.toString();
    view.dispatch({ effects: setOverrides.of(doc.placedOverrides(text)) });
    this.set({ overrides: doc.overrideViews(text) });
  }

  /** Whose work this person sees: null for everyone's, else their own name (independent labelling; the workbench sets it). */
  privateTo: () => string | null = () => null;
  /** Whether review is kept as each analyst's own (independent labelling; the workbench sets it). */
  personalReview: () => boolean = () => false;

  /** Reads annotations and review again (whose work is shown changed). */
  refreshWork(): void {
    this.pushAnnotations();
    this.pushReview();
  }

  /** Resolves the annotations' anchors in the text now, and draws their ranges (in independent labelling, this person's only). */
  pushAnnotations(): void {
    const doc = this.doc;
    const view = this.view;
    if (!doc || !view) return;
    const all = doc.annotationViews(view.state.doc.toString());
    const who = this.privateTo();
    const annotations = who === null ? all : ownView(all, who);
    const active = this.activeAnnotation();
    const ranges = annotations.filter((a) => !a.orphaned).map((a) => ({ id: a.id, from: a.from!, to: a.to!, active: a.id === active }));
    view.dispatch({ effects: setAnnotationRanges.of(ranges) });
    this.set({ annotations });
  }

  /** Each item's review where its anchor on the heading is now; review stored by number (older documents) is carried over first. */
  private pushReview(): void {
    const doc = this.doc;
    const view = this.view;
    if (!doc || !view) return;
    const meeting = view.state.field(liveParseField).meeting;
    const text = view.state.doc.toString();
    if (doc.hasLegacyReview() && !this.deps.sync.refuseReadOnly(this.docId)) doc.migrateReview(meeting.sections.flatMap((s) => s.items), text);
    this.set(doc.reviewState(meeting, text, this.privateTo() ?? undefined));
  }

  private scheduleUi(): void {
    if (this.uiFrame) return;
    this.uiFrame = requestAnimationFrame(() => {
      this.uiFrame = 0;
      this.updateUi();
    });
  }

  private updateUi(): void {
    const view = this.view;
    if (!view) return;
    const parse = view.state.field(liveParseField);
    const reparsed = parse.meeting !== this.get().meeting;
    const head = view.state.selection.main.head;
    const line = view.state.doc.lineAt(head);
    const item = itemAt(parse.meeting, head);
    const before = this.get().cursor;
    const col = head - line.from + 1;
    this.set({
      meeting: parse.meeting,
      parseMs: parse.parseMs,
      cursor: before.line === line.number && before.col === col && before.pos === head ? before : { line: line.number, col, pos: head },
      currentItem: item?.number ?? null,
    });
    if (reparsed) this.pushReview();
    this.deps.sync.collab.setPresence(this.deps.settings.get().user, this.docId, this.get().currentItem);
    this.deps.sync.follow();
  }

  /** After typing pauses, resolves every anchor again: the sidebar shows where annotations are now, and which are orphaned. */
  private scheduleReanchor(): void {
    if (this.reanchorTimer) clearTimeout(this.reanchorTimer);
    this.reanchorTimer = setTimeout(() => {
      this.reanchorTimer = null;
      const doc = this.doc;
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

  /** Updates the library entry once changes pause, and at least every two seconds while they go on (a collaborator typing). */
  scheduleLibraryUpdate(): void {
    const now = Date.now();
    if (this.libraryTimer) {
      if (now - this.libraryWaitSince > 2000) return;
      clearTimeout(this.libraryTimer);
    } else this.libraryWaitSince = now;
    this.libraryTimer = setTimeout(() => {
      this.libraryTimer = null;
      const id = this.docId;
      const { meeting, review } = this.get();
      if (id && meeting) void this.deps.library.summarizeOpen(id, meeting, review, this.doc);
    }, 800);
  }

  /** Moves the cursor to `pos` (and selects to `to`) and scrolls it into view. */
  jump(pos: number, to = pos): void {
    const view = this.view;
    if (!view) return;
    const p = Math.min(pos, view.state.doc.length);
    view.dispatch({ selection: EditorSelection.range(p, Math.min(to, view.state.doc.length)), effects: EditorView.scrollIntoView(p, { y: 'start', yMargin: 60 }) });
    view.focus();
  }

  jumpToItem(number: string): void {
    const item = itemNumbered(this.get().meeting, number);
    if (item) this.jump(item.titleSpan.start);
  }
}

function observeDeep(type: { observeDeep(f: () => void): void; unobserveDeep(f: () => void): void }, f: () => void): () => void {
  const handler = () => queueMicrotask(f);
  type.observeDeep(handler);
  return () => type.unobserveDeep(handler);
}
