/**
 * Structured logs: one JSON object per line on stdout (warnings and errors on
 * stderr), with a time, a level, an event name and its fields. An Error in a
 * field is written as `{ name, message, stack }` inside that line, never as a
 * multi-line trace. Quiet by default in tests.
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

function serialize(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v instanceof Error) return errorFields(v);
    if (typeof v === 'bigint') return v.toString();
    if (v instanceof Uint8Array) return `<${v.byteLength} bytes>`;
    return v;
  });
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
      (level === 'error' || level === 'warn' ? process.stderr : process.stdout).write(`${line}\n`);
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
