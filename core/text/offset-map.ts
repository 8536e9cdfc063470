/**
 * Offset maps between a source text and a text derived from it by edits.
 *
 * Offsets are UTF-16 code-unit offsets. An edit replaces the source range
 * `[from, to)` with `insert`. Inside unchanged stretches offsets map one to one;
 * an offset inside a replaced range maps to the start of its replacement (or, in
 * reverse, to the start of the replaced range), so mapping is total and monotonic.
 */

export interface Edit {
  /** Source offset where the replaced range starts. */
  from: number;
  /** Source offset where the replaced range ends (exclusive). */
  to: number;
  insert: string;
}

export interface OffsetMapper {
  /** Length of the source text. */
  readonly sourceLength: number;
  /** Length of the derived (target) text. */
  readonly targetLength: number;
  /** Maps a target offset back to the source. */
  toSource(offset: number): number;
  /** Maps a source offset forward to the target. */
  toTarget(offset: number): number;
}

/**
 * A map built from sorted, non-overlapping edits. Stores one breakpoint per edit,
 * so lookups are a binary search.
 */
export class OffsetMap implements OffsetMapper {
  // Parallel arrays, one entry per edit: source range and target range.
  private readonly srcFrom: Int32Array;
  private readonly srcTo: Int32Array;
  private readonly tgtFrom: Int32Array;
  private readonly tgtTo: Int32Array;

  constructor(
    readonly sourceLength: number,
    edits: readonly Edit[],
  ) {
    const n = edits.length;
    this.srcFrom = new Int32Array(n);
    this.srcTo = new Int32Array(n);
    this.tgtFrom = new Int32Array(n);
    this.tgtTo = new Int32Array(n);
    let delta = 0;
    let last = 0;
    for (let i = 0; i < n; i++) {
      const e = edits[i]!;
      if (e.from < last || e.to < e.from || e.to > sourceLength) {
        throw new RangeError(`edit ${i} [${e.from}, ${e.to}) is out of order or out of bounds (previous end ${last}, length ${sourceLength})`);
      }
      this.srcFrom[i] = e.from;
      this.srcTo[i] = e.to;
      this.tgtFrom[i] = e.from + delta;
      delta += e.insert.length - (e.to - e.from);
      this.tgtTo[i] = e.to + delta;
      last = e.to;
    }
    this.targetLength = sourceLength + delta;
  }

  readonly targetLength: number;

  get editCount(): number {
    return this.srcFrom.length;
  }

  toSource(offset: number): number {
    const o = clamp(offset, this.targetLength);
    // Last edit whose target range starts at or before o.
    const i = lastAtOrBefore(this.tgtFrom, o);
    if (i < 0) return o;
    if (o < this.tgtTo[i]!) return this.srcFrom[i]!;
    return o - this.tgtTo[i]! + this.srcTo[i]!;
  }

  toTarget(offset: number): number {
    const o = clamp(offset, this.sourceLength);
    const i = lastAtOrBefore(this.srcFrom, o);
    if (i < 0) return o;
    if (o < this.srcTo[i]!) return this.tgtFrom[i]!;
    return o - this.srcTo[i]! + this.tgtTo[i]!;
  }
}

/** Maps through several steps: `maps[0]` goes from the original source to the first derived text, and so on. */
export class ComposedMap implements OffsetMapper {
  constructor(private readonly maps: readonly OffsetMapper[]) {}

  get sourceLength(): number {
    return this.maps.length ? this.maps[0]!.sourceLength : 0;
  }

  get targetLength(): number {
    return this.maps.length ? this.maps[this.maps.length - 1]!.targetLength : 0;
  }

  toSource(offset: number): number {
    let o = offset;
    for (let i = this.maps.length - 1; i >= 0; i--) o = this.maps[i]!.toSource(o);
    return o;
  }

  toTarget(offset: number): number {
    let o = offset;
    for (const m of this.maps) o = m.toTarget(o);
    return o;
  }
}

/** Applies sorted, non-overlapping edits to `source`, returning the new text and its map. */
export function applyEdits(source: string, edits: readonly Edit[]): { text: string; map: OffsetMap } {
  const map = new OffsetMap(source.length, edits);
  if (edits.length === 0) return { text: source, map };
  const parts: string[] = [];
  let pos = 0;
  for (let i = 0; i < edits.length; i++) {
    const e = edits[i]!;
    // Most edits only delete: no empty strings to join.
    if (e.from > pos) parts.push(source.slice(pos, e.from));
    if (e.insert.length > 0) parts.push(e.insert);
    pos = e.to;
  }
  if (pos < source.length) parts.push(source.slice(pos));
  return { text: parts.join(''), map };
}

function clamp(offset: number, length: number): number {
  return offset < 0 ? 0 : offset > length ? length : offset;
}

function lastAtOrBefore(arr: Int32Array, value: number): number {
  let lo = 0;
  let hi = arr.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (arr[mid]! <= value) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}
