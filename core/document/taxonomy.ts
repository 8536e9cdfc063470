/**
 * The label taxonomy of a workspace, as a Yjs document of its own
 * (`<workspace>/_taxonomy` on the sync server, a local copy in the browser):
 * labels by a stable id, each with its display name, group, colour, key and
 * guideline; groups in order; and the history of every change with who and
 * when, whose length is the taxonomy's version. Annotations store a label's
 * id, so renaming a label keeps its history. The default labels' ids are
 * their first names, which is what documents written before the taxonomy had
 * ids store: their labels keep working.
 */
import * as Y from 'yjs';
import { DECISION_LABELS } from '../minutes/decision.ts';

/** The taxonomy's document id within a workspace (`<workspace>/_taxonomy`): `_` keeps it apart from the minutes. */
export const TAXONOMY_DOC_ID = '_taxonomy';

export interface TaxonomyLabel {
  id: string;
  name: string;
  /** The id of its group. */
  group: string;
  /** `#rrggbb`. */
  color: string;
  /** A letter that toggles the label on the current item with Alt (the first ten labels also have Alt+1…9, 0); '' for none. */
  key: string;
  /** The guideline: when the label applies. */
  description: string;
}

export interface TaxonomyGroup {
  id: string;
  name: string;
  labels: TaxonomyLabel[];
}

export interface TaxonomyChange {
  /** The version this change made (1 for the first change after the default). */
  version: number;
  by: string;
  at: number;
  kind: 'label-added' | 'label-changed' | 'group-added' | 'group-renamed';
  /** The label's or group's id. */
  target: string;
  /** What changed: field → [before, after] ('' before for an addition). */
  fields: Record<string, [string, string]>;
}

export interface Taxonomy {
  version: number;
  groups: TaxonomyGroup[];
  /** Every label, group by group, in order. */
  labels: TaxonomyLabel[];
  history: TaxonomyChange[];
}

/** Why a label's name or key cannot be used. */
export type TaxonomyProblem = 'labelNameEmpty' | 'labelNameTaken' | 'labelKeyInvalid' | 'labelKeyTaken' | 'groupNameEmpty' | 'groupNameTaken' | 'noSuchLabel' | 'noSuchGroup';

/** Alt+N and Alt+P go to the next and previous unreviewed item: not a label's key. */
export const RESERVED_LABEL_KEYS = ['n', 'p'] as const;

export const LABEL_COLORS = ['#1f77b4', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#bcbd22', '#ff7f0e', '#7f7f7f'];

const DEFAULT_GROUPS: { id: string; labels: readonly string[] }[] = [
  { id: 'topic', labels: ['social', 'sundhed', 'beskæftigelse', 'erhverv', 'klima', 'trafik', 'uddannelse', 'økonomi'] },
  // The decision types of core/minutes/decision.ts, which the viewer's chips and the datasets use too.
  { id: 'decision', labels: [...DECISION_LABELS] },
];

/** A Yjs client id for the default labels: every browser writes the very same items, so two seeded copies merge as one. */
const SEED_CLIENT = 0x7a0001;


function defaultDoc(): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = SEED_CLIENT;
  doc.transact(() => {
    const groups = doc.getMap<Y.Map<unknown>>('groups');
    const labels = doc.getMap<Y.Map<unknown>>('labels');
    let n = 0;
    DEFAULT_GROUPS.forEach((g, gi) => {
      groups.set(g.id, yMap({ name: g.id, order: gi }));
      g.labels.forEach((name, li) => {
        labels.set(name, yMap({ name, group: g.id, order: li, color: LABEL_COLORS[n % LABEL_COLORS.length]!, key: '', description: '' }));
        n++;
      });
    });
  });
  return doc;
}

/** The default taxonomy as one Yjs update, the same bytes in every browser. */
export function defaultTaxonomyUpdate(): Uint8Array {
  return Y.encodeStateAsUpdate(defaultDoc());
}

function yMap(fields: Record<string, unknown>): Y.Map<unknown> {
  const m = new Y.Map<unknown>();
  for (const [k, v] of Object.entries(fields)) m.set(k, v);
  return m;
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const fold = (s: string) => s.trim().toLocaleLowerCase('da');

/** The taxonomy a Yjs document holds. Pure. */
export function readTaxonomy(doc: Y.Doc): Taxonomy {
  const groupMap = doc.getMap<Y.Map<unknown>>('groups');
  const labelMap = doc.getMap<Y.Map<unknown>>('labels');
  const history = doc.getArray<TaxonomyChange>('history').toArray();
  const groups = [...groupMap.entries()]
    .map(([id, m]) => ({ id, name: str(m.get('name')) || id, order: num(m.get('order')) }))
    .sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
  const labels = [...labelMap.entries()].map(([id, m]) => ({
    label: { id, name: str(m.get('name')) || id, group: str(m.get('group')), color: str(m.get('color')) || '#7f7f7f', key: str(m.get('key')), description: str(m.get('description')) },
    order: num(m.get('order')),
  }));
  const out: TaxonomyGroup[] = groups.map((g) => ({
    id: g.id,
    name: g.name,
    labels: labels
      .filter((l) => l.label.group === g.id)
      .sort((a, b) => a.order - b.order || a.label.id.localeCompare(b.label.id))
      .map((l) => l.label),
  }));
  // A label whose group is gone (or was never known here) still shows, in a group of its own.
  const orphans = labels.filter((l) => !groupMap.has(l.label.group)).map((l) => l.label);
  if (orphans.length) out.push({ id: '', name: '', labels: orphans });
  return { version: history.length, groups: out, labels: out.flatMap((g) => g.labels), history: history.map((h, i) => ({ ...h, version: i + 1 })) };
}

/** The display name of label `id` (the id itself when the taxonomy does not know it). Pure. */
export function labelName(taxonomy: Taxonomy, id: string): string {
  return taxonomy.labels.find((l) => l.id === id)?.name ?? id;
}

/** The label ids of the taxonomy, in order. */
export function labelIds(taxonomy: Taxonomy): string[] {
  return taxonomy.labels.map((l) => l.id);
}

/** The keys of label `id` as the person presses them with Alt: its own letter, and a digit for the first ten. Pure. */
export function labelKeys(taxonomy: Taxonomy, id: string): string[] {
  const index = taxonomy.labels.findIndex((l) => l.id === id);
  if (index < 0) return [];
  const keys = index < 10 ? [String((index + 1) % 10)] : [];
  const own = taxonomy.labels[index]!.key;
  return own ? [own, ...keys] : keys;
}

/** The label Alt+`key` toggles (a digit by position, a letter by the label's own key), or null. Pure. */
export function labelForKey(taxonomy: Taxonomy, key: string): TaxonomyLabel | null {
  const k = key.toLowerCase();
  if (/^[0-9]$/.test(k)) return taxonomy.labels[(Number(k) + 9) % 10] ?? null;
  return taxonomy.labels.find((l) => l.key === k) ?? null;
}

export interface LabelFields {
  name: string;
  group: string;
  color: string;
  key: string;
  description: string;
}

/** Why `fields` cannot be label `id`'s (null for a new label), or null when they can. Pure. */
export function labelProblem(taxonomy: Taxonomy, id: string | null, fields: Partial<LabelFields>): TaxonomyProblem | null {
  const others = taxonomy.labels.filter((l) => l.id !== id);
  if (fields.name !== undefined) {
    if (!fields.name.trim()) return 'labelNameEmpty';
    if (others.some((l) => fold(l.name) === fold(fields.name!))) return 'labelNameTaken';
  }
  if (fields.key !== undefined && fields.key !== '') {
    const key = fields.key.toLowerCase();
    if (!/^[a-zæøå]$/.test(key) || (RESERVED_LABEL_KEYS as readonly string[]).includes(key)) return 'labelKeyInvalid';
    if (others.some((l) => l.key === key)) return 'labelKeyTaken';
  }
  if (fields.group !== undefined && !taxonomy.groups.some((g) => g.id === fields.group && g.id)) return 'noSuchGroup';
  return null;
}

export interface TaxonomyDeps {
  now?: () => number;
  newId?: () => string;
}

const defaultId = () => `l${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`;

/** Changes a taxonomy document; each change is checked first, then written with an entry in the history. */
export class TaxonomyDoc {
  private readonly now: () => number;
  private readonly newId: () => string;

  constructor(
    readonly ydoc: Y.Doc,
    deps: TaxonomyDeps = {},
  ) {
    this.now = deps.now ?? Date.now;
    this.newId = deps.newId ?? defaultId;
  }

  get labels(): Y.Map<Y.Map<unknown>> {
    return this.ydoc.getMap('labels');
  }

  get groups(): Y.Map<Y.Map<unknown>> {
    return this.ydoc.getMap('groups');
  }

  get history(): Y.Array<TaxonomyChange> {
    return this.ydoc.getArray('history');
  }

  read(): Taxonomy {
    return readTaxonomy(this.ydoc);
  }

  /** A document with no labels and no history gets the default taxonomy (the same items everywhere). */
  seed(): void {
    if (this.labels.size || this.groups.size || this.history.length) return;
    Y.applyUpdate(this.ydoc, defaultTaxonomyUpdate());
  }

  private log(by: string, kind: TaxonomyChange['kind'], target: string, fields: Record<string, [string, string]>): void {
    this.history.push([{ version: this.history.length + 1, by, at: this.now(), kind, target, fields }]);
  }

  /** Adds a label; returns its id, or the problem (nothing changes then). */
  addLabel(fields: Partial<LabelFields> & { name: string; group: string }, by: string, id = this.newId()): { id: string } | { problem: TaxonomyProblem } {
    const taxonomy = this.read();
    const full: LabelFields = {
      name: fields.name.trim(),
      group: fields.group,
      color: fields.color || LABEL_COLORS[taxonomy.labels.length % LABEL_COLORS.length]!,
      key: (fields.key ?? '').toLowerCase(),
      description: (fields.description ?? '').trim(),
    };
    const problem = labelProblem(taxonomy, null, full);
    if (problem) return { problem };
    if (this.labels.has(id)) return { problem: 'labelNameTaken' };
    const order = Math.max(-1, ...taxonomy.labels.filter((l) => l.group === full.group).map((l) => num(this.labels.get(l.id)?.get('order')))) + 1;
    this.ydoc.transact(() => {
      this.labels.set(id, yMap({ ...full, order }));
      this.log(by, 'label-added', id, Object.fromEntries(Object.entries(full).map(([k, v]) => [k, ['', v]])));
    });
    return { id };
  }

  /** Changes label `id`'s fields (a rename keeps its id, so annotations keep it); returns the problem, or null. */
  updateLabel(id: string, patch: Partial<LabelFields>, by: string): TaxonomyProblem | null {
    const m = this.labels.get(id);
    if (!m) return 'noSuchLabel';
    const clean: Partial<LabelFields> = { ...patch };
    if (clean.name !== undefined) clean.name = clean.name.trim();
    if (clean.key !== undefined) clean.key = clean.key.toLowerCase();
    if (clean.description !== undefined) clean.description = clean.description.trim();
    const problem = labelProblem(this.read(), id, clean);
    if (problem) return problem;
    const fields: Record<string, [string, string]> = {};
    for (const [k, v] of Object.entries(clean) as [keyof LabelFields, string][]) {
      const before = str(m.get(k)) || (k === 'name' ? id : '');
      if (before !== v) fields[k] = [before, v];
    }
    if (!Object.keys(fields).length) return null;
    this.ydoc.transact(() => {
      for (const [k, [, v]] of Object.entries(fields)) m.set(k, v);
      this.log(by, 'label-changed', id, fields);
    });
    return null;
  }

  /** Adds a group; returns its id, or the problem. */
  addGroup(name: string, by: string): { id: string } | { problem: TaxonomyProblem } {
    const n = name.trim();
    if (!n) return { problem: 'groupNameEmpty' };
    const taxonomy = this.read();
    if (taxonomy.groups.some((g) => fold(g.name) === fold(n))) return { problem: 'groupNameTaken' };
    const id = this.newId();
    this.ydoc.transact(() => {
      this.groups.set(id, yMap({ name: n, order: taxonomy.groups.length }));
      this.log(by, 'group-added', id, { name: ['', n] });
    });
    return { id };
  }

  renameGroup(id: string, name: string, by: string): TaxonomyProblem | null {
    const m = this.groups.get(id);
    if (!m) return 'noSuchGroup';
    const n = name.trim();
    if (!n) return 'groupNameEmpty';
    if (this.read().groups.some((g) => g.id !== id && fold(g.name) === fold(n))) return 'groupNameTaken';
    const before = str(m.get('name')) || id;
    if (before === n) return null;
    this.ydoc.transact(() => {
      m.set('name', n);
      this.log(by, 'group-renamed', id, { name: [before, n] });
    });
    return null;
  }

  /** Adds the labels of a taxonomy kept the old way (groups of label names, a browser setting) that this one lacks; returns how many. */
  adopt(old: unknown, by: string): number {
    if (!old || typeof old !== 'object' || !Array.isArray((old as { groups?: unknown }).groups)) return 0;
    let added = 0;
    for (const g of (old as { groups: unknown[] }).groups) {
      const name = str((g as { name?: unknown })?.name);
      const labels = (g as { labels?: unknown })?.labels;
      if (!name || !Array.isArray(labels)) continue;
      const taxonomy = this.read();
      let group = taxonomy.groups.find((x) => x.id === name || fold(x.name) === fold(name))?.id;
      if (!group) {
        const r = this.addGroup(name, by);
        if (!('id' in r)) continue;
        group = r.id;
      }
      for (const l of labels) {
        if (typeof l !== 'string' || this.labels.has(l) || this.read().labels.some((x) => fold(x.name) === fold(l))) continue;
        // Its id is its name, which is what documents labelled with it store.
        if ('id' in this.addLabel({ name: l, group }, by, l)) added++;
      }
    }
    return added;
  }

  observe(f: () => void): () => void {
    const h = () => f();
    this.ydoc.on('update', h);
    return () => this.ydoc.off('update', h);
  }
}

/** The default taxonomy, as it reads before anyone changes it. */
export const DEFAULT_TAXONOMY: Taxonomy = readTaxonomy(defaultDoc());
