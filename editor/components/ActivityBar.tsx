import { useStore, useT, useWorkbench } from '../workbench/use-store.ts';
import type { Activity } from '../workbench/ui.ts';

const ENTRIES: { id: Activity; icon: string; key: 'explorer' | 'annotations' | 'overrides' | 'dataset' | 'search.title' | 'taxonomy.title' | 'history.title' }[] = [
  { id: 'explorer', icon: '☰', key: 'explorer' },
  { id: 'search', icon: '⌕', key: 'search.title' },
  { id: 'annotations', icon: '✎', key: 'annotations' },
  { id: 'taxonomy', icon: '#', key: 'taxonomy.title' },
  { id: 'overrides', icon: '⚑', key: 'overrides' },
  { id: 'dataset', icon: '⛁', key: 'dataset' },
  { id: 'history', icon: '⟲', key: 'history.title' },
];

export function ActivityBar() {
  const wb = useWorkbench();
  const t = useT();
  const activity = useStore(wb.ui, (s) => s.activity);
  const theme = useStore(wb.settings, (s) => s.theme);
  return (
    <nav class="activity-bar" aria-label={t('activityBar')}>
      {ENTRIES.map((e) => (
        <button
          key={e.id}
          class={activity === e.id ? 'active' : ''}
          title={t(e.key)}
          aria-label={t(e.key)}
          data-activity={e.id}
          onClick={() => wb.ui.set({ activity: e.id })}
        >
          {e.icon}
        </button>
      ))}
      <div class="spacer" />
      <button title={t('commandPaletteKeys')} aria-label={t('commandPalette')} onClick={() => wb.ui.set({ palette: true })}>
        ⌘
      </button>
      <button title={theme === 'light' ? t('themeDark') : t('themeLight')} aria-label={t('theme')} onClick={() => wb.settings.toggleTheme()}>
        {theme === 'light' ? '☾' : '☀'}
      </button>
    </nav>
  );
}
