/**
 * One buffered output stream: chunks are gathered in memory and handed to the
 * underlying stream about a mebibyte at a time, waiting for it to drain.
 */
import { open } from 'node:fs/promises';
import type { Writable } from 'node:stream';

export interface OutputSink {
  write(chunk: string | Uint8Array): Promise<void>;
  /** Flushes and closes (a file) or flushes (stdout). */
  close(): Promise<void>;
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

/** Opens `target` for writing (truncating it), or returns a one-line reason. */
export async function openFileSink(target: string): Promise<OutputSink | { error: string }> {
  try {
    const handle = await open(target, 'w');
    const stream = handle.createWriteStream();
    return bufferedSink(stream, true);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT' ? 'no such directory'
      : code === 'EACCES' || code === 'EPERM' ? 'permission denied'
      : code === 'EISDIR' ? 'is a directory'
      : `cannot write (${(error as Error).message})`;
    return { error: reason };
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
      if (endOnClose) {
        await new Promise<void>((resolve) => stream.end(resolve));
      }
      stream.off('error', onError);
      if (failure) throw failure;
    },
  };
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
