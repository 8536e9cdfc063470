/**
 * Documents waiting for the editor, kept in the extension's local storage under
 * a fresh id (see core/handoff/handoff.ts for the protocol).
 */
import { storage } from 'wxt/utils/storage';
import type { HandoffDocument } from '../../core/handoff/handoff.ts';

const key = (id: string) => `local:handoff:${id}` as const;

/** A fresh handoff id (URL-safe, 32 characters). */
export function newHandoffId(): string {
  return crypto.randomUUID().replaceAll('-', '');
}

export async function saveHandoff(doc: HandoffDocument): Promise<string> {
  const id = newHandoffId();
  await storage.setItem(key(id), doc);
  return id;
}

export async function loadHandoff(id: string): Promise<HandoffDocument | null> {
  return storage.getItem<HandoffDocument>(key(id));
}

/** PDF bytes → base64, in chunks (a spread of a large array overflows the stack). */
export function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}
