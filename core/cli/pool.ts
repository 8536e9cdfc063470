/**
 * Processes a batch and yields the outcomes in input order: in worker threads
 * (both cores busy, output still in order) or, for small batches and when no
 * worker bundle is present, on the main thread with bounded read-ahead.
 *
 * With workers, the main thread reads the files (a few, blocking, ahead of the
 * workers) and hands each worker the bytes. A text that looks OCR-damaged
 * (hardly any æ, ø, å) goes to one worker only, so that only one worker loads
 * the 15 MB lexicon and learns the damaged vocabulary; the others parse clean
 * text. That choice is a guess from the bytes and only decides where a document
 * is parsed, never how: any worker parses any document the same way.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { mayNeedOcrRepair, ocrSampleRange } from '../ocr/suspect.ts';
import { decodeWindows1252, hasPdfHeader } from '../text/decode.ts';
import { readFileBytesSync } from './input.ts';
import type { Outcome, ProcessConfig } from './process-file.ts';
import type { WorkerReply, WorkerTask } from './worker.ts';

/** Files being read ahead of the one being parsed, on the main thread. */
const READ_AHEAD = 8;
/** Files queued at each worker, so it never waits for the next message. */
const PER_WORKER = 3;
/**
 * How far dispatch may run ahead of the file being written (bounds memory). Wide
 * enough that the worker taking OCR-damaged documents, slower at first while it
 * loads the lexicon, does not hold the others up.
 */
const WINDOW = 128;
/** Bytes read but not yet handed to a worker, at most (a few large PDFs must not fill memory). */
const READ_AHEAD_BYTES = 64 * 1024 * 1024;

/** The worker bundle beside this module, when this module runs from dist/. */
export function workerScript(): URL | null {
  const url = new URL('./referat-worker.mjs', import.meta.url);
  return existsSync(fileURLToPath(url)) ? url : null;
}

export async function* processInOrder(files: readonly string[], config: ProcessConfig, jobs: number): AsyncGenerator<Outcome> {
  const script = jobs > 1 ? workerScript() : null;
  if (script) yield* inWorkers(files, config, Math.min(jobs, files.length), script);
  else yield* inProcess(files, config);
}

async function* inProcess(files: readonly string[], config: ProcessConfig): AsyncGenerator<Outcome> {
  const { processFile } = await import('./process-file.ts');
  const pending: Promise<Outcome>[] = [];
  const start = (i: number) => {
    if (i < files.length) pending[i] = processFile(files[i]!, { ...config, lazy: true });
  };
  for (let i = 0; i < READ_AHEAD; i++) start(i);
  for (let i = 0; i < files.length; i++) {
    const outcome = await pending[i]!;
    delete pending[i];
    start(i + READ_AHEAD);
    yield outcome;
  }
}

/**
 * Whether a text file's bytes look like an OCR-damaged Danish text layer (a PDF
 * never does: its bytes are not its text, and every PDF read as OCR-damaged
 * went to the one worker, leaving the others idle): the OCR gate
 * (core/ocr/suspect.ts) on the middle of the file, decoded as UTF-8 or, where that
 * fails, windows-1252. Only a routing hint: a file whose damage lies outside the
 * middle goes to any worker, which loads the lexicon itself; the parser makes the
 * real judgement with the same gate on the whole normalized text, and the
 * lexicon word by word (core/minutes/parse.ts).
 */
export function looksOcrDamaged(bytes: Uint8Array): boolean {
  // A PDF's text is not in its bytes (compressed streams, font encodings): no guess, any worker takes it.
  if (hasPdfHeader(bytes)) return false;
  return mayNeedOcrRepair(decodedMiddle(bytes));
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** About `OCR_SAMPLE_LENGTH` bytes from the middle of `bytes`, decoded; cut at UTF-8 character boundaries. */
function decodedMiddle(bytes: Uint8Array): string {
  const { from, to } = ocrSampleRange(bytes.length);
  const isContinuation = (i: number) => (bytes[i]! & 0xc0) === 0x80;
  let start = from;
  while (start < to && isContinuation(start)) start++;
  let end = to;
  if (end < bytes.length) {
    // Cut before the character the sample ends inside.
    while (end > start && isContinuation(end)) end--;
  }
  try {
    return utf8.decode(bytes.subarray(start, end));
  } catch {
    return decodeWindows1252(bytes.subarray(from, to));
  }
}

/**
 * V8 flags for a batch parsed in workers. Every worker compiles the parser for
 * itself, on cores that are already busy parsing: on the bench batch (500
 * documents, two cores) V8's optimizing compiler took about a quarter of all CPU
 * time. Without inlining, and optimizing a function only after more calls, it
 * compiles less and the batch finishes about 10% sooner; hot code stays optimized.
 * The flags change how code is compiled, never what it computes. They are per
 * process and read when code is compiled, so the workers started next use them.
 */
const BATCH_V8_FLAGS = ['--no-turbo-inlining', '--interrupt-budget=150000'];
let compilerTuned = false;

function tuneCompilerForBatch(): void {
  if (compilerTuned) return;
  compilerTuned = true;
  for (const flag of BATCH_V8_FLAGS) setFlagsFromString(flag);
}

interface PoolWorker {
  worker: Worker;
  inFlight: Set<number>;
}

/** A file read on the main thread, waiting for a worker. */
interface ReadFile {
  bytes: Uint8Array;
  suspect: boolean;
}

async function* inWorkers(files: readonly string[], config: ProcessConfig, jobs: number, script: URL): AsyncGenerator<Outcome> {
  const results = new Map<number, Outcome>();
  const read = new Map<number, ReadFile>();
  /** Files handed to a worker (or settled on the main thread), by index. */
  const dispatched = new Uint8Array(files.length);
  const workers: PoolWorker[] = [];
  let readUpTo = 0;
  let readBytes = 0;
  let cursor = 0;
  let wake: (() => void) | null = null;
  const notify = () => {
    const w = wake;
    wake = null;
    w?.();
  };

  /** Reads files ahead, in order, up to the window and the byte budget. */
  const readAhead = () => {
    const end = Math.min(files.length, cursor + WINDOW);
    while (readUpTo < end && (readBytes < READ_AHEAD_BYTES || read.size === 0)) {
      const index = readUpTo++;
      const path = files[index]!;
      const bytes = readFileBytesSync(path);
      if (bytes instanceof Uint8Array) {
        read.set(index, { bytes, suspect: looksOcrDamaged(bytes) });
        readBytes += bytes.length;
      } else {
        dispatched[index] = 1;
        results.set(index, { ok: false, path: bytes.path, reason: bytes.reason });
      }
    }
  };

  const send = (w: PoolWorker, index: number) => {
    const file = read.get(index)!;
    read.delete(index);
    readBytes -= file.bytes.length;
    dispatched[index] = 1;
    w.inFlight.add(index);
    const task: WorkerTask = { index, path: files[index]!, bytes: file.bytes };
    w.worker.postMessage(task, [file.bytes.buffer as ArrayBuffer]);
  };

  const dispatch = () => {
    if (workers.length === 0) return;
    readAhead();
    // The first worker takes the documents that look OCR-damaged, in order.
    const ocr = workers[0]!;
    let suspectsWaiting = false;
    for (const [index, file] of read) {
      if (!file.suspect) continue;
      if (ocr.inFlight.size >= PER_WORKER) {
        suspectsWaiting = true;
        break;
      }
      send(ocr, index);
    }
    // Clean documents go to the other workers, and to the first one while it has no damaged one to do.
    for (const [index, file] of read) {
      if (file.suspect) continue;
      let best: PoolWorker | null = null;
      for (const w of workers) {
        if (w.inFlight.size >= PER_WORKER || (w === ocr && suspectsWaiting && workers.length > 1)) continue;
        if (!best || w.inFlight.size < best.inFlight.size) best = w;
      }
      if (!best) break;
      send(best, index);
    }
  };

  const retire = (w: PoolWorker, reason: string) => {
    const at = workers.indexOf(w);
    if (at === -1) return;
    workers.splice(at, 1);
    for (const index of w.inFlight) results.set(index, { ok: false, path: files[index]!, reason: `internal error (${reason})` });
    w.inFlight.clear();
    void w.worker.terminate();
    dispatch();
    notify();
  };

  tuneCompilerForBatch();
  for (let i = 0; i < jobs; i++) {
    const w: PoolWorker = { worker: new Worker(script, { workerData: config }), inFlight: new Set() };
    w.worker.on('message', ({ index, outcome }: WorkerReply) => {
      w.inFlight.delete(index);
      results.set(index, outcome);
      dispatch();
      notify();
    });
    w.worker.on('error', (error) => retire(w, `worker failed: ${error.message.replace(/\s+/g, ' ')}`));
    w.worker.on('exit', (code) => retire(w, `worker exited with code ${code}`));
    workers.push(w);
  }

  try {
    dispatch();
    for (; cursor < files.length; cursor++) {
      while (!results.has(cursor)) {
        // Every worker is gone and this file was never handed out: do it here.
        if (workers.length === 0 && !dispatched[cursor]) {
          const { processFile } = await import('./process-file.ts');
          results.set(cursor, await processFile(files[cursor]!, config));
        } else await new Promise<void>((resolve) => (wake = resolve));
      }
      const outcome = results.get(cursor)!;
      results.delete(cursor);
      dispatch();
      yield outcome;
    }
  } finally {
    const all = workers.splice(0);
    await Promise.all(all.map((w) => w.worker.terminate()));
  }
}
