import { describe, expect, it } from 'vitest';
import { StudioDoc } from './studio-doc.ts';
import { doneBy, setDone } from './done.ts';
import { curatedFromStudioDoc, writeCuratedToStudioDoc } from './curate.ts';
import { agreementByLabel } from '../export/agreement.ts';

const TEXT = 'KKR Nordjylland\nReferat\n\n1. Godkendelse\n1.1. Godkendelse af dagsorden\nBeslutning\nGodkendt.\n1.2. Trafik i regionen\nBeslutning\nTaget til efterretning.\n';

function doc(): StudioDoc {
  const d = new StudioDoc();
  d.setText(TEXT);
  return d;
}

describe('done marks', () => {
  it('are kept per person and item, follow the item when it is renumbered, and can be taken back', () => {
    const d = doc();
    const [first, second] = d.items();
    setDone(d, first!, 'ana', true, () => 1000);
    setDone(d, first!, 'bo', true, () => 2000);
    setDone(d, second!, 'bo', true, () => 3000);
    expect(doneBy(d, d.items()).map((p) => p.map((x) => x.by))).toEqual([['ana', 'bo'], ['bo']]);
    // "1.2." corrected to "1.3.": the mark stays on its item.
    const at = d.text.toString().indexOf('1.2. Trafik');
    d.text.delete(at, 3);
    d.text.insert(at, '1.3');
    expect(d.items().map((i) => i.number)).toEqual(['1.1', '1.3']);
    expect(doneBy(d, d.items())[1]).toEqual([{ by: 'bo', at: 3000 }]);
    setDone(d, d.items()[0]!, 'bo', false);
    expect(doneBy(d, d.items())[0]!.map((x) => x.by)).toEqual(['ana']);
  });

  it('go into the curated document, back into a StudioDoc, and count as ratings in agreement', () => {
    const d = doc();
    const [first, second] = d.items();
    d.addAnnotation({ from: first!.span.start, to: first!.span.start + 5, labels: ['klima'], author: 'ana' });
    d.addAnnotation({ from: second!.span.start, to: second!.span.start + 5, labels: ['klima'], author: 'ana' });
    d.addAnnotation({ from: first!.span.start, to: first!.span.start + 5, labels: ['klima'], author: 'bo' });
    expect(agreementByLabel([curatedFromStudioDoc('d', d)])[0]).toMatchObject({ items: 1, observed: 1 });
    setDone(d, second!, 'bo', true, () => Date.UTC(2026, 0, 2));
    const curated = curatedFromStudioDoc('d', d);
    expect(curated.done).toEqual([{ itemNumber: '1.2', by: 'bo', at: '2026-01-02T00:00:00.000Z' }]);
    expect(agreementByLabel([curated])[0]).toMatchObject({ items: 2, observed: 0.5 });
    const copy = new StudioDoc();
    writeCuratedToStudioDoc(curated, copy);
    expect(curatedFromStudioDoc('d', copy).done).toEqual(curated.done);
  });
});

describe('personal review (independent labelling)', () => {
  it('keeps each analyst’s status apart; each sees their own, everyone else the latest', () => {
    let now = 0;
    const d = new StudioDoc(undefined, { now: () => ++now });
    d.setText(TEXT);
    const items = d.items();
    d.setReview(items[0]!, 'approved', 'ana', true);
    d.setReview(items[0]!, 'corrected', 'bo', true);
    expect(d.itemReviews(items, undefined, 'ana')[0]!.status).toBe('approved');
    expect(d.itemReviews(items, undefined, 'bo')[0]!.status).toBe('corrected');
    expect(d.itemReviews(items, undefined, 'cy')[0]).toBeNull();
    expect(d.itemReviews(items)[0]!.status).toBe('corrected');
    d.setReview(items[0]!, 'corrected', 'ana', true);
    expect(d.itemReview.size).toBe(2);
    expect(d.reviewState({ sections: [{ items } as never] }, undefined, 'ana').review).toEqual({ '1.1': 'corrected' });
  });
});
