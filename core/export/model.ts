/**
 * The input of every dataset export: a parsed Meeting (with its text) plus what
 * analysts added to it — annotations resolved to offsets, review states,
 * adjudications — and the document's own settings. Plain JSON data, so a
 * curated document can be written to JSONL and read back unchanged.
 *
 * Offsets are UTF-16 offsets into `meeting.text`, the one coordinate system.
 * Times are ISO 8601 strings in UTC.
 */
import type { FieldName, Meeting } from '../minutes/model.ts';
import type { PageRun } from '../pdf/text-layer.ts';

/** An item's review status, as analysts set it in the editor (core/document/review.ts) and exports record it. */
export type ReviewStatus = 'unreviewed' | 'corrected' | 'approved';
export const REVIEW_STATUSES: readonly ReviewStatus[] = ['unreviewed', 'corrected', 'approved'];

/** One label on one annotation, with who set it and when. */
export interface LabelAssignment {
  label: string;
  author: string;
  at: string;
}

export interface CuratedComment {
  id: string;
  author: string;
  text: string;
  at: string;
  /** The comment this one answers, or null for a top-level comment. */
  replyTo: string | null;
}

export interface CuratedAnnotation {
  id: string;
  /** Offsets into `meeting.text`; null when the annotated text is gone (orphaned). */
  start: number | null;
  end: number | null;
  orphaned: boolean;
  /** The text as annotated, with up to 32 characters of context either side. */
  quote: string;
  prefix: string;
  suffix: string;
  labels: LabelAssignment[];
  comments: CuratedComment[];
  author: string;
  createdAt: string;
}

export interface ReviewRecord {
  status: ReviewStatus;
  /** Who set the status and when, where the document records it. */
  by: string | null;
  at: string | null;
}

/** A review whose item heading is gone (orphaned): kept so that nothing is lost; no item has it. */
export interface OrphanedReviewRecord extends ReviewRecord {
  /** The item's number when its status was set. */
  number: string;
  /** The heading the review was anchored to ('' when not known). */
  quote: string;
}

/** A curator's final word on one label of one item, settling disagreement between analysts. */
export interface Adjudication {
  itemNumber: string;
  label: string;
  /** Whether the item carries the label in the dataset. */
  value: boolean;
  decidedBy: string;
  at: string;
  note: string | null;
}

/** An analyst's pass over an item: done with it, whatever labels they gave (none, say). It counts as a rating in agreement. */
export interface DoneMark {
  itemNumber: string;
  by: string;
  at: string;
}

/**
 * How a workspace's analysts labelled: `shared` (everyone sees everyone's labels
 * as they are made) or `independent` (each analyst sees only their own labels and
 * review until a curator opens adjudication).
 */
export interface Labelling {
  mode: 'shared' | 'independent';
  /** Independent mode: whether a curator has opened adjudication (analysts then see everyone's labels). */
  adjudicationOpen: boolean;
}

/** A structure override as the editor stores it (see core/document/overrides.ts). */
export interface CuratedOverride {
  id: string;
  kind: string;
  /** Editor offset of the line it applies to; null when the line is gone. */
  pos: number | null;
  quote: string;
  number?: string;
  field?: FieldName;
  value?: string;
  createdAt: string;
}

export interface CuratedDocument {
  /** The document's name in its workspace (`<workspace>/<documentId>` on the sync server). */
  documentId: string;
  /** The parse of the document's current text with its overrides; `text` is set. */
  meeting: Meeting & { text: string };
  overrides: CuratedOverride[];
  annotations: CuratedAnnotation[];
  /** Item number → review record; items not listed are unreviewed. */
  review: Record<string, ReviewRecord>;
  /** Review states whose item heading is gone; only present when there are some. */
  orphanedReview?: OrphanedReviewRecord[];
  adjudications: Adjudication[];
  /** Analysts done with an item (a rating, also without labels); only present when there are some. */
  done?: DoneMark[];
  /** The document's settings as stored (JSON values only), e.g. `source`. */
  meta: Record<string, unknown>;
  /** For a document read from a PDF: its text runs (offsets in `meeting.text`), from which every span's page boxes are made. */
  pageRuns?: PageRun[];
}

/** A curated document made from a parse alone: no annotations, nothing reviewed. */
export function curatedFromMeeting(documentId: string, meeting: Meeting & { text: string }): CuratedDocument {
  return { documentId, meeting, overrides: [], annotations: [], review: {}, adjudications: [], meta: { source: meeting.source } };
}

/** Milliseconds since the epoch → ISO 8601 (UTC); null for a missing or invalid time. */
export function isoTime(ms: unknown): string | null {
  return typeof ms === 'number' && Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}
