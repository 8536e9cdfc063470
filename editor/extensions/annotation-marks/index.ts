/**
 * Annotation highlights: ranges arrive as a StateEffect (resolved from their
 * anchors at the view boundary) and map through later changes until the next.
 */
import { StateEffect, StateField, type Extension } from '@codemirror/state';
import { Decoration, EditorView, type DecorationSet } from '@codemirror/view';

export interface AnnotationRange {
  id: string;
  from: number;
  to: number;
  active?: boolean;
}

export const setAnnotationRanges = StateEffect.define<readonly AnnotationRange[]>();

export const annotationMarksField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(value, tr) {
    value = value.map(tr.changes);
    for (const e of tr.effects) {
      if (!e.is(setAnnotationRanges)) continue;
      const len = tr.state.doc.length;
      value = Decoration.set(
        e.value
          .filter((r) => r.to > r.from && r.to <= len)
          .map((r) =>
            Decoration.mark({ class: r.active ? 'cm-annotation cm-annotation-active' : 'cm-annotation', attributes: { 'data-annotation-id': r.id } }).range(r.from, r.to),
          ),
        true,
      );
    }
    return value;
  },
  provide: (f) => EditorView.decorations.from(f),
});

const theme = EditorView.baseTheme({
  '.cm-annotation': { borderBottom: '2px solid #16a34a', backgroundColor: 'rgba(22, 163, 74, 0.12)' },
  '.cm-annotation-active': { backgroundColor: 'rgba(22, 163, 74, 0.3)' },
});

export function annotationMarks(): Extension {
  return [annotationMarksField, theme];
}
