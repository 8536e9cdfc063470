import { useMemo } from 'preact/hooks';
import { useStore, useT, useWorkbench } from '../workbench/use-store.ts';
import { duplicatesOf, filterAndSort, type LibraryReview, type SortKey } from '../services/library.ts';
import type { MessageKey } from '../i18n.ts';
import { Presence } from './Presence.tsx';
import { runCommand } from '../workbench/commands.ts';

const LIBRARY_REVIEW: Record<LibraryReview, MessageKey> = { unreviewed: 'unreviewed', 'in-progress': 'inProgress', reviewed: 'reviewed' };

export function Explorer() {
  const wb = useWorkbench();
  const t = useT();
  const library = useStore(wb.library, (s) => s.entries);
  const filter = useStore(wb.library, (s) => s.filter);
  const sort = useStore(wb.library, (s) => s.sort);
  const progress = useStore(wb.ui, (s) => s.progress);
  const ocr = useStore(wb.ui, (s) => s.ocr);
  const active = useStore(wb.tabs, (s) => s.active);
  const peers = useStore(wb.sync, (s) => s.peers);
  const entries = useMemo(() => filterAndSort(library, filter, sort), [library, filter, sort]);
  const duplicates = useMemo(() => duplicatesOf(library), [library]);
  return (
    <section class="explorer side-panel" aria-label={t('explorer')}>
      <header>
        <h2>{t('library')}</h2>
      </header>
      <div class="explorer-actions">
        <button class="link" onClick={() => runCommand(wb, 'file.open')}>{t('openFiles')}</button>
        <button class="link" onClick={() => wb.ui.set({ paste: true })}>{t('pasteText')}</button>
      </div>
      <div class="explorer-tools">
        <input type="search" placeholder={t('filter')} value={filter} onInput={(e) => wb.library.set({ filter: (e.target as HTMLInputElement).value })} aria-label={t('filter')} />
        <select value={sort} onChange={(e) => wb.library.set({ sort: (e.target as HTMLSelectElement).value as SortKey })} aria-label={t('sort')}>
          <option value="date">{t('sortDate')}</option>
          <option value="title">{t('sortTitle')}</option>
          <option value="updatedAt">{t('sortUpdated')}</option>
          <option value="items">{t('sortItems')}</option>
        </select>
      </div>
      {progress && (
        <div class="progress" role="progressbar" aria-valuenow={progress.done} aria-valuemax={progress.total}>
          {t('importing')} {progress.done}/{progress.total}
          <div class="bar" style={{ width: `${(100 * progress.done) / Math.max(1, progress.total)}%` }} />
        </div>
      )}
      {ocr && (
        <div class="progress ocr-progress" role="progressbar" aria-valuenow={ocr.done} aria-valuemax={ocr.total} aria-label={t('ocrReading', { name: ocr.name })}>
          {t('ocrProgress', { name: ocr.name, done: ocr.done, total: ocr.total })}
          <div class="bar" style={{ width: `${(100 * ocr.done) / Math.max(1, ocr.total)}%` }} />
        </div>
      )}
      <ul class="library">
        {entries.map((e) => (
          <li
            key={e.id}
            class={active === e.id ? 'active' : ''}
            data-doc-id={e.id}
            data-file={e.fileName}
            data-local={e.local ? 'true' : undefined}
            data-duplicate-of={duplicates.get(e.id)?.join(' ')}
            onClick={() => void wb.tabs.openDocument(e.id)}
            title={e.fileName}
          >
            <div class="doc-title">
              {duplicates.has(e.id) && (
                <button
                  class="duplicate"
                  title={t('duplicateHint')}
                  onClick={(ev) => {
                    ev.stopPropagation();
                    void wb.tabs.openDocument(e.id).then(() => wb.workspace.askMerge(e.id));
                  }}
                >
                  {t('duplicate')} ×{(duplicates.get(e.id)?.length ?? 0) + 1}
                </button>
              )}
              {e.body || e.fileName}
              <Presence peers={peers[e.id]} />
            </div>
            <div class="doc-meta">
              <span>{e.date ?? '—'}</span>
              <span class={`source source-${e.source}`} data-source={e.source}>{t(`source.${e.source}`)}</span>
              {e.local && (
                <span class="local" title={t('localHint')}>
                  {t('localOnly')}
                </span>
              )}
              <span class={`review review-${e.review}`}>{t(LIBRARY_REVIEW[e.review])}</span>
              <span>
                {e.items} {t('itemWord', { count: e.items })}
              </span>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
