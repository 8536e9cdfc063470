/**
 * The text as the parser reports it: the normalized text, or for an OCR-damaged
 * text layer its repaired form, always sliced by normalized offsets so spans stay
 * true to `Meeting.text`.
 */
import { applyEach } from '../text/offset-map.ts';

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

/**
 * The text as reported: the normalized text, or its OCR-repaired form, sliced by
 * normalized offsets. A slice is read from the text and the repairs inside it, so
 * the whole repaired text is made only when it is read as a whole (an incremental
 * re-parse, which moves the repairs on every keystroke, seldom does).
 */
export class TextView {
  readonly edits: TextRepairEdit[];
  private whole: string | null;

  /** `known`: the repairs of `text` where they are known already (an incremental re-parse splices them); then `repairer` is not asked. */
  constructor(
    readonly text: string,
    repairer: TextRepairer | null,
    scope: RepairScope = 'document',
    known?: { edits: TextRepairEdit[] },
  ) {
    this.edits = known?.edits ?? repairer?.repairText(text, scope).edits ?? [];
    this.whole = this.edits.length === 0 ? text : null;
  }

  /** The whole repaired text (the normalized text where nothing was repaired). */
  get repaired(): string {
    this.whole ??= applyEach(this.text, (edit) => {
      for (const e of this.edits) edit(e.start, e.end, e.to);
    });
    return this.whole;
  }

  /**
   * The repaired text of `[start, end)`: a repair starting inside the range is in it
   * whole; one that `end` falls inside of is not (so slices of adjacent ranges join
   * up to the whole repaired text).
   */
  slice(start: number, end: number): string {
    const { edits, text } = this;
    if (edits.length === 0) return text.slice(start, end);
    // The first repair that ends after `start`.
    let lo = 0;
    let hi = edits.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (edits[mid]!.end <= start) lo = mid + 1;
      else hi = mid;
    }
    let out = '';
    let pos = start;
    for (let i = lo; i < edits.length; i++) {
      const e = edits[i]!;
      if (e.start > end || (e.start === end && e.end > end)) break;
      if (e.end > end) {
        // `end` inside this repair: the slice stops where the repair starts.
        if (e.start > pos) out += text.slice(pos, e.start);
        pos = end;
        break;
      }
      if (e.start > pos) out += text.slice(pos, e.start);
      out += e.to;
      pos = Math.max(pos, e.end);
    }
    if (pos < end) out += text.slice(pos, end);
    return out;
  }
}
