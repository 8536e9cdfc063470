/** Pure helpers of the handoff store: ids, expiry, the PDF's encoding. */

/** How many handoffs stay available (an editor tab reloaded later can still ask). */
export const KEEP_HANDOFFS = 3;

/** A fresh handoff id (URL-safe, 32 characters). */
export function newHandoffId(): string {
  return crypto.randomUUID().replaceAll('-', '');
}

/** The ids to drop so that `ids` (oldest first) keeps its last `keep`. */
export function expiredHandoffs(ids: readonly string[], keep = KEEP_HANDOFFS): string[] {
  return ids.slice(0, Math.max(0, ids.length - keep));
}

/** PDF bytes → base64, in chunks (a spread of a large array overflows the stack). */
export function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}
