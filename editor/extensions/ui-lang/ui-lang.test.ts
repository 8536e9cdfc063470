import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { EditorState } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import { parseMinutes } from '../../../core/minutes/parse.ts';
import { lintDiagnostics } from '../diagnostics/index.ts';
import { liveParse, meetingOf } from '../live-parse/index.ts';
import { editorPhrases, setUiLang, uiLang, uiLangOf } from './index.ts';

const require = createRequire(import.meta.url);
const seed = (name: string) => readFileSync(new URL(`../../../test/fixtures/seeds/${name}`, import.meta.url), 'utf8');

/** The phrases CodeMirror's packages ask for, read from their code. */
function codemirrorPhrases(): string[] {
  const found = new Set<string>();
  for (const pkg of ['search', 'lint', 'language', 'view', 'commands']) {
    const src = readFileSync(require.resolve(`@codemirror/${pkg}`), 'utf8');
    for (const m of src.matchAll(/phrase\((?:view, )?"([^"]+)"/g)) found.add(m[1]!);
    for (const m of src.matchAll(/phrase\([\w.]+ \? "([^"]+)" : "([^"]+)"\)/g)) found.add(m[1]!).add(m[2]!);
  }
  return [...found];
}

describe('ui-lang', () => {
  it('has a Danish word for every phrase of the search panel, lint panel and folding, and English says the phrase itself', () => {
    const used = codemirrorPhrases();
    expect(used).toEqual(expect.arrayContaining(['Find', 'replace all', 'No diagnostics', 'Fold line']));
    const da = editorPhrases('da');
    const en = editorPhrases('en');
    for (const phrase of used) {
      expect(Object.keys(da), phrase).toContain(phrase);
      expect(en[phrase]).toBe(phrase);
    }
    expect(da['Find']).toBe('Søg');
    expect(da['replaced $ matches']).toContain('$');
  });

  it('sets the phrases and the lint messages by language, and switches in a transaction', () => {
    const text = parseMinutes(seed('002_d4bf133e628f21e0.txt'), { includeText: true }).text!;
    let state = EditorState.create({ doc: text, extensions: [uiLang('da'), liveParse()] });
    expect(uiLangOf(state)).toBe('da');
    expect(state.phrase('Find')).toBe('Søg');
    const diagnostics = meetingOf(state).diagnostics.filter((d) => d.params);
    expect(diagnostics.length).toBeGreaterThan(0);
    const danish = lintDiagnostics(state);
    expect(danish.some((d) => /^Punkt \S+ har ingen/.test(d.message))).toBe(true);
    state = state.update(setUiLang('en')).state;
    expect(uiLangOf(state)).toBe('en');
    expect(state.phrase('Find')).toBe('Find');
    expect(lintDiagnostics(state).map((d) => d.message)).toEqual(meetingOf(state).diagnostics.map((d) => d.message));
    const many = lintDiagnostics(state).find((d) => d.actions?.length === 2);
    if (many) expect(many.actions![1]!.name).toMatch(/^all \d+$/);
  });
});
