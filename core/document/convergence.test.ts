/**
 * Seeded random convergence: several peers edit the text, structure overrides,
 * annotations and review states of one document in random orders, across random
 * network partitions, and deliver each other's updates late and shuffled. Once
 * the network heals, every peer holds the same document and sees the same
 * anchors and the same review status on each item (review is anchored to the
 * item headings of each peer's own parse), and every annotation still sits on
 * its text unless all of that text was deleted, in which case it is orphaned.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { StudioDoc, type OverrideSpec } from './studio-doc.ts';
import { rng } from '../../test/support/variants.ts';

const REMOTE = 'remote';
const WORDS = ['Beslutning', 'KKR', 'Nordjylland', 'godkendte', 'indstillingen', 'sagen', 'møde', 'ø', 'æ', 'å', '\n', ' ', '3.2.', 'SAG-2024-00461'];
const LABELS = ['klima', 'trafik', 'godkendt', 'drøftet', 'økonomi'];
const OVERRIDES: readonly OverrideSpec[] = [
  { kind: 'not-heading' },
  { kind: 'ignore-line' },
  { kind: 'item-start', number: '1.2' },
  { kind: 'split-item', number: '1.3' },
  { kind: 'field-start', field: 'beslutning' },
  { kind: 'section-heading', number: '2' },
];

interface Tracked {
  id: string;
  /** Each annotated character, as a relative position pinned to it. */
  chars: Y.RelativePosition[];
}

class Network {
  readonly queues = new Map<string, Uint8Array[]>();
  readonly cut = new Set<string>();
  constructor(readonly peers: StudioDoc[]) {
    peers.forEach((p, i) =>
      p.ydoc.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin === REMOTE) return;
        peers.forEach((_, j) => j !== i && this.queue(i, j).push(update));
      }),
    );
  }
  queue(i: number, j: number): Uint8Array[] {
    const key = `${i}>${j}`;
    if (!this.queues.has(key)) this.queues.set(key, []);
    return this.queues.get(key)!;
  }
  /** Delivers some of what waits on the link i→j, in shuffled order. */
  deliver(i: number, j: number, random: () => number, all = false): void {
    if (this.cut.has(`${i}>${j}`) && !all) return;
    const q = this.queue(i, j);
    const take = all ? q.length : Math.floor(random() * (q.length + 1));
    const batch = q.splice(0, take);
    for (let k = batch.length - 1; k > 0; k--) {
      const r = Math.floor(random() * (k + 1));
      [batch[k], batch[r]] = [batch[r]!, batch[k]!];
    }
    for (const u of batch) Y.applyUpdate(this.peers[j]!.ydoc, u, REMOTE);
  }
  heal(random: () => number): void {
    this.cut.clear();
    for (let round = 0; round < 3; round++) {
      this.peers.forEach((_, i) => this.peers.forEach((__, j) => i !== j && this.deliver(i, j, random, true)));
    }
  }
}

function simulate(seed: number, peerCount: number, steps: number) {
  const random = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  let ids = 0;
  const peers = Array.from({ length: peerCount }, (_, p) => new StudioDoc(new Y.Doc(), { now: () => 1_700_000_000_000 + ids, newId: () => `p${p}-${ids++}` }));
  const net = new Network(peers);
  peers[0]!.setText('1. Godkendelse\n1.1. Godkendelse af dagsorden\nSAG-2024-00461 hast\nBeslutning\nKKR Nordjylland godkendte dagsordenen.\n');
  net.heal(random);
  const tracked: Tracked[] = [];

  for (let step = 0; step < steps; step++) {
    const r = random();
    const p = Math.floor(random() * peerCount);
    const peer = peers[p]!;
    const len = peer.text.length;
    if (r < 0.35) {
      const pos = Math.floor(random() * (len + 1));
      peer.ydoc.transact(() => peer.text.insert(pos, pick(WORDS)));
    } else if (r < 0.5 && len > 0) {
      const pos = Math.floor(random() * len);
      peer.ydoc.transact(() => peer.text.delete(pos, Math.min(len - pos, 1 + Math.floor(random() * 12))));
    } else if (r < 0.6 && len > 4) {
      const from = Math.floor(random() * (len - 2));
      const to = Math.min(len, from + 2 + Math.floor(random() * 20));
      const id = peer.addAnnotation({ from, to, labels: [pick(LABELS)], author: `peer${p}`, ...(random() < 0.5 ? { comment: 'se bilag' } : {}) });
      tracked.push({ id, chars: Array.from({ length: to - from }, (_, k) => Y.createRelativePositionFromTypeIndex(peer.text, from + k)) });
    } else if (r < 0.65) {
      const anns = peer.annotationViews();
      if (anns.length) peer.setLabels(pick(anns).id, [pick(LABELS), pick(LABELS)]);
    } else if (r < 0.68) {
      const anns = peer.annotationViews();
      if (anns.length) peer.addComment(pick(anns).id, `svar ${step}`, `peer${p}`);
    } else if (r < 0.73 && len > 0) {
      peer.addOverride(pick(OVERRIDES), Math.floor(random() * len));
    } else if (r < 0.75) {
      const ov = peer.overrideViews();
      if (ov.length) peer.removeOverride(pick(ov).id);
    } else if (r < 0.78) {
      // Review goes to an item of this peer's parse, anchored to its heading.
      const items = peer.items();
      if (items.length) peer.setReview(pick(items), pick(['unreviewed', 'corrected', 'approved'] as const), `peer${p}`);
    } else if (r < 0.93) {
      const i = Math.floor(random() * peerCount);
      const j = (i + 1 + Math.floor(random() * (peerCount - 1))) % peerCount;
      net.deliver(i, j, random);
    } else {
      // A link goes down or comes back; now and then a peer goes offline altogether.
      const i = Math.floor(random() * peerCount);
      const j = (i + 1 + Math.floor(random() * (peerCount - 1))) % peerCount;
      const key = `${i}>${j}`;
      if (net.cut.has(key)) net.cut.delete(key);
      else if (random() < 0.3) peers.forEach((_, k) => k !== i && (net.cut.add(`${i}>${k}`), net.cut.add(`${k}>${i}`)));
      else net.cut.add(key);
    }
  }
  net.heal(random);
  return { peers, tracked };
}

describe('convergence of text, overrides, annotations and review', () => {
  it.each(Array.from({ length: 24 }, (_, k) => [k + 1, 3 + (k % 3)]))('seed %i with %i peers ends identical everywhere', (seed, peerCount) => {
    const { peers, tracked } = simulate(seed, peerCount, 400);
    const [first, ...rest] = peers;
    const snapshot = (d: StudioDoc) => ({
      text: d.text.toString(),
      overrides: d.overrideViews(),
      annotations: d.annotationViews(),
      review: d.itemReviews(d.items()),
      orphanedReview: d.orphanedReviews(d.items()).map((o) => o.key),
    });
    const expected = snapshot(first!);
    for (const other of rest) expect(snapshot(other)).toEqual(expected);
    expect(tracked.length).toBeGreaterThan(0);

    const text = first!.text.toString();
    const deleted = Y.createDeleteSetFromStructStore(first!.ydoc.store);
    const views = new Map(first!.annotationViews().map((a) => [a.id, a]));
    for (const t of tracked) {
      const view = views.get(t.id);
      if (!view) continue; // annotations are never removed here; kept for clarity
      const alive = t.chars
        .filter((rel) => rel.item && !Y.isDeleted(deleted, rel.item))
        .map((rel) => Y.createAbsolutePositionFromRelativePosition(rel, first!.ydoc)!.index);
      if (alive.length === t.chars.length) {
        // Nothing of it was deleted: it is exactly where its characters are now.
        expect(view.orphaned, `annotation ${t.id}`).toBe(false);
        expect(view.from).toBe(alive[0]);
        expect(view.to).toBe(alive[alive.length - 1]! + 1);
      } else if (!view.orphaned) {
        // Some or all of it was deleted. If it still anchors, it covers what is left of it,
        // or it found the very same words elsewhere.
        const sameWords = text.slice(view.from!, view.to!) === view.quote;
        const coversRest = alive.length > 0 && view.from! <= Math.min(...alive) && view.to! > Math.max(...alive);
        expect(sameWords || coversRest, `annotation ${t.id} at ${view.from}-${view.to}`).toBe(true);
      }
    }
  });
});
