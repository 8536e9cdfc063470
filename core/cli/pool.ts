/**
 * Processes a batch and yields the outcomes in input order: in worker threads
 * (both cores busy, output still in order) or, for small batches and when no
 * worker bundle is present, on the main thread with bounded read-ahead.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { processFile, type Outcome, type ProcessConfig } from './process-file.ts';
import type { WorkerReply, WorkerTask } from './worker.ts';

/** Files being read ahead of the one being parsed, on the main thread. */
const READ_AHEAD = 8;
/** Files queued at each worker, so it never waits for the next message. */
const PER_WORKER = 3;
/** How far dispatch may run ahead of the file being written (bounds memory). */
const WINDOW = 32;

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
  const pending: Promise<Outcome>[] = [];
  const start = (i: number) => {
    if (i < files.length) pending[i] = processFile(files[i]!, config);
  };
  for (let i = 0; i < READ_AHEAD; i++) start(i);
  for (let i = 0; i < files.length; i++) {
    const outcome = await pending[i]!;
    delete pending[i];
    start(i + READ_AHEAD);
    yield outcome;
  }
}

interface PoolWorker {
  worker: Worker;
  inFlight: Set<number>;
}

async function* inWorkers(files: readonly string[], config: ProcessConfig, jobs: number, script: URL): AsyncGenerator<Outcome> {
  const results = new Map<number, Outcome>();
  const workers: PoolWorker[] = [];
  let next = 0;
  let cursor = 0;
  let wake: (() => void) | null = null;
  const notify = () => {
    const w = wake;
    wake = null;
    w?.();
  };

  const dispatch = () => {
    for (const w of workers) {
      while (w.inFlight.size < PER_WORKER && next < files.length && next < cursor + WINDOW) {
        const task: WorkerTask = { index: next, path: files[next]! };
        w.inFlight.add(next++);
        w.worker.postMessage(task);
      }
    }
  };

  const retire = (w: PoolWorker, reason: string) => {
    const at = workers.indexOf(w);
    if (at === -1) return;
    workers.splice(at, 1);
    for (const index of w.inFlight) results.set(index, { ok: false, path: files[index]!, reason: `internal error (${reason})` });
    w.inFlight.clear();
    void w.worker.terminate();
    notify();
  };

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
        if (workers.length === 0) results.set(cursor, await processFile(files[cursor]!, config));
        else await new Promise<void>((resolve) => (wake = resolve));
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
