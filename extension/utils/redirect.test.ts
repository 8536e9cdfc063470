import { describe, expect, it } from 'vitest';
import { fileFromViewerSearch, LEARNED_RULE_ID_BASE, learnablePdf, MAX_LEARNED, MINUTES_PDF_REGEX, nativeViewUrl, redirectRules } from './redirect.ts';

describe('redirect rules', () => {
  const re = new RegExp(MINUTES_PDF_REGEX);
  it('match minutes and agenda PDFs on https://www.kl.dk only', () => {
    expect(re.test('https://www.kl.dk/media/123/referat-kkr-nordjylland-4-september-2020.pdf')).toBe(true);
    expect(re.test('https://www.kl.dk/media/123/Dagsorden-KKR.PDF?x=1')).toBe(true);
    expect(re.test('http://www.kl.dk/media/123/referat-kkr.pdf')).toBe(false);
    expect(re.test('https://www.kl.dk/media/123/forretningsorden.pdf')).toBe(false);
    expect(re.test('https://example.com/referat.pdf')).toBe(false);
    expect(re.test('https://www.kl.dk/referat/side.html')).toBe(false);
  });
  it('redirect to the viewer and let the native view through', () => {
    const [redirect, allow] = redirectRules('chrome-extension://abc/viewer.html');
    expect(redirect!.action.redirect!.regexSubstitution).toBe('chrome-extension://abc/viewer.html?file=\\0');
    expect(allow!.priority).toBeGreaterThan(redirect!.priority);
    expect(allow!.condition.urlFilter).toBe('|https://www.kl.dk/*referat-native=1');
    expect(nativeViewUrl('https://www.kl.dk/media/1/referat.pdf')).toBe('https://www.kl.dk/media/1/referat.pdf?referat-native=1');
  });
  it('add one exact rule for each PDF known as minutes from its link text', () => {
    const url = 'https://www.kl.dk/media/29310/kkr-nordjylland-2024-02.pdf';
    const rules = redirectRules('chrome-extension://abc/viewer.html', [url, 'http://127.0.0.1:8080/x.pdf', 'https://www.kl.dk/media/1/referat.pdf']);
    expect(rules).toHaveLength(3);
    expect(rules[2]).toEqual({
      id: LEARNED_RULE_ID_BASE,
      priority: 1,
      action: { type: 'redirect', redirect: { extensionPath: `/viewer.html?file=${encodeURIComponent(url)}` } },
      condition: { urlFilter: `|${url}|`, resourceTypes: ['main_frame'] },
    });
    const many = Array.from({ length: MAX_LEARNED + 10 }, (_, i) => `https://www.kl.dk/media/${i}/kkr.pdf`);
    expect(redirectRules('chrome-extension://abc/viewer.html', many)).toHaveLength(2 + MAX_LEARNED);
  });
  it('learn only https://www.kl.dk PDFs that the file-name rule does not cover', () => {
    expect(learnablePdf('https://www.kl.dk/media/29310/kkr-nordjylland-2024-02.pdf#page=2')).toBe('https://www.kl.dk/media/29310/kkr-nordjylland-2024-02.pdf');
    expect(learnablePdf('https://www.kl.dk/media/1/referat-kkr.pdf')).toBeNull();
    expect(learnablePdf('http://www.kl.dk/media/1/kkr.pdf')).toBeNull();
    expect(learnablePdf('https://www.kl.dk:8443/media/1/kkr.pdf')).toBeNull();
    expect(learnablePdf('https://evil.example/media/1/kkr.pdf')).toBeNull();
    expect(learnablePdf('https://www.kl.dk/nyheder/kkr/')).toBeNull();
    expect(learnablePdf('https://www.kl.dk/media/1/kkr*x.pdf')).toBeNull();
  });
  it('read the file back from the viewer URL, raw or encoded, and allow only https://www.kl.dk', () => {
    expect(fileFromViewerSearch('?file=https://www.kl.dk/media/1/referat.pdf?v=2')).toEqual({ url: 'https://www.kl.dk/media/1/referat.pdf?v=2', allowed: true });
    expect(fileFromViewerSearch(`?file=${encodeURIComponent('https://www.kl.dk/a b.pdf')}`)).toEqual({ url: 'https://www.kl.dk/a b.pdf', allowed: true });
    for (const url of ['http://www.kl.dk/media/1/referat.pdf', 'http://127.0.0.1:8080/x.pdf', 'https://localhost/x.pdf', 'https://kl.dk/x.pdf', 'https://www.kl.dk.evil.example/x.pdf', 'https://user:pw@www.kl.dk/x.pdf', 'https://www.kl.dk:8443/x.pdf', 'file:///etc/passwd', 'javascript:alert(1)', 'data:application/pdf;base64,JVBE']) {
      expect(fileFromViewerSearch(`?file=${encodeURIComponent(url)}`), url).toEqual({ url, allowed: false });
      expect(fileFromViewerSearch(`?file=${url}`)?.allowed, url).toBe(false);
    }
    expect(fileFromViewerSearch('')).toBeNull();
  });
});
