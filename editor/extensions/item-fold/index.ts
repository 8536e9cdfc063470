/** Folding by item (and by section): an item's heading line folds to the end of the item. */
import { foldService } from '@codemirror/language';
import type { EditorState, Extension } from '@codemirror/state';
import { liveParseField } from '../live-parse/index.ts';

/** The range an item or section heading starting on the line `[lineStart, lineEnd]` folds, or null. Pure. */
export function itemFoldRange(state: EditorState, lineStart: number, lineEnd: number): { from: number; to: number } | null {
  const { meeting } = state.field(liveParseField);
  for (const section of meeting.sections) {
    if (section.span.start >= lineStart && section.span.start <= lineEnd) {
      const to = trimEnd(state, section.span.end);
      return to > lineEnd ? { from: lineEnd, to } : null;
    }
    if (section.span.end < lineStart) continue;
    for (const item of section.items) {
      if (item.titleSpan.start >= lineStart && item.titleSpan.start <= lineEnd) {
        const to = trimEnd(state, item.span.end);
        return to > lineEnd ? { from: lineEnd, to } : null;
      }
    }
  }
  return null;
}

function trimEnd(state: EditorState, end: number): number {
  let e = Math.min(end, state.doc.length);
  while (e > 0 && /\s/.test(state.doc.sliceString(e - 1, e))) e--;
  return e;
}

export function itemFold(): Extension {
  return foldService.of((state, from, to) => itemFoldRange(state, from, to));
}
