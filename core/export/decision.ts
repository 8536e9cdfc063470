/**
 * The decision type of an item: what the committee did with it. An analyst's
 * label wins (an adjudicated one first); otherwise rules read the first
 * paragraph of the Beslutning text, where the minutes state the outcome.
 */

import type { DecisionType } from '../minutes/decision.ts';

export { decisionTypeOf, type DecisionType } from '../minutes/decision.ts';
export const DECISION_TYPES: readonly DecisionType[] = ['godkendt', 'taget til efterretning', 'drøftet', 'udsat', 'andet'];
/** The labels an analyst sets to state a decision type (the taxonomy's "decision" group). */
export const DECISION_LABELS: readonly DecisionType[] = ['godkendt', 'taget til efterretning', 'drøftet', 'udsat'];

export function isDecisionLabel(label: string): label is DecisionType {
  return (DECISION_LABELS as readonly string[]).includes(label);
}
