/**
 * What the committee did with an item, read from its Beslutning: one vocabulary
 * for the viewer's chips, the editor's decision labels and the datasets'
 * `decisionType`. One ordered set of rules, strongest outcome first:
 * "drøftede og godkendte" was approved, "drøftede sagen og tog den til
 * efterretning" was noted. The first paragraph states the outcome.
 */
import type { Item } from './model.ts';

/**
 * Every decision type, in the order the dataset schema lists them (the first five
 * are schema version 1's first enum; later ones are appended, never reordered).
 * 'andet' is a Beslutning that states none of the others.
 */
export const DECISION_TYPES = ['godkendt', 'taget til efterretning', 'drøftet', 'udsat', 'besluttet', 'orienteret', 'andet'] as const;
export type DecisionType = (typeof DECISION_TYPES)[number];

/** The decision types an analyst sets as labels (the taxonomy's "decision" group): all but 'andet'. */
export const DECISION_LABELS: readonly DecisionType[] = DECISION_TYPES.filter((d) => d !== 'andet');

export function isDecisionLabel(label: string): label is DecisionType {
  return (DECISION_LABELS as readonly string[]).includes(label);
}

const RULES: readonly [DecisionType, RegExp][] = [
  ['udsat', /\budsat(?:te|tes)?\b|\budsætte[rs]?\b/i],
  ['godkendt', /\bgodkend(?:t|te|tes|e|er)\b|\btiltrådt(?:e)?\b|\bvedt(?:aget|og)\b/i],
  ['besluttet', /\bbesluttede\b|\bbesluttet\b/i],
  ['taget til efterretning', /\btil\s+efterretning\b/i],
  ['drøftet', /\bdrøft(?:et|ede|es|er|else|elsen)\b/i],
  ['orienteret', /\borienter(?:ede|et|er)\b|\bredegjorde\b|\bfortalte\b|\boplæg\b|\bstatus\b/i],
];

/** The decision type a Beslutning text states; 'andet' when it states none (or is blank). Null without a text. */
export function decisionTypeOf(beslutning: string | null | undefined): DecisionType | null {
  if (beslutning == null) return null;
  const first = beslutning.trim().split(/\n\s*\n/, 1)[0]!;
  for (const [type, re] of RULES) if (re.test(first)) return type;
  return 'andet';
}

/** An item's decision type by the rules, from its Beslutning field; null when it has none. */
export function itemDecision(item: Pick<Item, 'fields'>): DecisionType | null {
  return decisionTypeOf(item.fields.beslutning?.text);
}
