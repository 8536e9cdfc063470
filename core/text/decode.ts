/**
 * What a file's bytes are: a PDF, text in some encoding, or neither (with a
 * one-line reason). Pure functions over bytes, shared by the CLI and the editor,
 * so both call the same file binary, or decode it the same way.
 */

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export type DecodeResult =
  | { ok: true; text: string; encoding: TextEncodingName }
  | { ok: false; code: 'empty' | 'binary' | 'not-text'; reason: string };

/**
 * Decodes a text file: UTF-8 (BOM stripped), UTF-16 with a BOM, otherwise
 * windows-1252 (a superset of latin1 for printable text) when the bytes are not
 * valid UTF-8. Refuses binary content and text that is only whitespace.
 */
export function decodeText(bytes: Uint8Array): DecodeResult {
  if (bytes.length === 0) return { ok: false, code: 'empty', reason: 'empty file' };
  const b0 = bytes[0], b1 = bytes[1];

  let text: string;
  let encoding: TextEncodingName;
  if (b0 === 0xff && b1 === 0xfe) {
    text = new TextDecoder('utf-16le').decode(bytes.subarray(2));
    encoding = 'utf-16le';
  } else if (b0 === 0xfe && b1 === 0xff) {
    text = decodeUtf16be(bytes.subarray(2));
    encoding = 'utf-16be';
  } else {
    const other = sniffBinary(bytes);
    if (other) return { ok: false, code: 'binary', reason: `binary file (looks like ${other}), not text` };
    if (bytes.indexOf(0) !== -1) return { ok: false, code: 'binary', reason: 'binary file (contains NUL bytes), not text' };
    const hasBom = b0 === 0xef && b1 === 0xbb && bytes[2] === 0xbf;
    const body = hasBom ? bytes.subarray(3) : bytes;
    try {
      text = utf8.decode(body);
      encoding = 'utf-8';
    } catch {
      const high = countHighBytes(body);
      // Danish latin1 prose has a few percent æøå; random bytes have about half.
      if (high > body.length * 0.3) {
        return { ok: false, code: 'not-text', reason: 'not text (invalid UTF-8 and mostly non-ASCII bytes)' };
      }
      text = decodeWindows1252(body);
      encoding = 'windows-1252';
    }
  }

  if (CONTROL_CHAR.test(text)) {
    const controls = countControlChars(text);
    if (controls > text.length * 0.01 + 1) {
      return { ok: false, code: 'binary', reason: `binary file (${controls} control characters), not text` };
    }
  }
  if (text.trim() === '') return { ok: false, code: 'empty', reason: 'no text (only whitespace)' };
  return { ok: true, text, encoding };
}

/** Control characters that do not occur in text: C0 except tab, LF, VT, FF, CR; DEL; C1. */
const CONTROL_CHAR = /[\u0000-\u0008\u000e-\u001f\u007f-\u009f]/;
const CONTROL_CHARS = /[\u0000-\u0008\u000e-\u001f\u007f-\u009f]/g;

function countControlChars(text: string): number {
  return text.match(CONTROL_CHARS)?.length ?? 0;
}

function countHighBytes(bytes: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! >= 0x80) n++;
  return n;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** windows-1252 code points for bytes 0x80–0x9F; the five undefined bytes map to the C1 control of the same value. */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8d, 0x017d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x9d, 0x017e, 0x0178,
];

/** Decodes windows-1252 without depending on the runtime's ICU data. */
export function decodeWindows1252(bytes: Uint8Array): string {
  const chunks: string[] = [];
  const CHUNK = 8192;
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const end = Math.min(bytes.length, start + CHUNK);
    const codes = new Array<number>(end - start);
    for (let i = start; i < end; i++) {
      const b = bytes[i]!;
      codes[i - start] = b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80]! : b;
    }
    chunks.push(String.fromCharCode(...codes));
  }
  return chunks.join('');
}

function decodeUtf16be(bytes: Uint8Array): string {
  const swapped = new Uint8Array(bytes.length - (bytes.length % 2));
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    swapped[i] = bytes[i + 1]!;
    swapped[i + 1] = bytes[i]!;
  }
  return new TextDecoder('utf-16le').decode(swapped);
}

/** Names well-known binary formats by their magic bytes, or returns null. */
export function sniffBinary(bytes: Uint8Array): string | null {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x50, 0x4b, 0x03, 0x04)) return 'a ZIP archive (.docx, .xlsx, .zip)';
  if (starts(0xd0, 0xcf, 0x11, 0xe0)) return 'an old Microsoft Office file (.doc, .xls)';
  if (starts(0x89, 0x50, 0x4e, 0x47)) return 'a PNG image';
  if (starts(0xff, 0xd8, 0xff)) return 'a JPEG image';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'a GIF image';
  if (starts(0x49, 0x49, 0x2a, 0x00) || starts(0x4d, 0x4d, 0x00, 0x2a)) return 'a TIFF image';
  if (starts(0x1f, 0x8b)) return 'a gzip archive';
  return null;
}

/** PDF readers accept the `%PDF-` header anywhere in the first 1024 bytes (a little junk may precede it). */
const PDF_HEADER = [0x25, 0x50, 0x44, 0x46, 0x2d];
const PDF_HEADER_WINDOW = 1024;

/** True when `%PDF-` occurs in the first kilobyte, where PDF readers look for it. */
export function hasPdfHeader(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, PDF_HEADER_WINDOW) - PDF_HEADER.length;
  for (let at = bytes.indexOf(PDF_HEADER[0]!); at !== -1 && at <= end; at = bytes.indexOf(PDF_HEADER[0]!, at + 1)) {
    if (PDF_HEADER.every((b, i) => bytes[at + i] === b)) return true;
  }
  return false;
}

export type FileContent =
  | { ok: true; kind: 'pdf' }
  | { ok: true; kind: 'text'; text: string; encoding: TextEncodingName }
  | { ok: false; code: 'empty' | 'binary' | 'not-text' | 'not-pdf'; reason: string };

/**
 * What a file is, by its bytes and (for a missing PDF header) its name: a PDF by its
 * header, else text decoded by `decodeText`; a `.pdf` without the header is refused
 * rather than read as text. `reason` is one line without the file name.
 */
export function fileContent(bytes: Uint8Array, name: string): FileContent {
  if (bytes.length === 0) return { ok: false, code: 'empty', reason: 'empty file' };
  if (hasPdfHeader(bytes)) return { ok: true, kind: 'pdf' };
  if (/\.pdf$/i.test(name)) {
    const other = sniffBinary(bytes);
    return { ok: false, code: 'not-pdf', reason: `not a PDF (no %PDF- header${other ? `; looks like ${other}` : ''})` };
  }
  const decoded = decodeText(bytes);
  return decoded.ok ? { ok: true, kind: 'text', text: decoded.text, encoding: decoded.encoding } : decoded;
}
