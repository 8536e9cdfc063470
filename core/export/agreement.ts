/**
 * Agreement between analysts who labelled the same items independently.
 *
 * An analyst has rated an item when they made an annotation in it, set a label
 * on one there, or marked the item done (a pass: read, no label needed). Each
 * label counts for the person who set it, not for whoever made the annotation.
 * For each label, an item an analyst rated either carries it from them or not.
 * Per label: with two analysts in the dataset, Cohen's κ over the items both
 * rated; with more, Fleiss' κ over the items at least two rated (the form for a
 * varying number of raters per item). Beside it, Krippendorff's α (nominal),
 * which takes every item two or more rated, whoever rated it, and Cohen's κ for
 * each pair of analysts. A figure resting on fewer than 30 items, or on a label
 * an analyst never varies (always gave it, or never did), is marked fragile.
 */
import type { Adjudication, CuratedDocument } from './model.ts';
import type { Span } from '../minutes/model.ts';
import { annotationsIn } from './rows.ts';

/** Fewer items than this and a figure is fragile. */
export const FRAGILE_BELOW_ITEMS = 30;

/** Why a figure should not be trusted: too few items, or an analyst who gave the label on every item or on none. */
export type Fragility = { code: 'few-items'; items: number } | { code: 'constant'; analyst: string; value: boolean };

export interface PairAgreement {
  a: string;
  b: string;
  /** Cohen's κ over the items both rated; null when undefined. */
  kappa: number | null;
  observed: number | null;
  items: number;
  fragile: Fragility[];
}

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
  /** Krippendorff's α (nominal) over every item two or more analysts rated; null when undefined. */
  alpha: number | null;
  /** How many items α rests on. */
  alphaItems: number;
  /** Cohen's κ for each pair of analysts who rated an item in common. */
  pairs: PairAgreement[];
  /** Why κ is fragile; empty when it is not. */
  fragile: Fragility[];
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

/**
 * Krippendorff's α for nominal data, missing values allowed: `units[u]` holds
 * the values the raters who rated unit u gave it (any number; a unit with fewer
 * than two is not pairable and left out). Null when there is no pairable unit
 * or every value is the same (expected disagreement 0).
 */
export function krippendorffAlpha<T>(units: readonly (readonly T[])[]): number | null {
  // The coincidence matrix, by value pair; n_c its margins.
  const coincidence = new Map<T, Map<T, number>>();
  let n = 0;
  for (const values of units) {
    const m = values.length;
    if (m < 2) continue;
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < m; j++) {
        if (i === j) continue;
        const row = coincidence.get(values[i]!) ?? coincidence.set(values[i]!, new Map()).get(values[i]!)!;
        row.set(values[j]!, (row.get(values[j]!) ?? 0) + 1 / (m - 1));
      }
    }
    n += m;
  }
  if (n === 0) return null;
  const margins = new Map<T, number>();
  let disagree = 0;
  for (const [c, row] of coincidence) {
    for (const [k, o] of row) {
      margins.set(c, (margins.get(c) ?? 0) + o);
      if (c !== k) disagree += o;
    }
  }
  let expected = 0;
  const values = [...margins.values()];
  const sum = values.reduce((s, x) => s + x, 0);
  for (const x of values) expected += x * (sum - x);
  if (expected === 0) return null;
  return 1 - ((n - 1) * disagree) / expected;
}

/** Which items count: all, or those a filter chose (by document id and item id). */
export type ItemChoice = (documentId: string, itemId: string) => boolean;

/** The items of these rows (a filter's result) as an ItemChoice. */
export function choiceOf(rows: readonly { documentId: string; id: string }[]): ItemChoice {
  const chosen = new Set(rows.map((r) => `${r.documentId}\u0000${r.id}`));
  return (documentId, itemId) => chosen.has(`${documentId}\u0000${itemId}`);
}

/**
 * Analyst → the labels they gave the item: whoever made an annotation there,
 * set a label on one, or marked the item done rated it; each label counts for
 * the person who set it.
 */
function labelsByAnalyst(doc: CuratedDocument, span: Span, itemNumber: string): Map<string, Set<string>> {
  const byAnalyst = new Map<string, Set<string>>();
  const of = (who: string) => byAnalyst.get(who) ?? byAnalyst.set(who, new Set<string>()).get(who)!;
  for (const a of annotationsIn(doc.annotations, span)) {
    of(a.author);
    for (const l of a.labels) of(l.author || a.author).add(l.label);
  }
  for (const d of doc.done ?? []) if (d.itemNumber === itemNumber) of(d.by);
  return byAnalyst;
}

/** Per item rated by two or more analysts: analyst → the labels they gave it. */
export function ratings(docs: readonly CuratedDocument[], chosen: ItemChoice = () => true): Map<string, Set<string>>[] {
  const out: Map<string, Set<string>>[] = [];
  for (const doc of docs) {
    for (const section of doc.meeting.sections) {
      for (const item of section.items) {
        if (!chosen(doc.documentId, item.id)) continue;
        const byAnalyst = labelsByAnalyst(doc, item.span, item.number);
        if (byAnalyst.size >= 2) out.push(byAnalyst);
      }
    }
  }
  return out;
}

/** Why a figure over these ratings (analyst → yes/no per item) is fragile. */
export function fragility(items: number, byAnalyst: ReadonlyMap<string, readonly boolean[]>): Fragility[] {
  const out: Fragility[] = [];
  if (items < FRAGILE_BELOW_ITEMS) out.push({ code: 'few-items', items });
  for (const [analyst, values] of [...byAnalyst].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (values.length > 0 && values.every((v) => v === values[0])) out.push({ code: 'constant', analyst, value: values[0]! });
  }
  return out;
}

/** Cohen's κ of two analysts for one label over the items both rated. */
function pairAgreement(rated: readonly Map<string, Set<string>>[], label: string, x: string, y: string): PairAgreement {
  const both = rated.filter((m) => m.has(x) && m.has(y));
  const a = both.map((m) => m.get(x)!.has(label));
  const b = both.map((m) => m.get(y)!.has(label));
  return {
    a: x,
    b: y,
    kappa: cohenKappa(a, b),
    observed: both.length ? a.filter((v, i) => v === b[i]).length / both.length : null,
    items: both.length,
    fragile: fragility(both.length, new Map([[x, a], [y, b]])),
  };
}

/** Agreement per label, labels in alphabetical order; empty when no item was rated by two analysts. */
export function agreementByLabel(docs: readonly CuratedDocument[], chosen?: ItemChoice): LabelAgreement[] {
  const rated = ratings(docs, chosen);
  const analysts = [...new Set(rated.flatMap((m) => [...m.keys()]))].sort();
  const labels = [...new Set(rated.flatMap((m) => [...m.values()].flatMap((s) => [...s])))].sort((a, b) => a.localeCompare(b, 'da'));
  return labels.map((label) => {
    const pairs: PairAgreement[] = [];
    for (let i = 0; i < analysts.length; i++) {
      for (let j = i + 1; j < analysts.length; j++) {
        const pair = pairAgreement(rated, label, analysts[i]!, analysts[j]!);
        if (pair.items > 0) pairs.push(pair);
      }
    }
    const alpha = krippendorffAlpha(rated.map((m) => [...m.values()].map((s) => s.has(label))));
    const common = { label, alpha, alphaItems: rated.length, pairs };
    if (analysts.length === 2) {
      const { kappa, observed, items, fragile } = pairs[0] ?? pairAgreement(rated, label, analysts[0]!, analysts[1]!);
      return { ...common, method: 'cohen' as const, kappa, observed, items, raters: 2, fragile };
    }
    const counts = rated.map((m) => {
      const yes = [...m.values()].filter((s) => s.has(label)).length;
      return [yes, m.size - yes];
    });
    const byAnalyst = new Map(analysts.map((x) => [x, rated.filter((m) => m.has(x)).map((m) => m.get(x)!.has(label))]));
    return { ...common, method: 'fleiss' as const, kappa: fleissKappa(counts), observed: observedPairs(counts), items: counts.length, raters: analysts.length, fragile: fragility(counts.length, byAnalyst) };
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
        const byAnalyst = labelsByAnalyst(doc, item.span, item.number);
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
