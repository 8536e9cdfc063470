import { useWorkbench } from './use-workbench.ts';

export function OverridesList() {
  const [wb, s] = useWorkbench();
  if (!s.overrides.length) return <p class="empty">{wb.t('noOverrides')}</p>;
  return (
    <ul class="overrides">
      {s.overrides.map((o) => (
        <li key={o.id} class={o.pos === null ? 'override orphaned' : 'override'} data-override-kind={o.kind} data-override-id={o.id} onClick={() => o.pos !== null && wb.jump(o.pos)}>
          <span class="kind">{o.kind}</span>
          {(o.number ?? o.field ?? o.value) && <span class="arg">{o.number ?? o.field ?? o.value}</span>}
          <span class="quote">{o.pos === null ? `(${wb.t('orphaned')}) ` : ''}{o.quote.slice(0, 60)}</span>
          <button
            class="remove"
            onClick={(e) => {
              e.stopPropagation();
              wb.removeOverride(o.id);
            }}
          >
            {wb.t('remove')}
          </button>
        </li>
      ))}
    </ul>
  );
}
