/**
 * The CodeMirror editor for one document: the Y.Text binding plus every
 * structure feature. The parts that change while a document is open (the
 * collaboration binding with its awareness, read-only) sit in `Compartment`s,
 * so they are reconfigured in a transaction instead of rebuilding the view.
 */
import { Compartment, EditorState, type Extension } from '@codemirror/state';
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

/** The compartments of a document editor: one per part that changes while the document is open. */
export interface DocumentCompartments {
  collab: Compartment;
  readOnly: Compartment;
}

export function documentCompartments(): DocumentCompartments {
  return { collab: new Compartment(), readOnly: new Compartment() };
}

/** The Y.Text binding of `doc` (its undo manager included), with the remote cursors of `awareness` when there is one. */
export function collabExtension(doc: StudioDoc, awareness: Awareness | null | undefined): Extension {
  return yCollab(doc.text, awareness ?? null, { undoManager: doc.undo });
}

export function readOnlyExtension(readOnly: boolean | undefined): Extension {
  return readOnly ? [EditorState.readOnly.of(true), EditorView.editable.of(false)] : [];
}

/** Every feature of the document editor, bound to `doc`'s text and undo manager. */
export function documentExtensions(doc: StudioDoc, extra: Extension[] = [], collab: CollabOptions = {}, compartments: DocumentCompartments = documentCompartments()): Extension[] {
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
    compartments.collab.of(collabExtension(doc, collab.awareness)),
    compartments.readOnly.of(readOnlyExtension(collab.readOnly)),
    liveParse(typeof name === 'string' ? { source: { name } } : {}),
    structure(),
    itemFold(),
    diagnosticsLint(),
    annotationMarks(),
    ...extra,
  ];
}

/** The editor state of `doc`: its text and every feature. */
export function createDocumentState(doc: StudioDoc, extra: Extension[] = [], collab: CollabOptions = {}, compartments?: DocumentCompartments): EditorState {
  return EditorState.create({ doc: doc.text.toString(), extensions: documentExtensions(doc, extra, collab, compartments) });
}

export function createDocumentView(doc: StudioDoc, parent: HTMLElement, extra: Extension[] = [], collab: CollabOptions = {}): EditorView {
  return new EditorView({ state: createDocumentState(doc, extra, collab), parent });
}
