/** Choosing what goes into a dataset: by review status, body, date range, labels and documents. */
import type { ItemRow } from './rows.ts';

export interface ExportFilter {
  /** Only items whose review status is "approved". */
  approvedOnly?: boolean;
  /** Only meetings of this body (compared without regard to case). */
  body?: string;
  /** Only meetings on or after this ISO date ("2020-01-01"). */
  from?: string;
  /** Only meetings on or before this ISO date. */
  to?: string;
  /** Only items carrying at least one of these labels (after adjudication). */
  labels?: readonly string[];
  /** Only these documents (a selection); all when absent. */
  documentIds?: readonly string[];
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A message for a person when a filter is malformed, else null. */
export function checkFilter(filter: ExportFilter): string | null {
  for (const key of ['from', 'to'] as const) {
    const v = filter[key];
    if (v !== undefined && (!ISO_DATE.test(v) || Number.isNaN(Date.parse(v)))) return `--${key} expects a date like 2020-09-04, not "${v}"`;
  }
  if (filter.from && filter.to && filter.from > filter.to) return `--from ${filter.from} is after --to ${filter.to}`;
  return null;
}

/**
 * Whether a row passes. A meeting without a date passes no date range: a
 * dataset bounded in time makes no claim about undated meetings.
 */
export function rowPasses(row: ItemRow, filter: ExportFilter): boolean {
  if (filter.approvedOnly && row.reviewStatus !== 'approved') return false;
  if (filter.body !== undefined && row.body.toLocaleLowerCase('da') !== filter.body.toLocaleLowerCase('da')) return false;
  if (filter.from !== undefined && (row.date === null || row.date < filter.from)) return false;
  if (filter.to !== undefined && (row.date === null || row.date > filter.to)) return false;
  if (filter.labels?.length && !filter.labels.some((l) => row.finalLabels.includes(l))) return false;
  if (filter.documentIds && !filter.documentIds.includes(row.documentId)) return false;
  return true;
}

export function filterRows(rows: readonly ItemRow[], filter: ExportFilter): ItemRow[] {
  return rows.filter((r) => rowPasses(r, filter));
}
