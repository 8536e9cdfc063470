/**
 * The CLI (`referat parse`) and the editor's import read the same bytes the same
 * way: the same files are refused for the same reason, and the same text comes
 * out of the rest, with the same SHA-256.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { identify } from '../core/cli/input.ts';
import { parseMinutes } from '../core/minutes/parse.ts';
import { decodeWindows1252 } from '../core/text/decode.ts';
import { importFile } from '../editor/services/import.ts';

const seed = readFileSync(path.resolve('test/fixtures/seeds/000_0c2e4851483b96f9.txt'), 'utf8');

/** Encodes text as windows-1252 (every character of the seed has a byte there). */
function cp1252(text: string): Uint8Array {
  const byChar = new Map<string, number>();
  for (let b = 0; b < 256; b++) byChar.set(decodeWindows1252(Uint8Array.of(b)), b);
  return Uint8Array.from([...text], (c) => {
    const b = byChar.get(c);
    if (b === undefined) throw new RangeError(`no windows-1252 byte for U+${c.codePointAt(0)!.toString(16)}`);
    return b;
  });
}

function utf16(text: string, bigEndian: boolean): Uint8Array {
  const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  if (bigEndian) for (let i = 0; i + 1 < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1]!, le[i]!];
  return new Uint8Array(le);
}

const CASES: [name: string, bytes: Uint8Array][] = [
  ['utf8.txt', new TextEncoder().encode(seed)],
  ['utf8-bom.txt', new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(seed)])],
  ['utf16le-bom.txt', utf16(seed, false)],
  ['utf16be-bom.txt', utf16(seed, true)],
  ['cp1252.txt', cp1252(seed.replace(/[^\u0000-\u00ff–—‘’“”•…€]/g, '?'))],
  ['nul.txt', new TextEncoder().encode(`${seed.slice(0, 2000)}\0${seed.slice(2000)}`)],
  ['image.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new TextEncoder().encode(seed.slice(0, 500))])],
  ['random.bin', Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 251)],
  ['utf16-no-bom.txt', new Uint8Array(Buffer.from(seed, 'utf16le'))],
  ['fake.pdf', new TextEncoder().encode(seed)],
  ['whitespace.txt', new TextEncoder().encode(' \r\n\t\n')],
  ['empty.txt', new Uint8Array()],
];

const file = (name: string, bytes: Uint8Array) => ({ name, size: bytes.length, arrayBuffer: async () => bytes.slice().buffer as ArrayBuffer });
const noPdf = async (): Promise<never> => {
  throw new Error('no PDF here');
};

describe('the CLI and the editor read files alike', () => {
  it.each(CASES)('%s', async (name, bytes) => {
    const cli = await identify(name, bytes);
    const editor = await importFile(file(name, bytes), noPdf).then(
      (doc) => ({ ok: true as const, doc }),
      (e: Error) => ({ ok: false as const, message: e.message }),
    );
    expect(editor.ok).toBe(cli.ok);
    if (cli.ok && editor.ok) {
      expect(cli.kind).toBe('text');
      expect(editor.doc.text).toBe(parseMinutes(cli.text, { includeText: true }).text);
      expect(editor.doc.text).toContain('Beslutning');
      expect(editor.doc.source.sha256).toBe(cli.sha256);
    } else if (!cli.ok && !editor.ok) {
      // An empty file is refused before it is read, in each app's own words.
      if (cli.code !== 'empty' || bytes.length > 0) expect(editor.message).toBe(`${name}: ${cli.reason}`);
    }
  });

  it('reads UTF-8 with and without a BOM and UTF-16 either way to one text', async () => {
    const texts = new Set<string>();
    for (const [name, bytes] of CASES.slice(0, 4)) texts.add((await importFile(file(name, bytes), noPdf)).text);
    expect(texts.size).toBe(1);
  });
});
