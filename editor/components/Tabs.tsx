import { useStore, useT, useWorkbench } from '../workbench/use-store.ts';

export function Tabs() {
  const wb = useWorkbench();
  const t = useT();
  const tabs = useStore(wb.tabs, (s) => s.tabs);
  const active = useStore(wb.tabs, (s) => s.active);
  const library = useStore(wb.library, (s) => s.entries);
  return (
    <div class="tabs" role="tablist">
      {tabs.map((id) => {
        const e = library.find((x) => x.id === id);
        return (
          <div key={id} role="tab" aria-selected={active === id} class={active === id ? 'tab active' : 'tab'} data-doc-id={id} onClick={() => void wb.tabs.openDocument(id)}>
            <span>{e ? `${e.body} ${e.date ?? ''}`.trim() || e.fileName : id}</span>
            <button
              class="close"
              aria-label={t('close')}
              onClick={(ev) => {
                ev.stopPropagation();
                void wb.tabs.closeTab(id);
              }}
            >
              ×
            </button>
          </div>
        );
      })}
    </div>
  );
}
