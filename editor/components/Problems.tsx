import { useWorkbench } from './use-workbench.ts';

export function Problems() {
  const [wb, s] = useWorkbench();
  const diags = s.meeting?.diagnostics ?? [];
  if (!diags.length) return <p class="empty">{wb.t('noProblems')}</p>;
  return (
    <ul class="problems">
      {diags.map((d, i) => (
        <li key={i} class={`problem severity-${d.severity}`} data-diagnostic-code={d.code} onClick={() => d.span && wb.jump(d.span.start, d.span.end)}>
          <span class="sev">{d.severity === 'error' ? '⛔' : d.severity === 'warning' ? '⚠' : 'ℹ'}</span>
          <span class="code">{d.code}</span>
          <span class="msg">{d.message}</span>
          {d.suggestion && (
            <span class="fixes">
              <button
                onClick={(e) => {
                  e.stopPropagation();
                  wb.applyFix(d, false);
                }}
              >
                → {d.suggestion}
              </button>
              {(d.occurrences?.length ?? 0) > 1 && (
                <button
                  onClick={(e) => {
                    e.stopPropagation();
                    wb.applyFix(d, true);
                  }}
                >
                  {s.lang === 'da' ? `alle ${d.occurrences!.length}` : `all ${d.occurrences!.length}`}
                </button>
              )}
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}
