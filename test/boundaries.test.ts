/**
 * The house rules in .dependency-cruiser.cjs hold for the whole tree, and the tool
 * that checks them does catch a breach (a probe tree with one of each).
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
const run = promisify(execFile);

async function cruise(cwd: string): Promise<{ code: number; out: string }> {
  try {
    const { stdout } = await run(process.execPath, [bin, 'core', 'editor', 'extension', '--config', '.dependency-cruiser.cjs', '--output-type', 'err'], { cwd });
    return { code: 0, out: stdout };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, out: err.stdout + err.stderr };
  }
}

describe('module boundaries (dependency-cruiser)', () => {
  const probe = mkdtempSync(path.join(tmpdir(), 'referat-boundaries-'));
  afterAll(() => rmSync(probe, { recursive: true, force: true }));

  it('hold in this tree: core imports no app, the apps not each other, no cycles', async () => {
    const { code, out } = await cruise(root);
    expect(out).not.toMatch(/error/);
    expect(code).toBe(0);
  });

  it('are enforced: a probe tree with one breach of each rule fails with each named', async () => {
    const put = (file: string, text: string) => {
      mkdirSync(path.dirname(path.join(probe, file)), { recursive: true });
      writeFileSync(path.join(probe, file), text);
    };
    copyFileSync(path.join(root, '.dependency-cruiser.cjs'), path.join(probe, '.dependency-cruiser.cjs'));
    put('tsconfig.json', JSON.stringify({ compilerOptions: { allowImportingTsExtensions: true, noEmit: true, moduleResolution: 'Bundler', module: 'ESNext' } }));
    put('editor/app.ts', "export const app = 1;\n");
    put('core/reaches-up.ts', "import { app } from '../editor/app.ts';\nexport const x = app;\n");
    put('core/uses-node.ts', "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n");
    put('core/a.ts', "import type { B } from './b.ts';\nexport type A = { b?: B };\n");
    put('core/b.ts', "import type { A } from './a.ts';\nexport type B = { a?: A };\n");
    put('extension/ui.ts', "import { app } from '../editor/app.ts';\nexport const y = app;\n");
    const { code, out } = await cruise(probe);
    expect(code).not.toBe(0);
    for (const rule of ['core-is-self-contained', 'extension-not-editor', 'core-pure-no-node', 'no-circular']) expect(out).toContain(rule);
  });
});
