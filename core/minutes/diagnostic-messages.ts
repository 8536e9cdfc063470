/**
 * What the parser's diagnostics say, in Danish and English, as catalogs for
 * the translation layer (core/i18n): a diagnostic's `code` picks the entry,
 * its `params` fill it in. The English catalog says exactly what the parser
 * writes into `message` (a test holds them together).
 */
import type { Catalog, Translate, Translation } from '../i18n/translate.ts';
import type { Diagnostic, DiagnosticCode } from './model.ts';

const en = {
  'not-kl-minutes': {
    'no-items': 'No agenda items were found in this document',
    'not-kl': 'This does not look like KL minutes or an agenda: no items, case numbers or KKR cover were found',
  },
  'no-date': 'No meeting date was found on the cover, in the running header or in the text',
  'numbering-duplicate': {
    section: 'Section {{number}} occurs twice',
    item: 'Item {{number}} occurs twice',
  },
  'numbering-gap': {
    section: 'Section {{missing}} is missing (after {{after}} comes {{found}})',
    item: 'Item {{missing}} is missing (after {{after}} comes {{found}})',
    'first-item': 'Item {{missing}} is missing (after section {{section}} comes {{found}})',
  },
  'item-outside-section': 'An item stands outside any section',
  'missing-case-line': 'Item {{item}} has no case line (SAG-…)',
  'missing-decision': 'Item {{item}} has no Beslutning in these minutes',
  'ocr-word_one': '"{{found}}" looks like OCR damage of "{{suggestion}}"',
  'ocr-word_other': '"{{found}}" looks like OCR damage of "{{suggestion}}" ({{count}} times)',
  'ocr-detached-number': 'No number was printed for "{{title}}"; it was read as item {{item}} from the sequence',
  'no-text-layer': 'Page {{page}} has no text layer (a scanned image?); its content could not be read',
  'ocr-page': {
    image: 'Page {{page}} was read with OCR (it had no text layer; {{confidence}} % confidence)',
    garbled: 'Page {{page}} was read with OCR (its text layer was garbled; {{confidence}} % confidence)',
  },
} as const;

const da: Translation<typeof en> = {
  'not-kl-minutes': {
    'no-items': 'Der blev ikke fundet nogen dagsordenspunkter i dokumentet',
    'not-kl': 'Dette ligner ikke et KL-referat eller en dagsorden: der blev ikke fundet punkter, sagsnumre eller en KKR-forside',
  },
  'no-date': 'Der blev ikke fundet en mødedato på forsiden, i sidehovedet eller i teksten',
  'numbering-duplicate': {
    section: 'Afsnit {{number}} forekommer to gange',
    item: 'Punkt {{number}} forekommer to gange',
  },
  'numbering-gap': {
    section: 'Afsnit {{missing}} mangler (efter {{after}} kommer {{found}})',
    item: 'Punkt {{missing}} mangler (efter {{after}} kommer {{found}})',
    'first-item': 'Punkt {{missing}} mangler (efter afsnit {{section}} kommer {{found}})',
  },
  'item-outside-section': 'Et punkt står uden for ethvert afsnit',
  'missing-case-line': 'Punkt {{item}} har ingen sagslinje (SAG-…)',
  'missing-decision': 'Punkt {{item}} har ingen beslutning i dette referat',
  'ocr-word_one': '»{{found}}« ligner OCR-skade af »{{suggestion}}«',
  'ocr-word_other': '»{{found}}« ligner OCR-skade af »{{suggestion}}« ({{count}} gange)',
  'ocr-detached-number': 'Der var ikke trykt noget nummer ved »{{title}}«; det er læst som punkt {{item}} ud fra rækkefølgen',
  'no-text-layer': 'Side {{page}} har intet tekstlag (et scannet billede?); indholdet kunne ikke læses',
  'ocr-page': {
    image: 'Side {{page}} er læst med OCR (den havde intet tekstlag; {{confidence}} % sikkerhed)',
    garbled: 'Side {{page}} er læst med OCR (dens tekstlag var ulæseligt; {{confidence}} % sikkerhed)',
  },
};

/** The diagnostics' catalogs, to be merged under the key `diagnostic`. */
export const DIAGNOSTIC_MESSAGES: { readonly en: Catalog; readonly da: Catalog } = { en, da };

/** Which variant of a code's message the params ask for (a code with one message has none). */
function variant(code: DiagnosticCode, params: NonNullable<Diagnostic['params']>): string | null {
  switch (code) {
    case 'not-kl-minutes':
      return String(params.reason);
    case 'numbering-duplicate':
      return String(params.unit);
    case 'ocr-page':
      return String(params.reason);
    case 'numbering-gap':
      return params.unit === 'section' ? 'section' : params.after === undefined ? 'first-item' : 'item';
    default:
      return null;
  }
}

/** Codes whose message needs no params: a diagnostic without params still reads right. */
const PLAIN: ReadonlySet<DiagnosticCode> = new Set(['no-date', 'item-outside-section']);

/**
 * A diagnostic for people in `t`'s language, from its code and params. A
 * diagnostic without the params its message needs (one read from data written
 * before params existed) is shown by its stored English `message`.
 */
export function diagnosticText<K extends string>(t: Translate<K>, d: Pick<Diagnostic, 'code' | 'message' | 'params'>): string {
  if (!d.params && !PLAIN.has(d.code)) return d.message;
  const params = d.params ?? {};
  const v = variant(d.code, params);
  return t(`diagnostic.${d.code}${v ? `.${v}` : ''}` as K, params);
}
