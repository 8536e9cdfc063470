import { useEffect, useRef, useState } from 'preact/hooks';
import { useWorkbench } from './use-workbench.ts';

/**
 * Asks for the user's name on first use: one line, above the status bar,
 * leaving the rest of the workbench usable. It cannot be left empty or as the
 * old default; closing it (Escape) leaves the prompt in the status bar.
 */
export function NameDialog() {
  const [wb, s] = useWorkbench();
  const [value, setValue] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (!s.nameDialog) return;
    setProblem(null);
    setTimeout(() => input.current?.focus());
  }, [s.nameDialog]);
  if (!s.nameDialog) return null;
  const submit = () => setProblem(wb.setUser(value));
  return (
    <div class="name-dialog" role="dialog" aria-label={wb.t('nameTitle')}>
    <form
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <label class="name-title" for="referat-user-name">
        {wb.t('nameTitle')}
      </label>
      <p class="name-hint">{wb.t('nameHint')}</p>
      <div class="name-row">
        <input
          id="referat-user-name"
          ref={input}
          value={value}
          autocomplete="name"
          maxLength={60}
          onInput={(e) => {
            setValue((e.target as HTMLInputElement).value);
            setProblem(null);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.preventDefault();
              wb.dismissName();
            }
          }}
        />
        <button type="submit" class="primary">
          {wb.t('nameOk')}
        </button>
        <button type="button" onClick={() => wb.dismissName()} aria-label={wb.t('close')}>
          ×
        </button>
      </div>
      {problem && (
        <p class="name-problem" role="alert">
          {problem}
        </p>
      )}
    </form>
    </div>
  );
}
