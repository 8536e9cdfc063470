import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { neutralizeFormula } from '../export/formula.ts';
import type { Item, Meeting } from '../minutes/model.ts';
import { createSerializer, CSV_BOM, CSV_COLUMNS, csvField, csvRow, firstSentence, jsonChunks, meetingOutline, serialize, type Format } from './formats.ts';

const span = (start: number, end: number) => ({ start, end });

function item(number: string, title: string, extra: Partial<Item> = {}): Item {
  return {
    id: `kkr-nordjylland/2020-09-04/${number}`,
    number,
    title,
    caseNumber: 'SAG-2020-04159',
    caseworkers: ['hast', 'hlth'],
    fields: {},
    attachments: [],
    span: span(0, 10),
    titleSpan: span(0, 5),
    ...extra,
  };
}

const meeting: Meeting = {
  schemaVersion: 1,
  id: 'kkr-nordjylland/2020-09-04',
  body: 'KKR Nordjylland',
  kind: 'referat',
  date: '2020-09-04',
  location: 'Kompas Hotel, Østerbro 27, 9000 Aalborg',
  source: { name: 'møde.txt', sha256: 'ab'.repeat(32) },
  participants: [{ name: 'Lasse Frimand Jensen', party: 'A', municipality: 'Aalborg Kommune', note: null }],
  absent: [{ name: 'Søren Smalbro', party: 'V', municipality: 'Hjørring Kommune', note: null }],
  sections: [
    {
      number: '1',
      title: 'Godkendelse af referat',
      span: span(0, 100),
      items: [
        item('1.1', 'Godkendelse af dagsorden', {
          fields: {
            indstilling: { text: 'Det indstilles, at dagsordenen godkendes.', span: span(10, 20) },
            beslutning: { text: 'KKR Nordjylland godkendte dagsordenen. Formanden takkede.', span: span(20, 30) },
          },
        }),
        item('1.2', 'Ældre- og sundhedsområdet: "Det nære" – plan', {
          caseNumber: null,
          caseworkers: [],
          fields: { sagsfremstilling: { text: 'Linje et,\nlinje to med "citat" og æøå ÆØÅ.', span: span(30, 40) } },
        }),
      ],
    },
    { number: '4', title: 'Udpegninger', span: span(100, 120), items: [] },
  ],
  diagnostics: [{ severity: 'warning', code: 'missing-case-line', message: 'Item 1.2 has no case line', span: span(2, 8) }],
};

/** A small RFC 4180 reader, to check that what is written reads back. */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field), rows.push(row), (row = []), (field = ''), i++;
    } else field += c;
  }
  if (field !== '' || row.length) row.push(field), rows.push(row);
  return rows;
}

describe('csv', () => {
  it('quotes only fields that need it, doubling quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a, b')).toBe('"a, b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField('æøå ÆØÅ')).toBe('æøå ÆØÅ');
  });

  it('neutralizes what a spreadsheet would read as a formula, as the dataset CSV does', () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvField('+45 1234')).toBe("'+45 1234");
    expect(csvField('- punkt')).toBe("'- punkt");
    expect(csvField('@bruger')).toBe("'@bruger");
    expect(csvField('Godkendt – 2 + 2')).toBe('Godkendt – 2 + 2');
  });

  it('ends records with CRLF', () => {
    expect(csvRow(['a', 'b'])).toBe('a,b\r\n');
  });

  it('round-trips any text through a RFC 4180 reader', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme' }), { minLength: 1, maxLength: 6 }), (fields) => {
        expect(readCsv(csvRow(fields))).toEqual([fields.map(neutralizeFormula)]);
      }),
    );
  });

  it('writes a BOM, a header and one row per item', () => {
    const text = serialize('csv', [meeting], { multiple: false });
    expect(text.startsWith(CSV_BOM)).toBe(true);
    expect(text.indexOf(CSV_BOM, 1)).toBe(-1);
    const rows = readCsv(text.slice(1));
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(3);
    const byColumn = rows.slice(1).map((r) => Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, r[i]])));
    expect(byColumn[0]).toMatchObject({
      meetingId: 'kkr-nordjylland/2020-09-04',
      body: 'KKR Nordjylland',
      date: '2020-09-04',
      kind: 'referat',
      sectionNumber: '1',
      number: '1.1',
      caseNumber: 'SAG-2020-04159',
      caseworkers: 'hast/hlth',
      baggrund: '',
      beslutning: 'KKR Nordjylland godkendte dagsordenen. Formanden takkede.',
    });
    expect(byColumn[1]).toMatchObject({
      title: 'Ældre- og sundhedsområdet: "Det nære" – plan',
      caseNumber: '',
      caseworkers: '',
      sagsfremstilling: 'Linje et,\nlinje to med "citat" og æøå ÆØÅ.',
    });
  });

  it('encodes Danish letters as UTF-8 after the BOM', () => {
    const bytes = Buffer.from(serialize('csv', [meeting], { multiple: false }), 'utf8');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.includes(Buffer.from('æøå ÆØÅ', 'utf8'))).toBe(true);
  });

  it('writes the header once for a batch', () => {
    const text = serialize('csv', [meeting, meeting], { multiple: true });
    expect(text.split('meetingId,').length).toBe(2);
    expect(readCsv(text.slice(1))).toHaveLength(5);
  });
});

describe('json and jsonl', () => {
  it('writes one document as a pretty JSON object', () => {
    const text = serialize('json', [meeting], { multiple: false });
    expect(text).toContain('\n  "schemaVersion": 1');
    expect(JSON.parse(text)).toEqual(meeting);
  });

  it('writes a batch as a JSON array', () => {
    expect(JSON.parse(serialize('json', [meeting, meeting], { multiple: true }))).toEqual([meeting, meeting]);
    expect(JSON.parse(serialize('json', [], { multiple: true }))).toEqual([]);
  });

  it('writes JSON Lines, one meeting per line', () => {
    const text = serialize('jsonl', [meeting, meeting], { multiple: true });
    const lines = text.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
    expect(JSON.parse(lines[1]!)).toEqual(meeting);
  });
});

describe('md', () => {
  const outline = meetingOutline(meeting);

  it('outlines the meeting, its sections and items', () => {
    expect(outline).toMatch(/^# KKR Nordjylland — referat, 2020-09-04\n/);
    expect(outline).toContain('- **Location:** Kompas Hotel, Østerbro 27, 9000 Aalborg');
    expect(outline).toContain('- **Participants (1):** Lasse Frimand Jensen (A)');
    expect(outline).toContain('- **Absent (1):** Søren Smalbro (V)');
    expect(outline).toContain('- **Diagnostics:** 1 (1 warning)');
    expect(outline).toContain('## 1. Godkendelse af referat');
    expect(outline).toContain('### 1.1 Godkendelse af dagsorden\n- Case: SAG-2020-04159 (hast/hlth)\n- Fields: indstilling, beslutning');
    expect(outline).toContain('- Decision: KKR Nordjylland godkendte dagsordenen.\n');
    expect(outline).toContain('## 4. Udpegninger\n\n_No items._');
  });

  it('counts diagnostics inside an item', () => {
    expect(outline).toMatch(/### 1\.1[^#]*- Diagnostics: 1 \(1 warning\)/);
  });

  it('separates meetings in a batch', () => {
    expect(serialize('md', [meeting, meeting], { multiple: true }).split('\n---\n')).toHaveLength(2);
  });

  it('keeps file names readable and escapes markup', () => {
    const odd = { ...meeting, body: 'KKR *Syd*', source: { name: '000_abc.txt', sha256: '' } };
    const text = meetingOutline(odd);
    expect(text).toContain('# KKR \\*Syd\\*');
    expect(text).toContain('000_abc.txt');
  });
});

describe('firstSentence', () => {
  it('stops at the first sentence end', () => {
    expect(firstSentence('KKR godkendte. Formanden takkede.')).toBe('KKR godkendte.');
  });

  it('reads past abbreviations and ordinals', () => {
    expect(firstSentence('KKR drøftede bl.a. Aalborgs forslag, jf. pkt. 3. Regionalpolitiske sager. Næste.')).toBe(
      'KKR drøftede bl.a. Aalborgs forslag, jf. pkt. 3. Regionalpolitiske sager.',
    );
  });

  it('ends at a year', () => {
    expect(firstSentence('Planen gælder til 2030. Derefter evalueres den.')).toBe('Planen gælder til 2030.');
  });

  it('collapses whitespace and clips long sentences at a word', () => {
    expect(firstSentence('  to\n linjer  ')).toBe('to linjer');
    const long = firstSentence('ord '.repeat(200), 50);
    expect(long.length).toBeLessThanOrEqual(51);
    expect(long.endsWith('ord…')).toBe(true);
  });
});

describe('output in pieces', () => {
  it('is JSON.stringify character for character, at any indentation level and depth', () => {
    const json = fc.jsonValue({ maxDepth: 6 });
    fc.assert(
      fc.property(json, fc.constantFrom('', '  '), fc.nat(3), fc.nat(5), (value, indent, level, depth) => {
        const whole = JSON.stringify(value, null, indent);
        const expected = indent && level ? whole.replace(/\n/g, '\n' + indent.repeat(level)) : whole;
        expect([...jsonChunks(value, indent, level, depth)].join('')).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('escapes a long string a slice at a time without splitting a surrogate pair or a lone surrogate', () => {
    const text = '\u{1F600}'.repeat(40_000) + 'a"\\\n\u0001' + '\ud800x'.repeat(30_000) + 'æøå\u2028';
    expect([...jsonChunks({ text }, '  ')].join('')).toBe(JSON.stringify({ text }, null, 2));
    expect([...jsonChunks('b' + text, '')].join('')).toBe(JSON.stringify('b' + text));
  });

  it('writes a meeting the same as in one piece, in every format, alone and in a batch', () => {
    const m: Meeting = { ...structuredClone(meeting), text: 'x'.repeat(70_000) + '\u00e6' };
    for (const format of ['json', 'jsonl', 'csv', 'md'] as Format[]) {
      for (const multiple of [false, true]) {
        const serializer = createSerializer(format, { multiple });
        expect([...serializer.chunks(m)].join(''), `${format} ${multiple}`).toBe(serializer.meeting(m));
      }
    }
  });
});
