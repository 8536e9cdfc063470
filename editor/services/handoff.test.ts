// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseMinutes } from '../../core/minutes/parse.ts';
import { HANDOFF_SOURCE_EXTENSION, isExpectedOrigin, isHandoffRequest, type HandoffDocument } from '../../core/handoff/handoff.ts';
import { handoffIdFromHash, requestHandoff, type HandoffWindow } from './handoff.ts';
import { importHandoff, importFile, importText, ImportError } from './import.ts';

const seedText = readFileSync(path.resolve('test/fixtures/seeds/000_0c2e4851483b96f9.txt'), 'utf8');

/** Plays the extension's bridge script: answers requests for `id` on the same window. */
function fakeExtension(id: string, answer: (reqId: string) => unknown): () => void {
  const onMessage = (e: MessageEvent) => {
    if (!isHandoffRequest(e.data)) return;
    window.postMessage(answer(e.data.id), '*');
  };
  window.addEventListener('message', onMessage);
  void id;
  return () => window.removeEventListener('message', onMessage);
}

const meeting = parseMinutes(seedText, { includeText: true, source: { name: 'x.pdf' } });
const doc: HandoffDocument = { url: 'https://www.kl.dk/media/1/referat.pdf', fingerprint: 'abc', meeting };

describe('handoff from the extension', () => {
  it('reads the id from the hash', () => {
    expect(handoffIdFromHash('#handoff=abc123')).toBe('abc123');
    expect(handoffIdFromHash('#other')).toBeNull();
  });

  it('asks the page and imports the answer', async () => {
    const stop = fakeExtension('h12345', (id) => ({ source: HANDOFF_SOURCE_EXTENSION, type: 'handoff-document', id, document: doc }));
    try {
      const got = await requestHandoff(window as never, 'h12345', 2000);
      expect(got.url).toBe(doc.url);
      const imported = await importHandoff(got);
      expect(imported.text).toBe(meeting.text);
      expect(imported.entry).toMatchObject({ source: 'extension', url: doc.url, fileName: 'referat.pdf', items: meeting.sections.reduce((n, s) => n + s.items.length, 0) });
      // No PDF bytes came along: the extension's parse stands, without runs; the source keeps the URL.
      expect(imported.runs).toEqual([]);
      expect(imported.source.url).toBe(doc.url);
    } finally {
      stop();
    }
  });

  it('rejects with the extension\'s reason, and ignores answers for other ids', async () => {
    const stop = fakeExtension('h2', (id) => ({ source: HANDOFF_SOURCE_EXTENSION, type: 'handoff-error', id, error: 'document expired' }));
    try {
      await expect(requestHandoff(window as never, 'hxyz99', 2000)).rejects.toThrow('document expired');
    } finally {
      stop();
    }
    const other = fakeExtension('h3', () => ({ source: HANDOFF_SOURCE_EXTENSION, type: 'handoff-document', id: 'someone-else', document: doc }));
    try {
      await expect(requestHandoff(window as never, 'hmine1', 200)).rejects.toThrow(/did not answer/);
    } finally {
      other();
    }
  });
});

/** A window whose message events the test delivers itself, with the origin it names. */
function scriptedWindow(origin: string) {
  const listeners = new Set<(e: MessageEvent) => void>();
  const posted: { message: unknown; targetOrigin: string }[] = [];
  const win: HandoffWindow = {
    location: { origin },
    postMessage: (message, targetOrigin) => void posted.push({ message, targetOrigin }),
    addEventListener: (_type, l) => void listeners.add(l),
    removeEventListener: (_type, l) => void listeners.delete(l),
  };
  const deliver = (from: string, data: unknown) => {
    for (const l of [...listeners]) l(new MessageEvent('message', { origin: from, data }));
  };
  return { win, posted, deliver };
}

describe('the handoff origin check', () => {
  it('accepts only the exact expected origin, never an empty or "null" one', () => {
    expect(isExpectedOrigin('http://localhost:5173', 'http://localhost:5173')).toBe(true);
    for (const origin of ['', 'null', null, undefined, 'http://localhost:5174', 'http://127.0.0.1:5173', 'https://localhost:5173', 'http://localhost:5173.example.org', 'http://localhost:517']) {
      expect(isExpectedOrigin(origin, 'http://localhost:5173'), String(origin)).toBe(false);
    }
    expect(isExpectedOrigin('null', 'null')).toBe(false);
    expect(isExpectedOrigin('', '')).toBe(false);
  });

  it('ignores answers from empty, "null" and other origins, and takes the one from its own', async () => {
    const { win, posted, deliver } = scriptedWindow('http://localhost:5173');
    const got = requestHandoff(win, 'h0rigin', 60_000);
    expect(posted).toEqual([{ message: { source: 'referat-editor', type: 'handoff-request', id: 'h0rigin' }, targetOrigin: 'http://localhost:5173' }]);
    const answer = (url: string) => ({ source: HANDOFF_SOURCE_EXTENSION, type: 'handoff-document', id: 'h0rigin', document: { ...doc, url } });
    deliver('', answer('https://www.kl.dk/media/1/from-empty.pdf'));
    deliver('null', answer('https://www.kl.dk/media/1/from-null.pdf'));
    deliver('http://localhost:5174', answer('https://www.kl.dk/media/1/from-other-port.pdf'));
    deliver('http://localhost:5173.example.org', answer('https://www.kl.dk/media/1/from-lookalike.pdf'));
    deliver('http://localhost:5173', answer('https://www.kl.dk/media/1/from-the-page.pdf'));
    expect((await got).url).toBe('https://www.kl.dk/media/1/from-the-page.pdf');
  });

  it('refuses at once on a page whose own origin is "null" (a file: page, a sandbox)', async () => {
    const { win, posted } = scriptedWindow('null');
    await expect(requestHandoff(win, 'hnull1', 60_000)).rejects.toThrow(/served over http\(s\)/);
    expect(posted).toEqual([]);
  });
});

describe('import', () => {
  const file = (name: string, bytes: Uint8Array) => ({ name, size: bytes.length, arrayBuffer: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer });
  const noPdf = async () => {
    throw new Error('unused');
  };

  it('reads text files in UTF-8 and windows-1252', async () => {
    const utf8 = await importFile(file('a.txt', new TextEncoder().encode(seedText)), noPdf);
    expect(utf8.entry.items).toBeGreaterThan(10);
    const latin = new Uint8Array([...'Møde i KKR'].map((c) => c.charCodeAt(0)));
    await expect(importFile(file('b.txt', latin), noPdf)).rejects.toThrow(ImportError);
  });

  it('refuses empty, binary and fake PDF files with a one-line reason', async () => {
    await expect(importFile(file('e.txt', new Uint8Array()), noPdf)).rejects.toThrow('e.txt: the file is empty');
    await expect(importFile(file('r.bin', new Uint8Array(4096).map((_, i) => (i * 7) % 256)), noPdf)).rejects.toThrow('r.bin: binary file (contains NUL bytes), not text');
    await expect(importFile(file('x.pdf', new TextEncoder().encode('hello')), noPdf)).rejects.toThrow(/not a PDF/);
    await expect(importFile(file('y.pdf', new TextEncoder().encode('%PDF-1.7 broken')), async () => Promise.reject(new Error('truncated')))).rejects.toThrow('y.pdf: truncated');
    expect(() => importText('   ', 'p.txt')).toThrow(/empty/);
  });
});
