/**
 * A gutter marking where each of the four fields (Baggrund, Indstilling,
 * Sagsfremstilling, Beslutning) starts, with a coloured bar along its lines.
 */
import { RangeSet, type EditorState, type Extension, type Range } from '@codemirror/state';
import { EditorView, gutter, GutterMarker, ViewPlugin, type ViewUpdate } from '@codemirror/view';
import { FIELD_COLOURS } from '../../../core/minutes/field-colours.ts';
import { FIELD_NAMES, type FieldName } from '../../../core/minutes/model.ts';
import { liveParseField } from '../live-parse/index.ts';

const SHORT: Record<FieldName, string> = { baggrund: 'B', indstilling: 'I', sagsfremstilling: 'S', beslutning: 'D' };

class FieldMarker extends GutterMarker {
  constructor(readonly field: FieldName, readonly head: boolean) {
    super();
  }
  override eq(other: FieldMarker): boolean {
    return other.field === this.field && other.head === this.head;
  }
  override toDOM(): Node {
    const el = document.createElement('span');
    el.className = `cm-field-mark cm-field-${this.field}`;
    el.title = this.field;
    el.dataset.field = this.field;
    if (this.head) el.textContent = SHORT[this.field];
    return el;
  }
}

const markers = new Map<string, FieldMarker>();
function marker(field: FieldName, head: boolean): FieldMarker {
  const key = `${field}:${head}`;
  let m = markers.get(key);
  if (!m) markers.set(key, (m = new FieldMarker(field, head)));
  return m;
}

/**
 * One marker per line of each field between `from` and `to` (default: the whole
 * document); the first line carries the field's letter. Pure.
 */
export function fieldMarkers(state: EditorState, from = 0, to = state.doc.length): RangeSet<GutterMarker> {
  const doc = state.doc;
  const ranges: Range<GutterMarker>[] = [];
  for (const section of state.field(liveParseField).meeting.sections) {
    if (section.span.end < from || section.span.start > to) continue;
    for (const item of section.items) {
      if (item.span.end < from || item.span.start > to) continue;
      for (const [name, field] of Object.entries(item.fields) as [FieldName, { span: { start: number; end: number } }][]) {
        if (field.span.end < from || field.span.start > to) continue;
        const first = doc.lineAt(field.span.start).number;
        const last = doc.lineAt(Math.max(field.span.start, field.span.end - 1)).number;
        const lo = Math.max(first, doc.lineAt(from).number);
        const hi = Math.min(last, doc.lineAt(to).number);
        for (let n = lo; n <= hi; n++) ranges.push(marker(name, n === first).range(doc.line(n).from));
      }
    }
  }
  return RangeSet.of(ranges, true);
}

/** Markers for the lines in view only: a 250 KB document has thousands of field lines. */
const fieldMarkersPlugin = ViewPlugin.fromClass(
  class {
    markers: RangeSet<GutterMarker>;
    constructor(view: EditorView) {
      this.markers = this.compute(view);
    }
    update(u: ViewUpdate) {
      if (u.docChanged || u.viewportChanged || u.state.field(liveParseField) !== u.startState.field(liveParseField)) this.markers = this.compute(u.view);
    }
    compute(view: EditorView): RangeSet<GutterMarker> {
      const { from, to } = view.viewport;
      return fieldMarkers(view.state, from, to);
    }
  },
);

const theme = EditorView.baseTheme({
  '.cm-field-gutter': { width: '16px' },
  '.cm-field-mark': { display: 'block', height: '100%', fontSize: '0.7em', fontWeight: '700', textAlign: 'center', color: '#fff', borderRadius: '2px' },
  // The viewer's colours (core/minutes/field-colours.ts).
  ...Object.fromEntries(FIELD_NAMES.map((f) => [`.cm-field-${f}`, { background: FIELD_COLOURS[f] }])),
});

/** The field gutter; needs `liveParse()`. */
export function fieldGutter(): Extension {
  return [fieldMarkersPlugin, gutter({ class: 'cm-field-gutter', markers: (view) => view.plugin(fieldMarkersPlugin)?.markers ?? RangeSet.empty }), theme];
}
