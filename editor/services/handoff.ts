/**
 * The editor side of the extension handoff: ask the page (where the
 * extension's bridge script listens) for the document behind `#handoff=<id>`.
 */
import {
  HANDOFF_SOURCE_EDITOR,
  handoffIdFromHash,
  isExpectedOrigin,
  isHandoffResponse,
  type HandoffDocument,
  type HandoffRequest,
} from '../../core/handoff/handoff.ts';

export { handoffIdFromHash };

/** The window pieces the handoff uses (a test seam). */
export interface HandoffWindow {
  postMessage(message: unknown, targetOrigin: string): void;
  addEventListener(type: 'message', listener: (e: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (e: MessageEvent) => void): void;
  location: { origin: string };
}

/**
 * Posts a HandoffRequest and resolves with the document, or rejects with a
 * one-line reason (the extension's error, or no answer within `timeoutMs`).
 */
export function requestHandoff(win: HandoffWindow, id: string, timeoutMs = 5000): Promise<HandoffDocument> {
  return new Promise((resolve, reject) => {
    const expected = win.location.origin;
    if (!isExpectedOrigin(expected, expected)) {
      reject(new Error(`The editor must be served over http(s) to receive documents from the extension (its origin is "${expected}")`));
      return;
    }
    const done = () => {
      clearTimeout(timer);
      win.removeEventListener('message', onMessage);
    };
    const onMessage = (e: MessageEvent) => {
      // Only this page's own origin (where the extension's bridge runs) may answer: exactly, never an empty or "null" one.
      if (!isExpectedOrigin(e.origin, expected)) return;
      const data: unknown = e.data;
      if (!isHandoffResponse(data) || data.id !== id) return;
      done();
      if (data.type === 'handoff-error') reject(new Error(data.error));
      else if (!data.document?.meeting || typeof data.document.meeting.text !== 'string') reject(new Error('The extension sent a document without its text'));
      else resolve(data.document);
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error('The browser extension did not answer (is it installed and enabled?)'));
    }, timeoutMs);
    win.addEventListener('message', onMessage);
    const request: HandoffRequest = { source: HANDOFF_SOURCE_EDITOR, type: 'handoff-request', id };
    win.postMessage(request, expected);
  });
}
