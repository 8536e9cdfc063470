/**
 * A short label for what was decided on an item, read from its Beslutning: the
 * chip in the viewer's outline (the rules live in core, shared with the datasets).
 */
export { decisionChip, type DecisionChip } from '../../core/minutes/decision.ts';
