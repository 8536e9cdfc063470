/** The CodeMirror editor for one document: the Y.Text binding plus every structure feature. */
import { EditorState, type Extension } from '@codemirror/state';
import { EditorView, keymap, lineNumbers, drawSelection, highlightActiveLine, highlightActiveLineGutter } from '@codemirror/view';
import { defaultKeymap, indentWithTab } from '@codemirror/commands';
import { foldGutter, foldKeymap, codeFolding } from '@codemirror/language';
import { search, searchKeymap, highlightSelectionMatches } from '@codemirror/search';
import { lintKeymap } from '@codemirror/lint';
import { yCollab, yUndoManagerKeymap } from 'y-codemirror.next';
import type { Awareness } from 'y-protocols/awareness';
import type { StudioDoc } from '../../core/document/studio-doc.ts';
import { liveParse } from '../extensions/live-parse/index.ts';
import { structure } from '../extensions/structure/index.ts';
import { fieldGutter } from '../extensions/field-gutter/index.ts';
import { itemFold } from '../extensions/item-fold/index.ts';
import { diagnosticsLint } from '../extensions/diagnostics/index.ts';
import { annotationMarks } from '../extensions/annotation-marks/index.ts';

export interface CollabOptions {
  /** The document's shared awareness: remote cursors and selections with names and colours. */
  awareness?: Awareness | null;
  /** A read-only token: the text cannot be edited. */
  readOnly?: boolean;
}

/** Every feature of the document editor, bound to `doc`'s text and undo manager. */
export function documentExtensions(doc: StudioDoc, extra: Extension[] = [], collab: CollabOptions = {}): Extension[] {
  const name = doc.meta.get('fileName');
  return [
    lineNumbers(),
    fieldGutter(),
    foldGutter(),
    codeFolding(),
    highlightActiveLineGutter(),
    drawSelection(),
    highlightActiveLine(),
    highlightSelectionMatches(),
    search({ top: true }),
    EditorView.lineWrapping,
    keymap.of([...yUndoManagerKeymap, ...defaultKeymap, ...searchKeymap, ...foldKeymap, ...lintKeymap, indentWithTab]),
    yCollab(doc.text, collab.awareness ?? null, { undoManager: doc.undo }),
    ...(collab.readOnly ? [EditorState.readOnly.of(true), EditorView.editable.of(false)] : []),
    liveParse(typeof name === 'string' ? { source: { name } } : {}),
    structure(),
    itemFold(),
    diagnosticsLint(),
    annotationMarks(),
    ...extra,
  ];
}

export function createDocumentView(doc: StudioDoc, parent: HTMLElement, extra: Extension[] = [], collab: CollabOptions = {}): EditorView {
  const state = EditorState.create({ doc: doc.text.toString(), extensions: documentExtensions(doc, extra, collab) });
  return new EditorView({ state, parent });
}
