import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { exportDocuments } from '../../test/support/export-data.ts';
import { datasetRows } from './rows.ts';
import { rowsToXlsx } from './xlsx.ts';

const rows = datasetRows(exportDocuments());

describe('rowsToXlsx shared strings', () => {
  it('stores a text that repeats from item to item once, and each list or object text once', async () => {
    const parts = unzipSync(await rowsToXlsx(rows));
    const entries = [...strFromU8(parts['xl/sharedStrings.xml']!).matchAll(/<si><t(?: xml:space="preserve")?>([^<]*)<\/t><\/si>/g)].map((m) => m[1]);
    expect(new Set(entries).size).toBe(entries.length);
    const meetingId = rows[0]!.meetingId;
    expect(entries.filter((e) => e === meetingId)).toHaveLength(1);
    expect(rows.filter((r) => r.meetingId === meetingId).length).toBeGreaterThan(1);
    expect(entries.filter((e) => e === '[]')).toHaveLength(1);
    // The sheet points to the one entry from every item of the meeting.
    const sheet = strFromU8(parts['xl/worksheets/sheet1.xml']!);
    const index = entries.indexOf(meetingId);
    expect(sheet.match(new RegExp(`<c r="C\\d+" t="s"><v>${index}</v></c>`, 'g'))).toHaveLength(rows.filter((r) => r.meetingId === meetingId).length);
  });
});
