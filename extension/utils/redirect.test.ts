import { describe, expect, it } from 'vitest';
import { fileFromViewerSearch, MINUTES_PDF_REGEX, nativeViewUrl, redirectRules } from './redirect.ts';

describe('redirect rules', () => {
  const re = new RegExp(MINUTES_PDF_REGEX);
  it('match minutes and agenda PDFs on kl.dk only', () => {
    expect(re.test('https://www.kl.dk/media/123/referat-kkr-nordjylland-4-september-2020.pdf')).toBe(true);
    expect(re.test('https://www.kl.dk/media/123/Dagsorden-KKR.PDF?x=1')).toBe(true);
    expect(re.test('https://www.kl.dk/media/123/forretningsorden.pdf')).toBe(false);
    expect(re.test('https://example.com/referat.pdf')).toBe(false);
    expect(re.test('https://www.kl.dk/referat/side.html')).toBe(false);
  });
  it('redirect to the viewer and let the native view through', () => {
    const [redirect, allow] = redirectRules('chrome-extension://abc/viewer.html');
    expect(redirect!.action.redirect!.regexSubstitution).toBe('chrome-extension://abc/viewer.html?file=\\0');
    expect(allow!.priority).toBeGreaterThan(redirect!.priority);
    expect(nativeViewUrl('https://www.kl.dk/media/1/referat.pdf')).toBe('https://www.kl.dk/media/1/referat.pdf?referat-native=1');
  });
  it('read the file back from the viewer URL, raw or encoded', () => {
    expect(fileFromViewerSearch('?file=https://www.kl.dk/media/1/referat.pdf?v=2')).toBe('https://www.kl.dk/media/1/referat.pdf?v=2');
    expect(fileFromViewerSearch(`?file=${encodeURIComponent('https://www.kl.dk/a b.pdf')}`)).toBe('https://www.kl.dk/a b.pdf');
    expect(fileFromViewerSearch('?file=javascript:alert(1)')).toBeNull();
    expect(fileFromViewerSearch('')).toBeNull();
  });
});
