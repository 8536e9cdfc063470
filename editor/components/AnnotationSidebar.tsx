import { useState } from 'preact/hooks';
import { useWorkbench } from './use-workbench.ts';
import type { AnnotationView, Comment } from '../../core/document/studio-doc.ts';
import { REVIEW_STATUSES } from '../../core/document/studio-doc.ts';
import { itemAt, itemNumbered } from '../services/workbench.ts';

/** The form of a new annotation; mounted afresh for each draft, so no labels or comment carry over from the last one. */
function DraftForm() {
  const [wb, s] = useWorkbench();
  const [labels, setLabels] = useState<string[]>([]);
  const [comment, setComment] = useState('');
  if (!s.draft) return null;
  const toggle = (l: string) => setLabels(labels.includes(l) ? labels.filter((x) => x !== l) : [...labels, l]);
  return (
    <form
      class="annotation-draft"
      onSubmit={(e) => {
        e.preventDefault();
        wb.saveAnnotation(labels, comment);
      }}
    >
      <h3>{wb.t('newAnnotation')}</h3>
      <blockquote>{s.draft.quote.slice(0, 200)}</blockquote>
      {s.taxonomy.groups.map((g) => (
        <fieldset key={g.name}>
          <legend>{g.name}</legend>
          {g.labels.map((l) => (
            <label key={l} class={labels.includes(l) ? 'chip on' : 'chip'}>
              <input type="checkbox" checked={labels.includes(l)} onChange={() => toggle(l)} data-label={l} />
              {l}
            </label>
          ))}
        </fieldset>
      ))}
      <textarea placeholder={wb.t('comment')} value={comment} onInput={(e) => setComment((e.target as HTMLTextAreaElement).value)} aria-label={wb.t('comment')} />
      <div class="buttons">
        <button type="submit" class="primary">{wb.t('save')}</button>
        <button type="button" onClick={() => wb.set({ draft: null })}>{wb.t('cancel')}</button>
      </div>
    </form>
  );
}

function Thread({ a }: { a: AnnotationView }) {
  const [wb] = useWorkbench();
  const [reply, setReply] = useState('');
  const roots = a.comments.filter((c) => !c.replyTo);
  const replies = (c: Comment) => a.comments.filter((r) => r.replyTo === c.id);
  const last = roots[roots.length - 1];
  return (
    <div class="thread">
      {roots.map((c) => (
        <div key={c.id} class="comment">
          <b>{c.author}</b> {c.text}
          {replies(c).map((r) => (
            <div key={r.id} class="comment reply">
              <b>{r.author}</b> {r.text}
            </div>
          ))}
        </div>
      ))}
      <form
        class="reply-form"
        onSubmit={(e) => {
          e.preventDefault();
          wb.reply(a.id, reply, last?.id ?? null);
          setReply('');
        }}
      >
        <input value={reply} placeholder={last ? wb.t('reply') : wb.t('comment')} onInput={(e) => setReply((e.target as HTMLInputElement).value)} onClick={(e) => e.stopPropagation()} />
      </form>
    </div>
  );
}

export function AnnotationSidebar() {
  const [wb, s] = useWorkbench();
  const all = s.taxonomy.groups.flatMap((g) => g.labels);
  const shown = s.annotations.filter((a) => !s.labelFilter || a.labels.includes(s.labelFilter));
  const item = itemNumbered(s.meeting, s.currentItem);
  return (
    <section class="annotations side-panel" aria-label={wb.t('annotations')}>
      <header>
        <h2>{wb.t('annotations')}</h2>
        <button class="link" onClick={() => wb.startAnnotation()} title="Ctrl+Alt+A">+ {wb.t('annotate')}</button>
      </header>
      {item && (
        <div class="review-box">
          <span>
            {item.number} {wb.t('review')}:
          </span>
          <select value={s.review[item.number] ?? 'unreviewed'} onChange={(e) => wb.setReview(item.number, (e.target as HTMLSelectElement).value as 'unreviewed')} aria-label={wb.t('review')} data-review-item={item.number}>
            {REVIEW_STATUSES.map((r) => (
              <option key={r} value={r}>{wb.t(r)}</option>
            ))}
          </select>
          {s.reviewMarks[item.number] && <span class="review-mark">{markTitle(s.reviewMarks[item.number])}</span>}
        </div>
      )}
      {s.draft && <DraftForm key={`${s.draft.from}:${s.draft.to}`} />}
      <select class="label-filter" value={s.labelFilter} onChange={(e) => wb.set({ labelFilter: (e.target as HTMLSelectElement).value })} aria-label={wb.t('labels')}>
        <option value="">{wb.t('allLabels')}</option>
        {all.map((l) => (
          <option key={l} value={l}>{l}</option>
        ))}
      </select>
      {!shown.length && !s.draft && <p class="empty">{wb.t('noAnnotations')}</p>}
      <ul class="annotation-list">
        {shown.map((a) => (
          <li key={a.id} data-annotation-id={a.id} class={`annotation${a.orphaned ? ' orphaned' : ''}${s.activeAnnotation === a.id ? ' active' : ''}`} onClick={() => wb.focusAnnotation(a)}>
            <div class="quote">
              {a.orphaned && <span class="orphan-tag">{wb.t('orphaned')}</span>}
              {!a.orphaned && s.meeting && a.from !== null && <span class="item-tag">{itemAt(s.meeting, a.from)?.number ?? ''}</span>}“{a.quote.slice(0, 120)}”
            </div>
            <div class="labels">
              {a.labels.map((l) => (
                <span key={l} class="label" data-label={l} title={markTitle(a.labelMarks[l])}>{l}</span>
              ))}
            </div>
            <Thread a={a} />
            <button
              class="link remove"
              onClick={(e) => {
                e.stopPropagation();
                wb.removeAnnotation(a.id);
              }}
            >
              {wb.t('remove')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** "who · when" for a label or review mark. */
function markTitle(mark: { by: string; at: number } | undefined): string {
  if (!mark) return '';
  return `${mark.by} · ${new Date(mark.at).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'short' })}`;
}
