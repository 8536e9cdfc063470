import { useStore, useT, useWorkbench } from '../workbench/use-store.ts';
import { diagnosticText } from '../../core/minutes/diagnostic-messages.ts';

export function Problems() {
  const wb = useWorkbench();
  const t = useT();
  const diags = useStore(wb.session, (s) => s.meeting?.diagnostics) ?? [];
  if (!diags.length) return <p class="empty">{t('noProblems')}</p>;
  return (
    <ul class="problems">
      {diags.map((d, i) => (
        <li key={i} class={`problem severity-${d.severity}`} data-diagnostic-code={d.code} onClick={() => d.span && wb.session.jump(d.span.start, d.span.end)}>
          <span class="sev">{d.severity === 'error' ? '⛔' : d.severity === 'warning' ? '⚠' : 'ℹ'}</span>
          <span class="code">{d.code}</span>
          <span class="msg">{diagnosticText(t, d)}</span>
          {d.suggestion && (
            <span class="fixes">
              <button
                onClick={(e) => {
                  e.stopPropagation();
                  wb.structure.applyFix(d, false);
                }}
              >
                → {d.suggestion}
              </button>
              {(d.occurrences?.length ?? 0) > 1 && (
                <button
                  onClick={(e) => {
                    e.stopPropagation();
                    wb.structure.applyFix(d, true);
                  }}
                >
                  {t('fixAll', { count: d.occurrences!.length })}
                </button>
              )}
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}
