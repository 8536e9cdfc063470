/**
 * A version beside the text: its text read-only (a CodeMirror view of its
 * own, lines changed since marked), and what changed since it — lines added
 * and removed, sections and items added, removed or retitled, annotations
 * added, removed or relabelled — with *Restore* (a new change, undoable).
 */
import { useEffect, useMemo, useRef } from 'preact/hooks';
import { EditorState } from '@codemirror/state';
import { Decoration, EditorView, lineNumbers } from '@codemirror/view';
import type { LineHunk } from '../../core/document/text-diff.ts';
import { useStore, useT, useWorkbench } from '../workbench/use-store.ts';
import { versionTitle } from './HistoryView.tsx';

/** How many changed lines the list shows (the read-only text shows them all). */
const SHOWN_LINES = 200;

const changedLine = Decoration.line({ class: 'version-changed-line' });
const addedBefore = Decoration.line({ class: 'version-added-before' });
const addedAfter = Decoration.line({ class: 'version-added-after' });

/** The version's text in a read-only view, scrolled to the first change: lines changed since marked, and where lines were added since. */
function readOnlyView(text: string, hunks: readonly LineHunk[], parent: HTMLElement): EditorView {
  const lines = EditorState.create({ doc: text }).doc;
  const ranges = [];
  for (const h of hunks) {
    if (h.kind === 'removed') for (let i = 0; i < h.lines.length; i++) ranges.push(changedLine.range(lines.line(h.oldLine + i).from));
    else if (h.kind === 'added') ranges.push(h.oldLine <= lines.lines ? addedBefore.range(lines.line(h.oldLine).from) : addedAfter.range(lines.line(lines.lines).from));
  }
  const marks = Decoration.set(ranges, true);
  const state = EditorState.create({ doc: lines, extensions: [EditorState.readOnly.of(true), EditorView.editable.of(false), lineNumbers(), EditorView.lineWrapping, EditorView.decorations.of(marks)] });
  const view = new EditorView({ state, parent });
  // Opens where the first change is.
  const first = hunks.find((h) => h.kind !== 'same');
  if (first) view.dispatch({ effects: EditorView.scrollIntoView(lines.line(Math.min(first.oldLine, lines.lines)).from, { y: 'center' }) });
  return view;
}

export function VersionPane() {
  const wb = useWorkbench();
  const t = useT();
  const selected = useStore(wb.history, (s) => s.selected);
  const versions = useStore(wb.history, (s) => s.versions);
  const taxonomy = useStore(wb.taxonomies, (s) => s.taxonomy);
  const host = useRef<HTMLDivElement>(null);
  const version = versions.find((v) => v.id === selected?.id);
  const labelName = (id: string) => taxonomy.labels.find((l) => l.id === id)?.name ?? id;
  useEffect(() => {
    if (!host.current || !selected) return;
    const view = readOnlyView(selected.text, selected.diff.text.hunks, host.current);
    return () => view.destroy();
  }, [selected?.id, selected?.text]);
  const changed = useMemo(() => {
    const out: { kind: LineHunk['kind']; line: string }[] = [];
    for (const h of selected?.diff.text.hunks ?? []) {
      if (h.kind === 'same') continue;
      for (const line of h.lines) if (out.length < SHOWN_LINES) out.push({ kind: h.kind, line });
    }
    return out;
  }, [selected]);
  if (!selected || !version) return null;
  const { diff } = selected;
  const total = diff.text.added + diff.text.removed;
  return (
    <aside class="version-pane" aria-label={t('history.version')}>
      <header>
        <span class="vp-name">{versionTitle(t, version)}</span>
        <span class="vp-by">{t('byAt', { by: version.by || '?', at: new Date(version.at) })}</span>
        <button class="primary" data-action="restore" onClick={() => void wb.history.restore(version.id)}>
          {t('history.restore')}
        </button>
        <button title={t('close')} aria-label={t('close')} onClick={() => wb.history.select(null)}>
          ×
        </button>
      </header>
      <section class="version-diff">
        <h3>{t('history.since')}</h3>
        <p class="vd-lines" data-added={diff.text.added} data-removed={diff.text.removed}>
          {t('history.lines', { added: diff.text.added, removed: diff.text.removed })}
        </p>
        {total === 0 && diff.structure.length === 0 && diff.annotations.length === 0 && <p class="empty">{t('history.same')}</p>}
        {diff.structure.length > 0 && (
          <ul class="vd-structure">
            {diff.structure.map((c) => (
              <li key={`${c.what}${c.kind}${c.number}`} data-kind={c.kind}>
                {t(`history.structure.${c.kind}`, { what: t(`history.${c.what}`), number: c.number, title: c.title, before: c.before ?? '' })}
              </li>
            ))}
          </ul>
        )}
        {diff.annotations.length > 0 && (
          <ul class="vd-annotations">
            {diff.annotations.map((a) => (
              <li key={a.id} data-kind={a.kind}>
                {t(`history.annotation.${a.kind}`, { quote: a.quote.length > 40 ? `${a.quote.slice(0, 40)}…` : a.quote })}
                {a.labelsAdded.map((l) => (
                  <span key={`+${l}`} class="vd-label added">+{labelName(l)}</span>
                ))}
                {a.labelsRemoved.map((l) => (
                  <span key={`-${l}`} class="vd-label removed">−{labelName(l)}</span>
                ))}
              </li>
            ))}
          </ul>
        )}
        {changed.length > 0 && (
          <pre class="vd-text">
            {changed.map((c, i) => (
              <div key={i} class={`vd-${c.kind}`}>
                {c.kind === 'added' ? '+ ' : '− '}
                {c.line}
              </div>
            ))}
          </pre>
        )}
      </section>
      <h3 class="vp-text-title">{t('history.versionText')}</h3>
      <div class="vp-text" ref={host} />
    </aside>
  );
}
