/**
 * The batch progress bar on stderr. cli-progress is imported only when a bar
 * is shown, so small runs and pipelines do not pay for it.
 */
import type { Writable } from 'node:stream';

export interface Progress {
  increment(): void;
  /** Prints a line above the bar. */
  log(line: string): void;
  stop(): void;
}

export async function createProgress(total: number, stream: Writable): Promise<Progress> {
  const { default: cliProgress } = await import('cli-progress');
  const bars = new cliProgress.MultiBar(
    {
      stream,
      format: 'parsing [{bar}] {percentage}% | {value}/{total} files | {duration_formatted}',
      hideCursor: true,
      clearOnComplete: true,
      fps: 10,
    },
    cliProgress.Presets.shades_classic,
  );
  const bar = bars.create(total, 0);
  let stopped = false;
  return {
    increment: () => bar.increment(),
    log: (line) => bars.log(line + '\n'),
    stop: () => {
      if (stopped) return;
      stopped = true;
      bars.update(); // prints lines still waiting in the log buffer; stop() alone drops them
      bars.stop();
    },
  };
}
