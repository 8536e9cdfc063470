import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseMinutes, parseMinutesDetailed } from './parse.ts';
import type { Meeting, Span } from './model.ts';

/** Every span of a meeting, with a label saying where it came from. */
function spans(m: Meeting): [string, Span][] {
  const out: [string, Span][] = [];
  for (const p of [...m.participants, ...m.absent]) if (p.span) out.push([`person ${p.name}`, p.span]);
  for (const s of m.sections) {
    out.push([`section ${s.number}`, s.span]);
    for (const i of s.items) {
      out.push([`item ${i.number}`, i.span], [`title ${i.number}`, i.titleSpan]);
      if (i.caseSpan) out.push([`case ${i.number}`, i.caseSpan]);
      for (const [k, f] of Object.entries(i.fields)) out.push([`${k} ${i.number}`, f!.span]);
      i.attachments.forEach((a, k) => out.push([`attachment ${i.number}#${k}`, a]));
    }
  }
  for (const d of m.diagnostics) if (d.span) out.push([`diagnostic ${d.code}`, d.span]);
  return out;
}

const doc = (...lines: string[]) => lines.join('\n');

const ITEM = (n: string, title: string, decision = 'Godkendt.') =>
  doc(`${n}. ${title}`, 'SAG-2024-00001 abc', '', 'Indstilling', 'Det indstilles, at sagen godkendes.', '', 'Beslutning', decision, '');

describe('parseMinutes: structure', () => {
  it('reads sections, items, case lines, fields and attachments', () => {
    const m = parseMinutes(
      doc(
        'REFERAT 2024',
        'KKR SYDDANMARK',
        'Dato: 09-02-2024 10:00',
        'Sted: Rådhuset, Torvet 1, 5000 Odense',
        '1. Godkendelse',
        '1.1. Godkendelse af dagsorden',
        'SAG-2024-00461 hast/hlth',
        'Baggrund',
        'Tekst.',
        'Sagsfremstilling',
        './. Bilag vedlagt.',
        'Beslutning',
        'Godkendt.',
        '2. Eventuelt',
      ),
      { includeText: true },
    );
    expect(m.kind).toBe('referat');
    expect(m.body).toBe('KKR Syddanmark');
    expect(m.date).toBe('2024-02-09');
    expect(m.location).toBe('Rådhuset, Torvet 1, 5000 Odense');
    expect(m.id).toBe('kkr-syddanmark/2024-02-09');
    expect(m.sections.map((s) => [s.number, s.title, s.items.length])).toEqual([
      ['1', 'Godkendelse', 1],
      ['2', 'Eventuelt', 0],
    ]);
    const item = m.sections[0]!.items[0]!;
    expect(item).toMatchObject({ number: '1.1', title: 'Godkendelse af dagsorden', caseNumber: 'SAG-2024-00461', caseworkers: ['hast', 'hlth'] });
    expect(Object.keys(item.fields)).toEqual(['baggrund', 'sagsfremstilling', 'beslutning']);
    expect(item.fields.beslutning!.text).toBe('Godkendt.');
    expect(item.attachments).toHaveLength(1);
    expect(m.text!.slice(item.attachments[0]!.start, item.attachments[0]!.end)).toBe('./. Bilag vedlagt.');
    expect(m.text!.slice(item.fields.beslutning!.span.start, item.fields.beslutning!.span.end)).toBe('Beslutning\nGodkendt.');
  });

  it('does not take numbered lists, wrapped dates or prose for headings', () => {
    const m = parseMinutes(
      doc(
        '3. Regionalpolitiske sager',
        ITEM('3.1', 'Nordjysk Socialaftale 2027-2028'),
        'Sagsfremstilling',
        'Aftalen bygger på tre principper:',
        '1. Et mere forpligtende samarbejde',
        '2. En skarp visitation',
        '4. Transport og mobilitet: Herunder fremme omstillingen af infrastruktur',
        'gennem planlægning.',
        'Mødet holdes den',
        '1. maj 2024.',
        '2030.',
        '4. Udpegninger',
        '5. KKR',
      ),
    );
    expect(m.sections.map((s) => s.number)).toEqual(['3', '4', '5']);
    expect(m.sections[0]!.items.map((i) => i.number)).toEqual(['3.1']);
  });

  it('joins wrapped titles and keeps real hyphens', () => {
    const m = parseMinutes(
      doc('5. KKR', '5.2. Proces- og tidsplan for valg og konstituering af KKR 2026-', '2030', 'SAG-2025-03687 snm/hast', 'Beslutning', 'Taget til efterretning.'),
    );
    expect(m.sections[0]!.items[0]!.title).toBe('Proces- og tidsplan for valg og konstituering af KKR 2026-2030');
  });

  it('pairs detached item numbers with their titles', () => {
    const m = parseMinutes(
      doc(
        '1.',
        '1.1.',
        '1.2.',
        'Godkendelse af referat',
        'Godkendelse af dagsorden',
        'SAG-2020-03136 hast',
        'Beslutning',
        'Godkendt.',
        'Godkendelse af referat',
        'SAG-2020-03136 hast',
        'Beslutning',
        'Godkendt. Der var ingen bemærkninger.',
        '1.3.',
        'Tekst der fortsætter.',
        '',
        'Næste punkt med en lang',
        'titel over to linjer',
        'SAG-2020-03136 hast',
        'Beslutning',
        'Drøftet.',
      ),
    );
    expect(m.sections.map((s) => s.title)).toEqual(['Godkendelse af referat']);
    expect(m.sections[0]!.items.map((i) => [i.number, i.title])).toEqual([
      ['1.1', 'Godkendelse af dagsorden'],
      ['1.2', 'Godkendelse af referat'],
      ['1.3', 'Næste punkt med en lang titel over to linjer'],
    ]);
    // The detached number is not part of the decision text.
    expect(m.sections[0]!.items[1]!.fields.beslutning!.text).toBe('Godkendt. Der var ingen bemærkninger. Tekst der fortsætter.');
  });

  it('skips a table of contents with dot leaders', () => {
    const m = parseMinutes(
      doc(
        'DAGSORDEN 2025',
        'KKR Hovedstaden',
        '1. Godkendelse ............ 3',
        '1.1. Godkendelse af dagsorden ........ 3',
        '2. Eventuelt ............. 4',
        '1. Godkendelse',
        '1.1. Godkendelse af dagsorden',
        'SAG-2025-00001 abc',
        'Indstilling',
        'Det indstilles, at dagsordenen godkendes.',
        '2. Eventuelt',
      ),
    );
    expect(m.kind).toBe('dagsorden');
    expect(m.sections.map((s) => [s.number, s.title, s.items.length])).toEqual([
      ['1', 'Godkendelse', 1],
      ['2', 'Eventuelt', 0],
    ]);
  });

  it('reads participants and absentees', () => {
    const m = parseMinutes(
      doc(
        'Deltagerfortegnelse',
        'Deltagere',
        'Lasse Frimand Jensen (A) Aalborg Kommune',
        'Jens Kristian Yde (C), Thisted Kommune',
        'Lars E Sørensen (D) Brønderslev Kommune (suppl. for Brian Nielsen (D),',
        'Thisted Kommune)',
        'Daniel Nyboe Andersen (B) medlem af KL’s Klimahandlingsudvalg',
        'Afbud',
        'Anna Aaen (Ø) Aalborg Kommune',
        ITEM('1.1', 'Godkendelse af dagsorden'),
      ),
    );
    expect(m.participants.map((p) => [p.name, p.party, p.municipality, p.note])).toEqual([
      ['Lasse Frimand Jensen', 'A', 'Aalborg Kommune', null],
      ['Jens Kristian Yde', 'C', 'Thisted Kommune', null],
      ['Lars E Sørensen', 'D', 'Brønderslev Kommune', 'suppl. for Brian Nielsen (D), Thisted Kommune'],
      ['Daniel Nyboe Andersen', 'B', null, 'medlem af KL’s Klimahandlingsudvalg'],
    ]);
    expect(m.absent.map((p) => p.name)).toEqual(['Anna Aaen']);
  });

  it('dates the meeting from the running header or the text when there is no cover', () => {
    expect(parseMinutes(doc(ITEM('1.1', 'A'), 'KKR Midtjylland | 15-10-2021', 'SIDE | 2', 'tekst')).date).toBe('2021-10-15');
    expect(parseMinutes(doc('Godkendelse af dagsordenen til KKR Sjællands møde den 4. september 2020.', ITEM('1.1', 'A'))).date).toBe('2020-09-04');
  });

  it('reports numbering gaps, duplicates, missing case lines and decisions', () => {
    const m = parseMinutes(
      doc('1. Sager', ITEM('1.1', 'Første'), ITEM('1.3', 'Tredje'), '1.4. Fjerde', 'Indstilling', 'Tekst.', 'REFERAT'),
    );
    const codes = m.diagnostics.map((d) => d.code);
    expect(codes).toContain('numbering-gap');
    expect(codes).toContain('missing-case-line');
    expect(codes).toContain('missing-decision');
  });

  it('says when a document is not KL minutes', () => {
    const m = parseMinutes('Dear customer,\nyour invoice is attached.\nKind regards');
    expect(m.sections).toEqual([]);
    expect(m.diagnostics.map((d) => d.code)).toContain('not-kl-minutes');
  });
});

describe('parseMinutes: totality', () => {
  const klish = fc.constantFrom(
    '1.',
    '1.1.',
    '2. Sager',
    '2.1. Titel',
    'SAG-2020-04159 hlth',
    'Baggrund',
    'Beslutning',
    'Deltagere',
    'Afbud',
    'Navn (A) Aalborg Kommune',
    './. Bilag',
    'KKR Nordjylland | 04-09-2020',
    'SIDE | 7',
    'REFERAT 2020',
    'Dato: 31-02-2020',
    'tekst med orddeling-',
    '',
    ' ',
    '\f',
    '\r',
    '\u00a0',
    '—',
    'æøå',
  );
  const documents = fc.oneof(fc.string({ maxLength: 300 }), fc.array(klish, { maxLength: 60 }).map((ls) => ls.join('\n')));

  it('never throws, and every span lies within the text it indexes', () => {
    fc.assert(
      fc.property(documents, (input) => {
        const { meeting, normalized } = parseMinutesDetailed(input, { includeText: true });
        const text = meeting.text!;
        expect(text).toBe(normalized.text);
        for (const [label, s] of spans(meeting)) {
          expect(s.start, label).toBeGreaterThanOrEqual(0);
          expect(s.end, label).toBeGreaterThanOrEqual(s.start);
          expect(s.end, label).toBeLessThanOrEqual(text.length);
          const back = normalized.map.toSource(s.start);
          expect(back).toBeLessThanOrEqual(input.length);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('survives hostile inputs', () => {
    for (const input of ['', '\u0000\u0001\uffff', '\ud800', '-\n'.repeat(1000), '1.\n'.repeat(500), 'SAG-2020-0001 a\n'.repeat(300), 'x'.repeat(200_000)]) {
      expect(() => parseMinutes(input)).not.toThrow();
    }
    // @ts-expect-error a caller outside TypeScript may pass anything
    expect(parseMinutes(undefined).sections).toEqual([]);
  });
});

describe('parseMinutes: running headers', () => {
  it('reads the date from a header that spells the month', () => {
    const m = parseMinutes(doc(ITEM('1.1', 'A'), 'KKR Hovedstaden | 12. marts 2021', 'Side 2 af 9', 'tekst'));
    expect(m.date).toBe('2021-03-12');
    expect(m.body).toBe('KKR Hovedstaden');
  });
});

describe('parseMinutes: contents as a column of numbers', () => {
  it('lets the real headings win over a table of contents whose numbers stand apart', () => {
    const m = parseMinutes(
      doc(
        'Indholdsfortegnelse',
        '1.',
        'Godkendelse .......... 3',
        '1.1.',
        'Godkendelse af dagsorden .......... 3',
        '1.2.',
        'Godkendelse af referat .......... 3',
        '2.',
        'Eventuelt .......... 4',
        'SIDE | 2',
        '1. Godkendelse',
        ITEM('1.1', 'Godkendelse af dagsorden'),
        ITEM('1.2', 'Godkendelse af referat'),
        '2. Eventuelt',
      ),
    );
    expect(m.sections.map((s) => [s.number, s.title, s.items.map((i) => [i.number, i.title])])).toEqual([
      ['1', 'Godkendelse', [['1.1', 'Godkendelse af dagsorden'], ['1.2', 'Godkendelse af referat']]],
      ['2', 'Eventuelt', []],
    ]);
  });
});

describe('parseMinutes: section headings with text under them', () => {
  it('takes a short heading with a line of text before the end for a section', () => {
    const m = parseMinutes(doc('1. Sager', ITEM('1.1', 'Første'), '2. Eventuelt', 'Intet.'));
    expect(m.sections.map((s) => [s.number, s.title])).toEqual([
      ['1', 'Sager'],
      ['2', 'Eventuelt'],
    ]);
  });

  it('does not take a numbered list in the first section for sections', () => {
    const m = parseMinutes(
      doc(
        '1. Sager',
        '1.1. Første',
        'SAG-2024-00001 abc',
        'Sagsfremstilling',
        'Tre principper:',
        '2. En skarp visitation',
        '3. En fleksibel tilbudsvifte',
        'Beslutning',
        'Godkendt.',
        ITEM('1.2', 'Anden'),
      ),
    );
    expect(m.sections.map((s) => s.number)).toEqual(['1']);
    expect(m.sections[0]!.items.map((i) => i.number)).toEqual(['1.1', '1.2']);
  });
});
