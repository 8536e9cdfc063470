/**
 * The live parse: a StateField holding the Meeting of the current document,
 * re-parsed on every change (the parse is ~10 ms for 250 KB, so no debounce).
 * Structure overrides live in the field as placed overrides mapped through
 * changes; they and the OCR repairer arrive as StateEffects.
 */
import { combineConfig, Facet, StateEffect, StateField, type EditorState, type Extension } from '@codemirror/state';
import type { Meeting, Source } from '../../../core/minutes/model.ts';
import type { TextRepairer } from '../../../core/minutes/parse.ts';
import { parseWithOverrides, type PlacedOverride } from '../../../core/document/overrides.ts';

export interface LiveParse {
  meeting: Meeting;
  overrides: readonly PlacedOverride[];
  repairer: TextRepairer | null;
  /** Wall time of the last parse, ms. */
  parseMs: number;
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

function parse(state: EditorState, overrides: readonly PlacedOverride[], repairer: TextRepairer | null): { meeting: Meeting; parseMs: number } {
  const t0 = performance.now();
  const { source } = state.facet(liveParseConfig);
  const meeting = parseWithOverrides(state.doc.toString(), overrides, { repairer: repairer ? () => repairer : null, source });
  return { meeting, parseMs: performance.now() - t0 };
}

export const liveParseField = StateField.define<LiveParse>({
  create(state) {
    return { ...parse(state, [], null), overrides: [], repairer: null };
  },
  update(value, tr) {
    let { overrides, repairer } = value;
    let changed = tr.docChanged;
    if (tr.docChanged && overrides.length) overrides = overrides.map((o) => ({ ...o, pos: tr.changes.mapPos(o.pos, -1) }));
    for (const e of tr.effects) {
      if (e.is(setOverrides)) {
        overrides = e.value;
        changed = true;
      } else if (e.is(setRepairer)) {
        repairer = e.value;
        changed = true;
      }
    }
    if (!changed) return value;
    return { ...parse(tr.state, overrides, repairer), overrides, repairer };
  },
});

/** The Meeting of the document in `state` (spans in `state.doc` offsets). */
export function meetingOf(state: EditorState): Meeting {
  return state.field(liveParseField).meeting;
}

export function liveParse(config: Partial<LiveParseConfig> = {}): Extension {
  return [liveParseConfig.of(config), liveParseField];
}
