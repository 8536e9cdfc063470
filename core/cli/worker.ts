/**
 * Worker-thread entry (bundled as dist/referat-worker.mjs): processes the files
 * the main thread has read and sends, one message per file, and answers with the
 * outcome, its output chunk encoded here and transferred, so the main thread only
 * writes.
 */
import { parentPort, workerData, type TransferListItem } from 'node:worker_threads';
import { processBytes, type Outcome, type ProcessConfig } from './process-file.ts';
import { setOcrWorkers } from './pdf.ts';

export interface WorkerTask {
  index: number;
  path: string;
  /** The file's content, read by the main thread (transferred). */
  bytes: Uint8Array;
}

export interface WorkerReply {
  index: number;
  outcome: Outcome;
}

const config = workerData as ProcessConfig;
// A batch runs a worker thread per core already: each reads its scanned pages with one OCR engine.
setOcrWorkers(1);
const port = parentPort;

/** Where chunks are encoded (UTF-8 takes at most 3 bytes per UTF-16 unit), grown as needed. */
let scratch = Buffer.allocUnsafeSlow(1 << 20);

/**
 * The chunk as UTF-8 in a buffer of its own (never a pooled slice), so it can be
 * transferred: encoded into the scratch buffer in one pass, then copied out.
 * Lone surrogates become U+FFFD, as with TextEncoder.
 */
function encodeChunk(chunk: string): Uint8Array<ArrayBuffer> {
  if (scratch.length < chunk.length * 3) scratch = Buffer.allocUnsafeSlow(chunk.length * 3);
  const length = scratch.write(chunk, 0, 'utf8');
  const bytes = new Uint8Array(length);
  bytes.set(scratch.subarray(0, length));
  return bytes;
}

if (port) {
  port.on('message', (task: WorkerTask) => {
    void processBytes(task.path, { bytes: task.bytes }, config).then((outcome) => {
      const transfer: TransferListItem[] = [];
      if (outcome.ok && typeof outcome.chunk === 'string') {
        const bytes = encodeChunk(outcome.chunk);
        outcome = { ...outcome, chunk: bytes };
        transfer.push(bytes.buffer);
      }
      port.postMessage({ index: task.index, outcome } satisfies WorkerReply, transfer);
    });
  });
}
