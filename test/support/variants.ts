/**
 * Layout variants of a minutes text layer, as other extractors and other councils
 * produce them, each with the gold adjusted to match. Used by the accuracy tests.
 */

export interface Gold {
  body: string;
  kind: string;
  date: string | null;
  sections: { number: string; title: string; items: GoldItem[] }[];
  participants?: unknown[];
  absent?: unknown[];
  [key: string]: unknown;
}

export interface GoldItem {
  number: string;
  title: string;
  fields?: string[];
  decisionStart?: string | null;
  [key: string]: unknown;
}

export interface Variant {
  name: string;
  /** Whether the variant can be made of this text (default: always). */
  appliesTo?(text: string): boolean;
  apply(text: string, gold: Gold): { text: string; gold: Gold };
}

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

/** Deterministic pseudo-random numbers (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const VARIANTS: Variant[] = [
  { name: 'as extracted', apply: (text, gold) => ({ text, gold }) },
  { name: 'CRLF line endings', apply: (text, gold) => ({ text: text.replace(/\r?\n/g, '\r\n'), gold }) },
  {
    name: 'no blank lines',
    apply: (text, gold) => ({ text: text.split(/\r?\n/).filter((l) => l.trim() !== '').join('\n'), gold }),
  },
  {
    name: 'NBSP between words',
    apply: (text, gold) => {
      const r = rng(7);
      return { text: text.replace(/ /g, (s) => (r() < 0.2 ? '\u00a0' : s)), gold };
    },
  },
  {
    name: 'form feeds between pages',
    apply: (text, gold) => ({ text: text.replace(/^(\s*SIDE\s*\|)/gm, '\f$1'), gold }),
  },
  {
    name: 'tabs and trailing spaces',
    apply: (text, gold) => ({ text: text.replace(/ (?=\S)/g, (s) => s).replace(/\n/g, '\t  \n'), gold }),
  },
  {
    name: 'another KKR (Syddanmark)',
    apply: (text, gold) => {
      const g = clone(gold);
      const swap = (s: string) => s.replace(/Nordjylland/g, 'Syddanmark').replace(/NORDJYLLAND/g, 'SYDDANMARK');
      g.body = swap(g.body);
      for (const s of g.sections) {
        s.title = swap(s.title);
        for (const i of s.items) {
          i.title = swap(i.title);
          if (typeof i.titleRaw === 'string') i.titleRaw = swap(i.titleRaw);
          if (i.decisionStart) i.decisionStart = swap(i.decisionStart);
          if (typeof i.decisionStartRaw === 'string') i.decisionStartRaw = swap(i.decisionStartRaw);
        }
      }
      // A region name hyphenated at a line end changes with it.
      return { text: swap(text.replace(/Nordjyl-(\s*)land/g, 'Syddan-$1mark')), gold: g };
    },
  },
  {
    name: 'agenda (no Beslutning)',
    // Dropping decisions line by line needs numbers printed with their titles.
    appliesTo: (text) => !/^\s*\d{1,2}\.\d{1,2}\.\s*$/m.test(text),
    apply: (text, gold) => {
      const g = clone(gold);
      g.kind = 'dagsorden';
      for (const s of g.sections)
        for (const i of s.items) {
          i.fields = (i.fields ?? []).filter((f) => f !== 'beslutning');
          delete i.decisionStart;
        }
      // Drop every Beslutning heading and its text up to the next item, section or page rule.
      const lines = text.split('\n');
      const out: string[] = [];
      let skipping = false;
      for (const l of lines) {
        const t = l.trim();
        if (/^Beslutning$/.test(t)) {
          skipping = true;
          continue;
        }
        if (skipping && (/^\d{1,2}\.(\d{1,2}\.?)?(\s|$)/.test(t) || /^SAG-/.test(t) || /\|/.test(t))) skipping = false;
        if (!skipping) out.push(l);
      }
      return { text: out.join('\n').replace(/^(\s*)REFERAT\b/m, '$1DAGSORDEN'), gold: g };
    },
  },
];

/**
 * OCR damage of the kind seen in scanned KL minutes, applied to a clean text layer:
 * `ø` read as `g` (sometimes `a`), `æ` as `ae`/`ee`, `å` as `a`/`d`, `Ø` as `@`.
 * The gold stays as it was: the parser is expected to repair titles back.
 */
export const OCR_DAMAGE: Variant = {
  name: 'OCR damage',
  appliesTo: (text) => /[æøå]/.test(text),
  apply: (text, gold) => {
    const r = rng(2020);
    const pick = (options: string[]) => options[Math.floor(r() * options.length)]!;
    const damaged = text.replace(/[æøåÆØÅ]/g, (c) => {
      switch (c) {
        case 'ø':
          return r() < 0.85 ? 'g' : pick(['a', 'e']);
        case 'æ':
          return pick(['ae', 'ee', 'ze']);
        case 'å':
          return r() < 0.8 ? 'a' : pick(['d', '&']);
        case 'Ø':
          return '@';
        case 'Æ':
          return 'AE';
        default:
          return 'A';
      }
    });
    return { text: damaged, gold };
  },
};
