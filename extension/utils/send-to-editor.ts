/** Hand a parsed document to the editor: store it under a fresh id and open the editor at it. */
import { browser } from 'wxt/browser';
import { HANDOFF_HASH, type HandoffDocument } from '../../core/handoff/handoff.ts';
import { toBase64 } from './handoff-ids.ts';
import { saveHandoff } from './handoff-store.ts';
import { editorUrlSetting } from './settings.ts';
import type { ParsedDocument } from './parse.ts';

/** The PDF bytes travel with a handoff up to this size. */
export const MAX_HANDOFF_PDF_BYTES = 8 * 1024 * 1024;

export async function sendToEditor(url: string, parsed: ParsedDocument, bytes: Uint8Array): Promise<void> {
  const doc: HandoffDocument = { url, fingerprint: parsed.fingerprint, meeting: parsed.meeting };
  if (bytes.byteLength <= MAX_HANDOFF_PDF_BYTES) doc.pdfBase64 = toBase64(bytes);
  const id = await saveHandoff(doc);
  const editor = (await editorUrlSetting.getValue()).replace(/#.*$/, '');
  await browser.tabs.create({ url: `${editor}#${HANDOFF_HASH}=${id}` });
}
