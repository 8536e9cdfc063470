#!/usr/bin/env node
// The `referat` executable: runs the bundled CLI, building it first when it is missing.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = new URL('../../dist/referat.mjs', import.meta.url);

if (!existsSync(bundle)) {
  const build = fileURLToPath(new URL('./build.mjs', import.meta.url));
  const run = spawnSync(process.execPath, [build], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (run.status !== 0 || !existsSync(bundle)) {
    process.stderr.write('referat: dist/referat.mjs is missing and could not be built (run npm run build:cli)\n');
    process.exit(1);
  }
}

const { main } = await import(bundle.href);
process.exitCode = await main(process.argv.slice(2));
