/**
 * The live parse: a StateField holding the Meeting of the current document,
 * re-parsed on every change, incrementally (core/minutes/incremental.ts: only
 * the lines an edit can change are parsed again, so no debounce). Structure
 * overrides live in the field as placed overrides mapped through changes; they
 * and the OCR repairer arrive as StateEffects. With overrides the text is parsed
 * whole (each override edits the parser's input).
 */
import { combineConfig, Facet, StateEffect, StateField, type EditorState, type Extension } from '@codemirror/state';
import type { Meeting, Source } from '../../../core/minutes/model.ts';
import type { TextRepairer } from '../../../core/minutes/parse.ts';
import { NOT_HEADING_MARK, parseWithOverrides, type PlacedOverride } from '../../../core/document/overrides.ts';
import { changedText, parseIncremental, reparse, type IncrementalParse, type TextChange } from '../../../core/minutes/incremental.ts';

export interface LiveParse {
  meeting: Meeting;
  overrides: readonly PlacedOverride[];
  repairer: TextRepairer | null;
  /** Wall time of the last parse, ms. */
  parseMs: number;
  /** The parse to carry through the next edit (none while overrides apply). */
  parse: IncrementalParse | null;
  /** The text holds the mark overrides put before lines. */
  marked: boolean;
}

export interface LiveParseConfig {
  /** What the Meeting says of its source (file name, hash, URL). */
  source: Partial<Source>;
}

/** Options of the live parse; several `liveParse()` configs merge, the first one naming a field wins. */
export const liveParseConfig = Facet.define<Partial<LiveParseConfig>, LiveParseConfig>({
  combine: (configs) => combineConfig(configs, { source: { name: 'editor' } }),
});

/** Replaces the overrides (positions in the new state's document). */
export const setOverrides = StateEffect.define<readonly PlacedOverride[]>({
  map: (list, mapping) => list.map((o) => ({ ...o, pos: mapping.mapPos(o.pos, -1) })),
});

/** Sets the OCR repairer (once the lexicon has loaded), which re-parses. */
export const setRepairer = StateEffect.define<TextRepairer | null>();

function parse(
  state: EditorState,
  overrides: readonly PlacedOverride[],
  repairer: TextRepairer | null,
  prev: { parse: IncrementalParse; changes: TextChange[]; marked: boolean } | null,
): { meeting: Meeting; parseMs: number; parse: IncrementalParse | null; marked: boolean } {
  const t0 = performance.now();
  const { source } = state.facet(liveParseConfig);
  // After an edit, the previous text with the changes made (the same string, without writing out the document).
  const text = prev ? changedText(prev.parse.text, prev.changes) : state.doc.toString();
  const options = { repairer: repairer ? () => repairer : null, source };
  // A text holding the mark that overrides put before lines is parsed as overrides are (the mark is stripped);
  // an edit can only bring one in by inserting it.
  const marked = prev && !prev.marked ? prev.changes.some((c) => c.insert.includes(NOT_HEADING_MARK)) : text.includes(NOT_HEADING_MARK);
  if (overrides.length || marked) {
    return { meeting: parseWithOverrides(text, overrides, options), parseMs: performance.now() - t0, parse: null, marked };
  }
  const next = prev ? reparse(prev.parse, text, prev.changes, options) : parseIncremental(text, options);
  return { meeting: next.meeting, parseMs: performance.now() - t0, parse: next, marked };
}

export const liveParseField = StateField.define<LiveParse>({
  create(state) {
    return { ...parse(state, [], null, null), overrides: [], repairer: null };
  },
  update(value, tr) {
    let { overrides, repairer } = value;
    let changed = tr.docChanged;
    let settings = false;
    if (tr.docChanged && overrides.length) overrides = overrides.map((o) => ({ ...o, pos: tr.changes.mapPos(o.pos, -1) }));
    for (const e of tr.effects) {
      if (e.is(setOverrides)) {
        overrides = e.value;
        changed = settings = true;
      } else if (e.is(setRepairer)) {
        repairer = e.value;
        changed = settings = true;
      }
    }
    if (!changed) return value;
    let prev: { parse: IncrementalParse; changes: TextChange[]; marked: boolean } | null = null;
    if (!settings && value.parse) {
      const changes: TextChange[] = [];
      tr.changes.iterChanges((from, to, _fromB, _toB, inserted) => changes.push({ from, to, insert: inserted.toString() }));
      prev = { parse: value.parse, changes, marked: value.marked };
    }
    return { ...parse(tr.state, overrides, repairer, prev), overrides, repairer };
  },
});

/** The Meeting of the document in `state` (spans in `state.doc` offsets). */
export function meetingOf(state: EditorState): Meeting {
  return state.field(liveParseField).meeting;
}

export function liveParse(config: Partial<LiveParseConfig> = {}): Extension {
  return [liveParseConfig.of(config), liveParseField];
}
