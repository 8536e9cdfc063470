import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeText, decodeWindows1252 } from './decode.ts';
import { expandInputs, readDocument } from './input.ts';

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

describe('readDocument and expandInputs', () => {
  let dir: string;
  const at = (...parts: string[]) => path.join(dir, ...parts);

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'referat-input-'));
    await mkdir(at('corpus', 'b', 'deep'), { recursive: true });
    await mkdir(at('corpus', 'a'));
    await mkdir(at('corpus', '.hidden'));
    await mkdir(at('empty'));
    await writeFile(at('corpus', 'b', 'deep', '2.txt'), 'to');
    await writeFile(at('corpus', 'b', '1.TXT'), 'en');
    await writeFile(at('corpus', 'a', 'z.pdf'), '%PDF-1.7\n%âãÏÓ\n');
    await writeFile(at('corpus', '10.txt'), 'ti');
    await writeFile(at('corpus', 'notes.md'), 'not a document');
    await writeFile(at('corpus', '.hidden', 'x.txt'), 'hidden');
    await writeFile(at('corpus', '.dotfile.txt'), 'hidden');
    await symlink(at('corpus', 'b'), at('corpus', 'c-link'));
    await writeFile(at('latin1.txt'), Buffer.from('Møde i Ærøskøbing', 'latin1'));
    await writeFile(at('empty.txt'), '');
    await writeFile(at('junk.txt'), junk(4096));
    await writeFile(at('fake.pdf'), 'just text');
    await writeFile(at('other.log'), 'Referat');
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads a text file with name, hash and encoding', async () => {
    const doc = await readDocument(at('latin1.txt'));
    expect(doc).toMatchObject({ ok: true, name: 'latin1.txt', kind: 'text', text: 'Møde i Ærøskøbing', encoding: 'windows-1252' });
    if (!doc.ok) throw new Error('unreachable');
    expect(doc.sha256).toBe(createHash('sha256').update(Buffer.from('Møde i Ærøskøbing', 'latin1')).digest('hex'));
    expect(doc.bytes.length).toBe(17);
  });

  it('reports unreadable files as values', async () => {
    expect(await readDocument(at('missing.txt'))).toMatchObject({ ok: false, code: 'not-found', reason: 'no such file or directory' });
    expect(await readDocument(at('empty.txt'))).toMatchObject({ ok: false, code: 'empty', reason: 'empty file' });
    expect(await readDocument(at('junk.txt'))).toMatchObject({ ok: false });
    expect(await readDocument(at('empty'))).toMatchObject({ ok: false, code: 'not-a-file', reason: 'is a directory' });
  });

  it('detects PDFs by their magic bytes and refuses .pdf files without them', async () => {
    // A PDF's text layer is read when it is parsed; here it is only recognized.
    expect(await readDocument(at('corpus', 'a', 'z.pdf'))).toMatchObject({ ok: true, kind: 'pdf', text: '' });
    expect(await readDocument(at('fake.pdf'))).toMatchObject({ ok: false, code: 'not-pdf', reason: 'not a PDF (no %PDF- header)' });
  });

  it('expands directories recursively, sorted, documents only, hidden entries skipped', async () => {
    const { files, errors, directories } = await expandInputs([at('corpus')]);
    expect(errors).toEqual([]);
    expect(directories).toBe(1);
    expect(files.map((f) => path.relative(at('corpus'), f))).toEqual([
      '10.txt',
      path.join('a', 'z.pdf'),
      path.join('b', '1.TXT'),
      path.join('b', 'deep', '2.txt'),
    ]);
  });

  it('takes named files whatever their extension, once each, in argument order', async () => {
    const { files, errors, directories } = await expandInputs([at('other.log'), at('latin1.txt'), at('other.log')]);
    expect(errors).toEqual([]);
    expect(directories).toBe(0);
    expect(files).toEqual([at('other.log'), at('latin1.txt')]);
  });

  it('reports missing paths and directories without documents', async () => {
    const { files, errors } = await expandInputs([at('nope'), at('empty'), at('latin1.txt')]);
    expect(files).toEqual([at('latin1.txt')]);
    expect(errors).toEqual([
      { ok: false, path: at('nope'), code: 'not-found', reason: 'no such file or directory' },
      { ok: false, path: at('empty'), code: 'no-documents', reason: 'no .txt or .pdf documents in directory' },
    ]);
  });
});
