/**
 * core/ runs in Node, a page and a worker alike: outside the Node-only edges
 * (the CLI and the lexicon loader) it touches no DOM, no Node API and no globals.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const core = path.dirname(fileURLToPath(import.meta.url));
const NODE_ONLY = [/^cli\//, /\.node\.ts$/, /\.test\.ts$/, /\.mjs$/];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : full.endsWith('.ts') ? [full] : [];
  });
}

describe('core purity', () => {
  const pure = files(core)
    .map((f) => path.relative(core, f))
    .filter((f) => !NODE_ONLY.some((re) => re.test(f)));

  it.each(pure)('%s uses no DOM, Node or global state', (file) => {
    const src = readFileSync(path.join(core, file), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    expect(src).not.toMatch(/\b(document|window|localStorage|navigator|globalThis)\./);
    expect(src).not.toMatch(/from ['"]node:/);
    expect(src).not.toMatch(/\bprocess\.(env|argv|exit)/);
  });
});
