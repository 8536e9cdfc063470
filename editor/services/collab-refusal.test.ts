/** Undoing a change the workspace refused: pure helpers of the sync client. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { deleteInsertions, insertionsOf, largestUntil, parseServerNotice, REFUSAL_ORIGIN } from './collab.ts';

describe('refused changes', () => {
  it('undoes a large insertion so that what is sent for it next is a few bytes, and the rest still merges', () => {
    const local = new Y.Doc();
    const server = new Y.Doc();
    local.getText('text').insert(0, 'kort tekst');
    Y.applyUpdate(server, Y.encodeStateAsUpdate(local));
    let big: Uint8Array | null = null;
    local.once('update', (u: Uint8Array) => (big = u));
    local.getText('text').insert(10, 'x'.repeat(500_000));
    expect(big!.byteLength).toBeGreaterThan(500_000);
    const origins: unknown[] = [];
    local.on('afterTransaction', (t: Y.Transaction) => origins.push(t.origin));
    deleteInsertions(local, insertionsOf(big!), REFUSAL_ORIGIN);
    expect(origins).toEqual([REFUSAL_ORIGIN]);
    local.getText('text').insert(10, ' og mere');
    const next = Y.encodeStateAsUpdate(local, Y.encodeStateVector(server));
    expect(next.byteLength).toBeLessThan(100);
    Y.applyUpdate(server, next);
    expect(server.getText('text').toString()).toBe('kort tekst og mere');
    expect(local.getText('text').toString()).toBe('kort tekst og mere');
  });

  it('picks the largest insertions until the excess is covered, at least one', () => {
    const ranges: [number, number, number][] = [
      [1, 0, 10],
      [1, 10, 5000],
      [2, 0, 300],
      [2, 300, 40],
    ];
    expect(largestUntil(ranges, 100)).toEqual([[1, 10, 5000]]);
    expect(largestUntil(ranges, 5200)).toEqual([
      [1, 10, 5000],
      [2, 0, 300],
    ]);
    expect(largestUntil(ranges, 0)).toEqual([[1, 10, 5000]]);
    expect(largestUntil([], 10)).toEqual([]);
  });

  it("reads the server's limits and refusals, and nothing else", () => {
    expect(parseServerNotice('{"type":"referat.limits","maxMessageBytes":8388608,"maxDocumentBytes":1}')).toEqual({ type: 'limits', maxMessageBytes: 8388608, maxDocumentBytes: 1 });
    expect(parseServerNotice('{"type":"referat.limits","maxMessageBytes":8388608}')).toEqual({ type: 'limits', maxMessageBytes: 8388608, maxDocumentBytes: null });
    expect(parseServerNotice('{"type":"referat.refused","reason":"document-too-large","bytes":70,"limit":64,"ranges":[[1,2,3],[1,"x",3],[-1,0,1]]}')).toEqual({
      type: 'refused',
      reason: 'document-too-large',
      bytes: 70,
      limit: 64,
      ranges: [[1, 2, 3]],
    });
    for (const junk of ['', 'null', '[]', '{"type":"referat.refused","reason":"because"}', '{"type":"other"}', '{"type":"referat.limits","maxMessageBytes":-1}']) expect(parseServerNotice(junk)).toBeNull();
  });
});
