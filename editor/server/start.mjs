#!/usr/bin/env node
// `npm start`: the sync server (ws://127.0.0.1:1234, data in ./data), the editor on
// http://localhost:5173 with the local sync settings, and the browser extension built
// for loading. The editor and the extension are rebuilt only when their sources changed
// (build-stamp.mjs); the extension builds in the background while the editor already
// answers. Ctrl+C stops everything; the sync server stores its documents first.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveEditor } from './serve.mjs';
import { EDITOR_BUILD, EXTENSION_BUILD, inputsHash, isFresh, writeStamp } from './build-stamp.mjs';

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

/** Runs `npm run <script>` without blocking the servers; resolves to its exit code and output. */
function runScript(script) {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', script], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(child);
    let output = '';
    child.stdout.on('data', (b) => (output += b));
    child.stderr.on('data', (b) => (output += b));
    child.on('close', (code) => {
      children.delete(child);
      resolve({ code: code ?? 1, output });
    });
  });
}
const children = new Set();

/** Builds with `script` unless the stamp says `outputs` are up to date with the sources; true when they are (now). */
async function buildIfChanged(script, build, stampFile, outputs) {
  const hash = inputsHash(root, build.inputs, build.exclude);
  if (isFresh(stampFile, hash, outputs)) return { ok: true, built: false, output: '' };
  const run = await runScript(script);
  if (run.code === 0) writeStamp(stampFile, hash);
  return { ok: run.code === 0, built: true, output: run.output };
}
const lastLine = (text) => text.trim().split('\n').filter(Boolean).pop() ?? '';

const editorDir = path.join(root, 'dist/editor');
const editorBuild = buildIfChanged('build:editor', EDITOR_BUILD, path.join(root, 'dist/editor-build-stamp'), [path.join(editorDir, 'index.html')]);

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

const editorBuilt = await editorBuild;
if (!editorBuilt.ok) {
  sync.kill('SIGTERM');
  fail(`the editor did not build: ${lastLine(editorBuilt.output)} (npm run build:editor shows all)`);
}
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
const extensionDir = path.join(root, '.output/chrome-mv3');
const extensionBuild = buildIfChanged('build:extension', EXTENSION_BUILD, path.join(root, '.output/build-stamp'), [path.join(extensionDir, 'manifest.json'), path.join(root, '.output/firefox-mv3/manifest.json')]);
let extensionDone = false;
setImmediate(() => {
  if (!extensionDone) process.stdout.write('  Browser extension      building in the background…\n');
});
extensionBuild.then((result) => {
  extensionDone = true;
  if (stopping) return;
  process.stdout.write(
    result.ok
      ? `  Browser extension      ${shown(extensionDir)}  (${result.built ? 'built now; ' : ''}chrome://extensions → Developer mode → Load unpacked)\n`
      : `  Browser extension      not built: ${lastLine(result.output)} (npm run build:extension shows all)\n`,
  );
});

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  sync.removeAllListeners('exit');
  sync.once('exit', () => editor.close().then(() => process.exit(0)));
  sync.kill('SIGTERM');
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
