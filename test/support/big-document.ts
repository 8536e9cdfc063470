/**
 * A long but plausible minutes document for benchmarks: one seed's sections
 * repeated with renumbered section and item numbers, so the numbering stays
 * consistent the way a real 60-page document's does.
 */
export function bigDocument(seed: string, targetLength: number): string {
  const sectionCount = Math.max(1, ...[...seed.matchAll(/^\s*(\d{1,2})\.\s+\p{Lu}/gmu)].map((m) => Number(m[1])));
  const parts: string[] = [];
  let length = 0;
  for (let copy = 0; length < targetLength; copy++) {
    const shift = copy * sectionCount;
    const part = copy === 0 ? seed : seed.replace(/^(\s*)(\d{1,2})\.(?=(\d{1,2}\.)?\s)/gm, (_, lead: string, n: string) => `${lead}${Number(n) + shift}.`);
    parts.push(part);
    length += part.length;
  }
  return parts.join('\n').slice(0, targetLength);
}
