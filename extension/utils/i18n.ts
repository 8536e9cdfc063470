/** The UI strings in Danish and English. */
import type { Lang } from './settings.ts';

const STRINGS = {
  badge: { da: 'Struktur', en: 'Structure' },
  loading: { da: 'Henter og læser …', en: 'Fetching and reading …' },
  items: { da: 'punkter', en: 'items' },
  pages: { da: 'sider', en: 'pages' },
  referat: { da: 'Referat', en: 'Minutes' },
  dagsorden: { da: 'Dagsorden', en: 'Agenda' },
  openViewer: { da: 'Åbn i viewer', en: 'Open in viewer' },
  sendToEditor: { da: 'Send til editor', en: 'Send to editor' },
  editorShort: { da: '→ editor', en: '→ editor' },
  sent: { da: 'Sendt til editoren', en: 'Sent to the editor' },
  copyCitation: { da: 'Kopiér citat', en: 'Copy citation' },
  cite: { da: 'citér', en: 'cite' },
  copied: { da: 'Citat kopieret', en: 'Citation copied' },
  search: { da: 'Søg i punkter', en: 'Search items' },
  outline: { da: 'Indhold', en: 'Outline' },
  participants: { da: 'Deltagere', en: 'Participants' },
  absent: { da: 'Afbud', en: 'Absent' },
  legend: { da: 'Farver', en: 'Colours' },
  nativeView: { da: 'Browserens egen PDF-visning', en: "The browser's own PDF view" },
  noFile: { da: 'Ingen PDF angivet.', en: 'No PDF given.' },
  pickFile: { da: 'Åbn en PDF fra din computer (eller slip den her):', en: 'Open a PDF from your computer (or drop it here):' },
  tooLarge: { da: 'større end 100 MB', en: 'larger than 100 MB' },
  refused: { da: 'Åbner kun PDF’er fra https://www.kl.dk, ikke', en: 'Opens only PDFs from https://www.kl.dk, not' },
  failed: { da: 'Kunne ikke læse PDF’en', en: 'Could not read the PDF' },
  keys: { da: 'j/k: næste/forrige punkt', en: 'j/k: next/previous item' },
  diagnostics: { da: 'Bemærkninger', en: 'Notes' },
  foundHere: { da: 'Referater og dagsordener på siden', en: 'Minutes and agendas on this page' },
  noneFound: { da: 'Ingen referater fundet på denne side.', en: 'No minutes found on this page.' },
  options: { da: 'Indstillinger', en: 'Options' },
  editorUrl: { da: 'Editorens adresse', en: 'Editor URL' },
  redirect: { da: 'Åbn KL-referater fra kl.dk i viewer', en: 'Open KL minutes from kl.dk in the viewer' },
  colours: { da: 'Farver på felter', en: 'Field colours' },
  language: { da: 'Sprog', en: 'Language' },
  saved: { da: 'Gemt', en: 'Saved' },
  baggrund: { da: 'Baggrund', en: 'Background' },
  indstilling: { da: 'Indstilling', en: 'Recommendation' },
  sagsfremstilling: { da: 'Sagsfremstilling', en: 'Case presentation' },
  beslutning: { da: 'Beslutning', en: 'Decision' },
  item: { da: 'Punktoverskrift', en: 'Item heading' },
  case: { da: 'Sagsnummer', en: 'Case number' },
} as const;

export type StringKey = keyof typeof STRINGS;

export function t(lang: Lang, key: StringKey): string {
  return STRINGS[key][lang];
}
