/**
 * The History view: the open document's versions, newest first, each with its
 * name (or what kind of automatic version it is), who took it and when. A
 * click shows the version read-only beside the text (VersionPane).
 */
import { useStore, useT, useWorkbench } from '../workbench/use-store.ts';
import type { VersionSummary } from '../workbench/history.ts';

export function versionTitle(t: ReturnType<typeof useT>, v: Pick<VersionSummary, 'name' | 'kind'>): string {
  return v.name ?? t(v.kind === 'restore' ? 'history.kindRestore' : 'history.kindAuto');
}

export function HistoryView() {
  const wb = useWorkbench();
  const t = useT();
  const versions = useStore(wb.history, (s) => s.versions);
  const selected = useStore(wb.history, (s) => s.selected?.id ?? null);
  const active = useStore(wb.tabs, (s) => s.active);
  return (
    <section class="side-panel history-view">
      <header>
        <h2>{t('history.title')}</h2>
        <button disabled={!active} onClick={() => void wb.history.saveNamed()} title={t('command.history.save')}>
          {t('history.save')}
        </button>
      </header>
      {!active && <p class="empty">{t('history.noDocument')}</p>}
      {active && versions.length === 0 && <p class="empty">{t('history.none')}</p>}
      <ul class="versions">
        {versions.map((v) => (
          <li key={v.id} data-version-id={v.id} data-kind={v.kind} class={v.id === selected ? 'selected' : ''} onClick={() => wb.history.select(v.id)}>
            <span class={`version-name${v.name ? ' named' : ''}`}>{versionTitle(t, v)}</span>
            <span class="version-by">{t('byAt', { by: v.by || '?', at: new Date(v.at) })}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
