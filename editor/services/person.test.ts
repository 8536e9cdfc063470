/** Who a token is, as the editor reads it from the sync server's listing, and a change only curators may make. */
import { describe, expect, it } from 'vitest';
import { mayCurate, personFrom } from './identity.ts';
import { parseServerNotice } from './collab.ts';

describe('a person from the listing', () => {
  it('takes a name and a known role, and nothing else', () => {
    expect(personFrom({ name: ' Ana Holm ', role: 'analyst' })).toEqual({ name: 'Ana Holm', role: 'analyst' });
    expect(personFrom({ name: 'Cy', role: 'curator' })).toEqual({ name: 'Cy', role: 'curator' });
    expect(personFrom(null)).toBeNull();
    expect(personFrom({ name: '', role: 'analyst' })).toBeNull();
    expect(personFrom({ name: 'Eva', role: 'boss' })).toBeNull();
  });

  it('lets curators, and those without a person’s token, adjudicate', () => {
    expect(mayCurate({ name: 'Cy', role: 'curator' })).toBe(true);
    expect(mayCurate({ name: 'Ana', role: 'analyst' })).toBe(false);
    expect(mayCurate({ name: 'Di', role: 'reader' })).toBe(false);
    expect(mayCurate(null)).toBe(true);
  });
});

describe('a curators-only refusal', () => {
  it('is read with its ranges, to be undone whole', () => {
    const notice = parseServerNotice(JSON.stringify({ type: 'referat.refused', reason: 'curators-only', bytes: 80, limit: 0, ranges: [[7, 0, 1], [7, 1, 1]] }));
    expect(notice).toEqual({ type: 'refused', reason: 'curators-only', bytes: 80, limit: 0, ranges: [[7, 0, 1], [7, 1, 1]] });
    expect(parseServerNotice(JSON.stringify({ type: 'referat.refused', reason: 'because', bytes: 1, limit: 0, ranges: [] }))).toBeNull();
  });
});
