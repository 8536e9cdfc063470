/**
 * What changed between two states of a document (a version and now): its text
 * by line, its structure (sections and items added, removed or retitled, from
 * the parser with each state's overrides) and its annotations (added, removed,
 * labels set or taken off, comments added).
 */
import type { Meeting } from '../minutes/model.ts';
import { parseWithOverrides } from './overrides.ts';
import type { AnnotationView, StudioDoc } from './studio-doc.ts';
import { lineDiff, type LineHunk } from './text-diff.ts';

export interface StructureChange {
  kind: 'added' | 'removed' | 'renamed';
  what: 'section' | 'item';
  number: string;
  /** Its title (renamed: the later title). */
  title: string;
  /** Renamed: the earlier title. */
  before?: string;
}

export interface AnnotationChange {
  kind: 'added' | 'removed' | 'changed';
  id: string;
  quote: string;
  /** Labels (ids) set since (all of them for an added annotation). */
  labelsAdded: string[];
  /** Labels (ids) taken off since (all of them for a removed annotation). */
  labelsRemoved: string[];
  /** Comments written since (negative: comments gone). */
  comments: number;
}

export interface VersionDiff {
  /** Lines added and removed from `before` to `after`. */
  text: { added: number; removed: number; hunks: LineHunk[] };
  structure: StructureChange[];
  annotations: AnnotationChange[];
}

/** A document's parse with its own overrides (no OCR repair). */
export function parseDoc(doc: StudioDoc, text = doc.text.toString()): Meeting {
  return parseWithOverrides(text, doc.placedOverrides(text));
}

/** Sections and items of `after` that `before` lacks, that it has and `after` lacks, and those retitled (matched by number). Pure. */
export function structureChanges(before: Pick<Meeting, 'sections'>, after: Pick<Meeting, 'sections'>): StructureChange[] {
  const out: StructureChange[] = [];
  const compare = (what: StructureChange['what'], a: { number: string; title: string }[], b: { number: string; title: string }[]) => {
    const old = new Map(a.map((x) => [x.number, x.title]));
    const now = new Map(b.map((x) => [x.number, x.title]));
    for (const x of b) {
      const was = old.get(x.number);
      if (was === undefined) out.push({ kind: 'added', what, number: x.number, title: x.title });
      else if (was !== x.title) out.push({ kind: 'renamed', what, number: x.number, title: x.title, before: was });
    }
    for (const x of a) if (!now.has(x.number)) out.push({ kind: 'removed', what, number: x.number, title: x.title });
  };
  compare('section', before.sections, after.sections);
  compare(
    'item',
    before.sections.flatMap((s) => s.items),
    after.sections.flatMap((s) => s.items),
  );
  return out;
}

/** Annotations added, removed and relabelled from `before` to `after` (matched by id). Pure. */
export function annotationChanges(before: readonly AnnotationView[], after: readonly AnnotationView[]): AnnotationChange[] {
  const out: AnnotationChange[] = [];
  const old = new Map(before.map((a) => [a.id, a]));
  const now = new Set(after.map((a) => a.id));
  for (const a of after) {
    const was = old.get(a.id);
    if (!was) {
      out.push({ kind: 'added', id: a.id, quote: a.quote, labelsAdded: [...a.labels], labelsRemoved: [], comments: a.comments.length });
      continue;
    }
    const labelsAdded = a.labels.filter((l) => !was.labels.includes(l));
    const labelsRemoved = was.labels.filter((l) => !a.labels.includes(l));
    const comments = a.comments.length - was.comments.length;
    if (labelsAdded.length || labelsRemoved.length || comments) out.push({ kind: 'changed', id: a.id, quote: a.quote, labelsAdded, labelsRemoved, comments });
  }
  for (const a of before) if (!now.has(a.id)) out.push({ kind: 'removed', id: a.id, quote: a.quote, labelsAdded: [], labelsRemoved: [...a.labels], comments: 0 - a.comments.length || 0 });
  return out;
}

/**
 * What changed from `before` (say, a version) to `after` (say, the document
 * now). `shown` narrows each side's annotations to those the person sees (in
 * independent labelling, their own).
 */
export function diffVersions(before: StudioDoc, after: StudioDoc, shown: (views: AnnotationView[]) => AnnotationView[] = (v) => v): VersionDiff {
  const textBefore = before.text.toString();
  const textAfter = after.text.toString();
  const hunks = lineDiff(textBefore, textAfter);
  const count = (kind: LineHunk['kind']) => hunks.reduce((n, h) => n + (h.kind === kind ? h.lines.length : 0), 0);
  return {
    text: { added: count('added'), removed: count('removed'), hunks },
    structure: structureChanges(parseDoc(before, textBefore), parseDoc(after, textAfter)),
    annotations: annotationChanges(shown(before.annotationViews(textBefore)), shown(after.annotationViews(textAfter))),
  };
}
