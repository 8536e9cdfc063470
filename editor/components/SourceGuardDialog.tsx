import { useStore, useT, useWorkbench } from '../workbench/use-store.ts';
import type { GuardChoice } from '../workbench/source-guard.ts';
import type { ReviewStatus } from '../../core/document/studio-doc.ts';

/**
 * The guard when a source changes: the import meets a library document from
 * the same URL or file name with other bytes. It says so, shows what changed
 * (pages, items), and offers re-import, keep the old, or a separate document;
 * after a re-import it says what moved and lists the orphans.
 */
export function SourceGuardDialog() {
  const wb = useWorkbench();
  const t = useT();
  const { question, result } = useStore(wb.sourceGuard, (s) => s);
  if (question) {
    const { change, existing } = question;
    const { pages, items } = change;
    const nothing = !pages.added.length && !pages.removed.length && !pages.changed.length && !items.added.length && !items.removed.length && !items.renamed.length;
    const choose = (c: GuardChoice) => () => wb.sourceGuard.choose(c);
    return (
      <div class="source-guard" role="dialog" aria-modal="true" aria-labelledby="source-guard-title" data-source-guard="question" onKeyDown={(e) => e.key === 'Escape' && wb.sourceGuard.choose('keep')}>
        <h2 id="source-guard-title">{t('sourceGuard.title')}</h2>
        <p>{t('sourceGuard.intro', { name: question.name, title: existing.title })}</p>
        <p class="source-guard-hashes">
          SHA-256 {existing.sha256?.slice(0, 12)}… → {question.sha256.slice(0, 12)}…
        </p>
        <h3>{t('sourceGuard.changes')}</h3>
        <ul class="source-guard-changes">
          {pages.before + pages.after > 0 && <li data-change="pages">{t('sourceGuard.pages', { before: pages.before, after: pages.after })}</li>}
          {pages.added.length > 0 && <li data-change="pages-added">{t('sourceGuard.pagesAdded', { count: pages.added.length, pages: pages.added.join(', ') })}</li>}
          {pages.removed.length > 0 && <li data-change="pages-removed">{t('sourceGuard.pagesRemoved', { count: pages.removed.length, pages: pages.removed.join(', ') })}</li>}
          {pages.changed.length > 0 && <li data-change="pages-changed">{t('sourceGuard.pagesChanged', { count: pages.changed.length, pages: pages.changed.map((p) => p.after).join(', ') })}</li>}
          {items.added.map((i) => (
            <li key={`a${i.number}`} data-change="item-added" data-item={i.number}>{t('sourceGuard.itemAdded', { number: i.number, title: i.title })}</li>
          ))}
          {items.removed.map((i) => (
            <li key={`r${i.number}`} data-change="item-removed" data-item={i.number}>{t('sourceGuard.itemRemoved', { number: i.number, title: i.title })}</li>
          ))}
          {items.renamed.map((i) => (
            <li key={`n${i.number}`} data-change="item-renamed" data-item={i.number}>{t('sourceGuard.itemRenamed', { number: i.number, before: i.before, after: i.after })}</li>
          ))}
          {nothing && <li data-change="none">{t(change.textChanged ? 'sourceGuard.textOnly' : 'sourceGuard.sameText')}</li>}
        </ul>
        <div class="source-guard-actions">
          <button type="button" class="primary" data-choice="reimport" onClick={choose('reimport')} autofocus>{t('sourceGuard.reimport')}</button>
          <button type="button" data-choice="keep" onClick={choose('keep')}>{t('sourceGuard.keep')}</button>
          <button type="button" data-choice="separate" onClick={choose('separate')}>{t('sourceGuard.separate')}</button>
        </div>
        <p class="hint">{t('sourceGuard.reimportHint')}</p>
      </div>
    );
  }
  if (!result) return null;
  const kind = (k: string) => t(`sourceGuard.kind.${k as 'annotation'}`);
  return (
    <div class="source-guard" role="dialog" aria-labelledby="source-guard-title" data-source-guard="result">
      <h2 id="source-guard-title">{t('sourceGuard.doneTitle', { title: result.title })}</h2>
      <p data-moved>{t('sourceGuard.moved', { annotations: result.annotations, overrides: result.overrides, reviews: result.reviews, done: result.done })}</p>
      {result.orphans.length ? (
        <>
          <h3>{t('sourceGuard.orphans', { count: result.orphans.length })}</h3>
          <ul class="source-guard-orphans">
            {result.orphans.map((o, i) => (
              <li key={i} data-orphan={o.kind}>
                <b>{kind(o.kind)}</b> “{o.quote.length > 80 ? `${o.quote.slice(0, 80)}…` : o.quote}”{o.detail ? ` (${o.kind === 'review' ? t(o.detail as ReviewStatus) : o.detail})` : ''}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p data-no-orphans>{t('sourceGuard.noOrphans')}</p>
      )}
      <p class="hint">{t('sourceGuard.undoHint')}</p>
      <div class="source-guard-actions">
        <button type="button" class="primary" data-close onClick={() => wb.sourceGuard.closeResult()}>{t('close')}</button>
      </div>
    </div>
  );
}
