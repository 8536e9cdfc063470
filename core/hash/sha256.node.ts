/**
 * SHA-256 as lowercase hex in Node, through node:crypto (native): the same
 * digest as ./sha256.ts, which pages and workers use, many times faster on a
 * batch's inputs (the pure one cost the CLI about 4 ms per 50 KB document).
 */
import { createHash } from 'node:crypto';

/** SHA-256 of bytes, 64 lowercase hex digits. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
