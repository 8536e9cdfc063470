/**
 * How a document travels from the browser extension to the editor.
 *
 * The extension keeps the document (and the PDF bytes, when it has them) and opens
 * the editor at `${editorUrl}#handoff=${id}`. The extension's bridge script on the
 * editor's origin answers the editor's request for that id with `window.postMessage`.
 * Everything stays on the machine, so it works offline.
 */
import type { Meeting } from '../minutes/model.ts';

export const HANDOFF_SOURCE_EDITOR = 'referat-editor' as const;
export const HANDOFF_SOURCE_EXTENSION = 'referat-extension' as const;
export const HANDOFF_HASH = 'handoff';

/** A document as the extension hands it over. */
export interface HandoffDocument {
  /** Where the PDF came from (kl.dk). */
  url: string;
  /** pdf.js fingerprint of the PDF, when it was read from one. */
  fingerprint: string | null;
  /** The parse the extension made (schema version 1, with `text`). */
  meeting: Meeting;
  /** The PDF itself, base64, when the extension has it and it is small enough to pass. */
  pdfBase64?: string;
}

/** The editor asks for the document behind a handoff id. */
export interface HandoffRequest {
  source: typeof HANDOFF_SOURCE_EDITOR;
  type: 'handoff-request';
  id: string;
}

/** The extension answers with the document, or with why it cannot. */
export type HandoffResponse =
  | { source: typeof HANDOFF_SOURCE_EXTENSION; type: 'handoff-document'; id: string; document: HandoffDocument }
  | { source: typeof HANDOFF_SOURCE_EXTENSION; type: 'handoff-error'; id: string; error: string };

export function isHandoffRequest(data: unknown): data is HandoffRequest {
  const d = data as Partial<HandoffRequest> | null;
  return !!d && d.source === HANDOFF_SOURCE_EDITOR && d.type === 'handoff-request' && typeof d.id === 'string';
}

export function isHandoffResponse(data: unknown): data is HandoffResponse {
  const d = data as { source?: unknown; type?: unknown; id?: unknown } | null;
  return !!d && d.source === HANDOFF_SOURCE_EXTENSION && (d.type === 'handoff-document' || d.type === 'handoff-error') && typeof d.id === 'string';
}

/**
 * Does a message event's `origin` come from `expected` (the editor page's own
 * origin, where the extension's bridge answers)? Exact comparison; an empty or
 * "null" origin (a sandboxed frame, a file: page, a synthetic event) never does.
 */
export function isExpectedOrigin(origin: string | null | undefined, expected: string): boolean {
  if (!origin || origin === 'null' || !expected || expected === 'null') return false;
  return origin === expected;
}

/** The handoff id in a location hash such as `#handoff=abc123`, or null. */
export function handoffIdFromHash(hash: string): string | null {
  const m = /(?:^#|&)handoff=([A-Za-z0-9_-]{6,64})(?:&|$)/.exec(hash);
  return m ? m[1]! : null;
}
