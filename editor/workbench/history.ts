/**
 * The open document's version history as the workbench holds it: the versions
 * kept in the document (core/document/history.ts), an automatic version on the
 * first opening in this session and after a pause in one's own editing (at most
 * one every few minutes, counting everyone's), named versions saved on
 * request, the version chosen for viewing with its difference against now, and
 * restore as a new change (core/document/restore.ts).
 */
import * as Y from 'yjs';
import { addVersion, HISTORY_ORIGIN, historyBudget, historyOf, latestVersion, openVersion, type HistoryLimits, type VersionKind, type VersionRecord } from '../../core/document/history.ts';
import { restoreAsNewChange } from '../../core/document/restore.ts';
import type { StudioDoc } from '../../core/document/studio-doc.ts';
import { diffVersions, type VersionDiff } from '../../core/document/version-diff.ts';
import { ownView } from '../../core/document/labelling.ts';
import type { DocumentSession } from './session.ts';
import type { Settings } from './settings.ts';
import { Store } from './store.ts';
import type { Sync } from './sync.ts';
import type { Ui } from './ui.ts';

/** A version as the list shows it. */
export interface VersionSummary {
  id: string;
  name: string | null;
  kind: VersionKind;
  by: string;
  at: number;
  bytes: number;
}

export interface HistoryState {
  /** The open document's versions, newest first. */
  versions: VersionSummary[];
  /** The version being viewed, its text and what changed since it; null when none is. */
  selected: { id: string; text: string; diff: VersionDiff } | null;
}

/** Editing must pause this long before an automatic version is taken (ms). */
export const AUTO_PAUSE_MS = 30_000;
/** At most one automatic version in this long (ms), whoever took the latest. */
export const AUTO_GAP_MS = 5 * 60_000;

/** How long the opening's version waits for the document to sync (ms). */
export const OPENING_WAIT_MS = 10_000;

export interface HistoryDeps {
  now(): number;
  newId?: () => string;
  setTimeout?: (f: () => void, ms: number) => unknown;
  clearTimeout?: (handle: unknown) => void;
}

const mb = (bytes: number) => (bytes / (1024 * 1024)).toFixed(1);
const summary = (r: VersionRecord): VersionSummary => ({ id: r.id, name: r.name, kind: r.kind, by: r.by, at: r.at, bytes: r.state.byteLength });

export class HistoryStore extends Store<HistoryState> {
  private followed: { id: string; doc: StudioDoc; off(): void } | null = null;
  /** Documents opened in this session (each gets one automatic version on its first opening). */
  private readonly opened = new Set<string>();
  private timer: unknown = null;
  private diffTimer: unknown = null;

  constructor(
    private readonly session: DocumentSession,
    private readonly sync: Sync,
    private readonly settings: Settings,
    private readonly ui: Ui,
    private readonly deps: HistoryDeps,
  ) {
    super({ versions: [], selected: null });
    session.subscribe(() => this.follow());
  }

  private get later() {
    return { set: this.deps.setTimeout ?? ((f: () => void, ms: number) => setTimeout(f, ms)), clear: this.deps.clearTimeout ?? ((h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>)) };
  }

  private newId(): string {
    return this.deps.newId?.() ?? `v${this.deps.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  }

  /** Follows the document the session shows: its versions, its first opening, its edits. */
  follow(): void {
    const id = this.session.docId;
    const doc = this.session.doc;
    if (this.followed?.id === id && this.followed?.doc === doc) return;
    this.followed?.off();
    this.followed = null;
    if (this.timer) this.later.clear(this.timer);
    this.timer = null;
    this.set({ versions: [], selected: null });
    if (!id || !doc) return;
    const history = historyOf(doc.ydoc);
    const read = () => this.set({ versions: history.toArray().map(summary).reverse() });
    const onChange = (tr: Y.Transaction) => {
      if (tr.origin === HISTORY_ORIGIN) return;
      if (tr.local) this.scheduleAuto();
      if (this.get().selected) this.scheduleDiff();
    };
    history.observe(read);
    doc.ydoc.on('afterTransaction', onChange);
    this.followed = { id, doc, off: () => (history.unobserve(read), doc.ydoc.off('afterTransaction', onChange)) };
    read();
    if (!this.opened.has(id)) {
      this.opened.add(id);
      this.takeOnOpening(id);
    }
  }

  /**
   * The opening's automatic version, once the document has what the server
   * holds (its versions included: a copy opened before that would only repeat
   * an older state), or at once when there is no server; a document that stays
   * in this browser (never synced) gets it after OPENING_WAIT_MS.
   */
  private takeOnOpening(id: string): void {
    // Not while offline from a server that is set: the rights are not known yet (a read-only token would be left
    // with a change it can never send), and the copy may be older than the server's.
    // Nor while 'off' only for a moment, between one server setting and the next.
    const ready = () => {
      const status = this.sync.collab.view(id).status;
      return status === 'synced' || (status === 'off' && this.sync.collab.configured === null);
    };
    let waited: unknown = null;
    const done = () => {
      off();
      if (waited) this.later.clear(waited);
      if (this.followed?.id === id) this.take('auto');
    };
    const off = this.sync.subscribe(() => ready() && done());
    if (ready()) return done();
    // A document kept in this browser only is never attached: 'off' all along.
    waited = this.later.set(() => (ready() || this.sync.collab.view(id).status === 'off' ? done() : off()), OPENING_WAIT_MS);
  }

  /** The history's budget under the sync server's document limit, and one version under its message limit. */
  private limits(): HistoryLimits & { maxVersionBytes: number } {
    const { maxMessageBytes, maxDocumentBytes } = this.sync.collab.limits;
    // Room for the rest of the message that carries the version.
    return { maxBytes: historyBudget(maxDocumentBytes), maxVersionBytes: maxMessageBytes - 64 * 1024 };
  }

  private writable(): boolean {
    const id = this.followed?.id ?? null;
    return Boolean(id) && !this.sync.collab.view(id).readOnly;
  }

  /** Takes a version of the open document now (automatic ones only when something changed since the latest). */
  private take(kind: VersionKind, name: string | null = null): VersionRecord | null {
    const doc = this.followed?.doc;
    if (!doc || !this.writable() || (kind === 'auto' && doc.text.length === 0)) return null;
    const made = addVersion(doc.ydoc, { id: this.newId(), kind, name, by: this.settings.get().user, at: this.deps.now() }, this.limits());
    if ('reason' in made) {
      if (made.reason === 'too-large') this.ui.error(this.settings.t('history.tooLarge', { size: mb(made.bytes), limit: mb(made.limit) }));
      return null;
    }
    return made;
  }

  /** After one's own edits pause, an automatic version, unless one was taken in the last few minutes. */
  private scheduleAuto(): void {
    if (this.timer) this.later.clear(this.timer);
    this.timer = this.later.set(() => {
      this.timer = null;
      const doc = this.followed?.doc;
      if (!doc) return;
      const latest = latestVersion(doc.ydoc);
      const wait = latest ? latest.at + AUTO_GAP_MS - this.deps.now() : 0;
      if (wait > 0) this.timer = this.later.set(() => this.scheduleAuto(), wait);
      else this.take('auto');
    }, AUTO_PAUSE_MS);
  }

  /** "Save version…": asks for a name and keeps the document now under it. */
  async saveNamed(): Promise<void> {
    const t = this.settings.t;
    const id = this.followed?.id ?? null;
    if (!id) return this.ui.error(t('history.noDocument'));
    if (this.sync.refuseReadOnly(id)) return;
    if (!(await this.settings.requireUser())) return;
    const name = (await this.ui.ask({ title: t('history.namePrompt'), placeholder: t('history.namePlaceholder') }))?.trim();
    if (name === undefined) return;
    if (!name) return this.ui.error(t('history.nameEmpty'));
    if (this.take('named', name)) this.ui.info(t('history.saved', { name }));
  }

  /** Shows version `id` read-only with what changed since; the same again closes it. */
  select(id: string | null): void {
    if (id === null || this.get().selected?.id === id) return this.set({ selected: null });
    const doc = this.followed?.doc;
    const record = doc && historyOf(doc.ydoc).toArray().find((r) => r.id === id);
    if (!doc || !record) return;
    const version = openVersion(record.state);
    // In independent labelling an analyst sees only their own annotations, in versions too.
    const who = this.session.privateTo();
    try {
      this.set({ selected: { id, text: version.text.toString(), diff: diffVersions(version, doc, who === null ? undefined : (views) => ownView(views, who)) } });
    } finally {
      version.ydoc.destroy();
    }
  }

  /** While a version is viewed, what changed since follows the document's changes. */
  private scheduleDiff(): void {
    if (this.diffTimer) this.later.clear(this.diffTimer);
    this.diffTimer = this.later.set(() => {
      this.diffTimer = null;
      const selected = this.get().selected;
      if (selected) {
        this.set({ selected: null });
        this.select(selected.id);
      }
    }, 500);
  }

  /** Brings the document back to version `id` as a new change; the state before is kept as a version. */
  async restore(id: string): Promise<void> {
    const t = this.settings.t;
    const followed = this.followed;
    const record = followed && historyOf(followed.doc.ydoc).toArray().find((r) => r.id === id);
    if (!followed || !record) return this.ui.error(t('history.noDocument'));
    if (this.sync.refuseReadOnly(followed.id)) return;
    // A restore sets back everyone's annotations; an analyst who sees only their own would change what they cannot see.
    if (this.session.privateTo() !== null) return this.ui.error(t('history.restoreIndependent'));
    if (!(await this.settings.requireUser())) return;
    const result = restoreAsNewChange(followed.doc, record, { id: this.newId(), by: this.settings.get().user, at: this.deps.now() }, this.limits());
    if ('reason' in result) {
      if (result.reason === 'too-large') this.ui.error(t('history.tooLarge', { size: mb(result.bytes), limit: mb(result.limit) }));
      return;
    }
    this.set({ selected: null });
    this.ui.info(t('history.restored', { name: record.name ?? t('history.at', { at: new Date(record.at) }) }));
  }
}
