import { describe, expect, it } from 'vitest';
import { citation, longDate } from './summary.ts';

describe('summary helpers', () => {
  it('writes dates the Danish way', () => {
    expect(longDate('2020-09-04')).toBe('4. september 2020');
    expect(longDate('2020-09-04', 'en')).toBe('4 September 2020');
    expect(longDate(null)).toBe('');
  });
  it('cites an item with page and deep link', () => {
    expect(citation({ body: 'KKR Nordjylland', kind: 'referat', date: '2020-09-04' }, { number: '3.2', title: 'Socialaftale', page: 7 }, 'https://www.kl.dk/media/1/r.pdf')).toBe(
      'KKR Nordjylland, Referat 4. september 2020, punkt 3.2 "Socialaftale", s. 7. https://www.kl.dk/media/1/r.pdf#item=3.2',
    );
  });
});
