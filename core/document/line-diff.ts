/**
 * A line diff of two texts as edits on the first (Myers' O(ND) algorithm over
 * lines, after the common first and last lines are set aside), and offsets of
 * the first text carried into the second through it. Re-importing a changed
 * source applies these edits, so every character of an unchanged line keeps
 * its identity (and whatever is anchored to it). Pure.
 *
 * Offsets are UTF-16 offsets; an edit's `from`/`to` are in the old text.
 */

export interface TextEdit {
  /** Start of the replaced range in the old text. */
  from: number;
  /** End of the replaced range in the old text (half-open). */
  to: number;
  /** What stands there in the new text. */
  insert: string;
}

/** Beyond this many differing lines the middle is replaced as one edit (the diff's cost grows with it). */
const MAX_DIFFERENCE = 4000;

/** The texts' lines, each with its line break. */
function lines(text: string): string[] {
  const out = text.split(/(?<=\n)/);
  return out.length === 1 && out[0] === '' ? [] : out;
}

/**
 * The edits that turn `a` into `b`, in order and not overlapping, each
 * replacing whole lines of `a`; none when the texts are equal.
 */
export function lineDiff(a: string, b: string): TextEdit[] {
  if (a === b) return [];
  const x = lines(a);
  const y = lines(b);
  let head = 0;
  while (head < x.length && head < y.length && x[head] === y[head]) head++;
  let tail = 0;
  while (tail < x.length - head && tail < y.length - head && x[x.length - 1 - tail] === y[y.length - 1 - tail]) tail++;
  const xs = x.slice(head, x.length - tail);
  const ys = y.slice(head, y.length - tail);
  const offsets = [0];
  for (const l of x) offsets.push(offsets[offsets.length - 1]! + l.length);
  // Pairs of equal lines (index into xs, index into ys), in order.
  const common = myersCommon(xs, ys) ?? [];
  const edits: TextEdit[] = [];
  let i = 0;
  let j = 0;
  for (const [ci, cj] of [...common, [xs.length, ys.length] as const]) {
    if (ci > i || cj > j) edits.push({ from: offsets[head + i]!, to: offsets[head + ci]!, insert: ys.slice(j, cj).join('') });
    i = ci + 1;
    j = cj + 1;
  }
  return edits;
}

/** The equal lines of Myers' shortest edit script, or null when more than MAX_DIFFERENCE lines differ. */
function myersCommon(a: readonly string[], b: readonly string[]): [number, number][] | null {
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0) return [];
  const max = Math.min(n + m, MAX_DIFFERENCE);
  const offset = max + 1;
  let v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice());
    const next = v;
    for (let k = -d; k <= d; k += 2) {
      let px = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let py = px - k;
      while (px < n && py < m && a[px] === b[py]) {
        px++;
        py++;
      }
      next[offset + k] = px;
      if (px >= n && py >= m) return backtrack(trace, offset, n, m, d, a, b);
    }
    v = next;
  }
  return null;
}

function backtrack(trace: Int32Array[], offset: number, n: number, m: number, depth: number, a: readonly string[], b: readonly string[]): [number, number][] {
  const pairs: [number, number][] = [];
  let x = n;
  let y = m;
  for (let d = depth; d > 0; d--) {
    const v = trace[d]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? k + 1 : k - 1;
    const prevX = v[offset + prevK]!;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY && a[x - 1] === b[y - 1]) pairs.push([--x, --y]);
    x = prevX;
    y = prevY;
  }
  while (x > 0 && y > 0) pairs.push([--x, --y]);
  return pairs.reverse();
}

/**
 * Where offset `pos` of the old text is in the new one: shifted by the edits
 * before it; inside a replaced range, at that range's start (`assoc` < 0) or
 * end (`assoc` > 0) in the new text.
 */
export function mapOffset(edits: readonly TextEdit[], pos: number, assoc: -1 | 1 = -1): number {
  let shift = 0;
  for (const e of edits) {
    if (pos < e.from || (pos === e.from && assoc < 0 && e.to > e.from)) break;
    if (pos < e.to || (pos === e.to && e.to === e.from && assoc < 0)) return e.from + shift + (assoc < 0 ? 0 : e.insert.length);
    shift += e.insert.length - (e.to - e.from);
  }
  return pos + shift;
}

/** Whether the old range `from..to` lies in unchanged text (touching no edit). */
export function untouched(edits: readonly TextEdit[], from: number, to: number): boolean {
  return edits.every((e) => e.to <= from || e.from >= to || (e.from === e.to && (e.from === from || e.from === to)));
}

/** Applies the edits to `a`: the new text. */
export function applyEdits(a: string, edits: readonly TextEdit[]): string {
  let out = '';
  let at = 0;
  for (const e of edits) {
    out += a.slice(at, e.from) + e.insert;
    at = e.to;
  }
  return out + a.slice(at);
}
