/**
 * The one way the apps say things: i18next over catalogs given as plain data.
 * A catalog nests strings by key; `{{name}}` marks a value; a string that
 * depends on a number comes as `key_one` / `key_other` (the CLDR plural
 * categories of Danish and English) and is chosen by the `count` value.
 * Each call builds its own i18next instance: nothing global.
 */
import i18next from 'i18next';

export type Lang = 'da' | 'en';
export const LANGS: readonly Lang[] = ['da', 'en'];

/** Strings by key, nested; plural forms as `key_one` / `key_other`. */
export interface Catalog {
  readonly [key: string]: string | Catalog;
}

/**
 * The values a string interpolates; `count` also chooses the plural form. A
 * number or date is written in the language's way where the string asks for it:
 * `{{n, number(maximumFractionDigits: 1)}}`, `{{at, datetime(dateStyle: short)}}`.
 */
export type Values = Readonly<Record<string, string | number | Date | null | undefined>>;

/** Another language's catalog of the same shape: every key of `C`, each a string. */
export type Translation<C> = { readonly [K in keyof C]: C[K] extends string ? string : Translation<C[K]> };

type PluralSuffix = '_zero' | '_one' | '_two' | '_few' | '_many' | '_other';
type Base<K extends string> = K extends `${infer B}${PluralSuffix}` ? B : K;

/** The keys of a catalog as `t` takes them: dotted paths, plural forms under their base key. */
export type CatalogKey<C> = {
  [K in keyof C & string]: C[K] extends string ? Base<K> : `${K}.${CatalogKey<C[K]>}`;
}[keyof C & string];

/** A string for people, by key; a missing key comes back as the key itself (and a completeness test fails). */
export type Translate<K extends string = string> = (key: K, values?: Values) => string;

/** The translation function for one language over the merged catalogs. */
export function createTranslator<K extends string = string>(lang: Lang, catalog: Catalog): Translate<K> {
  const instance = i18next.createInstance();
  void instance.init({
    lng: lang,
    fallbackLng: false,
    initAsync: false,
    resources: { [lang]: { translation: catalog as Record<string, unknown> } },
    // The apps render through Preact and textContent, which escape on their own.
    interpolation: { escapeValue: false },
    returnNull: false,
    returnEmptyString: true,
  });
  const t = instance.getFixedT(lang);
  return (key, values) => String(values ? t(key, values as Record<string, unknown>) : t(key));
}

/** Every key a catalog holds, dotted, with plural forms as their base key (for completeness tests). */
export function catalogKeys(catalog: Catalog, prefix = ''): string[] {
  const keys = new Set<string>();
  for (const [k, v] of Object.entries(catalog)) {
    const path = `${prefix}${k}`;
    if (typeof v === 'string') keys.add(path.replace(/_(zero|one|two|few|many|other)$/, ''));
    else for (const inner of catalogKeys(v, `${path}.`)) keys.add(inner);
  }
  return [...keys];
}

/** Every leaf of a catalog with its exact key (plural forms apart), for comparing two languages. */
export function catalogLeaves(catalog: Catalog, prefix = ''): [string, string][] {
  return Object.entries(catalog).flatMap(([k, v]) => (typeof v === 'string' ? [[`${prefix}${k}`, v] as [string, string]] : catalogLeaves(v, `${prefix}${k}.`)));
}

/**
 * Where two languages' catalogs differ in shape: a key one has and the other
 * lacks, or a string naming other `{{values}}` than its counterpart. Empty when
 * they match (what the catalogs' tests hold).
 */
export function catalogMismatches(a: Catalog, b: Catalog): string[] {
  const vars = (s: string) => [...s.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]).sort().join(',');
  const left = new Map(catalogLeaves(a));
  const right = new Map(catalogLeaves(b));
  const out: string[] = [];
  for (const [k, v] of left) {
    const w = right.get(k);
    if (w === undefined) out.push(`only in the first: ${k}`);
    else if (vars(v) !== vars(w)) out.push(`${k}: {{${vars(v)}}} vs {{${vars(w)}}}`);
  }
  for (const k of right.keys()) if (!left.has(k)) out.push(`only in the second: ${k}`);
  return out;
}
