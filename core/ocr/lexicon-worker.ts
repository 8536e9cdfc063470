/**
 * The lexicon indexed off the page's thread: a worker fetches the lexicon (the
 * editor's 15 MB text, or the extension's gzipped copy), decodes and indexes it,
 * and hands the index back with its tables transferred, not copied; the page
 * only wraps it (`lexiconFromIndex`). Both sides take what they need (the
 * worker's scope, fetch, the decompressor) as arguments: this module stays pure.
 */
import { indexLexicon, lexiconFromIndex, type Lexicon, type LexiconIndex } from './lexicon.ts';

export interface LexiconRequest {
  /** Absolute URL of the lexicon text. */
  url: string;
  /** The file is gzipped (the extension's `lexicon-da.txt.gz`). */
  gzip: boolean;
}

export type LexiconReply = { ok: true; index: LexiconIndex } | { ok: false; error: string };

/** What a dedicated worker's global scope offers this module. */
export interface LexiconWorkerScope {
  onmessage: ((event: { data: LexiconRequest }) => void) | null;
  postMessage(message: LexiconReply, transfer: Transferable[]): void;
}

/** The page's side of such a worker. */
export interface LexiconWorkerHandle {
  onmessage: ((event: { data: LexiconReply }) => void) | null;
  onerror: ((event: { message?: string }) => void) | null;
  postMessage(message: LexiconRequest): void;
  terminate(): void;
}

type Decompressor = new (format: 'gzip') => ReadableWritablePair<Uint8Array, BufferSource>;

/** The lexicon's text from `url`, unpacked when gzipped; a failure names the HTTP status. */
export async function readLexiconText(request: LexiconRequest, fetcher: typeof fetch, Decompression: Decompressor): Promise<string> {
  const res = await fetcher(request.url);
  if (!res.ok || !res.body) throw new Error(`lexicon: HTTP ${res.status}`);
  if (!request.gzip) return res.text();
  const chunks: Uint8Array[] = [];
  let length = 0;
  const reader = res.body.pipeThrough(new Decompression('gzip')).getReader();
  for (let r = await reader.read(); !r.done; r = await reader.read()) {
    chunks.push(r.value);
    length += r.value.length;
  }
  const bytes = new Uint8Array(length);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.length;
  }
  return new TextDecoder().decode(bytes);
}

/** Worker side: answers each request with the index of the lexicon it names. */
export function serveLexiconIndex(scope: LexiconWorkerScope, read: (request: LexiconRequest) => Promise<string>): void {
  scope.onmessage = (event) => {
    read(event.data)
      .then((text) => {
        const index = indexLexicon(text);
        scope.postMessage({ ok: true, index }, [index.starts, index.bucketLo, index.bucketHi, index.firstLo, index.firstHi].map((t) => t.buffer));
      })
      .catch((e: unknown) => scope.postMessage({ ok: false, error: e instanceof Error ? e.message : String(e) }, []));
  };
}

/** Page side: the lexicon the worker indexed; the worker is ended once it has answered. */
export function lexiconFromWorker(worker: LexiconWorkerHandle, request: LexiconRequest): Promise<Lexicon> {
  return new Promise<Lexicon>((resolve, reject) => {
    worker.onmessage = (event) => {
      worker.terminate();
      if (event.data.ok) resolve(lexiconFromIndex(event.data.index));
      else reject(new Error(event.data.error));
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(`lexicon worker: ${event.message ?? 'failed to start'}`));
    };
    worker.postMessage(request);
  });
}
