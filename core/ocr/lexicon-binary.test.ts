import { describe, expect, it } from 'vitest';
import { createLexicon, indexLexicon, lexiconFromIndex, serializeLexicon } from './lexicon.ts';
import { decodeLexiconBinary, encodeLexiconBinary } from './lexicon-binary.ts';
import { ROLE_BEGIN, ROLE_END, ROLE_PROPER, ROLE_WORD } from './roles.ts';

const forms: [string, number][] = [
  ['møde', ROLE_WORD],
  ['møder', ROLE_WORD],
  ['beskæftigelses', ROLE_BEGIN],
  ['området', ROLE_WORD | ROLE_END],
  ['aalborg', ROLE_PROPER],
  ['på', ROLE_WORD],
  ['ændring', ROLE_WORD],
];

describe('prebuilt lexicon index', () => {
  it('round-trips: the decoded index answers as the indexed text does', () => {
    const text = serializeLexicon(forms, '#referat-lexicon v1 test');
    const bytes = encodeLexiconBinary(indexLexicon(text), new TextEncoder().encode(text).length)!;
    expect(bytes).not.toBeNull();
    const binary = decodeLexiconBinary(bytes)!;
    expect(binary.header).toBe('#referat-lexicon v1 test');
    expect(binary.utf8ByteLength).toBe(new TextEncoder().encode(text).length);
    const decodedText = String.fromCharCode(...binary.text);
    expect(decodedText).toBe(text);
    const fromIndex = lexiconFromIndex({ ...binary, text: decodedText });
    const fromText = createLexicon(text);
    expect(fromIndex.size).toBe(fromText.size);
    expect(fromIndex.header).toBe(fromText.header);
    for (const w of ['møde', 'møder', 'mød', 'området', 'aalborg', 'Aalborg', 'på', 'pa', 'ændring', 'x', '']) {
      expect(fromIndex.roles(w)).toBe(fromText.roles(w));
      expect(fromIndex.has(w)).toBe(fromText.has(w));
    }
    let a = fromIndex.root();
    let b = fromText.root();
    for (const c of 'møder') {
      a = fromIndex.step(a, c.charCodeAt(0))!;
      b = fromText.step(b, c.charCodeAt(0))!;
      expect(a).toEqual(b);
      expect(fromIndex.rolesAt(a)).toBe(fromText.rolesAt(b));
    }
  });

  it('has no binary form for text beyond Latin-1, and refuses bytes that are not one', () => {
    const text = serializeLexicon([['ŝablono', ROLE_WORD]]);
    expect(encodeLexiconBinary(indexLexicon(text), 0)).toBeNull();
    expect(decodeLexiconBinary(new Uint8Array(64))).toBeNull();
    const good = encodeLexiconBinary(indexLexicon(serializeLexicon(forms)), 0)!;
    expect(decodeLexiconBinary(good.subarray(0, good.length - 4))).toBeNull();
  });
});
