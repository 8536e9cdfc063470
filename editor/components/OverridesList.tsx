import { useStore, useT, useWorkbench } from '../workbench/use-store.ts';

export function OverridesList() {
  const wb = useWorkbench();
  const t = useT();
  const overrides = useStore(wb.session, (s) => s.overrides);
  if (!overrides.length) return <p class="empty">{t('noOverrides')}</p>;
  // Of several overrides on one line the last applies.
  const last = new Map<number, string>();
  for (const o of overrides) if (o.pos !== null && o.kind !== 'meeting-date' && o.kind !== 'meeting-body') last.set(o.pos, o.id);
  const superseded = (o: (typeof overrides)[number]) => o.pos !== null && last.has(o.pos) && last.get(o.pos) !== o.id;
  return (
    <ul class="overrides">
      {overrides.map((o) => (
        <li key={o.id} class={`override${o.pos === null ? ' orphaned' : ''}${superseded(o) ? ' superseded' : ''}`} data-override-kind={o.kind} data-override-id={o.id} onClick={() => o.pos !== null && wb.session.jump(o.pos)}>
          <span class="kind">{t(`overrideKind.${o.kind}`)}</span>
          {(o.number ?? o.field ?? o.value) && <span class="arg">{o.number ?? o.field ?? o.value}</span>}
          <span class="quote">{o.pos === null ? `(${t('orphaned')}) ` : ''}{o.quote.slice(0, 60)}</span>
          <button
            class="remove"
            onClick={(e) => {
              e.stopPropagation();
              wb.structure.removeOverride(o.id);
            }}
          >
            {t('remove')}
          </button>
        </li>
      ))}
    </ul>
  );
}
