import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeText, decodeWindows1252, fileContent, hasPdfHeader } from './decode.ts';

/** Deterministic pseudo-random bytes (xorshift), so a failure reproduces. */
function junk(length: number, seed = 1): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

describe('decodeText', () => {
  it('decodes UTF-8 and strips a BOM', () => {
    expect(decodeText(Buffer.from('Møde i Ålborg'))).toEqual({ ok: true, text: 'Møde i Ålborg', encoding: 'utf-8' });
    expect(decodeText(Buffer.from('\uFEFFMøde'))).toEqual({ ok: true, text: 'Møde', encoding: 'utf-8' });
  });

  it('falls back to windows-1252 for latin1 text', () => {
    const decoded = decodeText(Buffer.from('Referat fra møde i KKR Sjælland, Næstved. Økonomi og Ålborg.', 'latin1'));
    expect(decoded).toEqual({ ok: true, text: 'Referat fra møde i KKR Sjælland, Næstved. Økonomi og Ålborg.', encoding: 'windows-1252' });
  });

  it('maps the windows-1252 punctuation block', () => {
    // 0x96 en dash, 0x92 right single quote, 0x80 euro sign
    expect(decodeWindows1252(Uint8Array.from([0x4b, 0x4c, 0x92, 0x73, 0x20, 0x96, 0x20, 0x80]))).toBe('KL’s – €');
    expect(decodeText(Uint8Array.from([0x4b, 0x4c, 0x92, 0x73, 0x20, 0x96, 0x20, 0x31, 0x30, 0x20, 0x80]))).toMatchObject({ ok: true, text: 'KL’s – 10 €' });
  });

  it('agrees with latin1 on every byte outside 0x80–0x9F', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const plain = bytes.filter((b) => b < 0x80 || b > 0x9f);
        expect(decodeWindows1252(plain)).toBe(Buffer.from(plain).toString('latin1'));
      }),
    );
  });

  it('decodes UTF-16 with a BOM', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Afbud: Søren', 'utf16le')]);
    expect(decodeText(le)).toEqual({ ok: true, text: 'Afbud: Søren', encoding: 'utf-16le' });
    const be = Buffer.from(le);
    for (let i = 0; i + 1 < be.length; i += 2) [be[i], be[i + 1]] = [be[i + 1]!, be[i]!];
    expect(decodeText(be)).toEqual({ ok: true, text: 'Afbud: Søren', encoding: 'utf-16be' });
  });

  it('keeps form feeds, tabs and CRLF', () => {
    expect(decodeText(Buffer.from('side 1\f\r\nside\t2'))).toMatchObject({ ok: true, text: 'side 1\f\r\nside\t2' });
  });

  it('refuses empty and whitespace-only input', () => {
    expect(decodeText(new Uint8Array())).toMatchObject({ ok: false, code: 'empty', reason: 'empty file' });
    expect(decodeText(Buffer.from(' \n\t\r\n'))).toMatchObject({ ok: false, code: 'empty' });
  });

  it('refuses NUL bytes and control characters', () => {
    expect(decodeText(Buffer.from('abc\0def'))).toMatchObject({ ok: false, code: 'binary', reason: 'binary file (contains NUL bytes), not text' });
    expect(decodeText(Buffer.from('ab\x01\x02\x03\x04cd'))).toMatchObject({ ok: false, code: 'binary' });
  });

  it('tolerates a stray control character in long text', () => {
    expect(decodeText(Buffer.from('Beslutning\x07 ' + 'tekst '.repeat(100)))).toMatchObject({ ok: true });
  });

  it('names well-known binary formats', () => {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('rest')]);
    expect(decodeText(png)).toMatchObject({ ok: false, code: 'binary', reason: 'binary file (looks like a PNG image), not text' });
    expect(decodeText(Buffer.from('PK\x03\x04word/document.xml'))).toMatchObject({ ok: false, code: 'binary' });
  });

  it('refuses random bytes of any length and seed', () => {
    for (const length of [64, 1000, 100_000]) {
      for (const seed of [1, 7, 99, 12345]) expect(decodeText(junk(length, seed)).ok).toBe(false);
    }
  });

  it('returns a one-line reason for any bytes and never throws', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), (bytes) => {
        const result = decodeText(bytes);
        if (!result.ok) expect(result.reason).toMatch(/^[^\n]+$/);
      }),
    );
  });
});

describe('hasPdfHeader', () => {
  it('finds %PDF- in the first kilobyte, after a little junk too', () => {
    expect(hasPdfHeader(Buffer.from('%PDF-1.7\n'))).toBe(true);
    expect(hasPdfHeader(Buffer.from('\r\n\0junk%PDF-1.4'))).toBe(true);
    expect(hasPdfHeader(Buffer.from(' '.repeat(1019) + '%PDF-'))).toBe(true);
    expect(hasPdfHeader(Buffer.from(' '.repeat(1020) + '%PDF-'))).toBe(false);
    expect(hasPdfHeader(Buffer.from('%PDF'))).toBe(false);
    expect(hasPdfHeader(Buffer.from('%%PD%PDX'))).toBe(false);
  });
});

describe('fileContent', () => {
  it('tells a PDF by its header, whatever the name', () => {
    expect(fileContent(Buffer.from('%PDF-1.7\n%âãÏÓ\n'), 'a.txt')).toEqual({ ok: true, kind: 'pdf' });
  });

  it('refuses a .pdf without the header, naming what it looks like', () => {
    expect(fileContent(Buffer.from('hello'), 'x.pdf')).toEqual({ ok: false, code: 'not-pdf', reason: 'not a PDF (no %PDF- header)' });
    expect(fileContent(Buffer.from('PK\x03\x04rest'), 'x.PDF')).toMatchObject({ code: 'not-pdf', reason: 'not a PDF (no %PDF- header; looks like a ZIP archive (.docx, .xlsx, .zip))' });
  });

  it('decodes anything else as text', () => {
    expect(fileContent(Buffer.from('Møde', 'latin1'), 'm.txt')).toEqual({ ok: true, kind: 'text', text: 'Møde', encoding: 'windows-1252' });
    expect(fileContent(Buffer.from('abc\0def'), 'm.txt')).toMatchObject({ ok: false, code: 'binary' });
    expect(fileContent(new Uint8Array(), 'm.txt')).toEqual({ ok: false, code: 'empty', reason: 'empty file' });
  });
});
