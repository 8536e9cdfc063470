import { useEffect, useRef } from 'preact/hooks';
import { useStore, useT, useWorkbench } from '../workbench/use-store.ts';
import type { MessageKey } from '../i18n.ts';

/** The search side view: one box over the library and the workspace, results grouped by meeting; a click opens the spot. */
export function SearchView() {
  const wb = useWorkbench();
  const t = useT();
  const { query, groups, progress } = useStore(wb.search, (s) => s);
  const box = useRef<HTMLInputElement>(null);
  useEffect(() => {
    box.current?.focus();
    void wb.search.update();
  }, [wb]);
  const hits = groups.reduce((n, g) => n + g.hits.length, 0);
  return (
    <section class="search-view side-panel" aria-label={t('search.title')}>
      <header>
        <h2>{t('search.title')}</h2>
      </header>
      <div class="explorer-tools">
        <input ref={box} type="search" name="library-search" placeholder={t('search.placeholder')} value={query} onInput={(e) => void wb.search.setQuery((e.target as HTMLInputElement).value)} aria-label={t('search.title')} />
      </div>
      {progress && <div class="progress">{t('search.indexing', { done: progress.done, total: progress.total })}</div>}
      {query.trim() && !progress && (
        <p class="search-summary" aria-live="polite">
          {hits ? t('search.results', { hits, meetings: groups.length, hitWord: t('search.hitWord', { count: hits }), meetingWord: t('search.meetingWord', { count: groups.length }) }) : t('search.noResults')}
        </p>
      )}
      <ul class="search-results">
        {groups.map((g) => (
          <li key={g.docId} class="search-group" data-search-doc={g.docId}>
            <div class="search-meeting">{wb.library.entry(g.docId)?.title || g.title}</div>
            <ul>
              {g.hits.map((h) => (
                <li key={h.id}>
                  <button class="search-hit" data-search-hit={h.id} onClick={() => void wb.search.open(g, h)}>
                    <span class="search-hit-title">{h.item === null ? t('search.meeting') : h.title}</span>
                    <span class="search-fields">{h.fields.map((f) => t(`search.field.${f}` as MessageKey)).join(', ')}</span>
                    <span class="search-snippet">{h.snippet}</span>
                  </button>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </section>
  );
}
