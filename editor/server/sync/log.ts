/**
 * Structured logs: one JSON object per line on stdout (errors on stderr), with a
 * time, a level, an event name and its fields. Quiet by default in tests.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  log(level: LogLevel, event: string, fields?: Record<string, unknown>): void;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export function jsonLogger(minLevel: LogLevel | 'silent' = 'info', now: () => Date = () => new Date()): Logger {
  return {
    log(level, event, fields = {}) {
      if (minLevel === 'silent' || ORDER[level] < ORDER[minLevel]) return;
      const line = JSON.stringify({ time: now().toISOString(), level, event, ...fields });
      (level === 'error' || level === 'warn' ? process.stderr : process.stdout).write(`${line}\n`);
    },
  };
}
