/**
 * One buffered output stream: chunks are gathered in memory and handed to the
 * underlying stream about a mebibyte at a time, waiting for it to drain. A file
 * is written beside its target and renamed into place on `close` (safe-output.ts).
 */
import type { Writable } from 'node:stream';
import { openAtomicFile, writeReason } from './safe-output.ts';

export interface OutputSink {
  write(chunk: string | Uint8Array): Promise<void>;
  /** Flushes and closes (a file, which then replaces its target) or flushes (stdout). */
  close(): Promise<void>;
  /** Throws away what was written to a file; its target stays as it was. Nothing for stdout. */
  discard(): Promise<void>;
}

/** Stream failures (a full disk, a closed pipe) surface as this, carrying the errno code. */
export class OutputError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

const FLUSH_AT = 1 << 20;

/** Opens a file that replaces `target` when closed, or returns a one-line reason. */
export async function openFileSink(target: string): Promise<OutputSink | { error: string }> {
  try {
    const file = await openAtomicFile(target);
    const stream = file.handle.createWriteStream(); // closes the handle when it ends
    const sink = bufferedSink(stream, true);
    return {
      write: sink.write,
      async close() {
        try {
          await sink.close();
        } catch (error) {
          await file.discard();
          throw error;
        }
        try {
          await file.commit(true);
        } catch (error) {
          const e = error as NodeJS.ErrnoException;
          throw new OutputError(e.message, e.code);
        }
      },
      async discard() {
        await sink.discard();
        await file.discard();
      },
    };
  } catch (error) {
    return { error: writeReason(error) };
  }
}

/** Wraps a writable (stdout, or a file stream that `close` ends). */
export function bufferedSink(stream: Writable, endOnClose: boolean): OutputSink {
  let parts: (string | Uint8Array)[] = [];
  let allStrings = true;
  let size = 0;
  let failure: OutputError | null = null;
  const onError = (error: NodeJS.ErrnoException) => {
    failure ??= new OutputError(error.message, error.code);
  };
  stream.on('error', onError);

  const flush = async () => {
    if (failure) throw failure;
    if (size === 0) return;
    const chunks = parts;
    const strings = allStrings;
    parts = [];
    size = 0;
    allStrings = true;
    let ok: boolean;
    if (strings) ok = stream.write(chunks.join(''));
    else {
      // Bytes (from workers) go out as they are, in one vectored write: no copy into a new buffer.
      stream.cork();
      ok = true;
      for (const chunk of chunks) ok = stream.write(chunk);
      stream.uncork();
    }
    if (!ok) await drained(stream, () => failure);
    if (failure) throw failure;
  };

  return {
    async write(chunk) {
      if (chunk.length === 0) return;
      parts.push(chunk);
      if (typeof chunk !== 'string') allStrings = false;
      size += chunk.length;
      if (size >= FLUSH_AT) await flush();
    },
    async close() {
      await flush();
      if (endOnClose) await ended(stream);
      stream.off('error', onError);
      if (failure) throw failure;
    },
    async discard() {
      parts = [];
      size = 0;
      if (endOnClose) await ended(stream);
      stream.off('error', onError);
    },
  };
}

/** Ends a stream and waits until it has closed (a file stream closes its file then). */
function ended(stream: Writable): Promise<void> {
  return new Promise((resolve) => {
    if (stream.closed || stream.destroyed) return resolve();
    stream.once('close', () => resolve());
    stream.end();
  });
}

function drained(stream: Writable, failed: () => OutputError | null): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      stream.off('drain', done);
      stream.off('error', done);
      stream.off('close', done);
      resolve();
    };
    if (failed()) return resolve();
    stream.on('drain', done);
    stream.on('error', done);
    stream.on('close', done);
  });
}
