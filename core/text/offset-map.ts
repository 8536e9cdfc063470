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
 * Sorted, non-overlapping edits held compactly: a long text has hundreds of
 * thousands of them (one per line for the space step), so they are kept in
 * growing typed arrays, not as an object each. An insert of one character is
 * stored as its code; longer ones in a side table.
 */
export class EditList {
  private fromAt = new Int32Array(64);
  private toAt = new Int32Array(64);
  /**
   * -1: nothing inserted; 0..0xffff: that one UTF-16 unit; <= -2: `longInserts[-code - 2]`.
   * Made only when something is inserted: many steps only delete.
   */
  private insertCode: Int32Array<ArrayBuffer> | null = null;
  private readonly longInserts: string[] = [];
  length = 0;

  static of(edits: readonly Edit[]): EditList {
    const list = new EditList();
    for (const e of edits) list.push(e.from, e.to, e.insert);
    return list;
  }

  push(from: number, to: number, insert: string): void {
    const i = this.length;
    if (i === this.fromAt.length) {
      this.fromAt = grow(this.fromAt);
      this.toAt = grow(this.toAt);
      if (this.insertCode) this.insertCode = grow(this.insertCode);
    }
    this.fromAt[i] = from;
    this.toAt[i] = to;
    if (insert.length > 0 && !this.insertCode) this.insertCode = new Int32Array(this.fromAt.length).fill(-1);
    if (this.insertCode) this.insertCode[i] = insert.length === 0 ? -1 : insert.length === 1 ? insert.charCodeAt(0) : -2 - (this.longInserts.push(insert) - 1);
    this.length = i + 1;
  }

  from(i: number): number {
    return this.fromAt[i]!;
  }

  to(i: number): number {
    return this.toAt[i]!;
  }

  insertLength(i: number): number {
    if (!this.insertCode) return 0;
    const code = this.insertCode[i]!;
    return code === -1 ? 0 : code >= 0 ? 1 : this.longInserts[-code - 2]!.length;
  }

  insert(i: number): string {
    if (!this.insertCode) return '';
    const code = this.insertCode[i]!;
    return code === -1 ? '' : code >= 0 ? String.fromCharCode(code) : this.longInserts[-code - 2]!;
  }
}

function grow(a: Int32Array): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

/**
 * A map built from sorted, non-overlapping edits. Stores one breakpoint per edit,
 * so lookups are a binary search.
 */
export class OffsetMap implements OffsetMapper {
  // Parallel arrays, one entry per edit: source range and where its target range starts
  // (it ends where the next edit's shift begins: see `tgtTo`).
  private readonly srcFrom: Int32Array;
  private readonly srcTo: Int32Array;
  private readonly tgtFrom: Int32Array;

  constructor(
    readonly sourceLength: number,
    edits: readonly Edit[] | EditList,
  ) {
    const list = edits instanceof EditList ? edits : EditList.of(edits);
    const n = list.length;
    this.srcFrom = new Int32Array(n);
    this.srcTo = new Int32Array(n);
    this.tgtFrom = new Int32Array(n);
    let delta = 0;
    let last = 0;
    for (let i = 0; i < n; i++) {
      const from = list.from(i);
      const to = list.to(i);
      if (from < last || to < from || to > sourceLength) {
        throw new RangeError(`edit ${i} [${from}, ${to}) is out of order or out of bounds (previous end ${last}, length ${sourceLength})`);
      }
      this.srcFrom[i] = from;
      this.srcTo[i] = to;
      this.tgtFrom[i] = from + delta;
      delta += list.insertLength(i) - (to - from);
      last = to;
    }
    this.targetLength = sourceLength + delta;
  }

  readonly targetLength: number;

  get editCount(): number {
    return this.srcFrom.length;
  }

  /** Where edit `i`'s target range ends: its source end shifted by every edit up to it. */
  private tgtTo(i: number): number {
    const shift = i + 1 < this.srcFrom.length ? this.tgtFrom[i + 1]! - this.srcFrom[i + 1]! : this.targetLength - this.sourceLength;
    return this.srcTo[i]! + shift;
  }

  toSource(offset: number): number {
    const o = clamp(offset, this.targetLength);
    // Last edit whose target range starts at or before o.
    const i = lastAtOrBefore(this.tgtFrom, o);
    if (i < 0) return o;
    const tgtTo = this.tgtTo(i);
    if (o < tgtTo) return this.srcFrom[i]!;
    return o - tgtTo + this.srcTo[i]!;
  }

  toTarget(offset: number): number {
    const o = clamp(offset, this.sourceLength);
    const i = lastAtOrBefore(this.srcFrom, o);
    if (i < 0) return o;
    if (o < this.srcTo[i]!) return this.tgtFrom[i]!;
    return o - this.srcTo[i]! + this.tgtTo(i);
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
export function applyEdits(source: string, edits: readonly Edit[] | EditList): { text: string; map: OffsetMap } {
  const list = edits instanceof EditList ? edits : EditList.of(edits);
  return { text: applyEditList(source, list), map: new OffsetMap(source.length, list) };
}

/** The text of `applyEdits`, without its map (edits are checked by whoever maps with them). */
export function applyEditList(source: string, list: EditList): string {
  return applyEach(source, (edit) => {
    for (let i = 0; i < list.length; i++) edit(list.from(i), list.to(i), list.insert(i));
  });
}

/**
 * The text of sorted, non-overlapping edits that `each` hands to its callback, in
 * order; `each` is called twice (the edits need not be stored anywhere).
 */
export function applyEach(source: string, each: (edit: (from: number, to: number, insert: string) => void) => void): string {
  // Counted first, so that the array of pieces is made once at its size, not grown.
  let count = 0;
  let edits = 0;
  let pos = 0;
  each((from, to, insert) => {
    if (from > pos) count++;
    if (insert.length > 0) count++;
    pos = to;
    edits++;
  });
  if (edits === 0) return source;
  if (pos < source.length) count++;
  const parts = new Array<string>(count);
  let k = 0;
  pos = 0;
  each((from, to, insert) => {
    // Most edits only delete: no empty strings to join.
    if (from > pos) parts[k++] = source.slice(pos, from);
    if (insert.length > 0) parts[k++] = insert;
    pos = to;
  });
  if (pos < source.length) parts[k++] = source.slice(pos);
  return parts.join('');
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
