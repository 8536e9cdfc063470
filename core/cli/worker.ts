/**
 * Worker-thread entry (bundled as dist/referat-worker.mjs): processes the files
 * the main thread has read and sends, one message per file, and answers with the
 * outcome, its output chunk encoded here and transferred, so the main thread only
 * writes.
 */
import { parentPort, workerData, type TransferListItem } from 'node:worker_threads';
import { processBytes, type Outcome, type ProcessConfig } from './process-file.ts';

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
const encoder = new TextEncoder();
const port = parentPort;

if (port) {
  port.on('message', (task: WorkerTask) => {
    void processBytes(task.path, task.bytes, config).then((outcome) => {
      const transfer: TransferListItem[] = [];
      if (outcome.ok && typeof outcome.chunk === 'string') {
        // A fresh buffer of its own (never a pooled slice), so it can be transferred.
        const bytes = encoder.encode(outcome.chunk);
        outcome = { ...outcome, chunk: bytes };
        transfer.push(bytes.buffer);
      }
      port.postMessage({ index: task.index, outcome } satisfies WorkerReply, transfer);
    });
  });
}
