// @vitest-environment happy-dom
/** One meeting, one document: deterministic first states, duplicate detection, merging two documents. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { seedUpdate } from './persistence.ts';
import { docIdFor, duplicatesOf, type LibraryEntry } from './library.ts';
import { locateQuote, mergeInto } from './merge.ts';
import { StudioDoc } from '../../core/document/studio-doc.ts';

const TEXT = 'KKR Nordjylland\nReferat\n\n1. Godkendelse\n1.1. Godkendelse af dagsorden\nBeslutning\nGodkendt.\n1.2. Trafik i regionen\nBeslutning\nTaget til efterretning.\n';

function docFrom(update: Uint8Array): StudioDoc {
  const ydoc = new Y.Doc();
  Y.applyUpdate(ydoc, update);
  return new StudioDoc(ydoc);
}

describe('a document\'s first state', () => {
  it('is the same update in every browser, so two copies merge into one text', async () => {
    const hints = [{ kind: 'not-heading' as const, pos: 16 }];
    const a = await seedUpdate(TEXT, hints, [], { fileName: 'x.txt', source: { name: 'x.txt', sha256: 'ab' } });
    const b = await seedUpdate(TEXT, hints, [], { fileName: 'x.txt', source: { name: 'x.txt', sha256: 'ab' } });
    expect(a).toEqual(b);
    const one = docFrom(a);
    Y.applyUpdate(one.ydoc, b);
    expect(one.text.toString()).toBe(TEXT);
    expect(one.overrides.length).toBe(1);
  });

  it('under another file name still merges into one text, and the name converges', async () => {
    const a = await seedUpdate(TEXT, [], [], { fileName: 'a.txt' });
    const b = await seedUpdate(TEXT, [], [], { fileName: 'b.txt' });
    const x = docFrom(a);
    const y = docFrom(b);
    Y.applyUpdate(x.ydoc, b);
    Y.applyUpdate(y.ydoc, a);
    expect(x.text.toString()).toBe(TEXT);
    expect(y.text.toString()).toBe(TEXT);
    expect(x.meta.get('fileName')).toBe(y.meta.get('fileName'));
  });
});

describe('duplicates', () => {
  const entry = (id: string, extra: Partial<LibraryEntry>): LibraryEntry => ({ id, title: id, body: '', date: null, kind: 'referat', source: 'text', fileName: id, review: 'unreviewed', items: 0, sections: 0, createdAt: 0, updatedAt: 0, ...extra });

  it('are documents with the same source SHA-256 or the same meeting; merged ones are left out', () => {
    const list = [
      entry('a', { sha256: '1', meetingId: 'm/2020-01-01#referat' }),
      entry('b', { sha256: '2', meetingId: 'm/2020-01-01#referat' }),
      entry('c', { sha256: '1' }),
      entry('d', { sha256: '3', meetingId: 'n/2020-01-01#referat' }),
      entry('e', { sha256: '3', mergedInto: 'd' }),
    ];
    const dup = duplicatesOf(list);
    expect(dup.get('a')?.sort()).toEqual(['b', 'c']);
    expect(dup.get('b')).toEqual(['a']);
    expect(dup.get('c')).toEqual(['a']);
    expect(dup.has('d')).toBe(false);
    expect(docIdFor('AB'.repeat(32))).toBe(`h${'ab'.repeat(16)}`);
  });
});

describe('merging two documents of one meeting', () => {
  it('moves annotations (labels, who, comments), overrides and review where their text is, and counts what is not', () => {
    const keep = new StudioDoc();
    keep.setText(TEXT);
    const other = new StudioDoc();
    other.setText(`Forside\n${TEXT}Bilag\n`);
    const o = other.text.toString();
    const at = o.indexOf('1.2. Trafik');
    const id = other.addAnnotation({ from: at, to: at + '1.2. Trafik i regionen'.length, labels: ['trafik'], comment: 'Se bilag.', author: 'Bo' });
    other.addComment(id, 'Enig.', 'Ane', null);
    other.addAnnotation({ from: o.indexOf('Bilag'), to: o.indexOf('Bilag') + 5, labels: ['klima'], author: 'Bo' });
    other.addOverride({ kind: 'not-heading' }, o.indexOf('1.2. Trafik'));
    other.setReview('1.1', 'approved', 'Bo');

    const result = mergeInto(keep, other);
    expect(result).toMatchObject({ annotations: 1, overrides: 1, reviews: 1, unanchored: 1 });
    const [moved] = keep.annotationViews();
    expect(moved).toMatchObject({ quote: '1.2. Trafik i regionen', labels: ['trafik'], author: 'Bo', orphaned: false });
    expect(moved!.labelMarks.trafik!.by).toBe('Bo');
    expect(moved!.comments.map((c) => `${c.author}: ${c.text}`)).toEqual(['Bo: Se bilag.', 'Ane: Enig.']);
    expect(keep.overrideViews()[0]).toMatchObject({ kind: 'not-heading', pos: TEXT.indexOf('1.2. Trafik') });
    expect(keep.reviewOf('1.1')).toBe('approved');
    // Merging again adds nothing twice.
    expect(mergeInto(keep, other)).toMatchObject({ annotations: 0, overrides: 0, reviews: 0 });
  });

  it('finds a quote by its context first, then by its place', () => {
    const text = 'a X b\nc X d\n';
    expect(locateQuote(text, 'X', 8, text.length, { prefix: 'c ', suffix: ' d' })).toBe(8);
    expect(locateQuote(text, 'X', 0, text.length)).toBe(2);
    expect(locateQuote(text, 'Y', 0, text.length)).toBeNull();
  });
});
