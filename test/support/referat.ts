/** The real `referat` command, spawned as a user runs it (build it first: core/cli/build.mjs). */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = path.join(root, 'core/cli/bin.mjs');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `referat ARGS`; `stdin`, when given, is piped to it (else it reads nothing). */
export function referat(args: string[], env: Record<string, string> = {}, cwd = root, stdin?: string | Uint8Array): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd, stdio: [stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1', ...env } });
    if (stdin !== undefined) child.stdin!.end(stdin);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout!.on('data', (b: Buffer) => out.push(b));
    child.stderr!.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
  });
}
