/**
 * The decision type of an item: what the committee did with it. An analyst's
 * label wins (an adjudicated one first); otherwise rules read the first
 * paragraph of the Beslutning text, where the minutes state the outcome.
 */

export type DecisionType = 'godkendt' | 'taget til efterretning' | 'drøftet' | 'udsat' | 'andet';
export const DECISION_TYPES: readonly DecisionType[] = ['godkendt', 'taget til efterretning', 'drøftet', 'udsat', 'andet'];
/** The labels an analyst sets to state a decision type (the taxonomy's "decision" group). */
export const DECISION_LABELS: readonly DecisionType[] = ['godkendt', 'taget til efterretning', 'drøftet', 'udsat'];

// Strongest outcome first: "drøftede og godkendte" was approved, "drøftede sagen og
// tog den til efterretning" was noted.
const RULES: readonly [DecisionType, RegExp][] = [
  ['udsat', /\budsat(?:te|tes)?\b|\budsætte[rs]?\b/i],
  ['godkendt', /\bgodkend(?:t|te|tes|e|er)\b|\btiltrådt(?:e)?\b|\bvedt(?:aget|og)\b/i],
  ['taget til efterretning', /\btil\s+efterretning\b/i],
  ['drøftet', /\bdrøft(?:et|ede|es|er|else|elsen)\b/i],
];

/** The decision type the Beslutning text states; null when there is no decision text. */
export function decisionTypeOf(beslutning: string | null | undefined): DecisionType | null {
  if (beslutning == null) return null;
  const first = beslutning.split(/\n\s*\n/, 1)[0] ?? '';
  for (const [type, re] of RULES) if (re.test(first)) return type;
  return 'andet';
}

export function isDecisionLabel(label: string): label is DecisionType {
  return (DECISION_LABELS as readonly string[]).includes(label);
}
