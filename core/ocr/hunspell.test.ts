import { describe, expect, it } from 'vitest';

import { expandDictionary, parseAff, parseFlags, splitDicLine } from './hunspell.ts';
import { ROLE_BEGIN, ROLE_END, ROLE_MIDDLE, ROLE_PROPER, ROLE_WEAK, ROLE_WORD } from './roles.ts';

// A miniature affix file in the style of the Danish one (FLAG num, compound
// flags through zero-length suffixes, consonant doubling via NEEDAFFIX, …).
const AFF = `
SET UTF-8
FLAG num
FORBIDDENWORD 6
NEEDAFFIX 8
COMPOUNDBEGIN 32
COMPOUNDMIDDLE 33
COMPOUNDEND 34
COMPOUNDPERMITFLAG 35
ONLYINCOMPOUND 36
NOSUGGEST 86
COMPOUNDMIN 2

# common-gender definite
SFX 2 Y 2
SFX 2 0 n/34 e
SFX 2 0 en/34 [^e]

# consonant doubling, needs a further suffix
SFX 3 Y 2
SFX 3 0 t/11,8,35,34 t
SFX 3 0 p/11,8,35,34 p

# proper-name genitive
SFX 9 Y 2
SFX 9 0 s [^sxz]
SFX 9 0 ' [sxz]

# plural
SFX 11 Y 2
SFX 11 0 r/34 e
SFX 11 0 er/34 [^e]

# past tense with strip
SFX 12 Y 1
SFX 12 e ede/34 [^e]e

# superlative that allows the prefix "aller"
SFX 23 Y 1
SFX 23 0 st/34,90 .

# linking -s- (only inside compounds)
SFX 29 Y 1
SFX 29 0 s/32,35,36 .

# may begin / continue a compound as is
SFX 31 Y 2
SFX 31 0 0/32,36,35 .
SFX 31 0 0/33,36,35 .

# may end a compound
SFX 39 Y 1
SFX 39 0 0/35,34 .

PFX 54 Y 2
PFX 54 J Nordj/9 J
PFX 54 J Sydj/9 J

PFX 90 Y 1
PFX 90 0 aller .
`;

const DIC = `9
kat/3,39
møde/2,11,12,39,31
beskæftigelse/29,2,39
område/11,39,31
Jylland/54,9
stor/23
pa/86
forkert/6
a posteriori
MindreEnd
`;

describe('parseAff', () => {
  const aff = parseAff(AFF);

  it('reads flags, special flags and affix classes', () => {
    expect(aff.flagMode).toBe('num');
    expect(aff.needAffix).toBe(8);
    expect(aff.forbidden).toBe(6);
    expect(aff.compoundBegin).toBe(32);
    expect(aff.compoundEnd).toBe(34);
    expect(aff.onlyInCompound).toBe(36);
    expect(aff.suffixes.get(12)?.rules[0]).toMatchObject({ strip: 'e', add: 'ede', cont: [34] });
    expect(aff.prefixes.get(54)?.rules).toHaveLength(2);
  });

  it('parses flag lists in every FLAG mode', () => {
    expect(parseFlags('10,46,4', 'num')).toEqual([10, 46, 4]);
    expect(parseFlags('AbCd', 'long')).toEqual([65 * 65536 + 98, 67 * 65536 + 100]);
    expect(parseFlags('ab', 'char')).toEqual([97, 98]);
  });

  it('splits .dic lines with morphology and escaped slashes', () => {
    expect(splitDicLine('A-menneske/10,4 al:A-menneskene')).toEqual({ word: 'A-menneske', flags: '10,4' });
    expect(splitDicLine('km\\/t/9')).toEqual({ word: 'km/t', flags: '9' });
    expect(splitDicLine('på')).toEqual({ word: 'på', flags: '' });
  });
});

describe('expandDictionary', () => {
  const forms = expandDictionary(parseAff(AFF), DIC);
  const roles = (w: string) => forms.get(w) ?? 0;

  it('expands suffixes with conditions and strip', () => {
    expect(roles('møden') & ROLE_WORD).toBeTruthy();
    expect(roles('møder') & ROLE_WORD).toBeTruthy();
    expect(roles('mødede') & ROLE_WORD).toBeTruthy(); // strip e, add ede after [^e]e
    expect(forms.has('mødeen')).toBe(false); // [^e] condition
  });

  it('applies two-fold suffixes and NEEDAFFIX', () => {
    expect(roles('kat') & ROLE_WORD).toBeTruthy();
    expect(forms.has('katt')).toBe(false); // needs a further suffix
    expect(roles('katter') & ROLE_WORD).toBeTruthy();
  });

  it('records compound roles', () => {
    expect(roles('møde') & ROLE_BEGIN).toBeTruthy();
    expect(roles('møde') & ROLE_MIDDLE).toBeTruthy();
    expect(roles('møde') & ROLE_END).toBeTruthy();
    expect(roles('området') & ROLE_END).toBe(0); // no such suffix here
    expect(roles('områder') & ROLE_END).toBeTruthy();
    // "beskæftigelses" only begins compounds: not a standalone word
    expect(roles('beskæftigelses')).toBe(ROLE_BEGIN);
    expect(roles('beskæftigelsen') & ROLE_BEGIN).toBe(0);
  });

  it('applies prefixes, cross products and prefixes named by a suffix', () => {
    expect(roles('nordjylland') & ROLE_PROPER).toBeTruthy();
    expect(roles('nordjyllands') & ROLE_PROPER).toBeTruthy();
    expect(roles('sydjylland') & ROLE_PROPER).toBeTruthy();
    expect(roles('jyllands') & ROLE_PROPER).toBeTruthy();
    expect(roles('storst') & ROLE_WORD).toBeTruthy();
    expect(roles('allerstorst') & ROLE_WORD).toBeTruthy();
  });

  it('marks NOSUGGEST and mixed-case words weak, drops forbidden and multi-word entries', () => {
    expect(roles('pa')).toBe(ROLE_WEAK);
    expect(roles('mindreend')).toBe(ROLE_WEAK);
    expect(forms.has('forkert')).toBe(false);
    expect(forms.has('a')).toBe(false);
  });

  it('honours extra lines and the length limit', () => {
    const more = expandDictionary(parseAff(AFF), DIC, { maxLength: 5 }, ['Læsø/9']);
    expect((more.get('læsø') ?? 0) & ROLE_PROPER).toBeTruthy();
    expect((more.get('læsøs') ?? 0) & ROLE_PROPER).toBeTruthy();
    expect(more.has('mødede')).toBe(false);
  });
});
