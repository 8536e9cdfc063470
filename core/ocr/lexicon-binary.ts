/**
 * A prebuilt copy of a lexicon's index (`lexicon-da.bin` beside `lexicon-da.txt`):
 * the text in Latin-1 bytes and the line and bucket tables `createLexicon` would
 * compute, so that loading is reading a file instead of decoding 15 MB of UTF-8
 * and indexing a million lines.
 *
 * Layout (32-bit integers in the platform's byte order, checked by a marker):
 *   "RLXBIN01", marker 0x01020304, header byte length, text length,
 *   byte length of the UTF-8 lexicon text it was made from, form count;
 *   the header (UTF-8), the text (one byte per character), each padded to 4;
 *   starts (count + 1), bucketLo and bucketHi (65536 each), firstLo and firstHi (256 each).
 *
 * Pure: no I/O. A text with a character above U+00FF has no binary form.
 */
import type { LexiconIndex } from './lexicon.ts';

const MAGIC = 'RLXBIN01';
const MARKER = 0x01020304;
const FIELDS = 6; // marker, header bytes, text length, UTF-8 text bytes, size, (reserved)
const PREFIX = MAGIC.length + FIELDS * 4;

/** The binary form of `index`, or null when its text does not fit in one byte per character. */
export function encodeLexiconBinary(index: LexiconIndex, utf8ByteLength: number): Uint8Array | null {
  const { text } = index;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0xff) return null;
  const header = new TextEncoder().encode(index.header);
  const headerEnd = pad4(PREFIX + header.length);
  const textEnd = pad4(headerEnd + text.length);
  const tables = [index.starts, index.bucketLo, index.bucketHi, index.firstLo, index.firstHi];
  const total = textEnd + tables.reduce((n, t) => n + t.byteLength, 0);
  const bytes = new Uint8Array(total);
  for (let i = 0; i < MAGIC.length; i++) bytes[i] = MAGIC.charCodeAt(i);
  const fields = new Int32Array(bytes.buffer, MAGIC.length, FIELDS);
  fields.set([MARKER, header.length, text.length, utf8ByteLength, index.size, 0]);
  bytes.set(header, PREFIX);
  for (let i = 0; i < text.length; i++) bytes[headerEnd + i] = text.charCodeAt(i);
  let at = textEnd;
  for (const table of tables) {
    bytes.set(new Uint8Array(table.buffer, table.byteOffset, table.byteLength), at);
    at += table.byteLength;
  }
  return bytes;
}

/** Where the parts of a binary lexicon lie; null when the bytes are not one (or are from a machine of the other byte order). */
export interface LexiconBinary {
  header: string;
  size: number;
  /** Byte length of the UTF-8 lexicon text this was made from. */
  utf8ByteLength: number;
  /** The text's bytes, one per character (Latin-1). */
  text: Uint8Array;
  /** The index tables (copies, so the file's bytes need not be kept). */
  starts: Int32Array;
  bucketLo: Int32Array;
  bucketHi: Int32Array;
  firstLo: Int32Array;
  firstHi: Int32Array;
}

export function decodeLexiconBinary(bytes: Uint8Array): LexiconBinary | null {
  if (bytes.length < PREFIX) return null;
  for (let i = 0; i < MAGIC.length; i++) if (bytes[i] !== MAGIC.charCodeAt(i)) return null;
  // The tables are in the byte order of the machine that wrote them; the marker tells.
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const littleEndian = new Uint8Array(new Uint32Array([MARKER]).buffer)[0] === 0x04;
  const field = (k: number) => view.getInt32(MAGIC.length + k * 4, littleEndian);
  if (field(0) !== MARKER) return null;
  const headerLength = field(1);
  const textLength = field(2);
  const utf8ByteLength = field(3);
  const size = field(4);
  if (headerLength < 0 || textLength < 0 || size < 0) return null;
  const headerEnd = pad4(PREFIX + headerLength);
  const textEnd = pad4(headerEnd + textLength);
  const lengths = [size + 1, 65536, 65536, 256, 256];
  if (bytes.length !== textEnd + lengths.reduce((n, l) => n + l * 4, 0)) return null;
  // Copy each table into an aligned array of its own.
  let at = textEnd;
  const tables = lengths.map((length) => {
    const table = new Int32Array(length);
    new Uint8Array(table.buffer).set(bytes.subarray(at, at + length * 4));
    at += length * 4;
    return table;
  });
  return {
    header: new TextDecoder().decode(bytes.subarray(PREFIX, PREFIX + headerLength)),
    size,
    utf8ByteLength,
    text: bytes.subarray(headerEnd, headerEnd + textLength),
    starts: tables[0]!,
    bucketLo: tables[1]!,
    bucketHi: tables[2]!,
    firstLo: tables[3]!,
    firstHi: tables[4]!,
  };
}

function pad4(n: number): number {
  return (n + 3) & ~3;
}
