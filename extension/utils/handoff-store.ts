/**
 * Documents waiting for the editor, kept in the extension's local storage under
 * a fresh id (see core/handoff/handoff.ts for the protocol). Only the last few
 * are kept: each may hold a PDF, and local storage has a quota.
 */
import { storage } from 'wxt/utils/storage';
import type { HandoffDocument } from '../../core/handoff/handoff.ts';
import { expiredHandoffs, newHandoffId } from './handoff-ids.ts';


const key = (id: string) => `local:handoff:${id}` as const;
const index = storage.defineItem<string[]>('local:handoffIds', { fallback: [] });

export async function saveHandoff(doc: HandoffDocument): Promise<string> {
  const id = newHandoffId();
  const ids = [...(await index.getValue()), id];
  const expired = expiredHandoffs(ids);
  // Free space before writing the new document.
  if (expired.length) await storage.removeItems(expired.map(key));
  await index.setValue(ids.slice(expired.length));
  await storage.setItem(key(id), doc);
  return id;
}

export async function loadHandoff(id: string): Promise<HandoffDocument | null> {
  return storage.getItem<HandoffDocument>(key(id));
}
