/**
 * A gutter marking where each of the four fields (Baggrund, Indstilling,
 * Sagsfremstilling, Beslutning) starts, with a coloured bar along its lines.
 */
import { RangeSet, StateField, type EditorState, type Extension, type Range } from '@codemirror/state';
import { EditorView, gutter, GutterMarker } from '@codemirror/view';
import type { FieldName } from '../../../core/minutes/model.ts';
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

/** One marker per line of each field; the first line carries the field's letter. Pure. */
export function fieldMarkers(state: EditorState): RangeSet<GutterMarker> {
  const doc = state.doc;
  const ranges: Range<GutterMarker>[] = [];
  for (const section of state.field(liveParseField).meeting.sections) {
    for (const item of section.items) {
      for (const [name, field] of Object.entries(item.fields) as [FieldName, { span: { start: number; end: number } }][]) {
        const first = doc.lineAt(field.span.start).number;
        const last = doc.lineAt(Math.max(field.span.start, field.span.end - 1)).number;
        for (let n = first; n <= last; n++) ranges.push(marker(name, n === first).range(doc.line(n).from));
      }
    }
  }
  return RangeSet.of(ranges, true);
}

const fieldMarkersField = StateField.define<RangeSet<GutterMarker>>({
  create: fieldMarkers,
  update(value, tr) {
    if (tr.state.field(liveParseField) === tr.startState.field(liveParseField)) return value.map(tr.changes);
    return fieldMarkers(tr.state);
  },
});

const theme = EditorView.baseTheme({
  '.cm-field-gutter': { width: '16px' },
  '.cm-field-mark': { display: 'block', height: '100%', fontSize: '0.7em', fontWeight: '700', textAlign: 'center', color: '#fff', borderRadius: '2px' },
  '.cm-field-baggrund': { background: '#64748b' },
  '.cm-field-indstilling': { background: '#2563eb' },
  '.cm-field-sagsfremstilling': { background: '#0d9488' },
  '.cm-field-beslutning': { background: '#d97706' },
});

/** The field gutter; needs `liveParse()`. */
export function fieldGutter(): Extension {
  return [fieldMarkersField, gutter({ class: 'cm-field-gutter', markers: (view) => view.state.field(fieldMarkersField) }), theme];
}
