import { useWorkbench } from './use-workbench.ts';
import type { Activity } from '../services/workbench.ts';

const ENTRIES: { id: Activity; icon: string; key: 'explorer' | 'annotations' | 'overrides' | 'dataset' }[] = [
  { id: 'explorer', icon: '☰', key: 'explorer' },
  { id: 'annotations', icon: '✎', key: 'annotations' },
  { id: 'overrides', icon: '⚑', key: 'overrides' },
  { id: 'dataset', icon: '⛁', key: 'dataset' },
];

export function ActivityBar() {
  const [wb, s] = useWorkbench();
  return (
    <nav class="activity-bar" aria-label="Activity bar">
      {ENTRIES.map((e) => (
        <button
          key={e.id}
          class={s.activity === e.id ? 'active' : ''}
          title={wb.t(e.key)}
          aria-label={wb.t(e.key)}
          data-activity={e.id}
          onClick={() => wb.set({ activity: e.id })}
        >
          {e.icon}
        </button>
      ))}
      <div class="spacer" />
      <button title="Command palette (Ctrl+Shift+P)" aria-label="Command palette" onClick={() => wb.set({ palette: true })}>
        ⌘
      </button>
      <button title={s.theme === 'light' ? 'Dark theme' : 'Light theme'} aria-label="Theme" onClick={() => wb.toggleTheme()}>
        {s.theme === 'light' ? '☾' : '☀'}
      </button>
    </nav>
  );
}
