import { useEffect, useRef, useState } from 'preact/hooks';
import { useStore, useT, useWorkbench } from '../workbench/use-store.ts';

/**
 * Asks for the user's name on first use: one line, above the status bar,
 * leaving the rest of the workbench usable. It cannot be left empty or as the
 * old default; closing it (Escape) leaves the prompt in the status bar.
 */
export function NameDialog() {
  const wb = useWorkbench();
  const t = useT();
  const nameDialog = useStore(wb.settings, (s) => s.nameDialog);
  const [value, setValue] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (!nameDialog) return;
    setProblem(null);
    setTimeout(() => input.current?.focus());
  }, [nameDialog]);
  if (!nameDialog) return null;
  const submit = () => setProblem(wb.settings.setUser(value));
  return (
    <div class="name-dialog" role="dialog" aria-label={t('nameTitle')}>
    <form
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <label class="name-title" for="referat-user-name">
        {t('nameTitle')}
      </label>
      <p class="name-hint">{t('nameHint')}</p>
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
              wb.settings.dismissName();
            }
          }}
        />
        <button type="submit" class="primary">
          {t('nameOk')}
        </button>
        <button type="button" onClick={() => wb.settings.dismissName()} aria-label={t('close')}>
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
