/**
 * `referat parse`: expands the inputs, processes them (in worker threads for
 * large batches), and writes one buffered output stream in input order. A bad
 * file is reported in one line and the batch goes on.
 */
import { availableParallelism } from 'node:os';
import type { Writable } from 'node:stream';
import { createSerializer, type Format } from './formats.ts';
import { displayPath, expandInputs, oneLine, readStdin, STDIN } from './input.ts';
import { bufferedSink, openFileSink, OutputError, type OutputSink } from './output.ts';
import { outputClash } from './safe-output.ts';
import { processInOrder } from './pool.ts';
import type { Progress } from './progress.ts';

export interface ParseCommandOptions {
  /** Output format; by default json for one file, jsonl for several or a directory. */
  format?: Format;
  /** Output file; stdout when absent or "-". */
  output?: string;
  /** Include `Meeting.text` in the output. */
  text?: boolean;
  /** Show a progress bar (only when stderr is a terminal and the batch is large). */
  progress?: boolean;
  /** Worker threads; 1 parses on the main thread. Default: one per core for large batches. */
  jobs?: number;
}

export interface CommandIO {
  /** Read when an input is `-`; process.stdin by default. */
  stdin?: NodeJS.ReadableStream;
  stdout: Writable;
  stderr: Writable & { isTTY?: boolean };
}

/** Batches larger than this get a progress bar on a terminal. */
const PROGRESS_MIN_FILES = 20;
/** Batches smaller than this are parsed on the main thread: starting workers would cost more. */
const WORKERS_MIN_FILES = 24;
const MAX_DEFAULT_JOBS = 4;

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** Runs the command and resolves to the process exit code. */
export async function runParse(args: readonly string[], options: ParseCommandOptions, io: CommandIO): Promise<number> {
  const report = (path: string, reason: string) => io.stderr.write(`referat: ${displayPath(path)}: ${reason}\n`);
  const toFile = options.output !== undefined && options.output !== '-';
  const expanded = await expandInputs(args);
  // Nothing is read or written before the output is known not to be an input.
  if (toFile) {
    const input = await outputClash(options.output!, expanded.files);
    if (input !== null) {
      report(options.output!, input === options.output ? 'is also an input; refusing to overwrite it' : `is also an input (${input}); refusing to overwrite it`);
      return EXIT_USAGE;
    }
  }
  let failures = expanded.errors.length;
  for (const error of expanded.errors) report(error.path, error.reason);
  const { files } = expanded;
  if (files.length === 0) return EXIT_FAILURE;

  const multiple = !(args.length === 1 && expanded.directories === 0);
  const format: Format = options.format ?? (multiple ? 'jsonl' : 'json');
  const serializer = createSerializer(format, { multiple });
  const jobs = options.jobs ?? (files.length >= WORKERS_MIN_FILES ? Math.min(availableParallelism(), MAX_DEFAULT_JOBS) : 1);

  if (files.includes(STDIN)) await readStdin(io.stdin);
  let sink: OutputSink;
  if (toFile) {
    const opened = await openFileSink(options.output!);
    if ('error' in opened) {
      report(options.output!, opened.error);
      return EXIT_FAILURE;
    }
    sink = opened;
  } else {
    sink = bufferedSink(io.stdout, false);
  }

  let progress: Progress | null = null;
  if (options.progress !== false && io.stderr.isTTY && files.length > PROGRESS_MIN_FILES) {
    const { createProgress } = await import('./progress.ts');
    progress = await createProgress(files.length, io.stderr);
  }
  const log = (path: string, reason: string) => {
    if (progress) progress.log(`referat: ${displayPath(path)}: ${oneLine(reason)}`);
    else report(path, oneLine(reason));
  };

  // A scanned page takes seconds to read: say how far OCR has come, unless a bar is shown or progress is off.
  const ocrProgress = options.progress === false || progress ? false : io.stderr.isTTY ? 'tty' : 'line';
  let written = 0;
  try {
    await sink.write(serializer.begin);
    for await (const outcome of processInOrder(files, { format, multiple, includeText: options.text === true, ocrProgress }, jobs)) {
      if (outcome.ok) {
        if (outcome.warning) log(outcome.path, outcome.warning);
        if (written++) await sink.write(serializer.separator);
        if (typeof outcome.chunk === 'string' || outcome.chunk instanceof Uint8Array) await sink.write(outcome.chunk);
        else for (const part of outcome.chunk) await sink.write(part);
      } else {
        failures++;
        log(outcome.path, outcome.reason);
      }
      progress?.increment();
    }
    if (written === 0) {
      // Every input failed: an existing output stays as it was.
      await sink.discard();
      return EXIT_FAILURE;
    }
    await sink.write(serializer.end(written));
    await sink.close();
  } catch (error) {
    await sink.discard().catch(() => {});
    if (!(error instanceof OutputError)) throw error;
    progress?.stop();
    if (error.code === 'EPIPE') return failures ? EXIT_FAILURE : EXIT_OK; // the reader went away (e.g. `| head`)
    report(toFile ? options.output! : 'stdout', `cannot write (${oneLine(error.message)})`);
    return EXIT_FAILURE;
  } finally {
    progress?.stop();
  }
  return failures ? EXIT_FAILURE : EXIT_OK;
}
