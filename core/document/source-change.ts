/**
 * What changed between two versions of one source (the same URL or file name,
 * other bytes): pages added, removed or changed, and items added, removed or
 * renamed, from the KL parser's reading of both texts. Pure.
 *
 * Pages are 1-based PDF page numbers; a text without page runs has no pages.
 */
import type { Meeting } from '../minutes/model.ts';
import { parseMinutes } from '../minutes/parse.ts';
import type { PageRun } from '../pdf/text-layer.ts';

/** One version: its text, the PDF's text runs in it (none for a text file), and its parse when already made. */
export interface SourceVersion {
  text: string;
  runs: readonly Pick<PageRun, 'start' | 'end' | 'page'>[];
  meeting?: Pick<Meeting, 'sections'>;
}

export interface ItemRef {
  number: string;
  title: string;
}

export interface SourceChange {
  /** Whether the texts differ at all (a new PDF can carry the same text). */
  textChanged: boolean;
  pages: {
    before: number;
    after: number;
    /** Pages of the new version with no counterpart in the old one. */
    added: number[];
    /** Pages of the old version with no counterpart in the new one. */
    removed: number[];
    /** Pages in the same place of both whose text differs: old page → new page. */
    changed: { before: number; after: number }[];
  };
  items: {
    added: ItemRef[];
    removed: ItemRef[];
    /** The same item number with another title. */
    renamed: { number: string; before: string; after: string }[];
  };
}

/** Each page's text (index 0: page 1), whitespace folded so that a re-flow alone is no change. */
export function pageTexts(version: Pick<SourceVersion, 'text' | 'runs'>): string[] {
  const pages: string[][] = [];
  for (const r of version.runs) {
    while (pages.length < r.page) pages.push([]);
    pages[r.page - 1]!.push(version.text.slice(r.start, r.end));
  }
  return pages.map((p) => p.join(' ').replace(/\s+/g, ' ').trim());
}

function itemsOf(version: SourceVersion): ItemRef[] {
  const meeting = version.meeting ?? parseMinutes(version.text);
  return meeting.sections.flatMap((s) => s.items.map((i) => ({ number: i.number, title: i.title })));
}

/** Index pairs of equal elements in a longest common subsequence of `a` and `b`. */
function commonPairs(a: readonly string[], b: readonly string[]): [number, number][] {
  const n = a.length;
  const m = b.length;
  const table = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) table[i]![j] = a[i] === b[j] ? table[i + 1]![j + 1]! + 1 : Math.max(table[i + 1]![j]!, table[i]![j + 1]!);
  const pairs: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) pairs.push([i++, j++]);
    else if (table[i + 1]![j]! >= table[i]![j + 1]!) i++;
    else j++;
  }
  return pairs;
}

/** Compares two versions of a source: pages by their text, items by number and title. */
export function compareSources(before: SourceVersion, after: SourceVersion): SourceChange {
  const a = pageTexts(before);
  const b = pageTexts(after);
  const added: number[] = [];
  const removed: number[] = [];
  const changed: { before: number; after: number }[] = [];
  let i = 0;
  let j = 0;
  // Between two pages that stayed, the old pages left and the new ones came: as many as
  // both have are the same pages changed, the rest removed or added.
  for (const [ci, cj] of [...commonPairs(a, b), [a.length, b.length] as const]) {
    const gone = ci - i;
    const come = cj - j;
    for (let k = 0; k < Math.min(gone, come); k++) changed.push({ before: i + k + 1, after: j + k + 1 });
    for (let k = come; k < gone; k++) removed.push(i + k + 1);
    for (let k = gone; k < come; k++) added.push(j + k + 1);
    i = ci + 1;
    j = cj + 1;
  }

  const old = itemsOf(before);
  const now = itemsOf(after);
  const byNumber = new Map(now.map((x) => [x.number, x]));
  const oldNumbers = new Set(old.map((x) => x.number));
  const renamed: SourceChange['items']['renamed'] = [];
  const removedItems: ItemRef[] = [];
  for (const o of old) {
    const n = byNumber.get(o.number);
    if (!n) removedItems.push(o);
    else if (n.title !== o.title) renamed.push({ number: o.number, before: o.title, after: n.title });
  }
  return {
    textChanged: before.text !== after.text,
    pages: { before: a.length, after: b.length, added, removed, changed },
    items: { added: now.filter((x) => !oldNumbers.has(x.number)), removed: removedItems, renamed },
  };
}

/** Whether the change is nothing a person would see (the same text, pages and items). */
export function isUnchanged(change: SourceChange): boolean {
  const { pages, items } = change;
  return !change.textChanged && !pages.added.length && !pages.removed.length && !pages.changed.length && !items.added.length && !items.removed.length && !items.renamed.length;
}
