import { describe, expect, it } from 'vitest';
import { expiredHandoffs, newHandoffId, toBase64 } from './handoff-ids.ts';
import { handoffIdFromHash } from '../../core/handoff/handoff.ts';

describe('handoff store helpers', () => {
  it('keeps the newest handoffs', () => {
    expect(expiredHandoffs(['a', 'b', 'c', 'd', 'e'], 3)).toEqual(['a', 'b']);
    expect(expiredHandoffs(['a'], 3)).toEqual([]);
  });
  it('makes ids the editor accepts', () => {
    const id = newHandoffId();
    expect(handoffIdFromHash(`#handoff=${id}`)).toBe(id);
  });
  it('encodes large PDFs as base64', () => {
    const bytes = new Uint8Array(200_000).map((_, i) => i % 251);
    expect(Buffer.from(toBase64(bytes), 'base64').equals(Buffer.from(bytes))).toBe(true);
  });
});
