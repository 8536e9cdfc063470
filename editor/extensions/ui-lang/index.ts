/**
 * The editor's language: CodeMirror's own words (search panel, go to line,
 * lint panel, folding) through `EditorState.phrases`, and the language the
 * other features (lint messages) read with `uiLangOf(state)`. Switching it is
 * a transaction, so the view and its undo history stay.
 */
import { Compartment, EditorState, Facet, type Extension, type TransactionSpec } from '@codemirror/state';
import { translator, type Lang, type MessageKey } from '../../i18n.ts';

/** CodeMirror's English phrases and the catalog keys that say them. */
const PHRASES: readonly (readonly [string, MessageKey])[] = [
  ['Find', 'cm.find'],
  ['Replace', 'cm.replace'],
  ['next', 'cm.next'],
  ['previous', 'cm.previous'],
  ['all', 'cm.all'],
  ['match case', 'cm.matchCase'],
  ['regexp', 'cm.regexp'],
  ['by word', 'cm.byWord'],
  ['replace', 'cm.replaceOne'],
  ['replace all', 'cm.replaceAll'],
  ['close', 'cm.close'],
  ['current match', 'cm.currentMatch'],
  ['replaced $ matches', 'cm.replacedMatches'],
  ['replaced match on line $', 'cm.replacedMatchOnLine'],
  ['on line', 'cm.onLine'],
  ['Go to line', 'cm.goToLine'],
  ['go', 'cm.go'],
  ['Diagnostics', 'cm.diagnostics'],
  ['No diagnostics', 'cm.noDiagnostics'],
  ['folded code', 'cm.foldedCode'],
  ['unfold', 'cm.unfold'],
  ['to', 'cm.to'],
  ['Fold line', 'cm.foldLine'],
  ['Unfold line', 'cm.unfoldLine'],
  ['Folded lines', 'cm.foldedLines'],
  ['Unfolded lines', 'cm.unfoldedLines'],
  ['Control character', 'cm.controlCharacter'],
  ['Selection deleted', 'cm.selectionDeleted'],
];

/** CodeMirror's phrases in `lang`, by their English text. */
export function editorPhrases(lang: Lang): Record<string, string> {
  const t = translator(lang);
  return Object.fromEntries(PHRASES.map(([phrase, key]) => [phrase, t(key)]));
}

const uiLangFacet = Facet.define<Lang, Lang>({ combine: (values) => values[values.length - 1] ?? 'da' });

const compartment = new Compartment();

function content(lang: Lang): Extension {
  return [uiLangFacet.of(lang), EditorState.phrases.of(editorPhrases(lang))];
}

/** The editor speaks `lang` (Danish when this extension is absent). */
export function uiLang(lang: Lang): Extension {
  return compartment.of(content(lang));
}

/** The transaction that switches a view made with `uiLang` to `lang`. */
export function setUiLang(lang: Lang): TransactionSpec {
  return { effects: compartment.reconfigure(content(lang)) };
}

export function uiLangOf(state: EditorState): Lang {
  return state.facet(uiLangFacet);
}
