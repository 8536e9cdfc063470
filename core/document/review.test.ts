import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { parseMinutes } from '../minutes/parse.ts';
import { seedFiles } from '../../test/support/curated.ts';
import { rng } from '../../test/support/variants.ts';
import { LOCAL_ORIGIN, StudioDoc, type ReviewStatus } from './studio-doc.ts';

const SEED = parseMinutes(readFileSync(seedFiles[0]!, 'utf8'), { includeText: true }).text!;
const HEADING_32 = '3.2. Afrapportering på udgiftsanalyse';

function make(text = SEED, start = 1_000): StudioDoc {
  let t = start;
  let id = 0;
  const doc = new StudioDoc(new Y.Doc(), { now: () => (t += 1000), newId: () => `id${id++}` });
  doc.setText(text);
  return doc;
}

/** A text edit as a person's typing makes it. */
function type(doc: StudioDoc, f: (t: Y.Text) => void): void {
  doc.ydoc.transact(() => f(doc.text), LOCAL_ORIGIN);
  doc.undo.stopCapturing();
}

/** Item number → status, for every item of the current parse that has one. */
function statuses(doc: StudioDoc): Record<string, ReviewStatus> {
  const items = doc.items();
  return Object.fromEntries(doc.itemReviews(items).flatMap((r, i) => (r ? [[items[i]!.number, r.status]] : [])));
}

describe('review anchored to the item heading', () => {
  it('stays on its item when the printed number is corrected (3.8 → 3.9), and no other item gets it', () => {
    const doc = make();
    doc.setReview('3.8', 'approved', 'ana');
    doc.setReview('3.7', 'corrected', 'bo');
    expect(statuses(doc)).toEqual({ '3.8': 'approved', '3.7': 'corrected' });
    const at = SEED.indexOf('3.8. Vækst Via Viden') + 2;
    type(doc, (t) => {
      t.delete(at, 1);
      t.insert(at, '9');
    });
    expect(doc.items().map((i) => i.number)).toEqual(['1.1', '1.2', '2.1', '3.1', '3.2', '3.3', '3.4', '3.5', '3.6', '3.7', '3.9', '6.1']);
    expect(statuses(doc)).toEqual({ '3.9': 'approved', '3.7': 'corrected' });
    expect(doc.reviewOf('3.9')).toBe('approved');
    expect(doc.reviewMarkOf('3.9')).toEqual({ by: 'ana', at: 2000 });
    expect(doc.reviewOf('3.8')).toBe('unreviewed');
  });

  it('stays on its item when the whole number is retyped ("3.2" typed as "3.3"), and the item after it keeps its own', () => {
    // Section 3 holds 3.1 and 3.2 only here.
    const text = SEED.slice(0, SEED.indexOf('3.3. Udkast til')) + SEED.slice(SEED.indexOf('5. KKR'));
    const doc = make(text);
    doc.setReview('3.2', 'approved', 'ana');
    doc.setReview('6.1', 'corrected', 'bo');
    const at = text.indexOf(HEADING_32);
    type(doc, (t) => {
      t.delete(at, 3);
      t.insert(at, '3.3');
    });
    expect(doc.items().map((i) => i.number)).toEqual(['1.1', '1.2', '2.1', '3.1', '3.3', '6.1']);
    expect(statuses(doc)).toEqual({ '3.3': 'approved', '6.1': 'corrected' });
  });

  it('is orphaned while an override says its heading is no heading, and comes back with it', () => {
    const doc = make();
    doc.setReview('3.8', 'approved', 'ana');
    const id = doc.addOverride({ kind: 'not-heading' }, SEED.indexOf('3.8. Vækst Via Viden'));
    expect(doc.items().some((i) => i.number === '3.8')).toBe(false);
    expect(statuses(doc)).toEqual({});
    expect(doc.orphanedReviews(doc.items())).toHaveLength(1);
    doc.removeOverride(id);
    expect(statuses(doc)).toEqual({ '3.8': 'approved' });
  });

  it('is orphaned, not moved, when the heading is deleted; undo brings it back', () => {
    const doc = make();
    doc.setReview('3.2', 'approved', 'ana');
    doc.setReview('3.3', 'corrected', 'bo');
    const at = SEED.indexOf(HEADING_32);
    const line = SEED.indexOf('\n', at) + 1 - at;
    type(doc, (t) => t.delete(at, line));
    // The parser reads the items after it one number down: none of them takes 3.2's status.
    expect(Object.values(statuses(doc))).toEqual(['corrected']);
    expect(doc.items().find((i) => statuses(doc)[i.number] === 'corrected')!.title).toMatch(/^Udkast til Nordjysk/);
    const orphans = doc.orphanedReviews(doc.items());
    expect(orphans.map((o) => [o.entry.number, o.entry.status, o.entry.anchor.quote])).toEqual([['3.2', 'approved', SEED.slice(at, SEED.indexOf('\n', at))]]);
    doc.undo.undo();
    expect(statuses(doc)).toEqual({ '3.2': 'approved', '3.3': 'corrected' });
  });

  it('is one undo step, keeps one entry per item, and refuses a number no item has', () => {
    const doc = make();
    doc.setReview('1.1', 'corrected', 'ana');
    doc.setReview('1.1', 'approved', 'ana');
    expect(doc.itemReview.size).toBe(1);
    doc.undo.undo();
    expect(doc.reviewOf('1.1')).toBe('corrected');
    doc.setReview('1.1', 'unreviewed', 'bo');
    expect(doc.reviewOf('1.1')).toBe('unreviewed');
    expect(doc.reviewMarkOf('1.1')?.by).toBe('bo');
    expect(() => doc.setReview('9.9', 'approved')).toThrow(/No item 9\.9/);
  });

  it('gives views keyed by number the status of each item', () => {
    const doc = make();
    doc.setReview('1.2', 'approved', 'ana');
    doc.setReview('2.1', 'corrected');
    const meeting = { sections: [{ items: doc.items() }] };
    expect(doc.reviewState(meeting as never)).toEqual({ review: { '1.2': 'approved', '2.1': 'corrected' }, reviewMarks: { '1.2': { by: 'ana', at: 2000 } } });
    expect(doc.reviewState(null)).toEqual({ review: {}, reviewMarks: {} });
  });
});

describe('review stored by item number (older documents)', () => {
  function legacy(): StudioDoc {
    const doc = make();
    doc.ydoc.transact(() => {
      doc.legacyReview.set('3.8', 'approved');
      doc.legacyReviewMarks.set('3.8', { by: 'ana', at: 500 });
      doc.legacyReview.set('1.1', 'corrected');
      doc.legacyReview.set('7.7', 'approved');
    });
    return doc;
  }

  it('is read by number before it is carried over', () => {
    const doc = legacy();
    expect(statuses(doc)).toEqual({ '3.8': 'approved', '1.1': 'corrected' });
    expect(doc.reviewMarkOf('3.8')).toEqual({ by: 'ana', at: 500 });
  });

  it('is carried over to anchored entries on open, and then follows its heading', () => {
    const doc = legacy();
    // Not while the text it is given is not the document's (a view behind a sync).
    expect(doc.migrateReview(doc.items(), 'Forside\n')).toBe(0);
    expect(doc.itemReview.size).toBe(0);
    expect(doc.migrateReview()).toBe(2);
    expect(doc.legacyReviewMarks.size).toBe(0);
    expect(statuses(doc)).toEqual({ '3.8': 'approved', '1.1': 'corrected' });
    expect(doc.reviewMarkOf('3.8')).toEqual({ by: 'ana', at: 500 });
    // A number no item has stays stored by number, to be carried over when an item has it.
    expect([...doc.legacyReview.keys()]).toEqual(['7.7']);
    expect(doc.orphanedReviews(doc.items())).toEqual([]);
    const at = SEED.indexOf('3.8. Vækst Via Viden') + 2;
    type(doc, (t) => {
      t.delete(at, 1);
      t.insert(at, '9');
    });
    expect(statuses(doc)).toEqual({ '3.9': 'approved', '1.1': 'corrected' });
    // Carrying over is not an undo step.
    doc.undo.undo();
    expect(doc.legacyReview.has('3.8')).toBe(false);
    expect(doc.reviewOf('3.8')).toBe('approved');
  });

  it('carried over by two peers at once gives one entry per item', () => {
    const a = legacy();
    const b = new StudioDoc(new Y.Doc());
    Y.applyUpdate(b.ydoc, Y.encodeStateAsUpdate(a.ydoc));
    a.migrateReview();
    b.migrateReview();
    Y.applyUpdate(a.ydoc, Y.encodeStateAsUpdate(b.ydoc));
    Y.applyUpdate(b.ydoc, Y.encodeStateAsUpdate(a.ydoc));
    for (const d of [a, b]) {
      expect(statuses(d)).toEqual({ '3.8': 'approved', '1.1': 'corrected' });
      expect(d.itemReview.size).toBe(2);
    }
  });
});

describe('two people setting review on one item at once', () => {
  it('converge to one status', () => {
    const a = make(SEED, 1_000);
    const b = new StudioDoc(new Y.Doc(), { now: () => 1_500 });
    Y.applyUpdate(b.ydoc, Y.encodeStateAsUpdate(a.ydoc));
    a.setReview('3.2', 'approved', 'ana');
    b.setReview('3.2', 'corrected', 'bo');
    Y.applyUpdate(a.ydoc, Y.encodeStateAsUpdate(b.ydoc));
    Y.applyUpdate(b.ydoc, Y.encodeStateAsUpdate(a.ydoc));
    expect(a.reviewOf('3.2')).toBe(b.reviewOf('3.2'));
    expect(a.reviewMarkOf('3.2')).toEqual(b.reviewMarkOf('3.2'));
    expect(a.itemReview.size).toBe(1);
  });

  it.each(Array.from({ length: 30 }, (_, k) => [k + 1]))('converge to one of the statuses set, seed %i', (seed) => {
    const random = rng(seed);
    const peerCount = 2 + Math.floor(random() * 3);
    const first = make(SEED);
    const peers = [first, ...Array.from({ length: peerCount - 1 }, (_, p) => new StudioDoc(new Y.Doc(), { now: () => 5_000 + Math.floor(random() * 3) * 1000 + p }))];
    for (const p of peers.slice(1)) Y.applyUpdate(p.ydoc, Y.encodeStateAsUpdate(first.ydoc));
    if (random() < 0.5) first.setReview('3.2', 'corrected', 'first');
    for (const p of peers.slice(1)) Y.applyUpdate(p.ydoc, Y.encodeStateAsUpdate(first.ydoc));
    const set = new Set<ReviewStatus>();
    const retyper = random() < 0.5 ? Math.floor(random() * peerCount) : -1;
    const updates: Uint8Array[] = [];
    peers.forEach((p, i) => {
      const off = (u: Uint8Array) => updates.push(u);
      p.ydoc.on('update', off);
      // Now and then one peer retypes the heading's number (a new first character, so a new key) before setting the status.
      if (i === retyper) {
        const at = p.text.toString().indexOf(HEADING_32);
        p.ydoc.transact(() => {
          p.text.delete(at, 1);
          p.text.insert(at, '3');
        });
      }
      const status = (['unreviewed', 'corrected', 'approved'] as const)[Math.floor(random() * 3)]!;
      set.add(status);
      p.setReview('3.2', status, `peer${i}`);
      p.ydoc.off('update', off);
    });
    // Deliver everything to everyone, in a shuffled order.
    for (const p of peers) {
      const order = [...updates];
      for (let k = order.length - 1; k > 0; k--) {
        const r = Math.floor(random() * (k + 1));
        [order[k], order[r]] = [order[r]!, order[k]!];
      }
      for (const u of order) Y.applyUpdate(p.ydoc, u);
    }
    const results = peers.map((p) => [p.text.toString() === first.text.toString(), p.reviewOf('3.2'), p.reviewMarkOf('3.2')]);
    for (const r of results) expect(r).toEqual(results[0]);
    expect(set.has(results[0]![1] as ReviewStatus)).toBe(true);
    // No other item took it.
    expect(Object.keys(statuses(first))).toEqual(['3.2']);
  });
});
