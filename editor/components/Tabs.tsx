import { useWorkbench } from './use-workbench.ts';

export function Tabs() {
  const [wb, s] = useWorkbench();
  return (
    <div class="tabs" role="tablist">
      {s.tabs.map((id) => {
        const e = s.library.find((x) => x.id === id);
        return (
          <div key={id} role="tab" aria-selected={s.active === id} class={s.active === id ? 'tab active' : 'tab'} data-doc-id={id} onClick={() => void wb.openDocument(id)}>
            <span>{e ? `${e.body} ${e.date ?? ''}`.trim() || e.fileName : id}</span>
            <button
              class="close"
              aria-label="Close"
              onClick={(ev) => {
                ev.stopPropagation();
                void wb.closeTab(id);
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
