import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DEFAULT_TAXONOMY, labelForKey, labelKeys, labelName, readTaxonomy, TaxonomyDoc } from './taxonomy.ts';

const sync = (a: Y.Doc, b: Y.Doc) => {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
};

describe('the workspace taxonomy', () => {
  it('seeds the same default everywhere, so two seeded copies merge as one', () => {
    const a = new TaxonomyDoc(new Y.Doc());
    const b = new TaxonomyDoc(new Y.Doc());
    a.seed();
    b.seed();
    sync(a.ydoc, b.ydoc);
    expect(a.read().labels.map((l) => l.id)).toEqual(DEFAULT_TAXONOMY.labels.map((l) => l.id));
    expect(readTaxonomy(b.ydoc)).toEqual(a.read());
    expect(a.read().version).toBe(0);
    expect(DEFAULT_TAXONOMY.groups.map((g) => g.id)).toEqual(['topic', 'decision']);
  });

  it('renames a label under the same id, with the change in the history', () => {
    let t = 1000;
    const doc = new TaxonomyDoc(new Y.Doc(), { now: () => t++ });
    doc.seed();
    expect(doc.updateLabel('klima', { name: 'klima og miljø', description: 'Klimatilpasning, CO2, natur' }, 'Ane')).toBeNull();
    const tax = doc.read();
    expect(labelName(tax, 'klima')).toBe('klima og miljø');
    expect(tax.version).toBe(1);
    expect(tax.history[0]).toMatchObject({ version: 1, by: 'Ane', at: 1000, kind: 'label-changed', target: 'klima', fields: { name: ['klima', 'klima og miljø'], description: ['', 'Klimatilpasning, CO2, natur'] } });
    // Unknown ids (a label from elsewhere) show as themselves.
    expect(labelName(tax, 'noget andet')).toBe('noget andet');
  });

  it('refuses a duplicate name, a taken or reserved key, an unknown group', () => {
    const doc = new TaxonomyDoc(new Y.Doc());
    doc.seed();
    expect(doc.updateLabel('klima', { name: 'Sundhed' }, 'Ane')).toBe('labelNameTaken');
    expect(doc.updateLabel('klima', { name: '  ' }, 'Ane')).toBe('labelNameEmpty');
    expect(doc.updateLabel('klima', { key: 'k' }, 'Ane')).toBeNull();
    expect(doc.updateLabel('trafik', { key: 'K' }, 'Ane')).toBe('labelKeyTaken');
    expect(doc.updateLabel('trafik', { key: 'n' }, 'Ane')).toBe('labelKeyInvalid');
    expect(doc.updateLabel('trafik', { key: '12' }, 'Ane')).toBe('labelKeyInvalid');
    expect(doc.addLabel({ name: 'bolig', group: 'nope' }, 'Ane')).toEqual({ problem: 'noSuchGroup' });
    expect(doc.read().version).toBe(1);
  });

  it('maps Alt keys to labels: digits by position, letters by the label’s key', () => {
    const doc = new TaxonomyDoc(new Y.Doc(), { newId: () => 'new1' });
    doc.seed();
    doc.updateLabel('trafik', { key: 't' }, 'Ane');
    const tax = doc.read();
    expect(labelForKey(tax, '1')?.id).toBe('social');
    expect(labelForKey(tax, '0')?.id).toBe(tax.labels[9]!.id);
    expect(labelForKey(tax, 'T')?.id).toBe('trafik');
    expect(labelForKey(tax, 'q')).toBeNull();
    expect(labelKeys(tax, 'trafik')).toEqual(['t', '6']);
    const added = doc.addLabel({ name: 'bolig', group: 'topic', key: 'b' }, 'Bo');
    expect(added).toEqual({ id: 'new1' });
    expect(doc.read().groups[0]!.labels.at(-1)).toMatchObject({ id: 'new1', name: 'bolig', key: 'b' });
  });

  it('keeps both of two concurrent changes, each in the history', () => {
    const a = new TaxonomyDoc(new Y.Doc());
    a.seed();
    const b = new TaxonomyDoc(new Y.Doc());
    sync(a.ydoc, b.ydoc);
    a.updateLabel('social', { color: '#000000' }, 'Ane');
    b.renameGroup('topic', 'Emne', 'Bo');
    sync(a.ydoc, b.ydoc);
    const tax = a.read();
    expect(tax.version).toBe(2);
    expect(tax.groups[0]!.name).toBe('Emne');
    expect(tax.labels[0]!.color).toBe('#000000');
    expect(tax.history.map((h) => h.by).sort()).toEqual(['Ane', 'Bo']);
  });

  it('adopts a taxonomy kept the old way, each label under its name as id', () => {
    const doc = new TaxonomyDoc(new Y.Doc());
    doc.seed();
    const added = doc.adopt({ groups: [{ name: 'topic', labels: ['social', 'bolig'] }, { name: 'egne', labels: ['x'] }] }, 'Ane');
    expect(added).toBe(2);
    const tax = doc.read();
    expect(labelName(tax, 'bolig')).toBe('bolig');
    expect(tax.groups.find((g) => g.name === 'egne')?.labels.map((l) => l.id)).toEqual(['x']);
  });
});
