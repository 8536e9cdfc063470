import { describe, expect, it } from 'vitest';
import { isKlPdfSource, isMinutesPdfUrl, recognizeMinutesLink } from './links.ts';

const base = 'https://www.kl.dk/media/12345/';

describe('recognizeMinutesLink', () => {
  it('knows minutes by file name', () => {
    expect(recognizeMinutesLink(`${base}referat-kkr-nordjylland-24-oktober-2025.pdf`, 'Hent')).toEqual({
      url: `${base}referat-kkr-nordjylland-24-oktober-2025.pdf`,
      kind: 'referat',
    });
  });
  it('knows agendas by file name and minutes by link text', () => {
    expect(recognizeMinutesLink(`${base}dagsorden-kkr-nordjylland-4-september-2020.pdf`, '')?.kind).toBe('dagsorden');
    expect(recognizeMinutesLink(`${base}kkr-nord-2020-09.pdf`, 'Referat fra møde i KKR Nordjylland den 4. september 2020')?.kind).toBe('referat');
    expect(recognizeMinutesLink(`${base}x.PDF`, 'Dagsorden til mødet 24. oktober')?.kind).toBe('dagsorden');
    expect(recognizeMinutesLink(`${base}beslutningsreferat_kkr.pdf`, '')?.kind).toBe('referat');
  });
  it('ignores other PDFs, pages and hosts', () => {
    expect(recognizeMinutesLink(`${base}forretningsorden-for-kkr.pdf`, 'Forretningsorden for KKR')).toBeNull();
    expect(recognizeMinutesLink(`${base}kkr-folder-2022.pdf`, 'Folder om KKR')).toBeNull();
    expect(recognizeMinutesLink(`${base}forretningsorden.pdf`, 'Referat af forretningsorden')).toBeNull();
    expect(recognizeMinutesLink('https://www.kl.dk/nyheder/referat-fra-kkr', 'Referat fra KKR')).toBeNull();
    expect(recognizeMinutesLink('https://example.com/referat.pdf', 'Referat')).toBeNull();
    expect(recognizeMinutesLink('javascript:alert(1)', 'Referat')).toBeNull();
    expect(recognizeMinutesLink('not a url', 'Referat')).toBeNull();
    expect(recognizeMinutesLink(`${base}prereferatx.pdf`, '')).toBeNull();
  });
  it('accepts query strings and encoded names', () => {
    expect(recognizeMinutesLink(`${base}Referat%20KKR.pdf?v=2`, '')?.kind).toBe('referat');
    expect(isMinutesPdfUrl('http://www.kl.dk/media/1/referat-kkr.pdf')).toBe(true);
  });
  it('gives back https://www.kl.dk URLs, and fetches from nowhere else', () => {
    expect(recognizeMinutesLink('http://www.kl.dk/media/1/referat-kkr.pdf', '')?.url).toBe('https://www.kl.dk/media/1/referat-kkr.pdf');
    expect(recognizeMinutesLink('https://kl.dk/media/1/referat-kkr.pdf', '')?.url).toBe('https://www.kl.dk/media/1/referat-kkr.pdf');
    expect(recognizeMinutesLink('https://www.kl.dk:8443/media/1/referat-kkr.pdf', '')).toBeNull();
    expect(isKlPdfSource('https://www.kl.dk/media/1/x.pdf')).toBe(true);
    expect(isKlPdfSource('https://www.kl.dk:443/media/1/x.pdf')).toBe(true);
    for (const url of ['http://www.kl.dk/media/1/x.pdf', 'http://127.0.0.1:1234/x.pdf', 'https://localhost/x.pdf', 'https://kl.dk/x.pdf', 'https://a@www.kl.dk/x.pdf', 'chrome-extension://abc/viewer.html', 'nonsense']) {
      expect(isKlPdfSource(url), url).toBe(false);
    }
  });
});
