import { useState } from 'preact/hooks';
import { useStore, useT, useWorkbench } from '../workbench/use-store.ts';
import { groupName, type MessageKey } from '../i18n.ts';
import { labelKeys, labelName, type TaxonomyLabel } from '../../core/document/taxonomy.ts';
import { mayCurate } from '../services/identity.ts';

/** One label's row: name, colour, key and guideline, each saved when it changes (a refused value goes back). */
function LabelRow({ label, index }: { label: TaxonomyLabel; index: number }) {
  const wb = useWorkbench();
  const t = useT();
  const taxonomy = useStore(wb.taxonomies, (s) => s.taxonomy);
  const [rev, setRev] = useState(0);
  const save = (field: 'name' | 'color' | 'key' | 'description' | 'group') => async (e: Event) => {
    const value = (e.target as HTMLInputElement).value;
    if (!(await wb.taxonomies.updateLabel(label.id, { [field]: value }))) setRev(rev + 1);
  };
  const digit = index < 10 ? String((index + 1) % 10) : null;
  return (
    <li class="taxonomy-label" data-taxonomy-label={label.id} key={`${label.id}:${rev}`}>
      <input type="color" value={label.color} onChange={save('color')} aria-label={t('taxonomy.color')} name="color" />
      <input class="label-name" value={label.name} onChange={save('name')} aria-label={t('taxonomy.name')} name="name" />
      <span class="label-keys" title={labelKeys(taxonomy, label.id).map((k) => `Alt+${k.toUpperCase()}`).join(', ')}>
        {digit !== null && <kbd>Alt+{digit}</kbd>}
        <input class="label-key-input" value={label.key.toUpperCase()} maxLength={1} onChange={save('key')} aria-label={t('taxonomy.key')} name="key" placeholder="–" />
      </span>
      <select value={label.group} onChange={save('group')} aria-label={t('taxonomy.group')} name="group">
        {taxonomy.groups
          .filter((g) => g.id)
          .map((g) => (
            <option key={g.id} value={g.id}>{groupName(t, g.name)}</option>
          ))}
      </select>
      <textarea class="label-guideline" value={label.description} onChange={save('description')} aria-label={t('taxonomy.description')} placeholder={t('taxonomy.description')} name="description" rows={1} />
    </li>
  );
}

/**
 * The taxonomy form: the workspace's labels by group, a new label or group, and
 * the history of changes. Only a curator changes it (the sync server makes the
 * taxonomy read-only for anyone else): for others it is shown read-only, saying why.
 */
export function TaxonomyForm() {
  const wb = useWorkbench();
  const t = useT();
  const { taxonomy, workspace } = useStore(wb.taxonomies, (s) => s);
  const curator = useStore(wb.settings, (s) => mayCurate(s.person));
  const [newLabel, setNewLabel] = useState('');
  const [newGroup, setNewGroup] = useState('');
  const [group, setGroup] = useState('');
  const targetName = (target: string) => taxonomy.groups.find((g) => g.id === target)?.name ?? labelName(taxonomy, target);
  let index = 0;
  return (
    <section class="taxonomy side-panel" aria-label={t('taxonomy.title')}>
      <header>
        <h2>{t('taxonomy.title')}</h2>
        <span class="taxonomy-version" data-taxonomy-version={taxonomy.version}>{t('taxonomy.version', { version: taxonomy.version })}</span>
      </header>
      <p class="hint">{workspace ? t('taxonomy.workspaceOf', { workspace }) : t('taxonomy.localOnly')}</p>
      <p class="hint">{t('taxonomy.keysHint')}</p>
      {!curator && <p class="hint taxonomy-read-only" role="note">{t('taxonomy.curatorsOnly')}</p>}
      <fieldset class="taxonomy-edit" disabled={!curator}>
      {taxonomy.groups.map((g) => (
        <fieldset key={g.id || '-'} class="taxonomy-group" data-taxonomy-group={g.id}>
          <legend>
            {g.id ? (
              <input class="group-name" value={groupName(t, g.name)} onChange={(e) => void wb.taxonomies.renameGroup(g.id, (e.target as HTMLInputElement).value)} aria-label={t('taxonomy.group')} />
            ) : (
              '—'
            )}
          </legend>
          <ul>
            {g.labels.map((l) => (
              <LabelRow key={l.id} label={l} index={index++} />
            ))}
          </ul>
        </fieldset>
      ))}
      <form
        class="taxonomy-add"
        onSubmit={async (e) => {
          e.preventDefault();
          const g = group || taxonomy.groups[0]?.id || '';
          if (await wb.taxonomies.addLabel({ name: newLabel, group: g })) setNewLabel('');
        }}
      >
        <input value={newLabel} placeholder={t('taxonomy.newLabel')} onInput={(e) => setNewLabel((e.target as HTMLInputElement).value)} aria-label={t('taxonomy.newLabel')} name="new-label" />
        <select value={group} onChange={(e) => setGroup((e.target as HTMLSelectElement).value)} aria-label={t('taxonomy.group')} name="new-label-group">
          {taxonomy.groups
            .filter((g) => g.id)
            .map((g) => (
              <option key={g.id} value={g.id}>{groupName(t, g.name)}</option>
            ))}
        </select>
        <button type="submit">{t('taxonomy.addLabel')}</button>
      </form>
      <form
        class="taxonomy-add"
        onSubmit={async (e) => {
          e.preventDefault();
          if (await wb.taxonomies.addGroup(newGroup)) setNewGroup('');
        }}
      >
        <input value={newGroup} placeholder={t('taxonomy.newGroup')} onInput={(e) => setNewGroup((e.target as HTMLInputElement).value)} aria-label={t('taxonomy.newGroup')} name="new-group" />
        <button type="submit">{t('taxonomy.addGroup')}</button>
      </form>
      </fieldset>
      <h3>{t('taxonomy.history')}</h3>
      {!taxonomy.history.length && <p class="empty">{t('taxonomy.noHistory')}</p>}
      <ol class="taxonomy-history">
        {[...taxonomy.history].reverse().map((h) => (
          <li key={h.version} data-version={h.version}>
            <b>{h.version}</b> {t('byAt', { by: h.by, at: new Date(h.at) })}: {t(`taxonomy.change.${h.kind}` as MessageKey, { target: targetName(h.target) })}
            {Object.entries(h.fields).map(([k, [from, to]]) => (
              <span key={k} class="change-field">
                {' '}
                {t(`taxonomy.${k === 'color' || k === 'key' || k === 'group' || k === 'description' ? k : 'name'}` as MessageKey)}: {from ? `${from} → ` : ''}{to}
              </span>
            ))}
          </li>
        ))}
      </ol>
    </section>
  );
}
