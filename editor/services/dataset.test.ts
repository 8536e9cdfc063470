import { describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import { datasetArchive, DEFAULT_DATASET_FORM, formFilter, previewDataset } from './dataset.ts';
import { translator } from '../i18n.ts';
import { adjudicate, curatedFromStudioDoc } from '../../core/document/curate.ts';
import { caseMentions, otherAppearances, type LibraryEntry } from './library.ts';
import { annotatedSeed, seedFiles } from '../../test/support/curated.ts';
import { parseMinutes } from '../../core/minutes/parse.ts';
import { readFileSync } from 'node:fs';

describe('formFilter', () => {
  it('turns the form into an export filter, the active document when asked', () => {
    expect(formFilter(DEFAULT_DATASET_FORM, null)).toEqual({});
    expect(formFilter({ ...DEFAULT_DATASET_FORM, scope: 'active', approvedOnly: true, body: 'KKR Nordjylland', from: '2020-01-01', labels: ['klima'] }, 'd1')).toEqual({
      approvedOnly: true, body: 'KKR Nordjylland', from: '2020-01-01', labels: ['klima'], documentIds: ['d1'],
    });
  });

  it('says in one line what is wrong', () => {
    expect(formFilter({ ...DEFAULT_DATASET_FORM, scope: 'active' }, null)).toMatch(/^No document is open/);
    expect(formFilter({ ...DEFAULT_DATASET_FORM, from: '2021-01-01', to: '2020-01-01' }, null)).toBe('from 2021-01-01 is after to 2020-01-01');
    expect(formFilter({ ...DEFAULT_DATASET_FORM, scope: 'selection' }, 'd1')).toMatch(/^No document chosen/);
    expect(formFilter({ ...DEFAULT_DATASET_FORM, scope: 'selection', documentIds: ['a', 'b'] }, 'd1')).toEqual({ documentIds: ['a', 'b'] });
    // In the user's language when given their translator.
    expect(formFilter({ ...DEFAULT_DATASET_FORM, scope: 'active' }, null, translator('da'))).toMatch(/^Intet dokument er åbent/);
    expect(formFilter({ ...DEFAULT_DATASET_FORM, from: '2021-01-01', to: '2020-01-01' }, null, translator('da'))).toBe('fra 2021-01-01 ligger efter til 2020-01-01');
  });
});

describe('previewDataset and datasetArchive', () => {
  const doc = annotatedSeed();
  adjudicate(doc, { itemNumber: '1.2', label: 'drøftet', value: false, decidedBy: 'kurator' }, () => Date.UTC(2026, 1, 1));
  const docs = [curatedFromStudioDoc('seed-000', doc)];

  it('counts what a download holds, with agreement and the disagreements left', () => {
    const p = previewDataset(docs, {});
    expect(p).toMatchObject({ documents: 1, items: 12, comments: 2, review: { approved: 1, corrected: 1, unreviewed: 10 } });
    // The orphaned annotation lies in no item.
    expect(p.annotations).toBe(4);
    expect(p.labels).toEqual([['godkendt', 2], ['økonomi', 1]]);
    expect(p.agreement.map((a) => [a.label, a.method, a.items])).toEqual([['drøftet', 'cohen', 2], ['godkendt', 'cohen', 2], ['økonomi', 'cohen', 2]]);
    expect(p.disputes.map((d) => [d.itemNumber, d.label, d.adjudication?.decidedBy ?? null])).toEqual([['1.1', 'økonomi', null], ['1.2', 'drøftet', 'kurator'], ['1.2', 'godkendt', null]]);
    expect(previewDataset(docs, { approvedOnly: true })).toMatchObject({ items: 1, documents: 1 });
  });

  it('zips the same files the CLI writes, in a folder named after the day', () => {
    const archive = datasetArchive(docs, { approvedOnly: true }, ['jsonl', 'csv'], new Date(Date.UTC(2026, 10, 23, 12)), 'test');
    expect(archive).toMatchObject({ name: 'referat-dataset-2026-11-23.zip', items: 1 });
    const files = unzipSync(archive.bytes);
    expect(Object.keys(files).sort()).toEqual(
      ['README.md', 'cases.json', 'documents.jsonl', 'item.schema.json', 'items.csv', 'items.jsonl'].map((n) => `referat-dataset-2026-11-23/${n}`),
    );
    const row = JSON.parse(strFromU8(files['referat-dataset-2026-11-23/items.jsonl']!));
    expect(row).toMatchObject({ number: '1.1', reviewStatus: 'approved', reviewedBy: 'ana' });
  });
});

describe('otherAppearances', () => {
  const meeting = (i: number) => parseMinutes(readFileSync(seedFiles[i]!, 'utf8'));
  const entry = (id: string, date: string, cases: LibraryEntry['cases']): LibraryEntry => ({
    id, title: `KKR ${date}`, body: 'KKR', date, kind: 'referat', source: 'sample', fileName: `${id}.txt`, review: 'unreviewed', items: 0, sections: 0, cases, createdAt: 0, updatedAt: 0,
  });

  it('reads each item’s case number into the library entry', () => {
    const cases = caseMentions(meeting(0));
    expect(cases).toHaveLength(12);
    expect(cases.find((c) => c.number === '3.1')).toMatchObject({ caseNumber: 'SAG-2020-00222', title: 'Socialtilsyn Nords budget for 2021' });
  });

  it('finds the case in other documents only, oldest first', () => {
    const library = [
      entry('b', '2021-03-01', [{ caseNumber: 'SAG-1', number: '4.2', title: 'Opfølgning' }]),
      entry('a', '2020-09-04', [{ caseNumber: 'SAG-1', number: '3.1', title: 'Budget' }, { caseNumber: 'SAG-1', number: '3.2', title: 'Andet' }]),
      entry('c', '2019-01-01', [{ caseNumber: 'SAG-1', number: '2.1', title: 'Første gang' }, { caseNumber: 'SAG-2', number: '2.2', title: 'Noget andet' }]),
      entry('old', '2018-01-01', undefined),
    ];
    expect(otherAppearances(library, 'SAG-1', 'a').map((o) => `${o.id}/${o.number}`)).toEqual(['c/2.1', 'b/4.2']);
    expect(otherAppearances(library, 'SAG-9', 'a')).toEqual([]);
  });
});
