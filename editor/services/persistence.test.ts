import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openDoc, createDoc } from './persistence.ts';

const TEXT = 'Forside\n\n3.1. Budget\nSAG-2020-1 ab\n\nBeslutning\nGodkendt.\n\n3.2. Klima\nTekst om klima.\n';

describe('persistence (y-indexeddb)', () => {
  it('keeps text, overrides, annotations and review across reopening', async () => {
    await createDoc('t1', TEXT, { fileName: 'x.txt' }, [{ kind: 'not-heading', pos: TEXT.indexOf('3.2.') }]);
    const first = await openDoc('t1');
    expect(first.doc.text.toString()).toBe(TEXT);
    first.doc.addAnnotation({ from: 0, to: 7, author: 'a', labels: ['social'], comment: 'hej' });
    first.doc.setReview('3.1', 'approved');
    await first.close();
    const again = await openDoc('t1');
    expect(again.doc.text.toString()).toBe(TEXT);
    expect(again.doc.overrideViews().map((o) => o.kind)).toEqual(['not-heading']);
    expect(again.doc.annotationViews()[0]).toMatchObject({ quote: 'Forside', labels: ['social'] });
    expect(again.doc.reviewOf('3.1')).toBe('approved');
    await again.close();
  });
});
