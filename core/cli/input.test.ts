import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
