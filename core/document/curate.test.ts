import { describe, expect, it } from 'vitest';
import { StudioDoc } from './studio-doc.ts';
import { adjudicate, curatedFromStudioDoc, writeCuratedToStudioDoc } from './curate.ts';
import { annotatedSeed } from '../../test/support/curated.ts';
import { documentsToJsonl, importJsonl } from '../export/jsonl.ts';
import { datasetRows } from '../export/rows.ts';

describe('curatedFromStudioDoc', () => {
  const doc = annotatedSeed();
  adjudicate(doc, { itemNumber: '1.2', label: 'drøftet', value: false, decidedBy: 'curator' }, () => Date.UTC(2026, 1, 1));
  const curated = curatedFromStudioDoc('seed-000', doc);

  it('resolves anchors to offsets, keeps the orphan, labels with who and when, comments with replies', () => {
    const text = curated.meeting.text;
    const [first, , , , orphan] = curated.annotations;
    expect(text.slice(first!.start!, first!.end!)).toBe('godkendte dagsordenen');
    expect(first!.labels).toEqual([{ label: 'godkendt', author: 'ana', at: '2026-01-05T09:00:01.000Z' }]);
    expect(first!.comments.map((c) => [c.author, c.replyTo === null])).toEqual([['ana', true], ['bo', false]]);
    expect(first!.comments[1]!.replyTo).toBe(first!.comments[0]!.id);
    expect(orphan).toMatchObject({ orphaned: true, start: null, end: null, quote: 'videnspakke om nationale' });
  });

  it('reads review, adjudications and the source from meta', () => {
    expect(curated.review).toEqual({ '1.1': { status: 'approved', by: 'ana', at: '2026-01-05T09:00:08.000Z' }, '1.2': { status: 'corrected', by: null, at: null } });
    expect(curated.adjudications).toEqual([{ itemNumber: '1.2', label: 'drøftet', value: false, decidedBy: 'curator', at: '2026-02-01T00:00:00.000Z', note: null }]);
    expect(curated.meeting.source.url).toMatch(/^https:\/\/www\.kl\.dk\//);
  });

  it('makes rows whose labels, final labels and decision types follow analysts and curator', () => {
    const rows = datasetRows([curated]);
    const r11 = rows.find((r) => r.number === '1.1')!;
    expect(r11.labels.map((l) => `${l.author}:${l.label}`)).toEqual(['ana:godkendt', 'bo:godkendt', 'bo:økonomi']);
    expect(r11).toMatchObject({ finalLabels: ['godkendt', 'økonomi'], decisionType: 'godkendt', decisionTypeSource: 'label', reviewStatus: 'approved' });
    expect(r11.comments).toHaveLength(2);
    const r12 = rows.find((r) => r.number === '1.2')!;
    expect(r12).toMatchObject({ finalLabels: ['godkendt'], decisionType: 'godkendt', reviewStatus: 'corrected' });
    expect(r12.adjudications).toHaveLength(1);
  });

  it("gives one analyst's own work only, for independent labelling", () => {
    const bo = curatedFromStudioDoc('seed-000', doc, { only: 'bo' });
    const labels = bo.annotations.flatMap((a) => a.labels.map((l) => l.author));
    expect(labels.length).toBeGreaterThan(0);
    expect(new Set(labels)).toEqual(new Set(['bo']));
    expect(bo.annotations.flatMap((a) => a.comments.map((c) => c.author)).every((a) => a === 'bo')).toBe(true);
    // ana's approval of 1.1 and the curator's decision are not bo's.
    expect(bo.review['1.1']).toBeUndefined();
    expect(bo.adjudications).toEqual([]);
    const ana = curatedFromStudioDoc('seed-000', doc, { only: 'ana' });
    expect(ana.review['1.1']).toEqual({ status: 'approved', by: 'ana', at: '2026-01-05T09:00:08.000Z' });
    expect(datasetRows([ana]).find((r) => r.number === '1.1')!.labels.map((l) => `${l.author}:${l.label}`)).toEqual(['ana:godkendt']);
    // The whole document is unchanged for everyone else.
    expect(curatedFromStudioDoc('seed-000', doc)).toEqual(curated);
  });

  it('writes back into an empty StudioDoc and reads the same curated document again', () => {
    const copy = new StudioDoc();
    writeCuratedToStudioDoc(curated, copy);
    const again = curatedFromStudioDoc('seed-000', copy);
    expect(documentsToJsonl([again])).toBe(documentsToJsonl([curated]));
    expect(() => writeCuratedToStudioDoc(curated, copy)).toThrow(RangeError);
  });

  it('records who set each label and when, also when another analyst adds one later', () => {
    const copy = new StudioDoc(undefined, { now: () => Date.UTC(2026, 2, 1) });
    writeCuratedToStudioDoc(curated, copy);
    const first = copy.annotationViews()[0]!;
    copy.setLabels(first.id, [...first.labels, 'klima'], 'cy');
    const labels = curatedFromStudioDoc('seed-000', copy).annotations[0]!.labels;
    expect(labels).toEqual([
      { label: 'godkendt', author: 'ana', at: '2026-01-05T09:00:01.000Z' },
      { label: 'klima', author: 'cy', at: '2026-03-01T00:00:00.000Z' },
    ]);
    expect(datasetRows([curatedFromStudioDoc('seed-000', copy)]).find((r) => r.number === '1.1')!).toMatchObject({ reviewedBy: 'ana', reviewedAt: '2026-01-05T09:00:08.000Z' });
  });

  it('round-trips through documents.jsonl byte for byte', () => {
    const jsonl = documentsToJsonl([curated]);
    const read = importJsonl(jsonl);
    expect(read.ok).toBe(true);
    if (read.ok) expect(documentsToJsonl(read.documents)).toBe(jsonl);
  });
});

describe('review in exports', () => {
  const text = () => annotatedSeed().text.toString();

  it('follows the item heading: a corrected number keeps its row approved, and no other row is', () => {
    const doc = annotatedSeed();
    const heading = text().indexOf('3.8. Vækst Via Viden');
    doc.setReview('3.8', 'approved', 'cy');
    doc.ydoc.transact(() => {
      doc.text.delete(heading + 2, 1);
      doc.text.insert(heading + 2, '9');
    });
    const rows = datasetRows([curatedFromStudioDoc('seed-000', doc)]);
    expect(rows.filter((r) => r.reviewStatus === 'approved').map((r) => [r.number, r.title, r.reviewedBy])).toEqual([
      ['1.1', 'Godkendelse af dagsorden', 'ana'],
      ['3.9', 'Vækst Via Viden 2.0', 'cy'],
    ]);
  });

  it('keeps a review whose heading was deleted as orphaned, through documents.jsonl and back', () => {
    const doc = annotatedSeed();
    doc.setReview('3.8', 'approved', 'cy');
    const heading = text().indexOf('3.8. Vækst Via Viden');
    doc.ydoc.transact(() => doc.text.delete(heading, '3.8. Vækst Via Viden 2.0\n'.length));
    const curated = curatedFromStudioDoc('seed-000', doc);
    expect(Object.keys(curated.review)).toEqual(['1.1', '1.2']);
    expect(curated.orphanedReview).toEqual([{ number: '3.8', quote: '3.8. Vækst Via Viden 2.0', status: 'approved', by: 'cy', at: expect.stringMatching(/^2026-/) }]);
    const read = importJsonl(documentsToJsonl([curated]));
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    const copy = new StudioDoc();
    writeCuratedToStudioDoc(read.documents[0]!, copy);
    expect(documentsToJsonl([curatedFromStudioDoc('seed-000', copy)])).toBe(documentsToJsonl([curated]));
    expect(importJsonl(documentsToJsonl([{ ...curated, orphanedReview: [{ number: '1' }] as never }]))).toMatchObject({ ok: false, reason: 'orphanedReview is not a list of review records' });
  });

  it('reads a document that stores review by item number, as older versions wrote it', () => {
    const doc = annotatedSeed();
    doc.ydoc.transact(() => {
      doc.itemReview.clear();
      doc.legacyReview.set('1.2', 'approved');
      doc.legacyReviewMarks.set('1.2', { by: 'old', at: Date.UTC(2025, 0, 1) });
      doc.legacyReview.set('9.9', 'corrected');
    });
    const curated = curatedFromStudioDoc('seed-000', doc);
    expect(curated.review).toEqual({ '1.2': { status: 'approved', by: 'old', at: '2025-01-01T00:00:00.000Z' } });
    expect(curated.orphanedReview).toEqual([{ number: '9.9', quote: '', status: 'corrected', by: null, at: null }]);
  });
});
