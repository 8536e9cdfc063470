/** The cases table: a case number links items across meetings. */
import type { ItemRow } from './rows.ts';

export interface CaseRow {
  caseNumber: string;
  /** Item ids, in date order (undated last). */
  items: string[];
  /** Meeting ids, once each, in date order. */
  meetings: string[];
  firstDate: string | null;
  lastDate: string | null;
}

export function casesTable(rows: readonly ItemRow[]): CaseRow[] {
  const byCase = new Map<string, ItemRow[]>();
  for (const r of rows) {
    if (!r.caseNumber) continue;
    const list = byCase.get(r.caseNumber);
    if (list) list.push(r);
    else byCase.set(r.caseNumber, [r]);
  }
  const order = (a: ItemRow, b: ItemRow) => (a.date ?? '\uffff').localeCompare(b.date ?? '\uffff') || a.id.localeCompare(b.id);
  return [...byCase.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([caseNumber, list]) => {
      const sorted = [...list].sort(order);
      const dates = sorted.map((r) => r.date).filter((d): d is string => d !== null);
      return {
        caseNumber,
        items: sorted.map((r) => r.id),
        meetings: [...new Set(sorted.map((r) => r.meetingId))],
        firstDate: dates[0] ?? null,
        lastDate: dates.at(-1) ?? null,
      };
    });
}
