/**
 * OCR repair in the viewer: the Danish lexicon ships with the extension gzipped
 * (`lexicon-da.txt.gz`, about 2.6 MB instead of 15; extension/build/lexicon-asset.ts)
 * and is fetched, unpacked and indexed only when a document's text passes the OCR
 * gate (core/ocr/suspect.ts), once per viewer.
 */
import type { TextRepairer } from '../../core/minutes/parse.ts';
import { createDanishRepairer, createLexicon } from '../../core/ocr/index.ts';

/** The lexicon's file in the extension (beside viewer.html and background.js). */
export const LEXICON_ASSET = 'lexicon-da.txt.gz';

let loading: Promise<TextRepairer> | null = null;

/** The repairer, its lexicon read once from `url` (the extension's own file by default). */
export function loadViewerRepairer(url: string = new URL(LEXICON_ASSET, globalThis.location.href).href): Promise<TextRepairer> {
  loading ??= fetch(url)
    .then((res) => {
      if (!res.ok || !res.body) throw new Error(`lexicon: HTTP ${res.status}`);
      return new Response(res.body.pipeThrough(new DecompressionStream('gzip'))).text();
    })
    .then((text) => createDanishRepairer(createLexicon(text)));
  loading.catch(() => (loading = null));
  return loading;
}
