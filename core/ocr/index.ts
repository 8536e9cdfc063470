/**
 * OCR word repair for Danish text layers (pure; the Node loader lives in
 * `load-lexicon.node.ts` and is not re-exported here).
 */

export {
  createRepairer,
  DANISH_OCR_CONFUSIONS,
  type Confusion,
  type RepairEdit,
  type RepairEvidence,
  type RepairOptions,
  type RepairScope,
  type Repairer,
  type RepairTextResult,
  type WordExplanation,
} from './repair.ts';
export { createDanishRepairer } from './text-repairer.ts';
export { findSuspectWord, looksOcrDamaged, mayNeedOcrRepair, ocrSample, OCR_SAMPLE_LENGTH, OCR_SUSPECT_RATIO } from './suspect.ts';
export {
  createLexicon,
  lexiconFromForms,
  mergeLexiconText,
  serializeLexicon,
  LEXICON_HEADER,
  type Lexicon,
  type PrefixRange,
} from './lexicon.ts';
export { expandDictionary, parseAff, type AffixData, type ExpandOptions, type FormTable } from './hunspell.ts';
export { buildLexiconText, lexiconFingerprint, lexiconHeader, MAX_FORM_LENGTH } from './build.ts';
export {
  ADMIN_VOCABULARY,
  COMMON_WORDS,
  domainDicLines,
  FIRST_NAMES,
  MUNICIPALITIES,
  PLACES,
  REGIONS,
  SURNAMES,
} from './domain-words.ts';
export {
  ROLE_BEGIN,
  ROLE_END,
  ROLE_MIDDLE,
  ROLE_PROPER,
  ROLE_STANDALONE,
  ROLE_WEAK,
  ROLE_WORD,
} from './roles.ts';
