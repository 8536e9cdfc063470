/**
 * The guard when a source changes: an import (a file picked or dropped, or a
 * document the extension hands over) that meets a library document from the
 * same URL (or, for a file, with the same name) but other bytes is not stored
 * silently as a second document. The person is shown what changed (pages and
 * items, `compareSources`) and chooses: re-import into the same document, with
 * everything anchored again in the new text and what could not be listed
 * (`reimport`), keep the old, or import it as a separate document.
 */
import { compareSources, type SourceChange } from '../../core/document/source-change.ts';
import { reimport, type Orphan, type ReimportResult } from '../../core/document/reimport.ts';
import type { ImportedDocument } from '../services/import.ts';
import { summarize, type LibraryEntry } from '../services/library.ts';
import { parseMinutes } from '../../core/minutes/parse.ts';
import type { Library } from './library.ts';
import type { DocumentSession } from './session.ts';
import type { Settings } from './settings.ts';
import { Store } from './store.ts';
import type { Tabs } from './tabs.ts';
import type { Ui } from './ui.ts';

export type GuardChoice = 'reimport' | 'keep' | 'separate';

export interface GuardQuestion {
  /** The file name (or the URL's last part) of the import. */
  name: string;
  /** The library document it meets. */
  existing: Pick<LibraryEntry, 'id' | 'title' | 'fileName' | 'url' | 'sha256'>;
  sha256: string;
  change: SourceChange;
}

export interface SourceGuardState {
  question: GuardQuestion | null;
  /** After a re-import: what moved and the orphans, until the person closes it. */
  result: (Omit<ReimportResult, 'orphans'> & { orphans: Orphan[]; title: string }) | null;
}

/** The library document an import with this source would duplicate: the same URL (a file: the same name) with other bytes, or null. Pure. */
export function changedSourceOf(entries: readonly LibraryEntry[], doc: Pick<ImportedDocument, 'entry' | 'source'>): LibraryEntry | null {
  const sha = doc.source.sha256;
  if (!sha) return null;
  // The same bytes are the document already there (the library finds it by its SHA-256).
  if (entries.some((e) => e.sha256 === sha)) return null;
  const url = doc.source.url;
  return (
    entries.find((e) => !e.mergedInto && e.sha256 && e.sha256 !== sha && (url ? e.url === url : !e.url && e.source !== 'paste' && e.fileName === doc.entry.fileName)) ?? null
  );
}

export class SourceGuard extends Store<SourceGuardState> {
  private answer: ((choice: GuardChoice) => void) | null = null;

  constructor(
    private readonly library: Library,
    private readonly tabs: Tabs,
    private readonly session: DocumentSession,
    private readonly settings: Settings,
    private readonly ui: Ui,
  ) {
    super({ question: null, result: null });
  }

  /** The person's answer to the open question (the dialog's buttons; dismissing keeps the old). */
  choose(choice: GuardChoice): void {
    const answer = this.answer;
    this.answer = null;
    this.set({ question: null });
    answer?.(choice);
  }

  closeResult(): void {
    this.set({ result: null });
  }

  /**
   * Stores an import, or — when it is a changed version of a library document —
   * asks first and does what the person chose. The document to open (the
   * re-imported or kept one, or the new one), or null when nothing is to be opened.
   */
  async store(doc: ImportedDocument): Promise<{ id: string; existed: boolean; reimported?: boolean } | null> {
    // The entries as the explorer has them: reading every stored entry for each file made importing n files n² reads.
    const existing = changedSourceOf(this.library.get().entries, doc);
    if (!existing) return this.library.store(doc);
    const before = await this.tabs.withDocument(existing.id, (d) => ({ text: d.text.toString(), runs: d.currentPageRuns() }));
    const change = compareSources(before, { text: doc.text, runs: doc.runs });
    const choice = await new Promise<GuardChoice>((resolve) => {
      this.answer?.('keep');
      this.answer = resolve;
      this.set({ question: { name: doc.entry.fileName, existing, sha256: doc.source.sha256!, change }, result: null });
    });
    if (choice === 'keep') return { id: existing.id, existed: true };
    if (choice === 'separate') return this.library.store(doc);
    return this.reimportInto(existing, doc);
  }

  private async reimportInto(existing: LibraryEntry, doc: ImportedDocument): Promise<{ id: string; existed: boolean; reimported: boolean } | null> {
    const t = this.settings.t;
    const result = await this.tabs.withDocument(existing.id, (d, readOnly) => (readOnly ? null : reimport(d, { text: doc.text, runs: doc.runs, source: doc.source, hints: doc.hints })));
    if (!result) {
      this.ui.error(t('syncReadOnly'));
      return null;
    }
    const { title, body, date, kind, items, sections, cases, meetingId } = summarize(parseMinutes(doc.text));
    await this.library.db.docs.update(existing.id, {
      sha256: doc.source.sha256,
      fileName: doc.entry.fileName,
      ...(doc.source.url ? { url: doc.source.url } : {}),
      ...{ title, body, date, kind, items, sections, cases, meetingId },
    });
    if (doc.pdf) await this.library.db.pdfs.put({ id: existing.id, bytes: doc.pdf });
    else await this.library.db.pdfs.delete(existing.id);
    await this.library.refresh();
    if (this.tabs.get().active === existing.id) this.session.pushAnnotations();
    this.set({ result: { ...result, title: existing.title } });
    return { id: existing.id, existed: true, reimported: true };
  }
}
