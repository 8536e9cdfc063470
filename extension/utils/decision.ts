/**
 * A short label for what was decided on an item, read from the first sentence
 * of its Beslutning: the chip in the viewer's outline.
 */

export type DecisionChip = 'udsat' | 'godkendt' | 'besluttet' | 'taget til efterretning' | 'drøftet' | 'orienteret' | 'behandlet';

// Strongest outcome first: "drøftede og godkendte" is an approval.
const RULES: readonly [DecisionChip, RegExp][] = [
  ['udsat', /\budsat|\budsætte/i],
  ['godkendt', /\bgodkend/i],
  ['besluttet', /\bbesluttede|\bbesluttet|\bvedtog|\bvedtaget/i],
  ['taget til efterretning', /\btil efterretning/i],
  ['drøftet', /\bdrøftede|\bdrøftet|\bdrøftelse/i],
  ['orienteret', /\borienter|\bredegjorde|\bfortalte|\boplæg|\bstatus/i],
];

/** The chip for a decision text; null when there is no decision text. */
export function decisionChip(text: string | null | undefined): DecisionChip | null {
  const t = text?.trim();
  if (!t) return null;
  const first = t.split(/(?<=[.:!?])\s/)[0] ?? t;
  for (const [chip, re] of RULES) if (re.test(first)) return chip;
  for (const [chip, re] of RULES) if (re.test(t)) return chip;
  return 'behandlet';
}
