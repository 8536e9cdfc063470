/**
 * An offset map assembled from pieces: each piece maps one stretch of a derived
 * text to one stretch of its source through a map of its own (or one to one).
 * An incremental normalization (core/minutes/incremental.ts) keeps the map of the
 * whole text and replaces only the piece an edit touched, shifting the pieces
 * after it; a piece cut out of a longer map answers exactly as that map did.
 *
 * The cut points must be clean: no edit of any piece's map may straddle them.
 */
import type { OffsetMapper } from './offset-map.ts';

interface Piece {
  /** Target and source stretch this piece covers (half-open; the last piece also owns its end). */
  t0: number;
  t1: number;
  s0: number;
  s1: number;
  /** The piece's own map, null for one to one; its offsets are `t0`/`s0` less `innerT`/`innerS`. */
  inner: OffsetMapper | null;
  innerT: number;
  innerS: number;
}

export class SplicedMap implements OffsetMapper {
  private constructor(private readonly pieces: readonly Piece[]) {}

  /** The whole of `map` (null: a text mapped one to one onto a source of `length` units) as one piece. */
  static of(map: OffsetMapper | null, sourceLength: number, targetLength: number): SplicedMap {
    return new SplicedMap([{ t0: 0, t1: targetLength, s0: 0, s1: sourceLength, inner: map, innerT: 0, innerS: 0 }]);
  }

  get sourceLength(): number {
    return this.pieces[this.pieces.length - 1]!.s1;
  }

  get targetLength(): number {
    return this.pieces[this.pieces.length - 1]!.t1;
  }

  /** Whether every piece maps one to one (the target is the source). */
  get identity(): boolean {
    return this.pieces.every((p) => p.inner === null && p.t0 === p.s0);
  }

  toSource(offset: number): number {
    const p = this.find(offset, true);
    if (!p.inner) return Math.min(p.s1, offset - p.t0 + p.s0);
    return p.inner.toSource(offset - p.t0 + p.innerT) - p.innerS + p.s0;
  }

  toTarget(offset: number): number {
    const p = this.find(offset, false);
    if (!p.inner) return Math.min(p.t1, offset - p.s0 + p.t0);
    return p.inner.toTarget(offset - p.s0 + p.innerS) - p.innerT + p.t0;
  }

  /**
   * This map with the source stretch `[s0, s1)`, which maps onto the target stretch
   * `[t0, t1)`, replaced by a stretch of `sourceLength` units that `map` maps onto
   * `targetLength` units (null: one to one); what follows is shifted.
   */
  splice(s0: number, s1: number, t0: number, t1: number, map: OffsetMapper | null, sourceLength: number, targetLength: number): SplicedMap {
    const ds = sourceLength - (s1 - s0);
    const dt = targetLength - (t1 - t0);
    const out: Piece[] = [];
    const push = (p: Piece) => {
      if (p.t1 <= p.t0 && p.s1 <= p.s0) return;
      const last = out[out.length - 1];
      // One-to-one pieces that meet with the same shift become one.
      if (last && !last.inner && !p.inner && last.t1 === p.t0 && last.s1 === p.s0 && last.t0 - last.s0 === p.t0 - p.s0) {
        out[out.length - 1] = { ...last, t1: p.t1, s1: p.s1 };
      } else out.push(p);
    };
    for (const p of this.pieces) {
      if (p.t0 < t0 || p.s0 < s0) push({ ...p, t1: Math.min(p.t1, t0), s1: Math.min(p.s1, s0) });
    }
    push({ t0, t1: t0 + targetLength, s0, s1: s0 + sourceLength, inner: map, innerT: 0, innerS: 0 });
    for (const p of this.pieces) {
      if (p.t1 <= t1 && p.s1 <= s1) continue;
      const nt = Math.max(p.t0, t1);
      const ns = Math.max(p.s0, s1);
      push({ ...p, t0: nt + dt, t1: p.t1 + dt, s0: ns + ds, s1: p.s1 + ds, innerT: p.innerT + (nt - p.t0), innerS: p.innerS + (ns - p.s0) });
    }
    return new SplicedMap(out);
  }

  /** The piece holding a target (or source) offset; an offset at a piece's end belongs to the next one. */
  private find(offset: number, target: boolean): Piece {
    const ps = this.pieces;
    let lo = 0;
    let hi = ps.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((target ? ps[mid]!.t0 : ps[mid]!.s0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return ps[lo]!;
  }
}
