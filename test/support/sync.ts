/**
 * The real sync server in its own process, and providers in this one, for tests.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import * as Y from 'yjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const main = path.join(root, 'editor/server/sync/main.ts');
const tsx = path.join(root, 'node_modules/tsx/dist/loader.mjs');

export interface ServerProcess {
  child: ChildProcess;
  port: number;
  url: string;
  logs: string[];
}

/** `referat-sync token create` against a data directory (or the database in `extraEnv.DATABASE_URL`). */
export function createToken(dataDir: string, workspace: string, readOnly = false, extraEnv: Record<string, string> = {}): string {
  const run = spawnSync(process.execPath, ['--import', tsx, main, 'token', 'create', workspace, ...(readOnly ? ['--read-only'] : [])], {
    env: { ...process.env, DATA_DIR: dataDir, ...extraEnv },
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`token create failed: ${run.stderr}`);
  return run.stdout.trim();
}

/** `referat-sync token create --name --role`: a person's token. */
export function createPersonToken(dataDir: string, workspace: string, name: string, role: 'analyst' | 'curator' | 'reader', extraEnv: Record<string, string> = {}): string {
  const run = spawnSync(process.execPath, ['--import', tsx, main, 'token', 'create', workspace, '--name', name, '--role', role], {
    env: { ...process.env, DATA_DIR: dataDir, ...extraEnv },
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`token create failed: ${run.stderr}`);
  return run.stdout.trim();
}

/** Starts the server and resolves once it listens. */
export function startServer(dataDir: string, port = 0, extraEnv: Record<string, string> = {}): Promise<ServerProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', tsx, main, 'start', '--port', String(port)], {
      env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'info', ...extraEnv },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const logs: string[] = [];
    const timer = setTimeout(() => reject(new Error(`sync server did not start:\n${logs.join('')}`)), 30_000);
    let listening = false;
    const onData = (b: Buffer) => {
      logs.push(b.toString());
      if (listening) return;
      const m = /"event":"listening","url":"(ws:\/\/[\d.]+:(\d+))"/.exec(logs.join(''));
      if (m) {
        listening = true;
        clearTimeout(timer);
        resolve({ child, port: Number(m[2]), url: m[1]!, logs });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (b: Buffer) => logs.push(b.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (!listening) reject(new Error(`sync server exited with ${code}:\n${logs.join('')}`));
    });
  });
}

export function stopServer(server: ServerProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
  return new Promise((resolve) => {
    if (server.child.exitCode !== null || server.child.signalCode !== null) return resolve(server.child.exitCode);
    server.child.once('exit', (code) => resolve(code));
    server.child.kill(signal);
  });
}

export interface Client {
  doc: Y.Doc;
  provider: HocuspocusProvider;
  socket: HocuspocusProviderWebsocket;
  failures: string[];
  destroy(): void;
}

/** A provider in this process, on its own socket (no BroadcastChannel shortcut between clients). */
export function connect(url: string, name: string, token: string, doc = new Y.Doc()): Client {
  const socket = new HocuspocusProviderWebsocket({ url, WebSocketPolyfill: WebSocket });
  const failures: string[] = [];
  const provider = new HocuspocusProvider({
    websocketProvider: socket,
    name,
    document: doc,
    token,
    onAuthenticationFailed: ({ reason }) => failures.push(reason),
  });
  // A provider given its own socket attaches to it explicitly.
  provider.attach();
  return {
    doc,
    provider,
    socket,
    failures,
    destroy() {
      provider.destroy();
      socket.destroy();
    },
  };
}

/** Waits until `check` holds, polling. */
export async function until(check: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * What is wrong with a server's log output: lines that are not one JSON object
 * with time, level and event, and lines that carry a token (`rs_…`).
 */
export function logProblems(server: ServerProcess, tokens: string[] = []): string[] {
  const problems: string[] = [];
  for (const line of server.logs.join('').split('\n')) {
    if (!line) continue;
    try {
      const entry = JSON.parse(line) as Record<string, unknown>;
      if (typeof entry !== 'object' || entry === null || typeof entry.time !== 'string' || typeof entry.level !== 'string' || typeof entry.event !== 'string') problems.push(`not a log entry: ${line}`);
    } catch {
      problems.push(`not JSON: ${line}`);
    }
    if (/rs_[A-Za-z0-9_-]{16,}/.test(line) || tokens.some((t) => t && line.includes(t))) problems.push(`carries a token: ${line}`);
  }
  return problems;
}
