/**
 * The OCR lexicon (15 MB) loads in the background, and only for a document
 * in which some word looks OCR-damaged (the gate, core/ocr/suspect.ts). Until it has arrived, the repairer is null.
 */
import { createDanishRepairer, createLexicon } from '../../core/ocr/index.ts';
import type { TextRepairer } from '../../core/minutes/parse.ts';

export const LEXICON_URL = 'lexicon-da.txt';

/** The OCR gate the parser and the CLI use (core/ocr/suspect.ts): the lexicon is fetched only when it says yes. */
export { mayNeedOcrRepair } from '../../core/ocr/suspect.ts';

let loading: Promise<TextRepairer> | null = null;

/** Loads the lexicon once (fetch is injectable for tests). */
export function loadRepairer(fetchText: () => Promise<string> = () => fetch(LEXICON_URL).then((r) => (r.ok ? r.text() : Promise.reject(new Error(`lexicon: HTTP ${r.status}`))))): Promise<TextRepairer> {
  loading ??= fetchText().then((text) => createDanishRepairer(createLexicon(text)));
  loading.catch(() => (loading = null));
  return loading;
}
