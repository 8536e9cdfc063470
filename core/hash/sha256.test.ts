import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256Hex, sha256HexOfText } from './sha256.ts';
import { sha256Hex as sha256HexNode } from './sha256.node.ts';

describe('sha256Hex', () => {
  it('gives the standard test vectors', () => {
    expect(sha256Hex(new Uint8Array())).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256HexOfText('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('agrees with node:crypto on any bytes, also on a view into a larger buffer', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat(8), (bytes, skip) => {
        const view = new Uint8Array(skip + bytes.length);
        view.set(bytes, skip);
        const expected = createHash('sha256').update(bytes).digest('hex');
        expect(sha256Hex(bytes)).toBe(expected);
        expect(sha256Hex(view.subarray(skip))).toBe(expected);
        expect(sha256HexNode(view.subarray(skip))).toBe(expected);
      }),
    );
  });

  it('hashes text as its UTF-8 bytes', () => {
    expect(sha256HexOfText('Møde i Ålborg')).toBe(createHash('sha256').update('Møde i Ålborg', 'utf8').digest('hex'));
  });
});
