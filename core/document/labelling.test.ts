import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { StudioDoc } from './studio-doc.ts';
import { ownView, privateTo, readLabelling, writeLabelling } from './labelling.ts';

describe('labelling', () => {
  it('is shared until set, and records who set it', () => {
    const ydoc = new Y.Doc();
    expect(readLabelling(ydoc)).toEqual({ mode: 'shared', adjudicationOpen: false, by: null, at: null });
    writeLabelling(ydoc, { mode: 'independent' }, 'Cy', () => 5);
    expect(readLabelling(ydoc)).toEqual({ mode: 'independent', adjudicationOpen: false, by: 'Cy', at: 5 });
  });

  it('keeps an analyst to their own work until adjudication opens; a curator sees all', () => {
    const independent = { mode: 'independent' as const, adjudicationOpen: false };
    expect(privateTo(independent, { name: 'Ana', curator: false })).toBe('Ana');
    expect(privateTo(independent, { name: 'Cy', curator: true })).toBeNull();
    expect(privateTo({ ...independent, adjudicationOpen: true }, { name: 'Ana', curator: false })).toBeNull();
    expect(privateTo({ mode: 'shared', adjudicationOpen: false }, { name: 'Ana', curator: false })).toBeNull();
  });

  it('shows an analyst only the annotations, labels and comments that are theirs', () => {
    const doc = new StudioDoc();
    doc.setText('1.1. Klima og trafik i regionen\n');
    const a = doc.addAnnotation({ from: 0, to: 10, labels: ['klima'], comment: 'ja', author: 'Ana' });
    doc.setLabels(a, ['klima', 'trafik'], 'Bo');
    doc.addComment(a, 'nej', 'Bo');
    doc.addAnnotation({ from: 5, to: 12, labels: ['trafik'], author: 'Bo' });
    const ana = ownView(doc.annotationViews(), 'Ana');
    expect(ana.map((v) => [v.labels, v.comments.map((c) => c.text)])).toEqual([[['klima'], ['ja']]]);
    const bo = ownView(doc.annotationViews(), 'Bo');
    expect(bo.map((v) => v.labels)).toEqual([['trafik'], ['trafik']]);
    expect(ownView(doc.annotationViews(), 'Cy')).toEqual([]);
    // Ana, seeing only klima, takes it off: Bo's trafik stays.
    doc.setLabels(a, [], 'Ana', true);
    expect(doc.annotationViews()[0]!.labels).toEqual(['trafik']);
  });
});
