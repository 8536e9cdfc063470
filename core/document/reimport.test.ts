import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { reimport } from './reimport.ts';
import { StudioDoc } from './studio-doc.ts';
import { doneBy, setDone } from './done.ts';

const item = (n: string, title: string, decision: string) => `${n}. ${title}\nSAG-2020-0000${n.replace('.', '')} ab\n\nBeslutning\n${decision}\n\n`;
const HEAD = 'KKR Nordjylland\nReferat\n\n3. Sager\n\n';
const OLD = HEAD + item('3.1', 'Budget for 2021', 'Budgettet blev godkendt uden bemærkninger.') + item('3.2', 'Klima og miljø', 'Planen blev drøftet.') + item('3.3', 'Trafik', 'Taget til efterretning.');
// 3.2 renamed, 3.3 gone, a line added before everything.
const NEW = 'Side 1 af 3\n' + HEAD + item('3.1', 'Budget for 2021', 'Budgettet blev godkendt uden bemærkninger.') + item('3.2', 'Klima, miljø og energi', 'Planen blev drøftet.');

function make(text: string): StudioDoc {
  let id = 0;
  const doc = new StudioDoc(new Y.Doc(), { now: () => 1000, newId: () => `id${id++}` });
  doc.setText(text);
  doc.meta.set('source', { name: 'referat.pdf', sha256: 'old' });
  return doc;
}
const at = (text: string, quote: string) => ({ from: text.indexOf(quote), to: text.indexOf(quote) + quote.length });
const items = (doc: StudioDoc) => doc.items();

describe('reimport', () => {
  it('moves annotations, overrides, review and done marks with their text; what lost its text is listed as an orphan', () => {
    const doc = make(OLD);
    doc.addAnnotation({ ...at(OLD, 'godkendt uden bemærkninger'), labels: ['godkendt'], author: 'ana' });
    doc.addAnnotation({ ...at(OLD, 'Planen blev drøftet'), labels: ['klima'], author: 'ana' });
    doc.addAnnotation({ ...at(OLD, 'Taget til efterretning'), labels: ['trafik'], author: 'bo' });
    doc.addOverride({ kind: 'not-heading' }, OLD.indexOf('Beslutning\nPlanen'));
    const [i1, i2, i3] = items(doc);
    doc.setReview(i1!, 'approved', 'ana');
    doc.setReview(i2!, 'corrected', 'ana');
    doc.setReview(i3!, 'approved', 'bo');
    setDone(doc, i2!, 'bo', true, () => 5);

    const result = reimport(doc, { text: NEW, runs: [{ start: 0, end: 12, page: 1, x: 0, y: 0, width: 10, height: 10 }], source: { name: 'referat.pdf', sha256: 'new', pdf: { fingerprint: 'f2' } } as never });
    expect(doc.text.toString()).toBe(NEW);
    const views = doc.annotationViews();
    expect(views.filter((v) => !v.orphaned).map((v) => NEW.slice(v.from!, v.to!))).toEqual(['godkendt uden bemærkninger', 'Planen blev drøftet']);
    expect(views.find((v) => v.labels[0] === 'trafik')!.orphaned).toBe(true);
    expect(doc.overrideViews().map((o) => o.pos)).toEqual([NEW.indexOf('Beslutning\nPlanen')]);
    const now = items(doc);
    expect(now.map((i) => i.number)).toEqual(['3.1', '3.2']);
    // The renamed item keeps its review and its done mark.
    expect(doc.itemReviews(now).map((r) => r?.status)).toEqual(['approved', 'corrected']);
    expect(doneBy(doc, now)).toEqual([[], [{ by: 'bo', at: 5 }]]);
    expect(result).toMatchObject({ annotations: 2, overrides: 1, reviews: 2, done: 1 });
    expect(result.orphans).toEqual([
      { kind: 'annotation', quote: 'Taget til efterretning', detail: 'trafik' },
      { kind: 'review', quote: '3.3. Trafik', detail: 'approved' },
    ]);
    expect(doc.orphanedReviews(now)).toHaveLength(1);
    expect(doc.meta.get('source')).toMatchObject({ sha256: 'new', pdf: { fingerprint: 'f2' } });
    expect(doc.currentPageRuns()).toEqual([{ start: 0, end: 12, page: 1, x: 0, y: 0, width: 10, height: 10 }]);
  });

  it('is one change: a peer receives it whole, and one undo takes it back', () => {
    const doc = make(OLD);
    const peer = new StudioDoc(new Y.Doc());
    Y.applyUpdate(peer.ydoc, Y.encodeStateAsUpdate(doc.ydoc));
    doc.addAnnotation({ ...at(OLD, 'Planen blev drøftet'), labels: ['klima'], author: 'ana' });
    doc.undo.stopCapturing();
    const updates: Uint8Array[] = [];
    doc.ydoc.on('update', (u: Uint8Array) => updates.push(u));
    reimport(doc, { text: NEW, runs: [], source: { name: 'referat.pdf', sha256: 'new' } });
    expect(updates).toHaveLength(1);
    Y.applyUpdate(peer.ydoc, Y.encodeStateAsUpdate(doc.ydoc));
    expect(peer.text.toString()).toBe(NEW);
    const moved = peer.annotationViews()[0]!;
    expect(NEW.slice(moved.from!, moved.to!)).toBe('Planen blev drøftet');
    doc.undo.undo();
    expect(doc.text.toString()).toBe(OLD);
    expect(doc.meta.get('source')).toMatchObject({ sha256: 'old' });
    const back = doc.annotationViews()[0]!;
    expect(OLD.slice(back.from!, back.to!)).toBe('Planen blev drøftet');
  });

  it('finds an annotation whose line changed a little by its quote, approximately', () => {
    const doc = make(OLD);
    doc.addAnnotation({ ...at(OLD, 'Budgettet blev godkendt uden bemærkninger'), labels: ['økonomi'], author: 'ana' });
    const changed = OLD.replace('Budgettet blev godkendt uden bemærkninger.', 'Budgettet blev godkendt uden bemærkning.');
    const result = reimport(doc, { text: changed, runs: [], source: { name: 'referat.pdf', sha256: 'new' } });
    expect(result.orphans).toEqual([]);
    const v = doc.annotationViews()[0]!;
    expect(changed.slice(v.from!, v.to!)).toMatch(/^Budgettet blev godkendt uden bemærkning/);
  });
});
