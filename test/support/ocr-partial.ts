/**
 * Partial OCR damage, generated (seeded random) rather than designed: a text
 * layer in which some of the Danish letters were misread and others not, as
 * when a document mixes fonts, a page was re-scanned, or several OCR engines
 * made one text. The gold is not changed: the parser is expected to give the
 * titles, fields and people back as printed.
 *
 * A damage is a substitution table (how each of æ, ø, å and their capitals is
 * misread, with the share of each reading) and a scope (which letters are hit:
 * a share of the words, a share of the lines, some pages only, or stretches of
 * damaged text between clean ones, each stretch with its own table).
 */
import { rng, type Variant } from './variants.ts';

/** How one letter is misread: readings with their weights. */
type Readings = readonly (readonly [string, number])[];

export interface SubstitutionTable {
  name: string;
  letters: Readonly<Record<'æ' | 'ø' | 'å' | 'Æ' | 'Ø' | 'Å', Readings>>;
}

export const TABLES: readonly SubstitutionTable[] = [
  {
    name: 'æ→ae, ø→g, å→a',
    letters: { æ: [['ae', 1]], ø: [['g', 1]], å: [['a', 1]], Æ: [['AE', 1]], Ø: [['O', 1]], Å: [['A', 1]] },
  },
  {
    name: 'æ→ee, ø→o, å→aa',
    letters: { æ: [['ee', 1]], ø: [['o', 1]], å: [['aa', 1]], Æ: [['Ee', 1]], Ø: [['O', 1]], Å: [['Aa', 1]] },
  },
  {
    name: 'æ→a, ø→0, å→a',
    letters: { æ: [['a', 1]], ø: [['0', 1]], å: [['a', 1]], Æ: [['A', 1]], Ø: [['0', 1]], Å: [['A', 1]] },
  },
  {
    name: 'mixed (æ→ae/ee/a, ø→g/o/0, å→a/aa)',
    letters: {
      æ: [['ae', 2], ['ee', 1], ['a', 1]],
      ø: [['g', 3], ['o', 1], ['0', 1]],
      å: [['a', 3], ['aa', 1]],
      Æ: [['AE', 1]],
      Ø: [['O', 1], ['0', 1]],
      Å: [['A', 1], ['AA', 1]],
    },
  },
  {
    name: 'seed-002 kind (ø→g/a/e, æ→ae/ee/ze, å→a/d/&, Ø→@)',
    letters: {
      æ: [['ae', 1], ['ee', 1], ['ze', 1]],
      ø: [['g', 17], ['a', 1.5], ['e', 1.5]],
      å: [['a', 8], ['d', 1], ['&', 1]],
      Æ: [['AE', 1]],
      Ø: [['@', 1]],
      Å: [['A', 1]],
    },
  },
];

export type Scope = 'words' | 'lines' | 'pages' | 'stretches';
export const SCOPES: readonly Scope[] = ['words', 'lines', 'pages', 'stretches'];

/** Lines per page of a text layer that marks no pages (about what an A4 page of minutes holds). */
const PAGE_LINES = 55;
const DANISH_RE = /[æøåÆØÅ]/g;
const HAS_DANISH = /[æøåÆØÅ]/;
const WORD_RE = /[\p{L}\p{N}@&|]+/gu;

function pick(r: () => number, readings: Readings): string {
  let total = 0;
  for (const [, w] of readings) total += w;
  let x = r() * total;
  for (const [s, w] of readings) if ((x -= w) < 0) return s;
  return readings[readings.length - 1]![0];
}

function damageAll(text: string, table: SubstitutionTable, r: () => number): string {
  return text.replace(DANISH_RE, (c) => pick(r, table.letters[c as keyof SubstitutionTable['letters']]));
}

/**
 * `text` with partial damage: `share` of the words (or lines, or pages) hit with
 * `table`; for 'stretches', runs of 5–40 lines alternate clean and damaged, each
 * damaged run with a table drawn from `TABLES`. Deterministic for a given `seed`.
 */
export function damagePartly(text: string, table: SubstitutionTable, scope: Scope, share: number, seed: number): string {
  const r = rng(seed);
  const lines = text.split('\n');
  switch (scope) {
    case 'words':
      return text.replace(WORD_RE, (w) => (HAS_DANISH.test(w) && r() < share ? damageAll(w, table, r) : w));
    case 'lines':
      return lines.map((l) => (r() < share ? damageAll(l, table, r) : l)).join('\n');
    case 'pages': {
      const pages = Math.ceil(lines.length / PAGE_LINES);
      const hit = new Set<number>();
      for (let p = 0; p < pages; p++) if (r() < share) hit.add(p);
      if (hit.size === 0) hit.add(Math.floor(r() * pages));
      return lines.map((l, i) => (hit.has(Math.floor(i / PAGE_LINES)) ? damageAll(l, table, r) : l)).join('\n');
    }
    case 'stretches': {
      const out: string[] = [];
      let damaged = r() < 0.5;
      for (let i = 0; i < lines.length; ) {
        const n = 5 + Math.floor(r() * 36);
        const t = TABLES[Math.floor(r() * TABLES.length)]!;
        for (const l of lines.slice(i, i + n)) out.push(damaged ? damageAll(l, t, r) : l);
        i += n;
        damaged = !damaged;
      }
      return out.join('\n');
    }
  }
}

/** Every partial damage measured: each table in each scope, at a low and a high share. */
export function partialDamages(): (Variant & { table: string; scope: Scope; share: number })[] {
  const out: (Variant & { table: string; scope: Scope; share: number })[] = [];
  let seed = 1;
  for (const table of TABLES) {
    for (const scope of SCOPES) {
      if (scope === 'stretches' && table !== TABLES[0]) continue; // stretches draw their own tables
      for (const share of scope === 'stretches' ? [0.5] : [0.15, 0.5]) {
        const s = seed++;
        out.push({
          name: `${scope === 'stretches' ? 'stretches, tables mixed' : `${table.name}, ${share * 100}% of the ${scope}`}`,
          table: scope === 'stretches' ? 'mixed stretches' : table.name,
          scope,
          share,
          apply: (text, gold) => ({ text: damagePartly(text, table, scope, share, 1000 + s), gold }),
        });
      }
    }
  }
  return out;
}
