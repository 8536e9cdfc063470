import { describe, expect, it } from 'vitest';
import { datasetRows, ROW_COLUMNS, settle } from './rows.ts';
import { seedDocuments } from '../../test/support/curated.ts';

const docs = seedDocuments();
const rows = datasetRows(docs);

describe('item rows from the seeds’ parses', () => {
  it('has one row per item, in document order, with every column in order', () => {
    const items = docs.reduce((n, d) => n + d.meeting.sections.reduce((m, s) => m + s.items.length, 0), 0);
    expect(rows).toHaveLength(items);
    for (const row of rows) expect(Object.keys(row)).toEqual([...ROW_COLUMNS]);
  });

  it('carries the meeting, the item, its fields and provenance', () => {
    const row = rows.find((r) => r.id === 'kkr-nordjylland/2020-09-04/1.1')!;
    expect(row).toMatchObject({
      schemaVersion: 1,
      meetingId: 'kkr-nordjylland/2020-09-04',
      body: 'KKR Nordjylland',
      kind: 'referat',
      date: '2020-09-04',
      number: '1.1',
      title: 'Godkendelse af dagsorden',
      caseNumber: 'SAG-2020-04159',
      caseworkers: ['hast'],
      beslutning: 'KKR Nordjylland godkendte dagsordenen.',
      decisionType: 'godkendt',
      decisionTypeSource: 'rule',
      reviewStatus: 'unreviewed',
      source: { name: '000_0c2e4851483b96f9.txt', url: null, sha256: '832f6cd9fe348b192038db1bd6554eb1c1cd5074c951969f520c1778b2c3e214', fingerprint: null, pages: null },
    });
    const text = docs[0]!.meeting.text;
    expect(text.slice(row.fieldSpans.beslutning!.start, row.fieldSpans.beslutning!.end)).toContain('godkendte dagsordenen');
  });

  it('gives each meeting’s participants and absentees on its rows', () => {
    const row = rows.find((r) => r.meetingId === 'kkr-nordjylland/2024-02-09')!;
    expect(row.participants.length).toBe(20);
    expect(row.participants[0]).toHaveProperty('party');
  });

  it('reads a decision type for every item with a decision text', () => {
    for (const r of rows) expect(r.decisionType === null).toBe(r.beslutning === null);
    expect(rows.find((r) => r.beslutning?.startsWith('Sagen blev udsat'))?.decisionType).toBe('udsat');
  });
});

describe('settle', () => {
  it('applies adjudications in time order over the analysts’ labels', () => {
    const adj = [
      { label: 'klima', value: false, at: '2026-01-02T00:00:00.000Z' },
      { label: 'trafik', value: true, at: '2026-01-01T00:00:00.000Z' },
    ];
    expect(settle(['klima', 'social', 'klima'], adj)).toEqual(['social', 'trafik']);
  });
});
