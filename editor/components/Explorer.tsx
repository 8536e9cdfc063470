import { useWorkbench } from './use-workbench.ts';
import type { SortKey } from '../services/library.ts';
import { Presence } from './Presence.tsx';

export function Explorer() {
  const [wb, s] = useWorkbench();
  const entries = wb.visibleLibrary;
  const duplicates = wb.duplicates;
  return (
    <section class="explorer side-panel" aria-label={wb.t('explorer')}>
      <header>
        <h2>{wb.t('library')}</h2>
      </header>
      <div class="explorer-actions">
        <button class="link" onClick={() => wb.runCommand('file.open')}>{wb.t('openFiles')}</button>
        <button class="link" onClick={() => wb.set({ paste: true })}>{wb.t('pasteText')}</button>
      </div>
      <div class="explorer-tools">
        <input type="search" placeholder={wb.t('filter')} value={s.filter} onInput={(e) => wb.set({ filter: (e.target as HTMLInputElement).value })} aria-label={wb.t('filter')} />
        <select value={s.sort} onChange={(e) => wb.set({ sort: (e.target as HTMLSelectElement).value as SortKey })} aria-label="Sort">
          <option value="date">{wb.t('sortDate')}</option>
          <option value="title">{wb.t('sortTitle')}</option>
          <option value="updatedAt">{wb.t('sortUpdated')}</option>
          <option value="items">{wb.t('sortItems')}</option>
        </select>
      </div>
      {s.progress && (
        <div class="progress" role="progressbar" aria-valuenow={s.progress.done} aria-valuemax={s.progress.total}>
          {wb.t('importing')} {s.progress.done}/{s.progress.total}
          <div class="bar" style={{ width: `${(100 * s.progress.done) / Math.max(1, s.progress.total)}%` }} />
        </div>
      )}
      <ul class="library">
        {entries.map((e) => (
          <li
            key={e.id}
            class={s.active === e.id ? 'active' : ''}
            data-doc-id={e.id}
            data-file={e.fileName}
            data-local={e.local ? 'true' : undefined}
            data-duplicate-of={duplicates.get(e.id)?.join(' ')}
            onClick={() => void wb.openDocument(e.id)}
            title={e.fileName}
          >
            <div class="doc-title">
              {duplicates.has(e.id) && (
                <button
                  class="duplicate"
                  title={wb.t('duplicateHint')}
                  onClick={(ev) => {
                    ev.stopPropagation();
                    void wb.openDocument(e.id).then(() => wb.askMerge(e.id));
                  }}
                >
                  {wb.t('duplicate')} ×{(duplicates.get(e.id)?.length ?? 0) + 1}
                </button>
              )}
              {e.body || e.fileName}
              <Presence peers={s.peers[e.id]} />
            </div>
            <div class="doc-meta">
              <span>{e.date ?? '—'}</span>
              <span class={`source source-${e.source}`}>{e.source}</span>
              {e.local && (
                <span class="local" title={wb.t('localHint')}>
                  {wb.t('localOnly')}
                </span>
              )}
              <span class={`review review-${e.review}`}>{e.review}</span>
              <span>
                {e.items} {wb.t('items')}
              </span>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
