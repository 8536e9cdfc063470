import { useState } from 'preact/hooks';
import { useStore, useT, useWorkbench } from '../workbench/use-store.ts';
import { groupName, type MessageKey } from '../i18n.ts';
import type { Translate } from '../../core/i18n/translate.ts';
import type { AnnotationView, Comment } from '../../core/document/studio-doc.ts';
import { REVIEW_STATUSES } from '../../core/document/studio-doc.ts';
import { itemAt, itemNumbered } from '../workbench/items.ts';
import { labelKeys, labelName, type Taxonomy } from '../../core/document/taxonomy.ts';

/** A label's chip text: its name and, when it has them, its keys (Alt+1, Alt+S). */
function KeyHint({ taxonomy, id }: { taxonomy: Taxonomy; id: string }) {
  const keys = labelKeys(taxonomy, id);
  return keys.length ? <kbd class="label-key" title={keys.map((k) => `Alt+${k.toUpperCase()}`).join(', ')}>{keys.map((k) => k.toUpperCase()).join(' ')}</kbd> : null;
}

/** The form of a new annotation; mounted afresh for each draft, so no labels or comment carry over from the last one. */
function DraftForm() {
  const wb = useWorkbench();
  const t = useT();
  const draft = useStore(wb.annotations, (s) => s.draft);
  const taxonomy = useStore(wb.taxonomies, (s) => s.taxonomy);
  const [labels, setLabels] = useState<string[]>([]);
  const [comment, setComment] = useState('');
  if (!draft) return null;
  const toggle = (l: string) => setLabels(labels.includes(l) ? labels.filter((x) => x !== l) : [...labels, l]);
  return (
    <form
      class="annotation-draft"
      onSubmit={(e) => {
        e.preventDefault();
        wb.annotations.saveAnnotation(labels, comment);
      }}
    >
      <h3>{t('newAnnotation')}</h3>
      <blockquote>{draft.quote.slice(0, 200)}</blockquote>
      {taxonomy.groups.map((g) => (
        <fieldset key={g.id}>
          <legend>{groupName(t, g.name)}</legend>
          {g.labels.map((l) => (
            <label key={l.id} class={labels.includes(l.id) ? 'chip on' : 'chip'} title={l.description || undefined} style={{ borderColor: l.color }}>
              <input type="checkbox" checked={labels.includes(l.id)} onChange={() => toggle(l.id)} data-label={l.id} />
              {l.name}
              <KeyHint taxonomy={taxonomy} id={l.id} />
            </label>
          ))}
        </fieldset>
      ))}
      <textarea placeholder={t('comment')} value={comment} onInput={(e) => setComment((e.target as HTMLTextAreaElement).value)} aria-label={t('comment')} />
      <div class="buttons">
        <button type="submit" class="primary">{t('save')}</button>
        <button type="button" onClick={() => wb.annotations.set({ draft: null })}>{t('cancel')}</button>
      </div>
    </form>
  );
}

function Thread({ a }: { a: AnnotationView }) {
  const wb = useWorkbench();
  const t = useT();
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
          wb.annotations.reply(a.id, reply, last?.id ?? null);
          setReply('');
        }}
      >
        <input value={reply} placeholder={last ? t('reply') : t('comment')} onInput={(e) => setReply((e.target as HTMLInputElement).value)} onClick={(e) => e.stopPropagation()} />
      </form>
    </div>
  );
}

export function AnnotationSidebar() {
  const wb = useWorkbench();
  const t = useT();
  const taxonomy = useStore(wb.taxonomies, (s) => s.taxonomy);
  const { draft, labelFilter, activeAnnotation } = useStore(wb.annotations, (s) => s);
  const meeting = useStore(wb.session, (s) => s.meeting);
  const currentItem = useStore(wb.session, (s) => s.currentItem);
  const annotations = useStore(wb.session, (s) => s.annotations);
  const review = useStore(wb.session, (s) => s.review);
  const reviewMarks = useStore(wb.session, (s) => s.reviewMarks);
  const all = taxonomy.labels.map((l) => l.id);
  const shown = annotations.filter((a) => !labelFilter || a.labels.includes(labelFilter));
  const item = itemNumbered(meeting, currentItem);
  return (
    <section class="annotations side-panel" aria-label={t('annotations')}>
      <header>
        <h2>{t('annotations')}</h2>
        <button class="link" onClick={() => wb.annotations.startAnnotation()} title="Ctrl+Alt+A">+ {t('annotate')}</button>
      </header>
      {item && (
        <div class="review-box">
          <span>
            {item.number} {t('review')}:
          </span>
          <select value={review[item.number] ?? 'unreviewed'} onChange={(e) => wb.annotations.setReview(item.number, (e.target as HTMLSelectElement).value as 'unreviewed')} aria-label={t('review')} data-review-item={item.number}>
            {REVIEW_STATUSES.map((r) => (
              <option key={r} value={r}>{t(r)}</option>
            ))}
          </select>
          {reviewMarks[item.number] && <span class="review-mark">{markTitle(t, reviewMarks[item.number])}</span>}
        </div>
      )}
      {draft && <DraftForm key={`${draft.from}:${draft.to}`} />}
      <select class="label-filter" value={labelFilter} onChange={(e) => wb.annotations.set({ labelFilter: (e.target as HTMLSelectElement).value })} aria-label={t('labels')}>
        <option value="">{t('allLabels')}</option>
        {all.map((l) => (
          <option key={l} value={l}>{labelName(taxonomy, l)}</option>
        ))}
      </select>
      {!shown.length && !draft && <p class="empty">{t('noAnnotations')}</p>}
      <ul class="annotation-list">
        {shown.map((a) => (
          <li key={a.id} data-annotation-id={a.id} class={`annotation${a.orphaned ? ' orphaned' : ''}${activeAnnotation === a.id ? ' active' : ''}`} onClick={() => wb.annotations.focusAnnotation(a)}>
            <div class="quote">
              {a.orphaned && <span class="orphan-tag">{t('orphaned')}</span>}
              {!a.orphaned && meeting && a.from !== null && <span class="item-tag">{itemAt(meeting, a.from)?.number ?? ''}</span>}“{a.quote.slice(0, 120)}”
            </div>
            <div class="labels">
              {a.labels.map((l) => (
                <span key={l} class="label" data-label={l} title={markTitle(t, a.labelMarks[l])} style={{ borderColor: taxonomy.labels.find((x) => x.id === l)?.color }}>{labelName(taxonomy, l)}</span>
              ))}
            </div>
            <Thread a={a} />
            <button
              class="link remove"
              onClick={(e) => {
                e.stopPropagation();
                wb.annotations.removeAnnotation(a.id);
              }}
            >
              {t('remove')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** "who · when" for a label or review mark. */
function markTitle(t: Translate<MessageKey>, mark: { by: string; at: number } | undefined): string {
  if (!mark) return '';
  return t('byAt', { by: mark.by, at: new Date(mark.at) });
}
