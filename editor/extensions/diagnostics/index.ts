/**
 * The parser's diagnostics as lint marks, with quick fixes for OCR words
 * (this one, or every occurrence in the document), in the editor's language.
 */
import { linter, type Action, type Diagnostic as LintDiagnostic } from '@codemirror/lint';
import type { EditorState, Extension, TransactionSpec } from '@codemirror/state';
import type { Diagnostic } from '../../../core/minutes/model.ts';
import { diagnosticText } from '../../../core/minutes/diagnostic-messages.ts';
import { translator } from '../../i18n.ts';
import { liveParseField } from '../live-parse/index.ts';
import { uiLangOf } from '../ui-lang/index.ts';

/** The edit that applies an OCR suggestion at one span, or at all its occurrences. */
export function ocrFix(diagnostic: Diagnostic, all: boolean): TransactionSpec | null {
  if (!diagnostic.suggestion || !diagnostic.span) return null;
  const spans = all && diagnostic.occurrences?.length ? diagnostic.occurrences : [diagnostic.span];
  return { changes: spans.map((s) => ({ from: s.start, to: s.end, insert: diagnostic.suggestion! })), userEvent: 'input.ocr-fix' };
}

/** The lint diagnostics for a state. Pure. */
export function lintDiagnostics(state: EditorState): LintDiagnostic[] {
  const len = state.doc.length;
  const t = translator(uiLangOf(state));
  return state.field(liveParseField).meeting.diagnostics.map((d) => {
    const from = Math.min(d.span?.start ?? 0, len);
    const to = Math.min(Math.max(d.span?.end ?? from, from), len);
    const actions: Action[] = [];
    if (d.suggestion) {
      actions.push({ name: `→ ${d.suggestion}`, apply: (view) => view.dispatch(ocrFix(d, false)!) });
      if ((d.occurrences?.length ?? 0) > 1) actions.push({ name: t('fixAll', { count: d.occurrences!.length }), apply: (view) => view.dispatch(ocrFix(d, true)!) });
    }
    return { from, to, severity: d.severity, message: diagnosticText(t, d), source: d.code, actions };
  });
}

/**
 * Lints again whenever the live parse or the language changes, not only on edits: the OCR
 * repairer and structure overrides arrive as effects and bring their own
 * diagnostics (a damaged document's OCR words are found only once the
 * lexicon is in), which must be marked as soon as they are listed.
 */
export function diagnosticsLint(): Extension {
  return linter((view) => lintDiagnostics(view.state), {
    delay: 150,
    needsRefresh: (update) => update.state.field(liveParseField) !== update.startState.field(liveParseField) || uiLangOf(update.state) !== uiLangOf(update.startState),
  });
}
