import { useEffect, useRef, useState } from 'preact/hooks';
import { useStore, useT, useWorkbench } from '../workbench/use-store.ts';
import { paletteCommands, runCommand } from '../workbench/commands.ts';
import type { InputRequest } from '../workbench/ui.ts';

/** Fuzzy-enough matching: every word of the query occurs in the title. */
function matches(title: string, query: string): boolean {
  const t = title.toLowerCase();
  return query.toLowerCase().split(/\s+/).filter(Boolean).every((w) => t.includes(w));
}

export function CommandPalette() {
  const wb = useWorkbench();
  const palette = useStore(wb.ui, (s) => s.palette);
  return palette ? <PaletteBox /> : null;
}

/** The open palette: mounted on opening, so it starts empty and what is typed at once is kept. */
function PaletteBox() {
  const wb = useWorkbench();
  const t = useT();
  const [query, setQuery] = useState('');
  const [index, setIndex] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  const list = paletteCommands(wb).filter((c) => matches(c.title, query));
  const run = (id: string | undefined) => id && void runCommand(wb, id);
  return (
    <div class="overlay" onClick={() => wb.ui.set({ palette: false })}>
      <div class="palette" role="dialog" aria-label={t('commandPalette')} onClick={(e) => e.stopPropagation()}>
        <input
          ref={input}
          value={query}
          placeholder={t('typeCommand')}
          onInput={(e) => {
            setQuery((e.target as HTMLInputElement).value);
            setIndex(0);
          }}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') setIndex(Math.min(index + 1, list.length - 1));
            else if (e.key === 'ArrowUp') setIndex(Math.max(index - 1, 0));
            else if (e.key === 'Enter') run(list[index]?.id);
            else if (e.key === 'Escape') wb.ui.set({ palette: false });
            else return;
            e.preventDefault();
          }}
        />
        <ul>
          {list.map((c, i) => (
            <li key={c.id} class={i === index ? 'selected' : ''} data-command={c.id} onClick={() => run(c.id)}>
              <span>{c.title}</span>
              {c.keys && <kbd>{c.keys}</kbd>}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

/** A quick input: free text or a pick from choices (the palette's look). */
export function QuickInput() {
  const wb = useWorkbench();
  const req = useStore(wb.ui, (s) => s.input);
  // Each question its own box: one asked right after another starts with its own value, never the last answer.
  return req ? <QuickInputBox key={req.id} req={req} /> : null;
}

function QuickInputBox({ req }: { req: InputRequest }) {
  // The state starts with the question (not set after the first paint): text typed at once is kept.
  const [value, setValue] = useState(req.value ?? '');
  const [index, setIndex] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);
  const choices = req.choices?.filter((c) => matches(c, req.value === value ? '' : value));
  const submit = () => req.resolve(choices ? (choices[index] ?? null) : value);
  return (
    <div class="overlay" onClick={() => req.resolve(null)}>
      <div class="palette quick-input" role="dialog" aria-label={req.title} onClick={(e) => e.stopPropagation()}>
        <div class="quick-title">{req.title}</div>
        <input
          ref={input}
          value={value}
          placeholder={req.placeholder ?? ''}
          onInput={(e) => {
            setValue((e.target as HTMLInputElement).value);
            setIndex(0);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') submit();
            else if (e.key === 'Escape') req.resolve(null);
            else if (e.key === 'ArrowDown' && choices) setIndex(Math.min(index + 1, choices.length - 1));
            else if (e.key === 'ArrowUp') setIndex(Math.max(index - 1, 0));
            else return;
            e.preventDefault();
          }}
        />
        {choices && (
          <ul>
            {choices.map((c, i) => (
              <li key={c} class={i === index ? 'selected' : ''} onClick={() => req.resolve(c)}>
                {c}
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
