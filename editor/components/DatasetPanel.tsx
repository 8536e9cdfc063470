import { useEffect, useMemo } from 'preact/hooks';
import { useWorkbench } from './use-workbench.ts';
import { DATASET_FORMATS, type DatasetFormat } from '../../core/export/index.ts';
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
  const [wb, s] = useWorkbench();
  const { docs, loading } = s.dataset;
  const form = s.datasetForm;
  useEffect(() => {
    void wb.loadDataset();
  }, [wb]);
  const filter = formFilter(form, s.active);
  const preview = useMemo(() => (docs && typeof filter !== 'string' ? previewDataset(docs, filter) : null), [docs, JSON.stringify(filter)]);
  const bodies = useMemo(() => [...new Set((docs ?? []).map((d) => d.meeting.body).filter(Boolean))].sort((a, b) => a.localeCompare(b, 'da')), [docs]);
  const labelChoices = useMemo(() => {
    const used = (docs ?? []).flatMap((d) => d.annotations.flatMap((a) => a.labels.map((l) => l.label)));
    return [...new Set([...s.taxonomy.groups.flatMap((g) => g.labels), ...used])];
  }, [docs, s.taxonomy]);
  const titleOf = (id: string) => s.library.find((e) => e.id === id)?.title ?? id;
  const toggle = <T,>(list: readonly T[], x: T) => (list.includes(x) ? list.filter((y) => y !== x) : [...list, x]);

  return (
    <section class="dataset side-panel" aria-label={wb.t('dataset')}>
      <header>
        <h2>{wb.t('dataset')}</h2>
        <button class="link" onClick={() => void wb.loadDataset()} disabled={loading} data-action="dataset-refresh">
          ↻ {wb.t('refresh')}
        </button>
      </header>

      <fieldset class="dataset-form">
        <legend>{wb.t('datasetScope')}</legend>
        <label>
          <input type="radio" name="scope" checked={form.scope === 'library'} onChange={() => wb.setDatasetForm({ scope: 'library' })} /> {s.sync.status === 'off' ? wb.t('scopeLibrary') : wb.t('scopeWorkspace')}
        </label>
        <label>
          <input type="radio" name="scope" checked={form.scope === 'active'} onChange={() => wb.setDatasetForm({ scope: 'active' })} /> {wb.t('scopeActive')}
        </label>
        <label>
          <input type="radio" name="scope" checked={form.scope === 'selection'} onChange={() => wb.setDatasetForm({ scope: 'selection' })} /> {wb.t('scopeSelection')}
        </label>
        {form.scope === 'selection' && (
          <ul class="doc-choice">
            {(docs ?? []).map((d) => (
              <li key={d.documentId}>
                <label>
                  <input type="checkbox" data-choose-document={d.documentId} checked={form.documentIds.includes(d.documentId)} onChange={() => wb.setDatasetForm({ documentIds: toggle(form.documentIds, d.documentId) })} /> {d.meeting.body || titleOf(d.documentId)} · {d.meeting.date ?? '—'} · {d.meeting.kind}
                </label>
              </li>
            ))}
          </ul>
        )}
        <label>
          <input type="checkbox" name="approvedOnly" checked={form.approvedOnly} onChange={(e) => wb.setDatasetForm({ approvedOnly: (e.target as HTMLInputElement).checked })} /> {wb.t('approvedOnly')}
        </label>
        <select name="body" value={form.body} onChange={(e) => wb.setDatasetForm({ body: (e.target as HTMLSelectElement).value })} aria-label={wb.t('allBodies')}>
          <option value="">{wb.t('allBodies')}</option>
          {bodies.map((b) => (
            <option key={b} value={b}>{b}</option>
          ))}
        </select>
        <div class="dates">
          <label>
            {wb.t('dateFrom')} <input type="date" name="from" value={form.from} onChange={(e) => wb.setDatasetForm({ from: (e.target as HTMLInputElement).value })} />
          </label>
          <label>
            {wb.t('dateTo')} <input type="date" name="to" value={form.to} onChange={(e) => wb.setDatasetForm({ to: (e.target as HTMLInputElement).value })} />
          </label>
        </div>
        <div class="chips" aria-label={wb.t('labels')}>
          {labelChoices.map((l) => (
            <button key={l} class={`chip${form.labels.includes(l) ? ' on' : ''}`} data-filter-label={l} aria-pressed={form.labels.includes(l)} onClick={() => wb.setDatasetForm({ labels: toggle(form.labels, l) })}>
              {l}
            </button>
          ))}
        </div>
      </fieldset>

      <fieldset class="dataset-form">
        <legend>{wb.t('formats')}</legend>
        <div class="formats">
          {DATASET_FORMATS.map((f) => (
            <label key={f}>
              <input type="checkbox" data-format={f} checked={form.formats.includes(f)} onChange={() => wb.setDatasetForm({ formats: toggle(form.formats, f) })} /> {FORMAT_NAMES[f]}
            </label>
          ))}
        </div>
      </fieldset>

      <div class="dataset-preview" aria-live="polite">
        <h3>{wb.t('preview')}</h3>
        {loading && !docs && <p class="empty">{wb.t('reading')}</p>}
        {typeof filter === 'string' && <p class="error-line">{filter}</p>}
        {preview && (
          <>
            <p class="counts" data-preview-items={preview.items} data-preview-documents={preview.documents}>
              <strong>{preview.items}</strong> {wb.t('items')} · <strong>{preview.documents}</strong> {wb.t('documents')} · <strong>{preview.annotations}</strong> {wb.t('annotations').toLowerCase()} ·{' '}
              <strong>{preview.comments}</strong> {wb.t('comments')}
            </p>
            <p class="counts">
              {REVIEW_STATUSES.map((r) => `${preview.review[r]} ${wb.t(r)}`).join(' · ')} · {preview.linkedCases} {wb.t('linkedCases')}
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
        <button class="primary" data-action="dataset-download" disabled={!preview || preview.items === 0 || form.formats.length === 0} onClick={() => wb.downloadDataset()}>
          ↓ {wb.t('download')}
        </button>
      </div>

      {preview && (
        <div class="agreement">
          <h3>{wb.t('agreement')}</h3>
          {preview.agreement.length === 0 ? (
            <p class="empty">{wb.t('noAgreement')}</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th>{wb.t('labels')}</th>
                  <th>κ</th>
                  <th />
                  <th>{wb.t('kappaItems')}</th>
                  <th>p₀</th>
                </tr>
              </thead>
              <tbody>
                {preview.agreement.map((a) => (
                  <tr key={a.label} data-agreement-label={a.label} data-kappa={a.kappa ?? ''}>
                    <td>{a.label}</td>
                    <td class={a.kappa !== null && a.kappa < 0.4 ? 'low' : ''}>{kappa(a.kappa)}</td>
                    <td class="method">{a.method === 'cohen' ? 'Cohen' : `Fleiss (${a.raters})`}</td>
                    <td>{a.items}</td>
                    <td>{a.observed === null ? '—' : a.observed.toFixed(2)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}

      {preview && (
        <div class="adjudication">
          <h3>
            {wb.t('adjudication')} <span class="count">{preview.disputes.filter((d) => !d.adjudication).length}</span>
          </h3>
          {preview.disputes.length === 0 && <p class="empty">{wb.t('noDisputes')}</p>}
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
                  <button data-adjudicate="yes" class={d.adjudication?.value === true ? 'primary' : ''} onClick={() => void wb.adjudicate(d.documentId, d.itemNumber, d.label, true)}>
                    {wb.t('carries')}
                  </button>
                  <button data-adjudicate="no" class={d.adjudication?.value === false ? 'primary' : ''} onClick={() => void wb.adjudicate(d.documentId, d.itemNumber, d.label, false)}>
                    {wb.t('notThis')}
                  </button>
                  {d.adjudication && (
                    <span class="decided" data-decided-by={d.adjudication.decidedBy}>
                      {wb.t('decided')}: {d.adjudication.decidedBy} · {new Date(d.adjudication.at).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'short' })}
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
