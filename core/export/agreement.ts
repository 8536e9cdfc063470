/**
 * Agreement between analysts who labelled the same items independently.
 *
 * An analyst has rated an item when they made at least one annotation in it;
 * for each label, an item they rated either carries it (one of their
 * annotations there has the label) or not. Per label: with two analysts in the
 * dataset, Cohen's κ over the items both rated; with more, Fleiss' κ over the
 * items at least two rated (the form for a varying number of raters per item,
 * which is Fleiss' own when every item has the same number).
 */
import type { Adjudication, CuratedDocument } from './model.ts';
import type { Span } from '../minutes/model.ts';
import { annotationsIn } from './rows.ts';

export interface LabelAgreement {
  label: string;
  method: 'cohen' | 'fleiss';
  /** κ; null when undefined (every rating the same, so chance agreement is 1). */
  kappa: number | null;
  /** Observed agreement: the share of agreeing rater pairs. */
  observed: number | null;
  /** How many items the figure rests on. */
  items: number;
  raters: number;
}

/** Cohen's κ for two raters; `a[i]`, `b[i]` are their categories for item i. Null when undefined or empty. */
export function cohenKappa<T>(a: readonly T[], b: readonly T[]): number | null {
  if (a.length !== b.length) throw new RangeError(`cohenKappa: ${a.length} ratings against ${b.length}`);
  const n = a.length;
  if (n === 0) return null;
  const categories = [...new Set([...a, ...b])];
  let agree = 0;
  for (let i = 0; i < n; i++) if (a[i] === b[i]) agree++;
  const po = agree / n;
  let pe = 0;
  for (const c of categories) pe += (a.filter((x) => x === c).length / n) * (b.filter((x) => x === c).length / n);
  return pe === 1 ? null : (po - pe) / (1 - pe);
}

/**
 * Fleiss' κ. `counts[i][j]` is how many raters put item i in category j; items
 * with fewer than two raters are skipped. Null when undefined or no item counts.
 */
export function fleissKappa(counts: readonly (readonly number[])[]): number | null {
  const rows = counts.filter((r) => r.reduce((s, x) => s + x, 0) >= 2);
  if (rows.length === 0) return null;
  const k = Math.max(...rows.map((r) => r.length));
  const totals = new Array<number>(k).fill(0);
  let ratings = 0;
  let pSum = 0;
  for (const r of rows) {
    const n = r.reduce((s, x) => s + x, 0);
    let sq = 0;
    r.forEach((x, j) => {
      sq += x * x;
      totals[j]! += x;
    });
    ratings += n;
    pSum += (sq - n) / (n * (n - 1));
  }
  const pBar = pSum / rows.length;
  const pe = totals.reduce((s, t) => s + (t / ratings) ** 2, 0);
  return pe === 1 ? null : (pBar - pe) / (1 - pe);
}

/** Which items count: all, or those a filter chose (by document id and item id). */
export type ItemChoice = (documentId: string, itemId: string) => boolean;

/** The items of these rows (a filter's result) as an ItemChoice. */
export function choiceOf(rows: readonly { documentId: string; id: string }[]): ItemChoice {
  const chosen = new Set(rows.map((r) => `${r.documentId}\u0000${r.id}`));
  return (documentId, itemId) => chosen.has(`${documentId}\u0000${itemId}`);
}

/** Analyst → the labels they gave the item at `span` (an analyst who annotated it without labels rated it with none). */
function labelsByAnalyst(doc: CuratedDocument, span: Span): Map<string, Set<string>> {
  const byAnalyst = new Map<string, Set<string>>();
  for (const a of annotationsIn(doc.annotations, span)) {
    const set = byAnalyst.get(a.author) ?? new Set<string>();
    for (const l of a.labels) set.add(l.label);
    byAnalyst.set(a.author, set);
  }
  return byAnalyst;
}

/** Per item rated by two or more analysts: analyst → the labels they gave it. */
export function ratings(docs: readonly CuratedDocument[], chosen: ItemChoice = () => true): Map<string, Set<string>>[] {
  const out: Map<string, Set<string>>[] = [];
  for (const doc of docs) {
    for (const section of doc.meeting.sections) {
      for (const item of section.items) {
        if (!chosen(doc.documentId, item.id)) continue;
        const byAnalyst = labelsByAnalyst(doc, item.span);
        if (byAnalyst.size >= 2) out.push(byAnalyst);
      }
    }
  }
  return out;
}

/** Agreement per label, labels in alphabetical order; empty when no item was rated by two analysts. */
export function agreementByLabel(docs: readonly CuratedDocument[], chosen?: ItemChoice): LabelAgreement[] {
  const rated = ratings(docs, chosen);
  const analysts = [...new Set(rated.flatMap((m) => [...m.keys()]))].sort();
  const labels = [...new Set(rated.flatMap((m) => [...m.values()].flatMap((s) => [...s])))].sort((a, b) => a.localeCompare(b, 'da'));
  return labels.map((label) => {
    if (analysts.length === 2) {
      const [x, y] = analysts as [string, string];
      const both = rated.filter((m) => m.has(x) && m.has(y));
      const a = both.map((m) => m.get(x)!.has(label));
      const b = both.map((m) => m.get(y)!.has(label));
      return { label, method: 'cohen' as const, kappa: cohenKappa(a, b), observed: both.length ? a.filter((v, i) => v === b[i]).length / both.length : null, items: both.length, raters: 2 };
    }
    const counts = rated.map((m) => {
      const yes = [...m.values()].filter((s) => s.has(label)).length;
      return [yes, m.size - yes];
    });
    return { label, method: 'fleiss' as const, kappa: fleissKappa(counts), observed: observedPairs(counts), items: counts.length, raters: analysts.length };
  });
}

function observedPairs(counts: readonly number[][]): number | null {
  if (counts.length === 0) return null;
  let sum = 0;
  for (const r of counts) {
    const n = r.reduce((s, x) => s + x, 0);
    sum += (r.reduce((s, x) => s + x * x, 0) - n) / (n * (n - 1));
  }
  return sum / counts.length;
}

/** One label on one item that the analysts who rated the item did not agree on. */
export interface Dispute {
  documentId: string;
  itemId: string;
  itemNumber: string;
  title: string;
  label: string;
  /** Analysts who gave the item the label, and those who rated the item without it. */
  yes: string[];
  no: string[];
  /** The curator's last word on this label of this item, if any. */
  adjudication: Adjudication | null;
}

/**
 * Every (item, label) the analysts disagree on — some gave the label, others
 * rated the item without it — in document and item order, labels alphabetical;
 * with the adjudication that settled it, if one did.
 */
export function disputes(docs: readonly CuratedDocument[], chosen: ItemChoice = () => true): Dispute[] {
  const out: Dispute[] = [];
  for (const doc of docs) {
    for (const section of doc.meeting.sections) {
      for (const item of section.items) {
        if (!chosen(doc.documentId, item.id)) continue;
        const byAnalyst = labelsByAnalyst(doc, item.span);
        if (byAnalyst.size < 2) continue;
        const analysts = [...byAnalyst.keys()].sort();
        const labels = [...new Set([...byAnalyst.values()].flatMap((s) => [...s]))].sort((a, b) => a.localeCompare(b, 'da'));
        for (const label of labels) {
          const yes = analysts.filter((x) => byAnalyst.get(x)!.has(label));
          if (yes.length === analysts.length) continue;
          const settled = doc.adjudications.filter((a) => a.itemNumber === item.number && a.label === label).sort((a, b) => a.at.localeCompare(b.at)).at(-1) ?? null;
          out.push({ documentId: doc.documentId, itemId: item.id, itemNumber: item.number, title: item.title, label, yes, no: analysts.filter((x) => !yes.includes(x)), adjudication: settled });
        }
      }
    }
  }
  return out;
}
