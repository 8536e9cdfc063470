import { describe, expect, it } from 'vitest';

import { createLexicon, LEXICON_HEADER, lexiconFromForms, mergeLexiconText, serializeLexicon } from './lexicon.ts';
import { ROLE_BEGIN, ROLE_END, ROLE_PROPER, ROLE_WEAK, ROLE_WORD } from './roles.ts';

const FORMS: [string, number][] = [
  ['møde', ROLE_WORD | ROLE_BEGIN | ROLE_END],
  ['mødet', ROLE_WORD | ROLE_END],
  ['mø', ROLE_WORD],
  ['område', ROLE_WORD | ROLE_END],
  ['aalborg', ROLE_PROPER],
  ['pa', ROLE_WEAK],
  ['vedr.', ROLE_WORD],
];

describe('lexicon text', () => {
  it('serializes sorted, one form per line, with a header', () => {
    const text = serializeLexicon(FORMS);
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toBe(LEXICON_HEADER);
    const forms = lines.slice(1).map((l) => l.split('\t')[0]!);
    expect(forms).toEqual([...forms].sort());
    expect(forms).toHaveLength(FORMS.length);
  });

  it('merges duplicate forms', () => {
    const lex = lexiconFromForms([
      ['møde', ROLE_WORD],
      ['møde', ROLE_BEGIN],
    ]);
    expect(lex.size).toBe(1);
    expect(lex.roles('møde')).toBe(ROLE_WORD | ROLE_BEGIN);
  });

  it('looks forms up exactly', () => {
    const lex = lexiconFromForms(FORMS);
    expect(lex.roles('møde')).toBe(ROLE_WORD | ROLE_BEGIN | ROLE_END);
    expect(lex.roles('mød')).toBe(0);
    expect(lex.roles('mødets')).toBe(0);
    expect(lex.roles('vedr.')).toBe(ROLE_WORD);
    expect(lex.roles('')).toBe(0);
    expect(lex.isCompoundPart('Møde', ROLE_BEGIN)).toBe(true);
    expect(lex.isCompoundPart('mødet', ROLE_BEGIN)).toBe(false);
  });

  it('has() follows dictionary case rules', () => {
    const lex = lexiconFromForms(FORMS);
    expect(lex.has('møde')).toBe(true);
    expect(lex.has('MØDE')).toBe(true);
    expect(lex.has('Aalborg')).toBe(true);
    expect(lex.has('AALBORG')).toBe(true);
    expect(lex.has('aalborg')).toBe(false);
    expect(lex.has('pa')).toBe(true);
    expect(lex.has('pa', false)).toBe(false);
  });

  it('walks prefixes like a trie', () => {
    const lex = lexiconFromForms(FORMS);
    const walk = (s: string) => {
      let r = lex.root();
      for (const ch of s) {
        const next = lex.step(r, ch.charCodeAt(0));
        if (!next) return null;
        r = next;
      }
      return r;
    };
    expect(lex.rolesAt(walk('mø')!)).toBe(ROLE_WORD);
    expect(lex.rolesAt(walk('mød')!)).toBe(0);
    expect(lex.rolesAt(walk('møde')!)).toBe(ROLE_WORD | ROLE_BEGIN | ROLE_END);
    const r = walk('møde')!;
    expect(r.hi - r.lo).toBe(2); // møde, mødet
    expect(walk('møx')).toBeNull();
    expect(walk('områdes')).toBeNull();
  });

  it('merges extra forms into a built text', () => {
    const text = serializeLexicon(FORMS);
    const merged = mergeLexiconText(text, [
      ['læsø', ROLE_PROPER],
      ['møde', ROLE_PROPER],
      ['zzz', ROLE_WORD],
      ['a', ROLE_WORD],
    ]);
    const lex = createLexicon(merged);
    expect(lex.header).toBe(LEXICON_HEADER);
    expect(lex.size).toBe(FORMS.length + 3);
    expect(lex.roles('læsø')).toBe(ROLE_PROPER);
    expect(lex.roles('møde')).toBe(ROLE_WORD | ROLE_BEGIN | ROLE_END | ROLE_PROPER);
    expect(lex.roles('zzz')).toBe(ROLE_WORD);
    expect(lex.roles('a')).toBe(ROLE_WORD);
    for (const [form] of FORMS) expect(lex.roles(form)).not.toBe(0);
    const body = merged.split('\n').slice(1, -1);
    expect(body).toEqual([...body].sort());
  });
});
