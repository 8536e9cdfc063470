/**
 * A line diff of two texts as edits on the first (Myers' O(ND) algorithm over
 * lines, after the common first and last lines are set aside), and offsets of
 * the first text carried into the second through it. Re-importing a changed
 * source applies these edits, so every character of an unchanged line keeps
 * its identity (and whatever is anchored to it). Pure.
 *
 * Offsets are UTF-16 offsets; an edit's `from`/`to` are in the old text.
 */

import { applyChanges, diffSequence, splitLines, type TextChange } from './text-diff.ts';

/** One replacement in the old text: `from..to` (old offsets) becomes `insert`. */
export type TextEdit = TextChange;

/**
 * The edits that turn `a` into `b`, in order and not overlapping, each
 * replacing whole lines of `a`; none when the texts are equal. (Myers' diff of
 * text-diff.ts over the lines; `textChanges` there narrows them to characters.)
 */
export function lineDiff(a: string, b: string): TextEdit[] {
  if (a === b) return [];
  const x = splitLines(a);
  const y = splitLines(b);
  const edits: TextEdit[] = [];
  let at = 0;
  let i = 0;
  let j = 0;
  let open: TextEdit | null = null;
  for (const [op, count] of diffSequence(x, y)) {
    for (let k = 0; k < count; k++) {
      if (op === 'same') {
        at += x[i++]!.length;
        j++;
      } else if (op === 'removed') {
        open ??= { from: at, to: at, insert: '' };
        open.to = at += x[i++]!.length;
      } else {
        open ??= { from: at, to: at, insert: '' };
        open.insert += y[j++]!;
      }
    }
    if (op === 'same' && open) {
      edits.push(open);
      open = null;
    }
  }
  if (open) edits.push(open);
  return edits;
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
export const applyEdits: (a: string, edits: readonly TextEdit[]) => string = applyChanges;
