import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { labelMarksOf, StudioDoc, LOCAL_ORIGIN } from './studio-doc.ts';

function make(text: string): StudioDoc {
  let id = 0;
  const doc = new StudioDoc(new Y.Doc(), { now: () => 1000, newId: () => `id${id++}` });
  doc.setText(text);
  return doc;
}

/** A text edit as a person's typing would make it (tracked for undo like the editor binding's). */
function type(doc: StudioDoc, f: (t: Y.Text) => void): void {
  doc.ydoc.transact(() => f(doc.text), LOCAL_ORIGIN);
  doc.undo.stopCapturing();
}

const TEXT = 'Forside\n\n3.1. Budget\nSAG-2020-1 ab\n\nBeslutning\nGodkendt.\n\n3.2. Klima\nTekst om klima.\n';

describe('annotations', () => {
  it('stay on their text through edits before and inside them', () => {
    const doc = make(TEXT);
    const from = TEXT.indexOf('Klima');
    const id = doc.addAnnotation({ from, to: from + 5, labels: ['klima', 'klima'], comment: 'vigtigt', author: 'ann' });
    type(doc, (t) => t.insert(0, 'NY LINJE\n'));
    let a = doc.annotationViews().find((x) => x.id === id)!;
    expect(doc.text.toString().slice(a.from!, a.to!)).toBe('Klima');
    expect(a.labels).toEqual(['klima']);
    expect(a.comments.map((c) => c.text)).toEqual(['vigtigt']);
    // An edit inside the quote keeps the anchor (relative positions still believed).
    type(doc, (t) => t.insert(a.from! + 2, 'X'));
    a = doc.annotationViews()[0]!;
    expect(doc.text.toString().slice(a.from!, a.to!)).toBe('KlXima');
    expect(a.orphaned).toBe(false);
  });

  it('are orphaned when their text is deleted, and come back with undo', () => {
    const doc = make(TEXT);
    const from = TEXT.indexOf('Tekst om klima');
    doc.addAnnotation({ from, to: from + 14, author: 'ann' });
    type(doc, (t) => t.delete(from - 1, 16));
    expect(doc.annotationViews()[0]).toMatchObject({ orphaned: true, from: null });
    doc.undo.undo();
    const a = doc.annotationViews()[0]!;
    expect(a.orphaned).toBe(false);
    expect(doc.text.toString().slice(a.from!, a.to!)).toBe('Tekst om klima');
  });

  it('re-anchor by quote and context when positions are lost (text replaced wholesale)', () => {
    const doc = make(TEXT);
    const from = TEXT.indexOf('Godkendt.');
    doc.addAnnotation({ from, to: from + 9, author: 'ann' });
    doc.setText(`Indledning\n${TEXT}`);
    const a = doc.annotationViews()[0]!;
    expect(doc.text.toString().slice(a.from!, a.to!)).toBe('Godkendt.');
  });

  it('re-anchor by an approximate quote when positions are lost and a letter was corrected, and are orphaned when the quote is gone', () => {
    const doc = make(TEXT);
    const from = TEXT.indexOf('Tekst om klima');
    doc.addAnnotation({ from, to: from + 14, author: 'ann' });
    // The text comes back with an OCR correction inside the quote (positions lost: new characters).
    doc.setText(TEXT.replace('Tekst om klima', 'Tekst om kIima'));
    let a = doc.annotationViews()[0]!;
    expect(a.orphaned).toBe(false);
    expect(doc.text.toString().slice(a.from!, a.to!)).toBe('Tekst om kIima');
    doc.setText(TEXT.replace('Tekst om klima.', 'Bilag følger.'));
    a = doc.annotationViews()[0]!;
    expect(a).toMatchObject({ orphaned: true, from: null });
  });

  it('merge labels two people add to one annotation at once, each with who and when', () => {
    const a = make(TEXT);
    const id = a.addAnnotation({ from: 0, to: 7, labels: ['social'], author: 'a' });
    let t = 2000;
    const b = new StudioDoc(new Y.Doc(), { now: () => t++ });
    Y.applyUpdate(b.ydoc, Y.encodeStateAsUpdate(a.ydoc));
    a.setLabels(id, ['social', 'klima'], 'ana');
    b.setLabels(id, ['social', 'godkendt'], 'bo');
    Y.applyUpdate(a.ydoc, Y.encodeStateAsUpdate(b.ydoc));
    Y.applyUpdate(b.ydoc, Y.encodeStateAsUpdate(a.ydoc));
    for (const doc of [a, b]) {
      const view = doc.annotationViews()[0]!;
      expect(view.labels).toEqual(['social', 'klima', 'godkendt']);
      expect(Object.values(view.labelMarks).map((m) => m.by)).toEqual(['a', 'ana', 'bo']);
    }
  });

  it('read an annotation written as a plain label list, and carry it over on the first change', () => {
    const doc = make(TEXT);
    doc.ydoc.transact(() => {
      const m = new Y.Map<unknown>();
      m.set('id', 'old');
      m.set('labels', ['social', 'klima']);
      m.set('author', 'a');
      m.set('createdAt', 500);
      m.set('comments', new Y.Array());
      doc.annotations.push([m]);
    });
    const labelsOf = () => {
      const m = doc.annotations.get(0);
      return Object.entries(labelMarksOf(m)).map(([l, mark]) => `${l}:${mark.by}@${mark.at}`);
    };
    expect(labelsOf()).toEqual(['social:a@500', 'klima:a@500']);
    doc.setLabels('old', ['klima', 'godkendt'], 'bo');
    expect(labelsOf()).toEqual(['klima:a@500', 'godkendt:bo@1000']);
    expect(doc.annotations.get(0).has('labels')).toBe(false);
  });

  it('keep comments with replies and labels; adding is one undo step each', () => {
    const doc = make(TEXT);
    const id = doc.addAnnotation({ from: 0, to: 7, labels: ['social'], comment: 'første', author: 'a' });
    const c = doc.annotationViews()[0]!.comments[0]!;
    doc.addComment(id, 'svar', 'b', c.id);
    doc.setLabels(id, ['social', 'godkendt']);
    let a = doc.annotationViews()[0]!;
    expect(a.comments.map((x) => [x.author, x.text, x.replyTo])).toEqual([
      ['a', 'første', null],
      ['b', 'svar', c.id],
    ]);
    expect(a.labels).toEqual(['social', 'godkendt']);
    doc.undo.undo();
    a = doc.annotationViews()[0]!;
    expect(a.labels).toEqual(['social']);
    doc.undo.undo();
    expect(doc.annotationViews()[0]!.comments).toHaveLength(1);
    doc.undo.undo();
    expect(doc.annotationViews()).toHaveLength(0);
  });
});

describe('overrides', () => {
  it('follow their line through edits and are orphaned when it goes', () => {
    const doc = make(TEXT);
    const line = TEXT.indexOf('3.2. Klima');
    doc.addOverride({ kind: 'not-heading' }, line + 3);
    expect(doc.placedOverrides()).toMatchObject([{ kind: 'not-heading', pos: line }]);
    type(doc, (t) => t.insert(0, 'abc\n'));
    expect(doc.placedOverrides()[0]!.pos).toBe(line + 4);
    type(doc, (t) => t.delete(line + 4, '3.2. Klima\n'.length));
    expect(doc.overrideViews()[0]).toMatchObject({ pos: null, quote: '3.2. Klima' });
    expect(doc.placedOverrides()).toEqual([]);
  });

  it('are listed, removable and undoable', () => {
    const doc = make(TEXT);
    const id = doc.addOverride({ kind: 'item-start', number: '3.3' }, TEXT.indexOf('Tekst om'));
    expect(doc.overrideViews().map((o) => [o.kind, o.number])).toEqual([['item-start', '3.3']]);
    doc.removeOverride(id);
    expect(doc.overrideViews()).toEqual([]);
    doc.undo.undo();
    expect(doc.overrideViews()).toHaveLength(1);
    doc.undo.undo();
    expect(doc.overrideViews()).toHaveLength(0);
    doc.undo.redo();
    expect(doc.overrideViews()).toHaveLength(1);
  });

  it('refuse bad arguments with a RangeError', () => {
    const doc = make(TEXT);
    expect(() => doc.addOverride({ kind: 'item-start', number: 'x' }, 0)).toThrow(RangeError);
  });
});

describe('two peers', () => {
  it('converge on text, overrides and annotations, and annotations stay on their text', () => {
    const a = make(TEXT);
    const b = new StudioDoc(new Y.Doc());
    Y.applyUpdate(b.ydoc, Y.encodeStateAsUpdate(a.ydoc));
    const from = TEXT.indexOf('Godkendt.');
    a.addAnnotation({ from, to: from + 9, author: 'a', labels: ['godkendt'] });
    b.ydoc.transact(() => b.text.insert(0, 'B skrev her\n'));
    b.addOverride({ kind: 'ignore-line' }, 0);
    Y.applyUpdate(b.ydoc, Y.encodeStateAsUpdate(a.ydoc));
    Y.applyUpdate(a.ydoc, Y.encodeStateAsUpdate(b.ydoc));
    expect(a.text.toString()).toBe(b.text.toString());
    for (const d of [a, b]) {
      const ann = d.annotationViews()[0]!;
      expect(d.text.toString().slice(ann.from!, ann.to!)).toBe('Godkendt.');
      expect(d.placedOverrides()).toMatchObject([{ kind: 'ignore-line', pos: 0 }]);
    }
  });
});
