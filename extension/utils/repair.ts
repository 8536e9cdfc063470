/**
 * OCR repair in the viewer: the Danish lexicon ships with the extension gzipped
 * (`lexicon-da.txt.gz`, about 2.6 MB instead of 15; extension/build/lexicon-asset.ts)
 * and is fetched, unpacked and indexed only when a document's text passes the OCR
 * gate (core/ocr/suspect.ts), once per viewer: in a worker (core/ocr/lexicon-worker.ts),
 * so the viewer's thread only takes the finished index. The background's service
 * worker cannot start a worker: there it is done in place.
 */
import type { TextRepairer } from '../../core/minutes/parse.ts';
import { createDanishRepairer, createLexicon, type Lexicon } from '../../core/ocr/index.ts';
import lexiconWorkerUrl from './lexicon.worker.ts?worker&url';
import { lexiconFromWorker, readLexiconText, type LexiconWorkerHandle } from '../../core/ocr/lexicon-worker.ts';

/** The lexicon's file in the extension (beside viewer.html and background.js). */
export const LEXICON_ASSET = 'lexicon-da.txt.gz';

let loading: Promise<TextRepairer> | null = null;

function lexiconAt(url: string): Promise<Lexicon> {
  const request = { url, gzip: true };
  if (typeof Worker !== 'function') return readLexiconText(request, fetch, DecompressionStream).then(createLexicon);
  const worker = new Worker(lexiconWorkerUrl, { type: 'module' });
  return lexiconFromWorker(worker as unknown as LexiconWorkerHandle, request);
}

/** The repairer, its lexicon read once from `url` (the extension's own file by default). */
export function loadViewerRepairer(url: string = new URL(LEXICON_ASSET, globalThis.location.href).href): Promise<TextRepairer> {
  loading ??= lexiconAt(url).then((lexicon) => createDanishRepairer(lexicon));
  loading.catch(() => (loading = null));
  return loading;
}
