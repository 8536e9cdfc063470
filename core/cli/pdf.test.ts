import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Loads pdf.js as the CLI does, in a process of its own (a test process may have loaded it already), and reports on the built-ins. */
const PROBE = `
const native = (f) => typeof f === 'function' && Function.prototype.toString.call(f).includes('[native code]');
const { keepingNativeBuiltins } = await import(${JSON.stringify(path.join(here, 'pdf.ts'))});
const before = { push: Array.prototype.push, stringify: JSON.stringify, parse: JSON.parse };
const { restored } = await keepingNativeBuiltins(async () => {
  await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
  return import('pdfjs-dist/legacy/build/pdf.mjs');
});
console.log(JSON.stringify({
  restored,
  same: Array.prototype.push === before.push && JSON.stringify === before.stringify && JSON.parse === before.parse,
  native: [Array.prototype.push, JSON.stringify, JSON.parse].every(native),
  withResolvers: typeof Promise.withResolvers === 'function',
  worker: typeof globalThis.pdfjsWorker?.WorkerMessageHandler === 'function',
}));
`;

describe('pdf.js in the CLI', () => {
  it("keeps Node's own push and JSON (the legacy build replaces them), and what Node lacks polyfilled", () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', PROBE], { encoding: 'utf8', cwd: path.resolve(here, '../..') });
    expect(run.status, run.stderr).toBe(0);
    const probe = JSON.parse(run.stdout.trim().split('\n').pop()!);
    expect(probe.restored).toEqual(expect.arrayContaining(['Array.prototype.push', 'JSON.stringify', 'JSON.parse']));
    expect(probe).toMatchObject({ same: true, native: true, withResolvers: true, worker: true });
  });
});
