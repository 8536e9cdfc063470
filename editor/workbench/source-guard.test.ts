import { describe, expect, it } from 'vitest';
import { changedSourceOf } from './source-guard.ts';
import type { LibraryEntry } from '../services/library.ts';

const entry = (id: string, patch: Partial<LibraryEntry>): LibraryEntry => ({
  id,
  title: id,
  body: '',
  date: null,
  kind: 'referat',
  source: 'pdf',
  fileName: 'referat.pdf',
  review: 'unreviewed',
  items: 0,
  sections: 0,
  createdAt: 0,
  updatedAt: 0,
  ...patch,
});
const imported = (fileName: string, sha256: string, url?: string) => ({ entry: { fileName } as LibraryEntry, source: { name: fileName, sha256, ...(url ? { url } : {}) } });

describe('changedSourceOf', () => {
  it('finds a document from the same file name with other bytes', () => {
    const old = entry('a', { sha256: 'aaa' });
    expect(changedSourceOf([old], imported('referat.pdf', 'bbb'))).toBe(old);
    expect(changedSourceOf([old], imported('andet.pdf', 'bbb'))).toBeNull();
  });

  it('finds a document from the same URL (the extension) with other bytes, whatever the name', () => {
    const old = entry('a', { sha256: 'aaa', url: 'https://www.kl.dk/media/1/referat.pdf', source: 'extension', fileName: 'referat.pdf' });
    expect(changedSourceOf([old], imported('referat-ny.pdf', 'bbb', 'https://www.kl.dk/media/1/referat.pdf'))).toBe(old);
    expect(changedSourceOf([old], imported('referat.pdf', 'bbb', 'https://www.kl.dk/media/2/referat.pdf'))).toBeNull();
    // A local file of that name is not the URL's document.
    expect(changedSourceOf([old], imported('referat.pdf', 'bbb'))).toBeNull();
  });

  it('finds nothing for bytes already in the library, merged documents, pastes, or entries without a known source', () => {
    const old = entry('a', { sha256: 'aaa' });
    const separate = entry('b', { sha256: 'bbb' });
    expect(changedSourceOf([old, separate], imported('referat.pdf', 'bbb'))).toBeNull();
    expect(changedSourceOf([entry('a', { sha256: 'aaa', mergedInto: 'c' })], imported('referat.pdf', 'bbb'))).toBeNull();
    expect(changedSourceOf([entry('a', { sha256: 'aaa', source: 'paste' })], imported('referat.pdf', 'bbb'))).toBeNull();
    expect(changedSourceOf([entry('a', {})], imported('referat.pdf', 'bbb'))).toBeNull();
    expect(changedSourceOf([old], { entry: { fileName: 'referat.pdf' } as LibraryEntry, source: { name: 'referat.pdf', sha256: '' } })).toBeNull();
  });
});
