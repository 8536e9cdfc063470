#!/usr/bin/env node
// `npm start`: the sync server (ws://127.0.0.1:1234, data in ./data), the editor on
// http://localhost:5173 with the local sync settings, and the browser extension built
// for loading. Ctrl+C stops everything; the sync server stores its documents first.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveEditor } from './serve.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const env = process.env;
const dataDir = path.resolve(root, env.DATA_DIR ?? 'data');
const syncPort = Number(env.SYNC_PORT ?? 1234);
const syncHost = env.SYNC_HOST ?? '127.0.0.1';
const tsx = path.join(root, 'node_modules/tsx/dist/loader.mjs');
const syncMain = path.join(root, 'editor/server/sync/main.ts');
const syncEnv = { ...env, DATA_DIR: dataDir };

function fail(message) {
  process.stderr.write(`referat start: ${message}\n`);
  process.exit(1);
}

/** The token the local editor uses for the workspace "local", made once and kept in the data directory. */
function localToken() {
  const file = path.join(dataDir, 'local-editor-token');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const run = spawnSync(process.execPath, ['--import', tsx, syncMain, 'token', 'create', 'local', '--label', 'local editor'], { env: syncEnv, encoding: 'utf8' });
  if (run.status !== 0) fail(`could not make a token: ${run.stderr.trim()}`);
  const token = run.stdout.trim();
  writeFileSync(file, `${token}\n`);
  chmodSync(file, 0o600);
  return token;
}

function buildExtension() {
  const run = spawnSync('npm', ['run', '--silent', 'build:extension'], { cwd: root, encoding: 'utf8' });
  return run.status === 0 ? path.join(root, '.output/chrome-mv3') : null;
}

const token = localToken();
// The sync server logs JSON lines: info on stdout (read here for its address), warnings and errors on stderr (shown).
const sync = spawn(process.execPath, ['--import', tsx, syncMain, 'start', '--port', String(syncPort), '--host', syncHost], {
  env: { ...syncEnv, LOG_LEVEL: env.LOG_LEVEL ?? 'info' },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const syncUrl = await new Promise((resolve) => {
  let out = '';
  sync.stdout.on('data', (b) => {
    out += b.toString();
    const lines = out.split('\n');
    out = lines.pop();
    for (const line of lines) {
      try {
        const entry = JSON.parse(line);
        if (entry.event === 'listening' && typeof entry.url === 'string') resolve(entry.url);
      } catch {
        // not a log line
      }
    }
  });
  sync.on('exit', (code) => fail(`the sync server stopped (exit ${code}); is port ${syncPort} in use? Set SYNC_PORT.`));
});

let editor;
try {
  editor = await serveEditor({ config: { sync: { url: syncUrl, workspace: 'local', token } } });
} catch (e) {
  sync.kill('SIGTERM');
  fail(e instanceof Error ? e.message : String(e));
}
const shown = (p) => (p.startsWith(root + path.sep) ? path.relative(root, p) : p);
process.stdout.write(
  [
    '',
    `  Referat Studio editor   ${editor.url}`,
    `  Sync server            ${syncUrl}   (workspace "local", data in ${shown(dataDir)})`,
    `  Token for "local"      ${token}`,
    '  Command line           npx referat --help',
    '',
    '  Ctrl+C stops everything.',
    '',
  ].join('\n'),
);
const extension = buildExtension();
process.stdout.write(
  extension
    ? `  Browser extension      ${shown(extension)}  (chrome://extensions → Developer mode → Load unpacked)\n`
    : '  Browser extension      not built (npm run build:extension says why)\n',
);

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  sync.removeAllListeners('exit');
  sync.once('exit', () => editor.close().then(() => process.exit(0)));
  sync.kill('SIGTERM');
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
