/**
 * What the committee did with an item, read from its Beslutning: a chip for
 * readers (the viewer's outline) and one of the taxonomy's decision types for
 * datasets. One ordered set of rules serves both, strongest outcome first:
 * "drøftede og godkendte" was approved, "drøftede sagen og tog den til
 * efterretning" was noted. The first paragraph states the outcome.
 */

export type DecisionType = 'godkendt' | 'taget til efterretning' | 'drøftet' | 'udsat' | 'andet';
export type DecisionChip = 'udsat' | 'godkendt' | 'besluttet' | 'taget til efterretning' | 'drøftet' | 'orienteret' | 'behandlet';

const RULES: readonly [DecisionChip, RegExp][] = [
  ['udsat', /\budsat(?:te|tes)?\b|\budsætte[rs]?\b/i],
  ['godkendt', /\bgodkend(?:t|te|tes|e|er)\b|\btiltrådt(?:e)?\b|\bvedt(?:aget|og)\b/i],
  ['besluttet', /\bbesluttede\b|\bbesluttet\b/i],
  ['taget til efterretning', /\btil\s+efterretning\b/i],
  ['drøftet', /\bdrøft(?:et|ede|es|er|else|elsen)\b/i],
  ['orienteret', /\borienter(?:ede|et|er)\b|\bredegjorde\b|\bfortalte\b|\boplæg\b|\bstatus\b/i],
];

/** The chip for a decision text; null when there is none. */
export function decisionChip(beslutning: string | null | undefined): DecisionChip | null {
  const text = beslutning?.trim();
  if (!text) return null;
  const first = text.split(/\n\s*\n/, 1)[0]!;
  for (const [chip, re] of RULES) if (re.test(first)) return chip;
  return 'behandlet';
}

/** The decision type the Beslutning text states; 'andet' when it states none of the four. Null without a text. */
export function decisionTypeOf(beslutning: string | null | undefined): DecisionType | null {
  if (beslutning == null) return null;
  const chip = decisionChip(beslutning);
  return chip === 'godkendt' || chip === 'taget til efterretning' || chip === 'drøftet' || chip === 'udsat' ? chip : 'andet';
}
