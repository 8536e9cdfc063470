/**
 * Structured logs: one JSON object per line on stdout (warnings and errors on
 * stderr), with a time, a level, an event name and its fields. An Error in a
 * field is written as `{ name, message, stack }` inside that line, never as a
 * multi-line trace. Anything shaped like a token is redacted. Quiet by default in tests.
 */
import { format } from 'node:util';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  log(level: LogLevel, event: string, fields?: Record<string, unknown>): void;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** An error (or anything thrown) as plain fields for a log line. */
export function errorFields(e: unknown): Record<string, unknown> {
  if (e instanceof Error) {
    const code = (e as { code?: unknown }).code;
    return { name: e.name, message: e.message, ...(code !== undefined ? { code } : {}), stack: e.stack };
  }
  return { message: typeof e === 'string' ? e : format('%o', e) };
}

/** A workspace token (`rs_` and 32 base64url characters) anywhere in a string. */
const TOKEN = /rs_[A-Za-z0-9_-]{16,}/g;

function serialize(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    // No token ever reaches a log line, whatever field (or library message) it hides in.
    if (typeof v === 'string') return v.replace(TOKEN, 'rs_[redacted]');
    if (v instanceof Error) return errorFields(v);
    if (typeof v === 'bigint') return v.toString();
    if (v instanceof Uint8Array) return `<${v.byteLength} bytes>`;
    return v;
  });
}

/** Streams that failed (EPIPE: nobody reads them any more); writing to them stops. */
const broken = new Set<NodeJS.WritableStream>();

function write(stream: NodeJS.WriteStream, line: string): void {
  if (broken.has(stream)) return;
  if (stream.listenerCount('error') === 0) stream.on('error', () => broken.add(stream));
  try {
    stream.write(line);
  } catch {
    broken.add(stream);
  }
}

export function jsonLogger(minLevel: LogLevel | 'silent' = 'info', now: () => Date = () => new Date()): Logger {
  return {
    log(level, event, fields = {}) {
      if (minLevel === 'silent' || ORDER[level] < ORDER[minLevel]) return;
      let line: string;
      try {
        line = serialize({ time: now().toISOString(), level, event, ...fields });
      } catch (e) {
        line = serialize({ time: now().toISOString(), level, event, unserializable: errorFields(e) });
      }
      // A log stream whose reader has gone is dropped, never an error of its own (which, logged, would fail again).
      write(level === 'error' || level === 'warn' ? process.stderr : process.stdout, `${line}\n`);
    },
  };
}

/**
 * Sends what libraries write with `console.*` (Hocuspocus, ws, crossws) through
 * the logger as `{"event":"library", "message": ...}` lines, so that nothing
 * but JSON ever reaches the log streams.
 */
export function routeConsole(logger: Logger): void {
  const route =
    (level: LogLevel) =>
    (...args: unknown[]) => {
      const error = args.find((a) => a instanceof Error);
      const message = args
        .filter((a) => !(a instanceof Error))
        .map((a) => (typeof a === 'string' ? a : format('%o', a)))
        .join(' ');
      logger.log(level, 'library', { message, ...(error ? { error } : {}) });
    };
  console.error = route('error');
  console.warn = route('warn');
  console.info = route('info');
  console.log = route('info');
  console.debug = route('debug');
  console.trace = route('debug');
}
