import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { looksOcrDamaged } from './pool.ts';
import { decodeWindows1252 } from '../text/decode.ts';

const seeds = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test/fixtures/seeds');

describe('looksOcrDamaged (which worker a document goes to)', () => {
  it('picks the OCR-damaged seed and none of the clean ones', () => {
    const picked = readdirSync(seeds)
      .filter((name) => name.endsWith('.txt'))
      .sort()
      .filter((name) => looksOcrDamaged(readFileSync(path.join(seeds, name))));
    expect(picked).toEqual(['002_d4bf133e628f21e0.txt']);
  });

  it('counts æ, ø, å in UTF-8 and in windows-1252', () => {
    const clean = 'Mødet i regionsrådet blev åbnet, og forslaget om fælles indkøb blev vedtaget. '.repeat(40);
    const utf8 = Buffer.from(clean, 'utf8');
    const latin1 = Buffer.from(clean, 'latin1');
    expect(decodeWindows1252(latin1)).toBe(clean);
    expect(looksOcrDamaged(utf8)).toBe(false);
    expect(looksOcrDamaged(latin1)).toBe(false);
    expect(looksOcrDamaged(Buffer.from(clean.replace(/[æøå]/g, 'a')))).toBe(true);
  });

  it('sends PDFs of both producers to any worker: their bytes are not their text', async () => {
    const { fixtures, pdfkitFixtures } = await import('../../test/fixtures/pdf/generate.ts');
    const pdfs = [...fixtures().filter((f) => f.kind === 'referat').slice(0, 2), ...pdfkitFixtures().slice(0, 2)];
    expect(pdfs.length).toBe(4);
    for (const f of pdfs) {
      const { bytes } = await f.build();
      // Read as text, a PDF has no æ, ø, å: the gate alone would take every PDF for OCR damage.
      expect(looksOcrDamaged(Buffer.concat([Buffer.from('Møde om økonomi og kørsel. '), bytes.subarray(8)]))).toBe(true);
      expect(looksOcrDamaged(bytes)).toBe(false);
    }
  });

  it('leaves short and letterless texts alone', () => {
    expect(looksOcrDamaged(Buffer.from('Referat'))).toBe(false);
    expect(looksOcrDamaged(Buffer.from('1234 5678\n'.repeat(2000)))).toBe(false);
  });
});
