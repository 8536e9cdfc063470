/**
 * How a workspace's analysts label: shared (everyone sees everyone's labels as
 * they are made) or independent (each analyst sees only their own labels and
 * review until a curator opens adjudication), so that agreement measures
 * agreement, not imitation. The setting is a Yjs document of the workspace's
 * own (`<workspace>/_labelling` on the sync server, which only curators may
 * change), synced to everyone.
 *
 * Independent labelling hides in the editor, not in the document: every
 * document still carries everyone's labels (one Y.Doc per document, synced
 * whole), so a determined analyst could read them from the data. What an
 * analyst sees is `ownView` of the annotations and their own review.
 */
import * as Y from 'yjs';
import type { Labelling } from '../export/model.ts';
import type { AnnotationView } from './studio-doc.ts';

/** The workspace document's id (`<workspace>/_labelling` on the sync server). */
export const LABELLING_DOC_ID = '_labelling';

export const SHARED_LABELLING: Labelling = { mode: 'shared', adjudicationOpen: false };

/** The labelling setting as kept in its Y.Map, with who set it last and when. */
export function readLabelling(ydoc: Y.Doc): Labelling & { by: string | null; at: number | null } {
  const m = ydoc.getMap<unknown>('labelling');
  const mode = m.get('mode') === 'independent' ? 'independent' : 'shared';
  return { mode, adjudicationOpen: m.get('adjudicationOpen') === true, by: typeof m.get('by') === 'string' ? (m.get('by') as string) : null, at: typeof m.get('at') === 'number' ? (m.get('at') as number) : null };
}

export function writeLabelling(ydoc: Y.Doc, patch: Partial<Labelling>, by: string, now: () => number = Date.now): void {
  const m = ydoc.getMap<unknown>('labelling');
  ydoc.transact(() => {
    if (patch.mode !== undefined) m.set('mode', patch.mode);
    if (patch.adjudicationOpen !== undefined) m.set('adjudicationOpen', patch.adjudicationOpen);
    m.set('by', by);
    m.set('at', now());
  });
}

/**
 * Whose work a person sees: null (everyone's) for a curator, in shared mode, or
 * once adjudication is open; else their own name.
 */
export function privateTo(labelling: Labelling, person: { name: string; curator: boolean }): string | null {
  if (labelling.mode !== 'independent' || labelling.adjudicationOpen || person.curator) return null;
  return person.name;
}

/**
 * What `who` sees of the annotations in independent labelling: those they made
 * or set a label on, with only the labels and comments that are theirs.
 */
export function ownView(annotations: readonly AnnotationView[], who: string): AnnotationView[] {
  const out: AnnotationView[] = [];
  for (const a of annotations) {
    const mine = Object.entries(a.labelMarks).filter(([, m]) => m.by === who);
    if (a.author !== who && mine.length === 0) continue;
    out.push({ ...a, labels: mine.map(([l]) => l), labelMarks: Object.fromEntries(mine), comments: a.comments.filter((c) => c.author === who) });
  }
  return out;
}
