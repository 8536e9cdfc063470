import { DECISION_LABELS } from '../minutes/decision.ts';

/** The label taxonomy annotations draw from; configurable (stored in the library settings). */
export interface Taxonomy {
  groups: { name: string; labels: string[] }[];
}

export const DEFAULT_TAXONOMY: Taxonomy = {
  groups: [
    { name: 'topic', labels: ['social', 'sundhed', 'beskæftigelse', 'erhverv', 'klima', 'trafik', 'uddannelse', 'økonomi'] },
    // The decision types of core/minutes/decision.ts, which the viewer's chips and the datasets use too.
    { name: 'decision', labels: [...DECISION_LABELS] },
  ],
};

/** Reads a taxonomy from JSON; null (and the default kept) when it does not have the shape. */
export function parseTaxonomy(json: string): Taxonomy | null {
  try {
    const t = JSON.parse(json) as Taxonomy;
    if (!Array.isArray(t.groups) || !t.groups.every((g) => typeof g.name === 'string' && Array.isArray(g.labels) && g.labels.every((l) => typeof l === 'string'))) return null;
    return t;
  } catch {
    return null;
  }
}
