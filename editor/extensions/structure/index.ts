/**
 * Draws the parse in the text: section and item headings, case-number chips,
 * decisions, attachment markers and the lines structure overrides apply to.
 * Decorations are derived from the live parse and recomputed when it changes.
 */
import { StateField, type EditorState, type Extension, type Range } from '@codemirror/state';
import { Decoration, EditorView, WidgetType, type DecorationSet } from '@codemirror/view';
import { liveParseField, type LiveParse } from '../live-parse/index.ts';
import { structureTheme } from './theme.ts';

class BadgeWidget extends WidgetType {
  constructor(readonly label: string, readonly cls: string) {
    super();
  }
  override eq(other: BadgeWidget): boolean {
    return other.label === this.label && other.cls === this.cls;
  }
  toDOM(): HTMLElement {
    const span = document.createElement('span');
    span.className = this.cls;
    span.textContent = this.label;
    return span;
  }
}

const decisionMark = Decoration.mark({ class: 'cm-decision' });
const caseChip = Decoration.mark({ class: 'cm-case-chip' });
const attachmentLine = Decoration.line({ class: 'cm-attachment' });
const overrideLine = Decoration.line({ class: 'cm-override-line' });

/** Builds the structure decorations for a parse. Pure: state in, DecorationSet out. */
export function structureDecorations(state: EditorState, parse: LiveParse = state.field(liveParseField)): DecorationSet {
  const doc = state.doc;
  const ranges: Range<Decoration>[] = [];
  const lineStarts = (from: number, to: number, deco: Decoration) => {
    const last = doc.lineAt(Math.max(from, to - 1)).number;
    for (let n = doc.lineAt(from).number; n <= last; n++) ranges.push(deco.range(doc.line(n).from));
  };
  const { meeting } = parse;
  for (const section of meeting.sections) {
    const line = doc.lineAt(section.span.start);
    ranges.push(Decoration.line({ class: 'cm-section-heading', attributes: { 'data-section': section.number } }).range(line.from));
    for (const item of section.items) {
      const t = item.titleSpan;
      if (t.end > t.start) {
        const last = doc.lineAt(Math.max(t.start, t.end - 1)).number;
        for (let n = doc.lineAt(t.start).number; n <= last; n++) {
          ranges.push(Decoration.line({ class: 'cm-item-heading', attributes: { 'data-item': item.number } }).range(doc.line(n).from));
        }
        ranges.push(Decoration.widget({ widget: new BadgeWidget(item.number, 'cm-item-badge'), side: -1 }).range(t.start));
      }
      if (item.caseSpan && item.caseNumber) {
        const c = item.caseSpan;
        const at = doc.sliceString(c.start, c.end).toUpperCase().indexOf(item.caseNumber);
        if (at >= 0) ranges.push(caseChip.range(c.start + at, c.start + at + item.caseNumber.length));
      }
      const decision = item.fields.beslutning;
      if (decision && decision.span.end > decision.span.start) {
        // The text after the sub-heading line.
        const head = doc.lineAt(decision.span.start);
        const from = Math.min(head.to + 1, decision.span.end);
        if (decision.span.end > from) ranges.push(decisionMark.range(from, decision.span.end));
      }
      for (const a of item.attachments) if (a.end >= a.start) lineStarts(a.start, a.end, attachmentLine);
    }
  }
  // Of several overrides on one line the last applies; the others show struck through.
  const lastOnLine = new Map<number, string>();
  for (const o of parse.overrides) if (o.kind !== 'meeting-date' && o.kind !== 'meeting-body') lastOnLine.set(doc.lineAt(Math.min(o.pos, doc.length)).from, o.id);
  for (const o of parse.overrides) {
    if (o.kind === 'meeting-date' || o.kind === 'meeting-body') continue;
    const line = doc.lineAt(Math.min(o.pos, doc.length));
    const cls = lastOnLine.get(line.from) === o.id ? 'cm-override-badge' : 'cm-override-badge cm-override-superseded';
    ranges.push(overrideLine.range(line.from));
    ranges.push(Decoration.widget({ widget: new BadgeWidget(overrideLabel(o.kind, o.number ?? o.field), cls), side: 1 }).range(line.to));
  }
  return Decoration.set(ranges, true);
}

function overrideLabel(kind: string, arg: string | undefined): string {
  return arg ? `${kind} ${arg}` : kind;
}

const structureField = StateField.define<DecorationSet>({
  create: (state) => structureDecorations(state),
  update(value, tr) {
    const parse = tr.state.field(liveParseField);
    if (parse === tr.startState.field(liveParseField)) return value.map(tr.changes);
    return structureDecorations(tr.state, parse);
  },
  provide: (f) => EditorView.decorations.from(f),
});

/** The structure drawing; needs `liveParse()`. */
export function structure(): Extension {
  return [structureField, structureTheme];
}

