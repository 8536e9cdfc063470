/**
 * The OCR lexicon (15 MB) loads in the background, and only for a document
 * in which some word looks OCR-damaged (the gate, core/ocr/suspect.ts): in a
 * browser a worker fetches and indexes it (core/ocr/lexicon-worker.ts), so the
 * page's thread only takes the finished index. Until it has arrived, the repairer is null.
 */
import { createDanishRepairer, createLexicon, type Lexicon } from '../../core/ocr/index.ts';
import lexiconWorkerUrl from './lexicon.worker.ts?worker&url';
import { lexiconFromWorker, type LexiconWorkerHandle } from '../../core/ocr/lexicon-worker.ts';
import type { TextRepairer } from '../../core/minutes/parse.ts';

export const LEXICON_URL = 'lexicon-da.txt';

/** The OCR gate the parser and the CLI use (core/ocr/suspect.ts): the lexicon is fetched only when it says yes. */
export { mayNeedOcrRepair } from '../../core/ocr/suspect.ts';

let loading: Promise<TextRepairer> | null = null;

/** The lexicon from the editor's server, indexed in a worker. */
function lexiconInWorker(): Promise<Lexicon> {
  const worker = new Worker(lexiconWorkerUrl, { type: 'module' });
  return lexiconFromWorker(worker as unknown as LexiconWorkerHandle, { url: new URL(LEXICON_URL, document.baseURI).href, gzip: false });
}

/**
 * Loads the lexicon once: in a browser through the worker, elsewhere (Node, tests)
 * from `fetchText` on this thread.
 */
export function loadRepairer(fetchText: () => Promise<string> = () => fetch(LEXICON_URL).then((r) => (r.ok ? r.text() : Promise.reject(new Error(`lexicon: HTTP ${r.status}`))))): Promise<TextRepairer> {
  loading ??= (typeof Worker === 'function' && typeof document === 'object' ? lexiconInWorker() : fetchText().then(createLexicon)).then((l) => createDanishRepairer(l));
  loading.catch(() => (loading = null));
  return loading;
}
