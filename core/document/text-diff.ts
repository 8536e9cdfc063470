/**
 * Differences between two texts: by line for people (what a version added and
 * removed), and as a few small replacements for Yjs (a restore edits only what
 * differs, so the characters around stay the same Yjs items and others'
 * cursors, annotations and page runs on them survive).
 *
 * Offsets are UTF-16 offsets; line numbers count from 1.
 */

import { changedText, type TextChange } from '../minutes/incremental.ts';

/** One replacement in the old text: `from..to` (old offsets) becomes `insert`. */
export type { TextChange };

/** A run of lines the same in both texts, only in the new (added) or only in the old (removed). */
export interface LineHunk {
  kind: 'same' | 'added' | 'removed';
  /** First line of the run in the old text (added: the old line it comes before). */
  oldLine: number;
  /** First line of the run in the new text (removed: the new line it comes before). */
  newLine: number;
  /** The lines, without their line breaks. */
  lines: string[];
}

/** Beyond this many line edits the middle is taken as replaced whole (Myers' cost grows with edits²). */
const MAX_EDITS = 4000;

type Op = LineHunk['kind'];

/**
 * The shortest edit script from `a` to `b` (Myers), as runs of [op, count];
 * common ends are set aside first. Pure.
 */
export function diffSequence<T>(a: readonly T[], b: readonly T[]): [Op, number][] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const out: [Op, number][] = [];
  const push = (op: Op, n: number) => {
    if (n <= 0) return;
    const last = out[out.length - 1];
    if (last && last[0] === op) last[1] += n;
    else out.push([op, n]);
  };
  push('same', start);
  for (const op of middle(a.slice(start, endA), b.slice(start, endB))) push(op, 1);
  push('same', a.length - endA);
  return out;
}

function middle<T>(a: readonly T[], b: readonly T[]): Op[] {
  const n = a.length;
  const m = b.length;
  const replaced = (): Op[] => [...Array<Op>(n).fill('removed'), ...Array<Op>(m).fill('added')];
  if (n === 0 || m === 0) return replaced();
  const max = Math.min(n + m, MAX_EDITS);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= max && found < 0; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
  }
  if (found < 0) return replaced();
  // Walk back through the saved frontiers.
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = found; d > 0; d--) {
    const vd = trace[d]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && vd[offset + k - 1]! < vd[offset + k + 1]!) ? k + 1 : k - 1;
    const prevX = vd[offset + prevK]!;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push('same');
      x--;
      y--;
    }
    ops.push(prevK === k + 1 ? 'added' : 'removed');
    x = prevX;
    y = prevY;
  }
  while (x > 0 && y > 0) {
    ops.push('same');
    x--;
    y--;
  }
  return ops.reverse();
}

/** The text's lines, each with its line break (the last may have none). */
export function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** Each distinct string as a small number, so the diff compares numbers. */
function interner(): (s: string) => number {
  const ids = new Map<string, number>();
  return (s) => {
    let v = ids.get(s);
    if (v === undefined) ids.set(s, (v = ids.size));
    return v;
  };
}

const bare = (l: string) => (l.endsWith('\n') ? l.slice(0, -1) : l);

/** Lines of `before` and `after` as runs the same, added and removed. Pure. */
export function lineDiff(before: string, after: string): LineHunk[] {
  const a = splitLines(before).map(bare);
  const b = splitLines(after).map(bare);
  const id = interner();
  const hunks: LineHunk[] = [];
  let i = 0;
  let j = 0;
  for (const [op, count] of diffSequence(a.map(id), b.map(id))) {
    hunks.push({ kind: op, oldLine: i + 1, newLine: j + 1, lines: op === 'added' ? b.slice(j, j + count) : a.slice(i, i + count) });
    if (op !== 'added') i += count;
    if (op !== 'removed') j += count;
  }
  return hunks;
}

/**
 * Replacements that turn `before` into `after`: the lines that differ, each
 * changed run narrowed to the characters that differ in it. In `before`'s
 * offsets, in order and not overlapping (apply them from the last). Pure.
 */
export function textChanges(before: string, after: string): TextChange[] {
  if (before === after) return [];
  const a = splitLines(before);
  const b = splitLines(after);
  const id = interner();
  const changes: TextChange[] = [];
  let posA = 0;
  let posB = 0;
  let la = 0;
  let lb = 0;
  let open: { fromA: number; toA: number; fromB: number; toB: number } | null = null;
  for (const [op, count] of diffSequence(a.map(id), b.map(id))) {
    if (op === 'same') {
      if (open) changes.push(narrow(before.slice(open.fromA, open.toA), after.slice(open.fromB, open.toB), open.fromA));
      open = null;
      for (let k = 0; k < count; k++) {
        posA += a[la++]!.length;
        posB += b[lb++]!.length;
      }
      continue;
    }
    open ??= { fromA: posA, toA: posA, fromB: posB, toB: posB };
    for (let k = 0; k < count; k++) {
      if (op === 'removed') open.toA = posA += a[la++]!.length;
      else open.toB = posB += b[lb++]!.length;
    }
  }
  if (open) changes.push(narrow(before.slice(open.fromA, open.toA), after.slice(open.fromB, open.toB), open.fromA));
  return changes.filter((c) => c.to > c.from || c.insert.length > 0);
}

/** One replacement of `x` by `y` (at `at`), without their common start and end. */
function narrow(x: string, y: string, at: number): TextChange {
  let s = 0;
  while (s < x.length && s < y.length && x[s] === y[s]) s++;
  let e = 0;
  while (e < x.length - s && e < y.length - s && x[x.length - 1 - e] === y[y.length - 1 - e]) e++;
  return { from: at + s, to: at + x.length - e, insert: y.slice(s, y.length - e) };
}

/** `text` with `changes` (as `textChanges` gives them) applied. Pure. */
export const applyChanges: (text: string, changes: readonly TextChange[]) => string = changedText;
