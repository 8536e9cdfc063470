import { describe, expect, it } from 'vitest';
import { agreementByLabel, cohenKappa, disputes, fleissKappa, fragility, krippendorffAlpha } from './agreement.ts';
import { curatedFromMeeting, type CuratedAnnotation, type CuratedDocument } from './model.ts';
import type { Meeting } from '../minutes/model.ts';

describe('cohenKappa', () => {
  it('matches a hand-computed 2×2 table', () => {
    // both yes 4, A yes B no 1, A no B yes 2, both no 3: po = 0.7, pe = 0.5·0.6 + 0.5·0.4 = 0.5, κ = 0.4
    const a = [...Array(4).fill(true), true, ...Array(2).fill(false), ...Array(3).fill(false)];
    const b = [...Array(4).fill(true), false, ...Array(2).fill(true), ...Array(3).fill(false)];
    expect(cohenKappa(a, b)).toBeCloseTo(0.4, 10);
  });

  it('is 1 for perfect agreement, null when chance agreement is certain, and refuses unequal lengths', () => {
    expect(cohenKappa([true, false, true], [true, false, true])).toBe(1);
    expect(cohenKappa([true, true], [true, true])).toBeNull();
    expect(cohenKappa([], [])).toBeNull();
    expect(() => cohenKappa([true], [])).toThrow(RangeError);
  });
});

describe('fleissKappa', () => {
  it('matches the worked example of Fleiss (1971) as reproduced widely: 10 items, 14 raters, 5 categories, κ ≈ 0.210', () => {
    const table = [
      [0, 0, 0, 0, 14],
      [0, 2, 6, 4, 2],
      [0, 0, 3, 5, 6],
      [0, 3, 9, 2, 0],
      [2, 2, 8, 1, 1],
      [7, 7, 0, 0, 0],
      [3, 2, 6, 3, 0],
      [2, 5, 3, 2, 2],
      [6, 5, 2, 1, 0],
      [0, 2, 2, 3, 7],
    ];
    expect(fleissKappa(table)).toBeCloseTo(0.20993, 4);
  });

  it('equals a hand computation for three raters on four items', () => {
    // yes/no counts: [3,0] [0,3] [2,1] [1,2]; P_i = 1, 1, 1/3, 1/3 → P̄ = 2/3; p_yes = 6/12 → Pe = 0.5; κ = (2/3 − 1/2)/(1/2) = 1/3
    expect(fleissKappa([[3, 0], [0, 3], [2, 1], [1, 2]])).toBeCloseTo(1 / 3, 10);
  });
});

describe('krippendorffAlpha', () => {
  it('matches Krippendorff’s worked example for two observers and binary data (Computing Krippendorff’s Alpha-Reliability, 2011, A): α = 0.095', () => {
    const a = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0];
    const b = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0];
    expect(krippendorffAlpha(a.map((x, i) => [x, b[i]!]))!).toBeCloseTo(0.095, 3);
  });

  it('matches Krippendorff’s worked example with missing data (four observers, twelve units, nominal): α = 0.743', () => {
    const N = null;
    const observers = [
      [1, 2, 3, 3, 2, 1, 4, 1, 2, N, N, N],
      [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, N, 3],
      [N, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, N],
      [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, N],
    ];
    const units = observers[0]!.map((_, u) => observers.map((o) => o[u]).filter((v): v is number => v !== null));
    // Unit 12 has one value: not pairable, left out.
    expect(krippendorffAlpha(units)!).toBeCloseTo(0.743, 3);
  });

  it('is 1 for perfect agreement, null when every value is the same or nothing is pairable', () => {
    expect(krippendorffAlpha([[true, true], [false, false]])).toBe(1);
    expect(krippendorffAlpha([[true, true], [true, true, true]])).toBeNull();
    expect(krippendorffAlpha([[true], []])).toBeNull();
  });
});

describe('fragility', () => {
  it('marks fewer than 30 items, and an analyst who never varies, with who and which way', () => {
    expect(fragility(29, new Map([['ana', [true, false]], ['bo', [true, false]]]))).toEqual([{ code: 'few-items', items: 29 }]);
    expect(fragility(30, new Map([['ana', [true, false]], ['bo', [false, false]]]))).toEqual([{ code: 'constant', analyst: 'bo', value: false }]);
    expect(fragility(40, new Map([['ana', [true, false]], ['bo', [true, false]]]))).toEqual([]);
  });
});

/** A meeting with items 1.1–1.4 on lines of their own. */
function meetingWithItems(n: number): Meeting & { text: string } {
  let text = '';
  const items = [];
  for (let i = 1; i <= n; i++) {
    const start = text.length;
    text += `1.${i} Punkt ${i}\n`;
    const span = { start, end: text.length };
    items.push({ id: `m/1.${i}`, number: `1.${i}`, title: `Punkt ${i}`, caseNumber: null, caseworkers: [], fields: {}, attachments: [], span, titleSpan: span });
  }
  return {
    schemaVersion: 1, id: 'm', body: 'KKR Test', kind: 'referat', date: '2024-01-01', location: null, source: { name: 'm.txt', sha256: '' },
    participants: [], absent: [], diagnostics: [], text,
    sections: [{ number: '1', title: 'S', span: { start: 0, end: text.length }, items }],
  };
}

function annotated(votes: Record<string, boolean[]>, label = 'klima'): CuratedDocument {
  const n = Object.values(votes)[0]!.length;
  const doc = curatedFromMeeting('d', meetingWithItems(n));
  const items = doc.meeting.sections[0]!.items;
  for (const [author, list] of Object.entries(votes)) {
    list.forEach((yes, i) => {
      const start = items[i]!.span.start;
      const a: CuratedAnnotation = {
        id: `${author}${i}`, start, end: start + 3, orphaned: false, quote: '', prefix: '', suffix: '',
        labels: yes ? [{ label, author, at: '2026-01-01T00:00:00.000Z' }] : [{ label: 'andet-emne', author, at: '2026-01-01T00:00:00.000Z' }],
        comments: [], author, createdAt: '2026-01-01T00:00:00.000Z',
      };
      doc.annotations.push(a);
    });
  }
  return doc;
}

describe('agreementByLabel', () => {
  it('uses Cohen’s κ with two analysts and says how many items it rests on', () => {
    const doc = annotated({ ana: [true, true, false, false], bo: [true, false, false, false] });
    const klima = agreementByLabel([doc]).find((a) => a.label === 'klima')!;
    // po = 3/4; p_ana = 1/2, p_bo = 1/4; pe = 1/8 + 3/8 = 1/2; κ = 0.5
    expect(klima).toMatchObject({ method: 'cohen', items: 4, raters: 2, observed: 0.75 });
    expect(klima.kappa).toBeCloseTo(0.5, 10);
  });

  it('uses Fleiss’ κ with three analysts', () => {
    const doc = annotated({ ana: [true, false, true, false], bo: [true, false, true, true], cy: [true, false, false, false] });
    const klima = agreementByLabel([doc]).find((a) => a.label === 'klima')!;
    expect(klima).toMatchObject({ method: 'fleiss', items: 4, raters: 3 });
    expect(klima.kappa).toBeCloseTo(1 / 3, 10);
  });

  it('rests on the chosen items only', () => {
    const doc = annotated({ ana: [true, true, false, false], bo: [true, false, false, false] });
    const klima = agreementByLabel([doc], (_d, itemId) => itemId !== 'm/1.2').find((a) => a.label === 'klima')!;
    expect(klima).toMatchObject({ items: 3, kappa: 1, observed: 1 });
  });

  it('gives α and the pairwise κ beside Fleiss’ κ, and marks a figure on few items or an unvarying analyst fragile', () => {
    const doc = annotated({ ana: [true, false, true, false], bo: [true, false, true, true], cy: [true, false, false, false] });
    const klima = agreementByLabel([doc]).find((a) => a.label === 'klima')!;
    expect(klima.alphaItems).toBe(4);
    expect(klima.alpha).toBeCloseTo(krippendorffAlpha([[true, true, true], [false, false, false], [true, true, false], [false, true, false]])!, 12);
    expect(klima.pairs.map((p) => [p.a, p.b, p.items])).toEqual([['ana', 'bo', 4], ['ana', 'cy', 4], ['bo', 'cy', 4]]);
    expect(klima.pairs[0]!.kappa).toBeCloseTo(cohenKappa([true, false, true, false], [true, false, true, true])!, 12);
    expect(klima.fragile).toEqual([{ code: 'few-items', items: 4 }]);
    // andet-emne: cy set it wherever they did not set klima; ana and bo vary too.
    const never = annotated({ ana: Array(30).fill(false), bo: [true, ...Array(29).fill(false)] });
    const k = agreementByLabel([never]).find((a) => a.label === 'klima')!;
    expect(k.kappa).toBe(0);
    expect(k.fragile).toEqual([{ code: 'constant', analyst: 'ana', value: false }]);
  });

  it('counts an analyst who marked an item done as having rated it, so unlabelled items lower observed agreement', () => {
    // ana labels all ten items, bo five; bo read the other five and found nothing.
    const doc = annotated({ ana: Array(10).fill(true) });
    const items = doc.meeting.sections[0]!.items;
    for (let i = 0; i < 5; i++) {
      doc.annotations.push({ id: `bo${i}`, start: items[i]!.span.start, end: items[i]!.span.start + 3, orphaned: false, quote: '', prefix: '', suffix: '', labels: [{ label: 'klima', author: 'bo', at: '2026-01-01T00:00:00.000Z' }], comments: [], author: 'bo', createdAt: '2026-01-01T00:00:00.000Z' });
    }
    expect(agreementByLabel([doc]).find((a) => a.label === 'klima')).toMatchObject({ observed: 1, items: 5 });
    doc.done = items.slice(5).map((it) => ({ itemNumber: it.number, by: 'bo', at: '2026-01-02T00:00:00.000Z' }));
    expect(agreementByLabel([doc]).find((a) => a.label === 'klima')).toMatchObject({ observed: 0.5, items: 10, kappa: 0 });
  });

  it('credits a label to whoever set it, not to the annotation’s maker', () => {
    const doc = annotated({ ana: [false, false] });
    // bo set klima on ana's annotation of item 1.1: ana rated 1.1 without klima, bo with it.
    doc.annotations[0]!.labels.push({ label: 'klima', author: 'bo', at: '2026-01-03T00:00:00.000Z' });
    const found = disputes([doc]).find((d) => d.label === 'klima')!;
    expect(found).toMatchObject({ itemNumber: '1.1', yes: ['bo'], no: ['ana'] });
  });

  it('is empty when nobody else labelled the same items', () => {
    expect(agreementByLabel([annotated({ ana: [true, false] })])).toEqual([]);
  });
});

describe('disputes', () => {
  it('lists each item and label the analysts split on, with who said yes and who no', () => {
    const doc = annotated({ ana: [true, true, false], bo: [true, false, false] });
    const found = disputes([doc]);
    // Item 1.2: ana klima, bo andet-emne → both labels disputed; 1.1 and 1.3 agree.
    expect(found.map((d) => [d.itemNumber, d.label, d.yes, d.no])).toEqual([
      ['1.2', 'andet-emne', ['bo'], ['ana']],
      ['1.2', 'klima', ['ana'], ['bo']],
    ]);
    expect(found.every((d) => d.adjudication === null && d.title === 'Punkt 2')).toBe(true);
  });

  it('carries the latest adjudication of the pair and skips items not chosen', () => {
    const doc = annotated({ ana: [true, true], bo: [false, true] });
    doc.adjudications.push(
      { itemNumber: '1.1', label: 'klima', value: false, decidedBy: 'kurator', at: '2026-02-01T00:00:00.000Z', note: null },
      { itemNumber: '1.1', label: 'klima', value: true, decidedBy: 'kurator', at: '2026-02-02T00:00:00.000Z', note: 'se bilag' },
    );
    const klima = disputes([doc]).find((d) => d.label === 'klima')!;
    expect(klima.adjudication).toMatchObject({ value: true, note: 'se bilag' });
    expect(disputes([doc], (_d, id) => id !== 'm/1.1')).toEqual([]);
  });
});
