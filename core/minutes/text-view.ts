/**
 * The text as the parser reports it: the normalized text, or for an OCR-damaged
 * text layer its repaired form, always sliced by normalized offsets so spans stay
 * true to `Meeting.text`.
 */
import { applyEdits, type OffsetMapper } from '../text/offset-map.ts';

/**
 * What a text is repaired as (core/ocr/repair.ts): 'document', a text layer that
 * lost its æ, ø and å as a whole; 'words', any other, each word on its own evidence.
 */
export type RepairScope = 'document' | 'words';

/** One repaired word: offsets into the text given, and why it was taken for damaged (core/ocr/repair.ts). */
export interface TextRepairEdit {
  start: number;
  end: number;
  from: string;
  to: string;
  evidence?: 'document' | 'word' | 'line';
  reading?: string;
  cost?: number;
}

/** Repairs OCR-damaged words; edits are offsets into the text given. */
export interface TextRepairer {
  repairText(text: string, scope?: RepairScope): { text: string; edits: TextRepairEdit[] };
  damageScore(text: string): number;
  /** Repairs a heading as printed (joined, de-hyphenated); may be bolder than running text. */
  repairTitle?(text: string, scope?: RepairScope): string;
}

/** The text as reported: the normalized text, or its OCR-repaired form, sliced by normalized offsets. */
export class TextView {
  readonly repaired: string;
  readonly edits: TextRepairEdit[];
  private readonly map: OffsetMapper | null;

  /** `known`: the repair of `text` where it is known already (an incremental re-parse splices it); then `repairer` is not asked. */
  constructor(
    readonly text: string,
    repairer: TextRepairer | null,
    scope: RepairScope = 'document',
    known?: { edits: TextRepairEdit[]; repaired: string; map: OffsetMapper },
  ) {
    if (known && known.edits.length > 0) {
      this.edits = known.edits;
      this.repaired = known.repaired;
      this.map = known.map;
      return;
    }
    const r = known ? null : repairer ? repairer.repairText(text, scope) : null;
    if (!r || r.edits.length === 0) {
      this.repaired = text;
      this.edits = [];
      this.map = null;
      return;
    }
    this.edits = r.edits;
    const applied = applyEdits(
      text,
      this.edits.map((e) => ({ from: e.start, to: e.end, insert: e.to })),
    );
    this.repaired = applied.text;
    this.map = applied.map;
  }

  slice(start: number, end: number): string {
    if (!this.map) return this.text.slice(start, end);
    return this.repaired.slice(this.map.toTarget(start), this.map.toTarget(end));
  }
}
