/**
 * The extension's words in Danish and English through the one translation
 * layer (core/i18n), with the parser's diagnostics under `diagnostic.<code>`.
 * `t(lang, key, values?)` is `translator(lang)(key, values?)`: `values.count`
 * chooses a plural form, `{{name}}` takes `values.name`.
 */
import { createTranslator, type Catalog, type CatalogKey, type Lang, type Translate, type Translation } from '../../core/i18n/translate.ts';
import { DIAGNOSTIC_MESSAGES } from '../../core/minutes/diagnostic-messages.ts';

const en = {
  badge: 'Structure',
  loading: 'Fetching and reading …',
  ocrReading: 'Reading the scanned pages',
  ocrProgress: 'Reading scanned pages (OCR): {{done}}/{{total}}',
  itemWord_one: 'item',
  itemWord_other: 'items',
  pageWord_one: 'page',
  pageWord_other: 'pages',
  scannedNote_one: 'Page {{pages}} is scanned: open the document to read it with OCR',
  scannedNote_other: 'Pages {{pages}} are scanned: open the document to read them with OCR',
  referat: 'Minutes',
  dagsorden: 'Agenda',
  openViewer: 'Open in viewer',
  sendToEditor: 'Send to editor',
  editorShort: '→ editor',
  sent: 'Sent to the editor',
  copyCitation: 'Copy citation',
  cite: 'cite',
  copied: 'Citation copied',
  search: 'Search items',
  outline: 'Outline',
  participants: 'Participants',
  absent: 'Absent',
  legend: 'Colours',
  nativeView: "The browser's own PDF view",
  noFile: 'No PDF given.',
  pickFile: 'Open a PDF from your computer (or drop it here):',
  tooLarge: 'larger than 100 MB',
  refused: 'Opens only PDFs from https://www.kl.dk, not',
  failed: 'Could not read the PDF',
  keys: 'j/k: next/previous item',
  diagnostics: 'Notes',
  foundHere: 'Minutes and agendas on this page',
  noneFound: 'No minutes found on this page.',
  options: 'Options',
  editorUrl: 'Editor URL',
  redirect: 'Open KL minutes from kl.dk in the viewer',
  colours: 'Field colours',
  language: 'Language',
  saved: 'Saved',
  baggrund: 'Background',
  indstilling: 'Recommendation',
  sagsfremstilling: 'Case presentation',
  beslutning: 'Decision',
  item: 'Item heading',
  case: 'Case number',
  loopbackOnly: 'Handing documents to the editor works only on localhost and 127.0.0.1 in this version.',
  onPage: 'p. {{page}}',
} as const;

const da: Translation<typeof en> = {
  badge: 'Struktur',
  loading: 'Henter og læser …',
  ocrReading: 'Læser de scannede sider',
  ocrProgress: 'Læser scannede sider (OCR): {{done}}/{{total}}',
  itemWord_one: 'punkt',
  itemWord_other: 'punkter',
  pageWord_one: 'side',
  pageWord_other: 'sider',
  scannedNote_one: 'Side {{pages}} er scannet: åbn dokumentet for at læse den med OCR',
  scannedNote_other: 'Side {{pages}} er scannet: åbn dokumentet for at læse dem med OCR',
  referat: 'Referat',
  dagsorden: 'Dagsorden',
  openViewer: 'Åbn i viewer',
  sendToEditor: 'Send til editor',
  editorShort: '→ editor',
  sent: 'Sendt til editoren',
  copyCitation: 'Kopiér citat',
  cite: 'citér',
  copied: 'Citat kopieret',
  search: 'Søg i punkter',
  outline: 'Indhold',
  participants: 'Deltagere',
  absent: 'Afbud',
  legend: 'Farver',
  nativeView: 'Browserens egen PDF-visning',
  noFile: 'Ingen PDF angivet.',
  pickFile: 'Åbn en PDF fra din computer (eller slip den her):',
  tooLarge: 'større end 100 MB',
  refused: 'Åbner kun PDF’er fra https://www.kl.dk, ikke',
  failed: 'Kunne ikke læse PDF’en',
  keys: 'j/k: næste/forrige punkt',
  diagnostics: 'Bemærkninger',
  foundHere: 'Referater og dagsordener på siden',
  noneFound: 'Ingen referater fundet på denne side.',
  options: 'Indstillinger',
  editorUrl: 'Editorens adresse',
  redirect: 'Åbn KL-referater fra kl.dk i viewer',
  colours: 'Farver på felter',
  language: 'Sprog',
  saved: 'Gemt',
  baggrund: 'Baggrund',
  indstilling: 'Indstilling',
  sagsfremstilling: 'Sagsfremstilling',
  beslutning: 'Beslutning',
  item: 'Punktoverskrift',
  case: 'Sagsnummer',
  loopbackOnly: 'Overdragelse til editoren virker kun på localhost og 127.0.0.1 i denne version.',
  onPage: 's. {{page}}',
};

export type StringKey = CatalogKey<typeof en>;

/** Each language's whole catalog: the extension's words and the diagnostics'. */
export const STRINGS: Record<Lang, Catalog> = {
  en: { ...en, diagnostic: DIAGNOSTIC_MESSAGES.en },
  da: { ...da, diagnostic: DIAGNOSTIC_MESSAGES.da },
};

const TRANSLATORS: Record<Lang, Translate<StringKey>> = {
  en: createTranslator<StringKey>('en', STRINGS.en),
  da: createTranslator<StringKey>('da', STRINGS.da),
};

export function translator(lang: Lang): Translate<StringKey> {
  return TRANSLATORS[lang];
}

export function t(lang: Lang, key: StringKey, values?: Parameters<Translate>[1]): string {
  return TRANSLATORS[lang](key, values);
}
