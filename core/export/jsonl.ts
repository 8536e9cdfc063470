/**
 * JSON Lines: `items.jsonl` holds one item row a line (the dataset);
 * `documents.jsonl` holds one curated document a line (the lossless archive:
 * text, overrides, annotations, review, adjudications), which `importJsonl`
 * reads back. Writing what `importJsonl` read gives the same bytes.
 */
import { REVIEW_STATUSES, type CuratedDocument, type ReviewStatus } from './model.ts';
import type { ItemRow } from './rows.ts';

export function rowsToJsonl(rows: readonly ItemRow[]): string {
  let out = '';
  for (const row of rows) out += JSON.stringify(row) + '\n';
  return out;
}

export function documentsToJsonl(docs: readonly CuratedDocument[]): string {
  let out = '';
  for (const doc of docs) out += JSON.stringify(doc) + '\n';
  return out;
}

export type ImportResult = { ok: true; documents: CuratedDocument[] } | { ok: false; line: number; reason: string };

/**
 * Reads `documents.jsonl` back into curated documents. A line that is not a
 * curated document is an error naming the line (1-based); blank lines are skipped.
 */
export function importJsonl(text: string): ImportResult {
  const documents: CuratedDocument[] = [];
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line) continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      return { ok: false, line: i + 1, reason: `not JSON (${error instanceof Error ? error.message : String(error)})` };
    }
    const problem = documentProblem(value);
    if (problem) return { ok: false, line: i + 1, reason: problem };
    documents.push(value as CuratedDocument);
  }
  if (documents.length === 0) return { ok: false, line: 0, reason: 'no documents (expected documents.jsonl from referat export)' };
  return { ok: true, documents };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** What keeps a value from being a curated document, or null. */
function documentProblem(v: unknown): string | null {
  if (!isObject(v)) return 'not a JSON object';
  if ('schemaVersion' in v && 'number' in v) return 'an item row, not a curated document (import documents.jsonl, not items.jsonl)';
  if (typeof v.documentId !== 'string' || !v.documentId) return 'no documentId';
  const m = v.meeting;
  if (!isObject(m)) return 'no meeting';
  if (m.schemaVersion !== 1) return `unsupported schemaVersion ${JSON.stringify(m.schemaVersion)} (this program reads 1)`;
  if (typeof m.text !== 'string') return 'meeting.text missing';
  if (!Array.isArray(m.sections)) return 'meeting.sections missing';
  if (!Array.isArray(v.annotations) || !Array.isArray(v.overrides) || !Array.isArray(v.adjudications)) return 'annotations, overrides or adjudications missing';
  if (!isObject(v.review) || !isObject(v.meta)) return 'review or meta missing';
  if (v.pageRuns !== undefined && !(Array.isArray(v.pageRuns) && v.pageRuns.every((r) => isObject(r) && typeof r.start === 'number' && typeof r.end === 'number' && typeof r.page === 'number'))) {
    return 'pageRuns is not a list of runs';
  }
  if (v.orphanedReview !== undefined && !(Array.isArray(v.orphanedReview) && v.orphanedReview.every((r) => isObject(r) && typeof r.number === 'string' && typeof r.quote === 'string' && REVIEW_STATUSES.includes(r.status as ReviewStatus)))) {
    return 'orphanedReview is not a list of review records';
  }
  if (v.done !== undefined && !(Array.isArray(v.done) && v.done.every((d) => isObject(d) && typeof d.itemNumber === 'string' && typeof d.by === 'string' && typeof d.at === 'string'))) {
    return 'done is not a list of done marks (itemNumber, by, at)';
  }
  for (const a of v.annotations as unknown[]) {
    if (!isObject(a) || typeof a.id !== 'string' || !Array.isArray(a.labels) || !Array.isArray(a.comments)) return 'an annotation without id, labels or comments';
    if (a.start !== null && (typeof a.start !== 'number' || typeof a.end !== 'number' || a.start < 0 || a.end < a.start || a.end > m.text.length)) {
      return `annotation ${a.id}: offsets ${String(a.start)}..${String(a.end)} outside 0..${m.text.length}`;
    }
  }
  return null;
}
