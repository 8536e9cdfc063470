import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain ES module without types
import { inputsHash, isFresh, writeStamp } from './build-stamp.mjs';

describe('build stamps (npm start rebuilds only what changed)', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'referat-stamp-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const put = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  };
  const build = { inputs: ['app', 'core', 'config.ts'], exclude: ['app/server'] };
  const hash = () => inputsHash(root, build.inputs, build.exclude) as string;
  const stamp = path.join(root, 'out/stamp');
  const output = path.join(root, 'out/index.html');

  it('is fresh after a build, and stale when a source, a new file or the config changes', () => {
    put('app/main.ts', 'a');
    put('core/parse.ts', 'b');
    put('config.ts', 'c');
    put('out/index.html', '<html>');
    writeStamp(stamp, hash());
    expect(isFresh(stamp, hash(), [output])).toBe(true);
    put('core/parse.ts', 'b2');
    expect(isFresh(stamp, hash(), [output])).toBe(false);
    writeStamp(stamp, hash());
    put('app/new.ts', 'n');
    expect(isFresh(stamp, hash(), [output])).toBe(false);
    writeStamp(stamp, hash());
    put('config.ts', 'c2');
    expect(isFresh(stamp, hash(), [output])).toBe(false);
  });

  it('ignores tests and excluded folders, and is stale when the output is gone', () => {
    writeStamp(stamp, hash());
    put('app/main.test.ts', 't');
    put('app/server/serve.mjs', 's');
    expect(isFresh(stamp, hash(), [output])).toBe(true);
    rmSync(output);
    expect(isFresh(stamp, hash(), [output])).toBe(false);
  });
});
