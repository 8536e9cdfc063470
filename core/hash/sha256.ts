/**
 * SHA-256 as lowercase hex: the digest a document's `source.sha256` holds, and
 * the one the CLI, the editor, the extension and the sync server all compute.
 * Pure (no Web Crypto, no node:crypto), so it is synchronous and the same in a
 * page, a worker and Node.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

/** SHA-256 of bytes, 64 lowercase hex digits. */
export function sha256Hex(bytes: Uint8Array): string {
  return bytesToHex(sha256(bytes));
}

/** SHA-256 of a string's UTF-8 bytes, 64 lowercase hex digits. */
export function sha256HexOfText(text: string): string {
  return sha256Hex(new TextEncoder().encode(text));
}
