import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as Y from 'yjs';
import { addVersion, captureState, openVersion, pruneList, versions, type VersionRecord } from './history.ts';
import { restoreAsNewChange } from './restore.ts';
import { LOCAL_ORIGIN, StudioDoc } from './studio-doc.ts';
import { applyChanges, lineDiff, textChanges } from './text-diff.ts';
import { annotationChanges, diffVersions } from './version-diff.ts';
import { ownView } from './labelling.ts';
import { parseMinutes } from '../minutes/parse.ts';
import { seedFiles } from '../../test/support/curated.ts';

const SEED = parseMinutes(readFileSync(seedFiles[0]!, 'utf8'), { includeText: true }).text!;
const TITLE_38 = '3.8. Vækst Via Viden 2.0';

const TEXT = 'Forside\n\n3.1. Budget\nSAG-2020-1 ab\n\nBeslutning\nGodkendt.\n\n3.2. Klima\nTekst om klima.\n';

function peer(): StudioDoc {
  let id = 0;
  const client = Math.floor(Math.random() * 1e9);
  return new StudioDoc(new Y.Doc(), { now: () => 1000, newId: () => `${client}-${id++}` });
}

function sync(a: StudioDoc, b: StudioDoc): void {
  Y.applyUpdate(b.ydoc, Y.encodeStateAsUpdate(a.ydoc, Y.encodeStateVector(b.ydoc)));
  Y.applyUpdate(a.ydoc, Y.encodeStateAsUpdate(b.ydoc, Y.encodeStateVector(a.ydoc)));
}

function type(doc: StudioDoc, f: (t: Y.Text) => void): void {
  doc.ydoc.transact(() => f(doc.text), LOCAL_ORIGIN);
  doc.undo.stopCapturing();
}

let n = 0;
const take = (doc: StudioDoc, kind: VersionRecord['kind'], name: string | null = null, by = 'Ana') => addVersion(doc.ydoc, { id: `v${n++}`, kind, name, by, at: 1000 + n });

describe('text differences', () => {
  it('turn one text into the other with small replacements', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a\n', 'b\n', 'ab', '\n', 'c'), { maxLength: 30 }), fc.array(fc.constantFrom('a\n', 'b\n', 'ab', '\n', 'd'), { maxLength: 30 }), (x, y) => {
        const before = x.join('');
        const after = y.join('');
        expect(applyChanges(before, textChanges(before, after))).toBe(after);
      }),
    );
  });

  it('touch only the characters that differ', () => {
    expect(textChanges('one\ntwo\nthree\n', 'one\ntwos\nthree\n')).toEqual([{ from: 7, to: 7, insert: 's' }]);
    expect(textChanges('same', 'same')).toEqual([]);
  });

  it('say which lines were added and removed', () => {
    const hunks = lineDiff('a\nb\nc\n', 'a\nB\nc\nd\n');
    expect(hunks.map((h) => [h.kind, h.lines])).toEqual([
      ['same', ['a']],
      ['removed', ['b']],
      ['added', ['B']],
      ['same', ['c']],
      ['added', ['d']],
    ]);
  });
});

describe('versions', () => {
  it('hold the document without its history, so versions do not nest', () => {
    const doc = peer();
    doc.setText(TEXT);
    const first = take(doc, 'named', 'Første') as VersionRecord;
    type(doc, (t) => t.insert(0, 'x'));
    const second = take(doc, 'auto') as VersionRecord;
    expect(openVersion(second.state).ydoc.getArray('history').length).toBe(0);
    // The second is about as large as the first: it does not carry the first inside it.
    expect(second.state.byteLength).toBeLessThan(first.state.byteLength + 200);
    expect(openVersion(first.state).text.toString()).toBe(TEXT);
    expect(versions(doc.ydoc).map((v) => [v.kind, v.name])).toEqual([
      ['named', 'Første'],
      ['auto', null],
    ]);
  });

  it('are not taken automatically when nothing changed since the latest', () => {
    const doc = peer();
    doc.setText(TEXT);
    take(doc, 'auto');
    expect(take(doc, 'auto')).toEqual({ reason: 'unchanged' });
    expect(take(doc, 'named', 'Igen')).toMatchObject({ kind: 'named', name: 'Igen' });
  });

  it('refuse a version larger than may be sent', () => {
    const doc = peer();
    doc.setText(TEXT.repeat(50));
    expect(addVersion(doc.ydoc, { id: 'big', kind: 'named', by: 'Ana', at: 1 }, { maxVersionBytes: 1000 })).toMatchObject({ reason: 'too-large', limit: 1000 });
    expect(versions(doc.ydoc)).toEqual([]);
  });

  it('keep the latest automatic ones within the budget, and every named one', () => {
    const r = (id: string, kind: VersionRecord['kind'], bytes: number) => ({ id, kind, state: new Uint8Array(bytes) });
    const list = [r('a1', 'auto', 10), r('n1', 'named', 10), r('a2', 'auto', 10), r('a3', 'restore', 10), r('a4', 'auto', 10)];
    expect(pruneList(list, { keepAuto: 2, maxBytes: 1000 })).toEqual(['a1', 'a2']);
    expect(pruneList(list, { keepAuto: 10, maxBytes: 25 })).toEqual(['a1', 'a2', 'a3']);
    expect(pruneList([r('n1', 'named', 100)], { keepAuto: 0, maxBytes: 1 })).toEqual([]);
    const doc = peer();
    doc.setText('a');
    for (let i = 0; i < 5; i++) {
      type(doc, (t) => t.insert(0, String(i)));
      addVersion(doc.ydoc, { id: `k${i}`, kind: 'auto', by: 'Ana', at: i }, { keepAuto: 3 });
    }
    expect(versions(doc.ydoc).map((v) => v.id)).toEqual(['k2', 'k3', 'k4']);
  });
});

describe('the difference between a version and now', () => {
  it('names lines, items and annotations added, removed and changed', () => {
    const doc = peer();
    doc.setText(SEED);
    const budget = SEED.indexOf('Socialtilsyn Nords budget');
    const kept = doc.addAnnotation({ from: budget, to: budget + 12, labels: ['økonomi'], author: 'Ana' });
    const gone = doc.addAnnotation({ from: 0, to: 3, labels: ['udsat'], author: 'Ana' });
    const version = openVersion((take(doc, 'named', 'A') as VersionRecord).state);
    type(doc, (t) => t.insert(t.toString().indexOf(TITLE_38) + TITLE_38.length, ' og 3.0'));
    type(doc, (t) => t.insert(t.toString().indexOf('4. Udpegninger'), '3.9. Nyt punkt om trafik\nSAG-2020-09999\n\n'));
    doc.setLabels(kept, ['økonomi', 'godkendt'], 'Bo');
    doc.removeAnnotation(gone);
    const made = doc.addAnnotation({ from: 0, to: 2, labels: ['trafik'], author: 'Bo' });
    const diff = diffVersions(version, doc);
    expect(diff.text).toMatchObject({ added: 4, removed: 1 });
    expect(diff.structure).toEqual([
      { kind: 'renamed', what: 'item', number: '3.8', title: 'Vækst Via Viden 2.0 og 3.0', before: 'Vækst Via Viden 2.0' },
      { kind: 'added', what: 'item', number: '3.9', title: 'Nyt punkt om trafik' },
    ]);
    expect(diff.annotations).toEqual([
      { kind: 'changed', id: kept, quote: 'Socialtilsyn', labelsAdded: ['godkendt'], labelsRemoved: [], comments: 0 },
      { kind: 'added', id: made, quote: SEED.slice(0, 2), labelsAdded: ['trafik'], labelsRemoved: [], comments: 0 },
      { kind: 'removed', id: gone, quote: SEED.slice(0, 3), labelsAdded: [], labelsRemoved: ['udsat'], comments: 0 },
    ]);
    expect(annotationChanges(doc.annotationViews(), doc.annotationViews())).toEqual([]);
    // Narrowed to what one person sees (independent labelling): Bo's own work only.
    expect(diffVersions(version, doc, (views) => ownView(views, 'Bo')).annotations).toEqual([
      { kind: 'added', id: kept, quote: 'Socialtilsyn', labelsAdded: ['godkendt'], labelsRemoved: [], comments: 0 },
      { kind: 'added', id: made, quote: SEED.slice(0, 2), labelsAdded: ['trafik'], labelsRemoved: [], comments: 0 },
    ]);
  });
});

describe('restoring a version', () => {
  it('brings both peers to the version as a new change, keeps what came since as a version, and undoes', () => {
    const ana = peer();
    const bo = peer();
    ana.setText(SEED);
    const budget = SEED.indexOf('Socialtilsyn Nords budget');
    const label = ana.addAnnotation({ from: budget, to: budget + 12, labels: ['økonomi'], comment: 'se her', author: 'Ana' });
    const line38 = SEED.indexOf(TITLE_38);
    ana.addOverride({ kind: 'not-heading' }, line38);
    ana.setReview('3.1', 'approved', 'Ana');
    const named = take(ana, 'named', 'Før Bo') as VersionRecord;
    sync(ana, bo);

    // Bo works on: retypes a title, deletes a line, relabels, removes the override, adds an annotation, sets review.
    type(bo, (t) => t.insert(t.toString().indexOf('Socialtilsyn Nords'), 'Nyt '));
    type(bo, (t) => t.delete(t.toString().indexOf('Punkter til næste møde'), 10));
    bo.setLabels(label, ['trafik'], 'Bo');
    bo.removeOverride(bo.overrideViews()[0]!.id);
    bo.addAnnotation({ from: 0, to: 3, labels: ['klima'], author: 'Bo' });
    bo.setReview('3.2', 'corrected', 'Bo');
    const later = bo.text.toString();
    sync(ana, bo);
    // Ana's cursor, in text that stays the same, as a relative position.
    const steady = SEED.indexOf('Afrapportering på udgiftsanalyse');
    const cursor = Y.createRelativePositionFromTypeIndex(ana.text, later.indexOf('Afrapportering på udgiftsanalyse'));

    const result = restoreAsNewChange(ana, named, { id: 'before', by: 'Ana', at: 5000 });
    expect(result).toMatchObject({ kept: { kind: 'restore', by: 'Ana' } });
    sync(ana, bo);
    for (const doc of [ana, bo]) {
      expect(doc.text.toString()).toBe(SEED);
      expect(doc.annotationViews().map((a) => [a.id, a.labels, a.comments.map((c) => c.text), SEED.slice(a.from!, a.to!)])).toEqual([[label, ['økonomi'], ['se her'], 'Socialtilsyn']]);
      expect(doc.overrideViews().map((o) => [o.kind, o.pos])).toEqual([['not-heading', line38]]);
      const review = Object.fromEntries(doc.itemReviews(doc.items()).flatMap((r, i) => (r ? [[doc.items()[i]!.number, r.status]] : [])));
      expect(review).toEqual({ '3.1': 'approved' });
      expect(versions(doc.ydoc).map((v) => v.kind)).toEqual(['named', 'restore']);
    }
    expect(Y.createAbsolutePositionFromRelativePosition(cursor, ana.ydoc)!.index).toBe(steady);
    // What Bo did is a version still.
    expect(openVersion(versions(bo.ydoc)[1]!.state).text.toString()).toBe(later);
    // The restore is one undo step of Ana's.
    ana.undo.undo();
    expect(ana.text.toString()).toBe(later);
    expect(ana.annotationViews().length).toBe(2);
  });

  it('restores a state whose text was emptied and filled again', () => {
    const doc = peer();
    doc.setText(TEXT);
    const v = take(doc, 'named', 'x') as VersionRecord;
    type(doc, (t) => {
      t.delete(0, t.length);
      t.insert(0, 'Noget helt andet\n');
    });
    restoreAsNewChange(doc, v, { id: 'r', by: 'Ana', at: 1 });
    expect(doc.text.toString()).toBe(TEXT);
    expect(captureState(doc.ydoc).byteLength).toBeGreaterThan(0);
  });
});
