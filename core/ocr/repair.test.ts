import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

import { loadDanishLexiconWithInfo } from './load-lexicon.node.ts';
import type { Lexicon } from './lexicon.ts';
import { createRepairer, type Repairer } from './repair.ts';

const FIXTURES = join(import.meta.dirname, '..', '..', 'test', 'fixtures');
const DAMAGED_SEED = '002_d4bf133e628f21e0';

let lexicon: Lexicon;
let repairer: Repairer;

beforeAll(() => {
  const load = loadDanishLexiconWithInfo();
  lexicon = load.lexicon;
  repairer = createRepairer(lexicon);
  console.log(
    `[ocr] lexicon: ${lexicon.size} forms from ${load.source} in ${load.milliseconds.toFixed(0)} ms` +
      (load.reason ? ` (${load.reason})` : ''),
  );
}, 120_000);

/** A paragraph of ordinary, clean Danish council prose (written for this test). */
const CLEAN = `Kommunalbestyrelsen i Næstved Kommune holdt møde den 14. marts 2023. Borgmester Søren
Jørgensen bød velkommen og gennemgik dagsordenen. Udvalget drøftede økonomien på ældreområdet og
besluttede, at forslaget til budget for 2024 skal sendes i høring hos de relevante råd. Der er fortsat
behov for at styrke samarbejdet på tværs af forvaltningerne, så borgerne oplever én indgang til
kommunen. Direktøren fremlagde en status for udmøntningen af aftalen om det nære sundhedsvæsen og
påpegede, at målet er færre genindlæggelser. Bjørn Møller (V) spurgte til sagsbehandlingstiden på
børne- og ungeområdet; forvaltningen svarer skriftligt inden næste møde. Vedlagt er referatet fra
mødet i Aalborg i dag, hvor det var første gang, at gruppen mødtes. Sagen blev i øvrigt taget til
efterretning, jf. bilag 3, og vedr. tidsplanen henvises til www.naestved.dk/moeder eller post@naestved.dk.
SAG-2023-01234 hlth
Den 1. januar trådte de nye regler i kraft, og for en gangs skyld var alle partier enige om dem.
BESLUTNING: Godkendt. Næste møde holdes på Rådhuset, 4700 Næstved, kl. 16.00.`;

/** Damage text the way the KL text layers are damaged (ø→g, æ→ee/ae, å→a, Ø→@ …). */
function ocrDamage(text: string): string {
  let n = 0;
  return text.replace(/[æøåÆØÅ]/g, (ch) => {
    n++;
    switch (ch) {
      case 'ø':
        return 'g';
      case 'æ':
        return n % 2 ? 'ee' : 'ae';
      case 'å':
        return n % 3 === 0 ? 'd' : 'a';
      case 'Ø':
        return '@';
      case 'Æ':
        return 'Ae';
      default:
        return 'A';
    }
  });
}

describe('repairWord', () => {
  const cases: [string, string][] = [
    // ø read as g, a, e
    ['mgde', 'møde'],
    ['Morsg', 'Morsø'],
    ['drgftede', 'drøftede'],
    ['Brgnderslev', 'Brønderslev'],
    ['Jgnsson', 'Jønsson'],
    ['efterfalgende', 'efterfølgende'],
    ['udmentning', 'udmøntning'],
    ['Direktar', 'Direktør'],
    // æ read as ae, ee, ze, e
    ['faelles', 'fælles'],
    ['feelles', 'fælles'],
    ['fzelles', 'fælles'],
    ['opleeg', 'oplæg'],
    ['beskeeftigelse', 'beskæftigelse'],
    ['Leesg', 'Læsø'],
    // å read as a, d, &, 4, é, A
    ['pa', 'på'],
    ['pd', 'på'],
    ['p&', 'på'],
    ['p4', 'på'],
    ['pA', 'på'],
    ['séledes', 'således'],
    ['foresldede', 'foreslåede'],
    ['omradet', 'området'],
    ['arsrapport', 'årsrapport'],
    // Ø read as @, l read as I, I read as |
    ['@sterbro', 'Østerbro'],
    ['Ign', 'løn'],
    ['|kke', 'Ikke'],
    // compounds
    ['tandplejeomradet', 'tandplejeområdet'],
    ['beskeeftigelsesomradet', 'beskæftigelsesområdet'],
    ['feelleskommunalt', 'fælleskommunalt'],
    ['Erhvervsomradet', 'Erhvervsområdet'],
    ['Indsatsomradet', 'Indsatsområdet'],
    ['Frikommuneforsgg', 'Frikommuneforsøg'],
    ['opfglgning', 'opfølgning'],
  ];
  it.each(cases)('%s → %s', (damaged, repaired) => {
    expect(repairer.repairWord(damaged)).toBe(repaired);
  });

  // Examples made up for this test (not taken from the fixtures).
  const invented: [string, string][] = [
    ['Hgringssvar', 'Høringssvar'],
    ['bgrnehaveomradet', 'børnehaveområdet'],
    ['Aeldreradet', 'Ældrerådet'],
    ['gkonomiudvalget', 'økonomiudvalget'],
    ['fglgegruppe', 'følgegruppe'],
    ['handbog', 'håndbog'],
    ['feerdigggrelse', 'færdiggørelse'],
    ['veerdighed', 'værdighed'],
    ['Traeningsomradet', 'Træningsområdet'],
    ['K@benhavns', 'Københavns'],
    ['sa', 'så'],
    ['Ieder', 'leder'],
    ['tilfgjet', 'tilføjet'],
    ['UDVALGSMGDE', 'UDVALGSMØDE'],
    ['PA', 'PÅ'],
    ['ARSRAPPORT', 'ÅRSRAPPORT'],
    ['Mgller', 'Møller'],
    ['Hjgrring', 'Hjørring'],
    ['Kgge', 'Køge'],
    ['Sgren', 'Søren'],
    // phonotactic fallback for names the lexicon lacks
    ['Bjgrnkjeer', 'Bjørnkjeer'],
    ['Mgllerup', 'Møllerup'],
  ];
  it.each(invented)('invented: %s → %s', (damaged, repaired) => {
    expect(repairer.repairWord(damaged)).toBe(repaired);
  });

  it.each([
    'for', 'mal', 'at', 'den', 'og', 'dag', 'gang', 'borgmester', 'vedlagt', 'Aalborg', 'Aalborgs',
    'Borgmester', 'BORGMESTER', 'møde', 'Læsø', 'Nørgaard', 'klimaindsats', 'Erhvervshus', 'fælleskommunalt',
    'SAG', 'KKR', 'DEB', 'hlth', 'snm', 'mode', 'Vedlagt', 'Ikke', 'mål', 'over', 'gade', 'ager',
    'R&D', 'B&O', 'DR', 'NEET', 'Torben', 'Arne', 'Boelt',
  ])('leaves the word %s alone', (word) => {
    expect(repairer.repairWord(word)).toBeNull();
  });

  it('explains repairs', () => {
    expect(repairer.explainWord('beskeeftigelsesomradet')).toMatchObject({
      known: false,
      repaired: 'beskæftigelsesområdet',
      parts: ['beskæftigelses', 'området'],
      method: 'compound',
    });
    expect(repairer.explainWord('møde')).toMatchObject({ known: true, repaired: null });
    expect(repairer.explainWord('Jgnssonsen').method).toBe('phonotactic');
  });
});

describe('repairText', () => {
  it('repairs tokens and reports edits with offsets into the original text', () => {
    const text = 'Status pa omradet: KKR-mgde den 4. maj | Fredericia.\n| forbindelse med opfgl-\ngning.';
    const { text: out, edits } = repairer.repairText(text);
    expect(out).toBe('Status på området: KKR-møde den 4. maj | Fredericia.\nI forbindelse med opføl-\ngning.');
    for (const e of edits) expect(text.slice(e.start, e.end)).toBe(e.from);
    // Re-applying the edits to the original reproduces the output.
    let rebuilt = '';
    let p = 0;
    for (const e of edits) {
      expect(e.start).toBeGreaterThanOrEqual(p);
      rebuilt += text.slice(p, e.start) + e.to;
      p = e.end;
    }
    expect(rebuilt + text.slice(p)).toBe(out);
  });

  it('judges a word hyphenated across lines as a whole', () => {
    const { text } = repairer.repairText('Udvalget drgf-\ntede sagen og koordi-neret indsats i ud-\nvalget.');
    expect(text).toBe('Udvalget drøf-\ntede sagen og koordi-neret indsats i ud-\nvalget.');
  });

  it('does not change clean Danish', () => {
    const { text, edits } = repairer.repairText(CLEAN);
    expect(edits).toEqual([]);
    expect(text).toBe(CLEAN);
  });

  it('optionally replaces a rare word on a damaged line by a frequent neighbour', () => {
    const eager = createRepairer(lexicon, { realWordRepair: true });
    expect(eager.repairText('Punkter til neeste mode').text).toBe('Punkter til næste møde');
    // Not on an undamaged line, and not by default.
    expect(eager.repairText('Punkter til næste mode').edits).toEqual([]);
    expect(repairer.repairText('Punkter til neeste mode').text).toBe('Punkter til næste mode');
  });

  it('leaves initials after a case number, abbreviations, e-mail and URLs alone', () => {
    const text = 'SAG-2021-00042 mgd\nvedr. sagen, se www.mgde.dk eller mgde@kl.dk';
    expect(repairer.repairText(text).edits).toEqual([]);
    const custom = createRepairer(lexicon, { isProtected: (t) => t === 'mgde' });
    expect(custom.repairText('et mgde i dag').edits).toEqual([]);
  });

  it('restores a damaged copy of the clean paragraph', () => {
    const damaged = ocrDamage(CLEAN);
    const { text } = repairer.repairText(damaged);
    const want = CLEAN.split(/\s+/);
    const got = text.split(/\s+/);
    const before = damaged.split(/\s+/);
    expect(got).toHaveLength(want.length);
    let damagedWords = 0;
    let restored = 0;
    let collateral = 0;
    const wrong: string[] = [];
    for (let i = 0; i < want.length; i++) {
      if (before[i] !== want[i]) {
        damagedWords++;
        if (got[i] === want[i]) restored++;
        else wrong.push(`${before[i]}→${got[i]} (want ${want[i]})`);
      } else if (got[i] !== want[i]) collateral++;
    }
    console.log(`[ocr] round trip: ${restored}/${damagedWords} damaged words restored; not restored: ${wrong.join(', ')}`);
    expect(collateral).toBe(0);
    expect(restored / damagedWords).toBeGreaterThanOrEqual(0.85);
  });
});

describe('damageScore', () => {
  it('separates clean from damaged text', () => {
    const clean = repairer.damageScore(CLEAN);
    const damaged = repairer.damageScore(ocrDamage(CLEAN));
    console.log(`[ocr] damageScore clean ${clean.toFixed(3)}, damaged ${damaged.toFixed(3)}`);
    expect(clean).toBeLessThan(0.01);
    expect(damaged).toBeGreaterThan(0.1);
    expect(repairer.damageScore('')).toBe(0);
  });

  it('sums its lines: the same as reading the whole text, after any edits', () => {
    const whole = (text: string) => {
      const { damaged, total } = repairer.damageCounts(text);
      return total === 0 ? 0 : damaged / total;
    };
    let seed = 1;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    // Pieces an edit may type: words damaged and not, a case line with initials, an e-mail, a suspended compound across a
    // break ("bgrne" is repaired there only: read as the first half of "bgrne- og unge", not as a word on its own).
    const pieces = ['mgde ', 'møde ', '\n', 'børne- \nog ', 'bgrne- \nog ', 'bgrne- ', 'SAG-2020-03136 hlth ', 'a.b@kl.dk ', 'vedr. ', '- ', ' Kommune', 'okonomi', '\n\n', '0konomi '];
    for (const name of readdirSync(join(FIXTURES, 'seeds'))) {
      const clean = readFileSync(join(FIXTURES, 'seeds', name), 'utf8').slice(0, 12_000);
      for (let text of [clean, ocrDamage(clean), 'bgrne- \nog unge', 'bgrne- \n', '\nmgde\n', '', '\n']) {
        for (let edit = 0; edit < 40; edit++) {
          expect(repairer.damageScore(text)).toBe(whole(text));
          const at = Math.floor(random() * (text.length + 1));
          const cut = Math.min(text.length - at, Math.floor(random() * 12));
          text = text.slice(0, at) + (random() < 0.7 ? pieces[Math.floor(random() * pieces.length)]! : '') + text.slice(at + cut);
        }
      }
    }
  });

  it('separates the clean seeds from the OCR-damaged one', () => {
    const scores: Record<string, number> = {};
    for (const f of readdirSync(join(FIXTURES, 'seeds'))) {
      scores[f] = repairer.damageScore(readFileSync(join(FIXTURES, 'seeds', f), 'utf8'));
    }
    console.log('[ocr] damageScore per seed', scores);
    for (const [f, s] of Object.entries(scores)) {
      if (f.startsWith(DAMAGED_SEED)) expect(s).toBeGreaterThan(0.08);
      else expect(s).toBeLessThan(0.01);
    }
  });
});

describe('fixtures', () => {
  it('makes (almost) no edits to the clean seeds', () => {
    for (const f of readdirSync(join(FIXTURES, 'seeds'))) {
      if (f.startsWith(DAMAGED_SEED)) continue;
      const { edits } = repairer.repairText(readFileSync(join(FIXTURES, 'seeds', f), 'utf8'));
      if (edits.length) console.log(`[ocr] ${f}: ${edits.map((e) => `${e.from}→${e.to}`).join(', ')}`);
      expect(edits.length).toBeLessThanOrEqual(1);
    }
  });

  it('repairs the gold titles, decision openings, absentees and location of the damaged seed', () => {
    const gold = JSON.parse(readFileSync(join(FIXTURES, 'gold', `${DAMAGED_SEED}.json`), 'utf8')) as {
      location: string;
      absent: { name: string; municipality: string }[];
      sections: {
        title: string;
        titleRaw: string;
        items?: { title: string; titleRaw: string; decisionStart: string | null; decisionStartRaw: string | null }[];
      }[];
    };
    const pairs: [string, string][] = [];
    for (const s of gold.sections) {
      pairs.push([s.titleRaw, s.title]);
      for (const it of s.items ?? []) {
        pairs.push([it.titleRaw, it.title]);
        if (it.decisionStartRaw && it.decisionStart) pairs.push([it.decisionStartRaw, it.decisionStart]);
      }
    }
    // The "Afbud" block and the location line of the seed, against the gold people and place.
    const seed = readFileSync(join(FIXTURES, 'seeds', `${DAMAGED_SEED}.txt`), 'utf8');
    const afbud = seed.slice(seed.indexOf('Afbud'), seed.indexOf('\n 1.'));
    const repairedAfbud = repairer.repairText(afbud).text;
    const repairedSeed = repairer.repairText(seed).text;
    const expected = [...gold.absent.flatMap((p) => [p.name, p.municipality]), gold.location];

    const misses: string[] = [];
    let hits = 0;
    for (const [raw, want] of pairs) {
      const got = repairer.repairText(raw).text;
      if (got === want) hits++;
      else misses.push(`"${raw}" → "${got}" (gold "${want}")`);
    }
    for (const want of expected) {
      const where = want === gold.location ? repairedSeed : repairedAfbud;
      if (where.includes(want)) hits++;
      else misses.push(`"${want}" not found after repair`);
    }
    const total = pairs.length + expected.length;
    console.log(`[ocr] gold hit rate ${hits}/${total}${misses.length ? `; misses:\n  ${misses.join('\n  ')}` : ''}`);
    expect(hits / total).toBeGreaterThanOrEqual(0.95);

    // With the opt-in real-word repair ("mode" → "møde" on a damaged line).
    const eager = createRepairer(lexicon, { realWordRepair: true });
    const eagerHits = pairs.filter(([raw, want]) => eager.repairText(raw).text === want).length;
    console.log(`[ocr] gold titles/decisions with realWordRepair: ${eagerHits}/${pairs.length}`);
    expect(eagerHits).toBeGreaterThanOrEqual(hits - expected.length);
  });
});

describe('speed (printed, not asserted)', () => {
  it('repairs a 50 KB document', () => {
    const text = readFileSync(join(FIXTURES, 'seeds', `${DAMAGED_SEED}.txt`), 'utf8');
    const cold = performance.now();
    repairer.repairText(text);
    const coldMs = performance.now() - cold;
    const runs = 5;
    const t0 = performance.now();
    for (let i = 0; i < runs; i++) repairer.repairText(text);
    const warmMs = (performance.now() - t0) / runs;
    const t1 = performance.now();
    repairer.damageScore(text);
    const scoreMs = performance.now() - t1;
    console.log(
      `[ocr] repairText on ${(text.length / 1000).toFixed(0)} KB: first ${coldMs.toFixed(1)} ms, then ${warmMs.toFixed(1)} ms; damageScore ${scoreMs.toFixed(1)} ms`,
    );
    expect(warmMs).toBeGreaterThan(0);
  });
});

describe('repairText word by word (scope "words")', () => {
  it('leaves clean text alone', () => {
    expect(repairer.repairText(CLEAN, 'words')).toEqual({ text: CLEAN, edits: [] });
  });

  it('repairs the damaged words of a partly damaged text, each with its evidence', () => {
    const text = `${CLEAN}\nUdvalget godkendte pa mgdet den feelles plan for omradet.`;
    const { text: out, edits } = repairer.repairText(text, 'words');
    expect(out).toBe(`${CLEAN}\nUdvalget godkendte på mødet den fælles plan for området.`);
    expect(edits.map((e) => [e.from, e.to, e.evidence])).toEqual([
      ['pa', 'på', 'word'],
      ['mgdet', 'mødet', 'word'],
      ['feelles', 'fælles', 'word'],
      ['omradet', 'området', 'word'],
    ]);
    for (const e of edits) expect(e.cost).toBeGreaterThan(0);
  });

  it('takes a weaker reading only on a line where another word was damaged', () => {
    // A line-initial "|" is an "I" where its line is damaged, and left alone on a clean line.
    const clean = '| Aalborg holdt udvalget møde.';
    expect(repairer.repairText(clean, 'words').edits).toEqual([]);
    const damaged = '| Aalborg holdt udvalget mgde.';
    const { text, edits } = repairer.repairText(damaged, 'words');
    expect(text).toBe('I Aalborg holdt udvalget møde.');
    expect(edits.map((e) => e.evidence)).toEqual(['line', 'word']);
    // The whole-document scope takes every repair, as before.
    expect(repairer.repairText(clean).text).toBe('I Aalborg holdt udvalget møde.');
    expect(repairer.repairText(clean).edits[0]!.evidence).toBe('document');
  });

  it('reads 0 as ø and aa as å inside words, not in short tokens ("0g" may be "og")', () => {
    expect(repairer.repairText('Det naeste m0de er paa torsdag, 0g det er godt.', 'words').text).toBe('Det næste møde er på torsdag, 0g det er godt.');
  });
});
