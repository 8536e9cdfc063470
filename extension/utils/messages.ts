/**
 * Messages between the content scripts, the pages and the background, declared
 * once: each type names its request and its response.
 */
import { browser } from 'wxt/browser';
import type { MeetingSummary } from './summary.ts';
import type { MinutesLink } from './links.ts';

export interface FoundLink extends MinutesLink {
  /** The link's text on the page (whitespace collapsed). */
  label: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

export interface Protocol {
  /** Fetch and parse a minutes PDF (cached by URL) and summarize it. */
  preview: { request: { url: string }; response: Result<MeetingSummary> };
  /** Open a PDF in the viewer, optionally at an item. */
  openViewer: { request: { url: string; item?: string }; response: Result<null> };
  /** Fetch and parse a PDF in full and open it in the editor (from the popup). */
  sendToEditor: { request: { url: string }; response: Result<null> };
  /**
   * Content script → background: PDFs this page's link texts call minutes or an agenda
   * though their file names do not say so, to open in the viewer too when visited.
   */
  learnLinks: { request: { urls: string[] }; response: Result<null> };
  /** Content script → popup: the minutes links found on this page, with their link texts. */
  listLinks: { request: Record<string, never>; response: FoundLink[] };
}

export type MessageType = keyof Protocol;
export interface Message<K extends MessageType = MessageType> {
  type: K;
  data: Protocol[K]['request'];
}

/** Send a message to the background (or, with `tabId`, to that tab's content script). */
export async function send<K extends MessageType>(type: K, data: Protocol[K]['request'], tabId?: number): Promise<Protocol[K]['response']> {
  const message: Message<K> = { type, data };
  return tabId === undefined ? browser.runtime.sendMessage(message) : browser.tabs.sendMessage(tabId, message);
}

export type Handlers = { [K in MessageType]?: (data: Protocol[K]['request']) => Promise<Protocol[K]['response']> | Protocol[K]['response'] };

/** Answer the message types in `handlers`; others are left to other listeners. */
export function handle(handlers: Handlers): void {
  browser.runtime.onMessage.addListener((message: unknown, _sender, sendResponse) => {
    const m = message as Partial<Message> | null;
    if (!m || typeof m.type !== 'string' || !(m.type in handlers)) return undefined;
    const handler = handlers[m.type as MessageType] as ((data: unknown) => unknown) | undefined;
    if (!handler) return undefined;
    Promise.resolve()
      .then(() => handler(m.data))
      .then(sendResponse, (e: unknown) => sendResponse({ ok: false, error: errorLine(e) }));
    return true;
  });
}

/** One line for an error, for the UI. */
export function errorLine(e: unknown): string {
  const s = e instanceof Error ? e.message : String(e);
  return s.split('\n')[0]!.slice(0, 300);
}
