import { useEffect, useMemo } from 'preact/hooks';
import { useStore, useT, useWorkbench } from '../workbench/use-store.ts';
import { kindName } from '../i18n.ts';
import { DATASET_FORMATS, type DatasetFormat } from '../../core/export/index.ts';
import { FRAGILE_BELOW_ITEMS, type Fragility } from '../../core/export/agreement.ts';
import { mayCurate } from '../services/identity.ts';
import { formFilter, previewDataset } from '../services/dataset.ts';
import { REVIEW_STATUSES } from '../../core/document/studio-doc.ts';

const FORMAT_NAMES: Record<DatasetFormat, string> = {
  jsonl: 'JSONL',
  csv: 'CSV',
  xlsx: 'Excel (xlsx)',
  parquet: 'Parquet',
  webannotation: 'Web Annotation',
  oparl: 'OParl',
  labelstudio: 'Label Studio',
  doccano: 'doccano',
};

const kappa = (k: number | null) => (k === null ? '—' : k.toFixed(2));

/** The Dataset view: choose what goes in, see what it holds, download it; agreement per label; adjudication of disagreements. */
export function DatasetPanel() {
  const wb = useWorkbench();
  const t = useT();
  const { docs, loading, form } = useStore(wb.dataset, (s) => s);
  const active = useStore(wb.tabs, (s) => s.active);
  const taxonomy = useStore(wb.taxonomies, (s) => s.taxonomy);
  const library = useStore(wb.library, (s) => s.entries);
  const syncOff = useStore(wb.sync, (s) => s.view.status === 'off');
  const labelling = useStore(wb.labelling, (s) => s.labelling);
  const person = useStore(wb.settings, (s) => s.person);
  const user = useStore(wb.settings, (s) => s.user);
  // Independent labelling: an analyst sees neither agreement nor the disagreements until adjudication opens.
  const privateView = useMemo(() => wb.labelling.privateTo(), [labelling, person, user]);
  const curator = mayCurate(person);
  const fragileText = (f: readonly Fragility[]) =>
    f
      .map((x) => (x.code === 'few-items' ? t('fragileFewItems', { items: x.items, min: FRAGILE_BELOW_ITEMS }) : t(x.value ? 'fragileAlways' : 'fragileNever', { analyst: x.analyst })))
      .join('; ');
  useEffect(() => {
    void wb.dataset.load();
  }, [wb]);
  const filter = formFilter(form, active, t);
  const preview = useMemo(() => (docs && typeof filter !== 'string' ? previewDataset(docs, filter) : null), [docs, JSON.stringify(filter)]);
  const bodies = useMemo(() => [...new Set((docs ?? []).map((d) => d.meeting.body).filter(Boolean))].sort((a, b) => a.localeCompare(b, 'da')), [docs]);
  const labelChoices = useMemo(() => {
    const used = (docs ?? []).flatMap((d) => d.annotations.flatMap((a) => a.labels.map((l) => l.label)));
    return [...new Set([...taxonomy.labels.map((l) => l.id), ...used])];
  }, [docs, taxonomy]);
  const titleOf = (id: string) => library.find((e) => e.id === id)?.title ?? id;
  const toggle = <T,>(list: readonly T[], x: T) => (list.includes(x) ? list.filter((y) => y !== x) : [...list, x]);

  return (
    <section class="dataset side-panel" aria-label={t('dataset')}>
      <header>
        <h2>{t('dataset')}</h2>
        <button class="link" onClick={() => void wb.dataset.load()} disabled={loading} data-action="dataset-refresh">
          ↻ {t('refresh')}
        </button>
      </header>

      <fieldset class="dataset-form">
        <legend>{t('datasetScope')}</legend>
        <label>
          <input type="radio" name="scope" checked={form.scope === 'library'} onChange={() => wb.dataset.setForm({ scope: 'library' })} /> {syncOff ? t('scopeLibrary') : t('scopeWorkspace')}
        </label>
        <label>
          <input type="radio" name="scope" checked={form.scope === 'active'} onChange={() => wb.dataset.setForm({ scope: 'active' })} /> {t('scopeActive')}
        </label>
        <label>
          <input type="radio" name="scope" checked={form.scope === 'selection'} onChange={() => wb.dataset.setForm({ scope: 'selection' })} /> {t('scopeSelection')}
        </label>
        {form.scope === 'selection' && (
          <ul class="doc-choice">
            {(docs ?? []).map((d) => (
              <li key={d.documentId}>
                <label>
                  <input type="checkbox" data-choose-document={d.documentId} checked={form.documentIds.includes(d.documentId)} onChange={() => wb.dataset.setForm({ documentIds: toggle(form.documentIds, d.documentId) })} /> {d.meeting.body || titleOf(d.documentId)} · {d.meeting.date ?? '—'} · {kindName(t, d.meeting.kind)}
                </label>
              </li>
            ))}
          </ul>
        )}
        <label>
          <input type="checkbox" name="approvedOnly" checked={form.approvedOnly} onChange={(e) => wb.dataset.setForm({ approvedOnly: (e.target as HTMLInputElement).checked })} /> {t('approvedOnly')}
        </label>
        <select name="body" value={form.body} onChange={(e) => wb.dataset.setForm({ body: (e.target as HTMLSelectElement).value })} aria-label={t('allBodies')}>
          <option value="">{t('allBodies')}</option>
          {bodies.map((b) => (
            <option key={b} value={b}>{b}</option>
          ))}
        </select>
        <div class="dates">
          <label>
            {t('dateFrom')} <input type="date" name="from" value={form.from} onChange={(e) => wb.dataset.setForm({ from: (e.target as HTMLInputElement).value })} />
          </label>
          <label>
            {t('dateTo')} <input type="date" name="to" value={form.to} onChange={(e) => wb.dataset.setForm({ to: (e.target as HTMLInputElement).value })} />
          </label>
        </div>
        <div class="chips" aria-label={t('labels')}>
          {labelChoices.map((l) => (
            <button key={l} class={`chip${form.labels.includes(l) ? ' on' : ''}`} data-filter-label={l} aria-pressed={form.labels.includes(l)} onClick={() => wb.dataset.setForm({ labels: toggle(form.labels, l) })}>
              {l}
            </button>
          ))}
        </div>
      </fieldset>

      <fieldset class="dataset-form">
        <legend>{t('formats')}</legend>
        <div class="formats">
          {DATASET_FORMATS.map((f) => (
            <label key={f}>
              <input type="checkbox" data-format={f} checked={form.formats.includes(f)} onChange={() => wb.dataset.setForm({ formats: toggle(form.formats, f) })} /> {FORMAT_NAMES[f]}
            </label>
          ))}
        </div>
      </fieldset>

      <div class="dataset-preview" aria-live="polite">
        <h3>{t('preview')}</h3>
        {loading && !docs && <p class="empty">{t('reading')}</p>}
        {typeof filter === 'string' && <p class="error-line">{filter}</p>}
        {preview && (
          <>
            <p class="counts" data-preview-items={preview.items} data-preview-documents={preview.documents}>
              <strong>{preview.items}</strong> {t('itemWord', { count: preview.items })} · <strong>{preview.documents}</strong> {t('documentWord', { count: preview.documents })} · <strong>{preview.annotations}</strong> {t('annotationWord', { count: preview.annotations })} ·{' '}
              <strong>{preview.comments}</strong> {t('commentWord', { count: preview.comments })}
            </p>
            <p class="counts">
              {REVIEW_STATUSES.map((r) => `${preview.review[r]} ${t(r)}`).join(' · ')} · {preview.linkedCases} {t('linkedCaseWord', { count: preview.linkedCases })}
            </p>
            {preview.labels.length > 0 && (
              <ul class="label-counts">
                {preview.labels.map(([l, n]) => (
                  <li key={l} data-label-count={l}>
                    <span class="label">{l}</span> {n}
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
        <button class="primary" data-action="dataset-download" disabled={!preview || preview.items === 0 || form.formats.length === 0} onClick={() => wb.dataset.download()}>
          ↓ {t('download')}
        </button>
      </div>

      {preview && privateView !== null && (
        <p class="independent-notice" data-independent-notice>
          {t('independentNotice')}
        </p>
      )}

      {preview && privateView === null && (
        <div class="agreement">
          <h3>
            {t('agreement')}
            {labelling.mode === 'independent' && <span class="mode" data-labelling-mode="independent"> · {t('independentMode')}</span>}
          </h3>
          {preview.agreement.length === 0 ? (
            <p class="empty">{t('noAgreement')}</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th>{t('labels')}</th>
                  <th>κ</th>
                  <th />
                  <th>{t('kappaItems')}</th>
                  <th>p₀</th>
                  <th>α</th>
                </tr>
              </thead>
              <tbody>
                {preview.agreement.map((a) => (
                  <tr key={a.label} data-agreement-label={a.label} data-kappa={a.kappa ?? ''} data-fragile={a.fragile.length ? 'true' : undefined} class={a.fragile.length ? 'fragile' : ''} title={fragileText(a.fragile) || undefined}>
                    <td>{a.label}</td>
                    <td class={!a.fragile.length && a.kappa !== null && a.kappa < 0.4 ? 'low' : ''}>{kappa(a.kappa)}</td>
                    <td class="method">{a.method === 'cohen' ? 'Cohen' : `Fleiss (${a.raters})`}</td>
                    <td>{a.items}</td>
                    <td>{a.observed === null ? '—' : a.observed.toFixed(2)}</td>
                    <td data-alpha={a.alpha ?? ''}>{kappa(a.alpha)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {preview.agreement.some((a) => a.fragile.length) && (
            <ul class="fragile-reasons">
              {preview.agreement
                .filter((a) => a.fragile.length)
                .map((a) => (
                  <li key={a.label} data-fragile-reason={a.label}>
                    {a.label}: {fragileText(a.fragile)}
                  </li>
                ))}
            </ul>
          )}
          {preview.agreement.some((a) => a.raters > 2) && (
            <>
              <h4>{t('pairwise')}</h4>
              <table class="pairs">
                <tbody>
                  {preview.agreement.flatMap((a) =>
                    a.pairs.map((p) => (
                      <tr key={`${a.label}/${p.a}/${p.b}`} data-pair={`${a.label}:${p.a}:${p.b}`} class={p.fragile.length ? 'fragile' : ''} title={fragileText(p.fragile) || undefined}>
                        <td>{a.label}</td>
                        <td>
                          {p.a} · {p.b}
                        </td>
                        <td>{kappa(p.kappa)}</td>
                        <td>{p.items}</td>
                      </tr>
                    )),
                  )}
                </tbody>
              </table>
            </>
          )}
        </div>
      )}

      {preview && privateView === null && (
        <div class="adjudication">
          <h3>
            {t('adjudication')} <span class="count">{preview.disputes.filter((d) => !d.adjudication).length}</span>
          </h3>
          {preview.disputes.length === 0 && <p class="empty">{t('noDisputes')}</p>}
          <ul>
            {preview.disputes.map((d) => (
              <li key={`${d.documentId}/${d.itemId}/${d.label}`} class={d.adjudication ? 'settled' : ''} data-dispute={`${d.itemNumber}:${d.label}`}>
                <a class="where" onClick={() => void wb.openAt(d.documentId, d.itemNumber)}>
                  {titleOf(d.documentId)} · {d.itemNumber} {d.title}
                </a>
                <div>
                  <span class="label">{d.label}</span> ✓ {d.yes.join(', ')} · ✗ {d.no.join(', ')}
                </div>
                <div class="buttons">
                  {curator && (
                    <>
                  <button data-adjudicate="yes" class={d.adjudication?.value === true ? 'primary' : ''} onClick={() => void wb.dataset.adjudicate(d.documentId, d.itemNumber, d.label, true)}>
                    {t('carries')}
                  </button>
                  <button data-adjudicate="no" class={d.adjudication?.value === false ? 'primary' : ''} onClick={() => void wb.dataset.adjudicate(d.documentId, d.itemNumber, d.label, false)}>
                    {t('notThis')}
                  </button>
                    </>
                  )}
                  {d.adjudication && (
                    <span class="decided" data-decided-by={d.adjudication.decidedBy}>
                      {t('decided')}: {t('byAt', { by: d.adjudication.decidedBy, at: new Date(d.adjudication.at) })}
                    </span>
                  )}
                </div>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
