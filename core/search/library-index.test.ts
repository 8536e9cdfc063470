import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { parseMinutes } from '../minutes/parse.ts';
import { foldDanish, tokenize } from './fold.ts';
import { LibraryIndex, searchRecords, snippet } from './library-index.ts';

describe('Danish folding', () => {
  it('folds æ/ø/å to ae/oe/aa, case and accents away', () => {
    expect(foldDanish('Æblegrød på Ærø')).toBe('aeblegroed paa aeroe');
    expect(foldDanish('ÅBENRÅ')).toBe(foldDanish('aabenraa'));
    expect(foldDanish('Ökonomi café')).toBe('oekonomi cafe');
  });

  it('keeps a case number whole and in parts', () => {
    expect(tokenize('Sagsnr. 00.01.00-P35-1-20: økonomi')).toEqual(['Sagsnr', '00.01.00-P35-1-20', '00', '01', '00', 'P35', '1', '20', 'økonomi']);
  });
});

const seed = (name: string) => readFileSync(new URL(`../../test/fixtures/seeds/${name}`, import.meta.url), 'utf8');

describe('the library index', () => {
  const meeting = parseMinutes(seed('000_0c2e4851483b96f9.txt'), { includeText: true });
  const text = meeting.text ?? '';
  const items = meeting.sections.flatMap((s) => s.items);
  const item = (n: string) => items.find((i) => i.number === n)!;
  const people = { ...meeting, participants: [{ name: 'Søren Åberg', party: 'V', municipality: 'Aalborg', note: null }] };
  const index = new LibraryIndex();
  index.setDocument('doc1', searchRecords('doc1', people, text, [{ from: item('3.1').titleSpan.start, labels: ['økonomi', 'social'], comments: ['Se også budgetloven'] }]));

  it('finds a case number, whole or by a part, in its item', () => {
    const [g] = index.search('SAG-2020-00222');
    expect(g?.docId).toBe('doc1');
    expect(g?.title).toBe('KKR Nordjylland 2020-09-04');
    expect(g?.hits[0]).toMatchObject({ item: '3.1', pos: item('3.1').titleSpan.start });
    expect(g?.hits[0]?.fields).toContain('cases');
    expect(index.search('00222')[0]?.hits[0]?.item).toBe('3.1');
  });

  it('matches Danish words written without æ/ø/å, and word forms by prefix', () => {
    const hits = (q: string) => index.search(q)[0]?.hits.map((h) => h.item) ?? [];
    expect(hits('droeftelse')).toContain('3.7');
    expect(hits('drøftelse')).toEqual(hits('droeftelse'));
    expect(hits('DRØFTELSE')).toEqual(hits('droeftelse'));
    // A prefix finds longer forms: "socialaftale" finds "Socialaftale 2021-22".
    expect(hits('socialaft')).toContain('3.3');
  });

  it('finds labels, comments and participants', () => {
    expect(index.search('budgetloven')[0]?.hits[0]).toMatchObject({ item: '3.1', fields: ['comments'] });
    expect(index.search('oekonomi')[0]?.hits.find((h) => h.item === '3.1')?.fields).toContain('labels');
    expect(index.search('Aaberg')[0]?.hits[0]).toMatchObject({ item: null, fields: ['participants'] });
  });

  it('replaces a document’s records when it changes, and forgets it when removed', () => {
    const other = new LibraryIndex();
    other.setDocument('d', searchRecords('d', meeting, text, []));
    expect(other.search('budgetloven')).toEqual([]);
    other.setDocument('d', searchRecords('d', meeting, text, [{ from: item('1.2').titleSpan.start, labels: [], comments: ['budgetloven'] }]));
    expect(other.search('budgetloven')[0]?.hits.map((h) => h.item)).toEqual(['1.2']);
    other.removeDocument('d');
    expect(other.search('godkendelse')).toEqual([]);
    expect(other.size).toBe(0);
  });

  it('groups hits by meeting, across the seed minutes', () => {
    const big = new LibraryIndex();
    const names = ['000_0c2e4851483b96f9.txt', ...readdirSync(new URL('../../test/fixtures/seeds/', import.meta.url)).filter((n) => n.endsWith('.txt') && !n.startsWith('000'))];
    for (const name of names) {
      const m = parseMinutes(seed(name), { includeText: true });
      big.setDocument(name, searchRecords(name, m, m.text ?? '', []));
    }
    const groups = big.search('godkendelse af referat');
    expect(groups.length).toBeGreaterThan(1);
    for (const g of groups) {
      expect(names).toContain(g.docId);
      expect(new Set(g.hits.map((h) => h.id)).size).toBe(g.hits.length);
      for (const h of g.hits) expect(h.id.startsWith(g.docId)).toBe(true);
    }
  });

  it('cuts a snippet around the match, with folding', () => {
    expect(snippet('Lang tekst om noget andet. Så kommer Økonomiaftalen til sidst.', ['oekonomiaftalen'], 30)).toBe('…Så kommer Økonomiaftalen til s…');
  });
});
