import { useStore, useT, useWorkbench } from '../workbench/use-store.ts';
import type { Activity } from '../workbench/ui.ts';

const ENTRIES: { id: Activity; icon: string; key: 'explorer' | 'annotations' | 'overrides' | 'dataset' }[] = [
  { id: 'explorer', icon: '☰', key: 'explorer' },
  { id: 'annotations', icon: '✎', key: 'annotations' },
  { id: 'overrides', icon: '⚑', key: 'overrides' },
  { id: 'dataset', icon: '⛁', key: 'dataset' },
];

export function ActivityBar() {
  const wb = useWorkbench();
  const t = useT();
  const activity = useStore(wb.ui, (s) => s.activity);
  const theme = useStore(wb.settings, (s) => s.theme);
  return (
    <nav class="activity-bar" aria-label="Activity bar">
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
      <button title="Command palette (Ctrl+Shift+P)" aria-label="Command palette" onClick={() => wb.ui.set({ palette: true })}>
        ⌘
      </button>
      <button title={theme === 'light' ? 'Dark theme' : 'Light theme'} aria-label="Theme" onClick={() => wb.settings.toggleTheme()}>
        {theme === 'light' ? '☾' : '☀'}
      </button>
    </nav>
  );
}
