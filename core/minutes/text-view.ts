/**
 * The text as the parser reports it: the normalized text, or for an OCR-damaged
 * text layer its repaired form, always sliced by normalized offsets so spans stay
 * true to `Meeting.text`.
 */
import { applyEdits, OffsetMap } from '../text/offset-map.ts';

/** Repairs OCR-damaged words; edits are offsets into the text given. */
export interface TextRepairer {
  repairText(text: string): { text: string; edits: { start: number; end: number; from: string; to: string }[] };
  damageScore(text: string): number;
  /** Repairs a heading as printed (joined, de-hyphenated); may be bolder than running text. */
  repairTitle?(text: string): string;
}

/** The text as reported: the normalized text, or its OCR-repaired form, sliced by normalized offsets. */
export class TextView {
  readonly repaired: string;
  readonly edits: { start: number; end: number; from: string; to: string }[];
  private readonly map: OffsetMap | null;

  constructor(
    readonly text: string,
    repairer: TextRepairer | null,
  ) {
    if (!repairer) {
      this.repaired = text;
      this.edits = [];
      this.map = null;
      return;
    }
    const r = repairer.repairText(text);
    this.edits = r.edits;
    const applied = applyEdits(
      text,
      r.edits.map((e) => ({ from: e.start, to: e.end, insert: e.to })),
    );
    this.repaired = applied.text;
    this.map = applied.map;
  }

  slice(start: number, end: number): string {
    if (!this.map) return this.text.slice(start, end);
    return this.repaired.slice(this.map.toTarget(start), this.map.toTarget(end));
  }
}
