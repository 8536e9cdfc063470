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

/** What a repair is, apart from where it is: the word found, its reading, and why it was taken. */
export type RepairWord = Omit<TextRepairEdit, 'start' | 'end'>;

/** How a list of repairs was made from the one before an edit: its first `before` as they were, `own` new ones, then the old ones from `resume` on, moved. */
export interface RepairSplice {
  before: number;
  own: number;
  resume: number;
}

/**
 * A text's repairs in text order: where each one is (`start[i]`, `end[i]`, offsets
 * into the text) held apart from what it is (`words[i]`), so that an edit moves the
 * thousands of repairs after it by adding to two arrays of numbers, not by making
 * them again.
 */
export class Repairs {
  private constructor(
    readonly start: Int32Array,
    readonly end: Int32Array,
    readonly words: readonly RepairWord[],
  ) {}

  static readonly none = new Repairs(new Int32Array(0), new Int32Array(0), []);

  /** The repairs of a repairer's edits (sorted, as it gives them). */
  static of(edits: readonly TextRepairEdit[]): Repairs {
    if (edits.length === 0) return Repairs.none;
    const start = new Int32Array(edits.length);
    const end = new Int32Array(edits.length);
    for (let i = 0; i < edits.length; i++) {
      start[i] = edits[i]!.start;
      end[i] = edits[i]!.end;
    }
    return new Repairs(start, end, edits);
  }

  get length(): number {
    return this.words.length;
  }

  /**
   * The repairs after the text's `[from, to)` was replaced by a stretch whose own
   * repairs are `own` (offsets into the stretch) and the text after it moved by
   * `shift`: those ending by `from` as they were, `own`, and those from `to` on, moved.
   */
  spliced(from: number, to: number, shift: number, own: readonly TextRepairEdit[]): { repairs: Repairs; splice: RepairSplice } {
    let before = 0;
    while (before < this.length && this.end[before]! <= from) before++;
    let resume = before;
    while (resume < this.length && this.start[resume]! < to) resume++;
    const n = before + own.length + this.length - resume;
    const start = new Int32Array(n);
    const end = new Int32Array(n);
    const words = new Array<RepairWord>(n);
    start.set(this.start.subarray(0, before));
    end.set(this.end.subarray(0, before));
    for (let i = 0; i < before; i++) words[i] = this.words[i]!;
    let k = before;
    for (const e of own) {
      start[k] = e.start + from;
      end[k] = e.end + from;
      words[k++] = e;
    }
    for (let i = resume; i < this.length; i++, k++) {
      start[k] = this.start[i]! + shift;
      end[k] = this.end[i]! + shift;
      words[k] = this.words[i]!;
    }
    return { repairs: new Repairs(start, end, words), splice: { before, own: own.length, resume } };
  }
}

/**
 * The text as reported: the normalized text, or its OCR-repaired form, sliced by
 * normalized offsets. A slice is read from the text and the repairs inside it, so
 * the whole repaired text is made only when it is read as a whole (an incremental
 * re-parse, which moves the repairs on every keystroke, seldom does).
 */
export class TextView {
  readonly repairs: Repairs;
  private whole: string | null;

  /** `known`: the repairs of `text` where they are known already (an incremental re-parse splices them); then `repairer` is not asked. */
  constructor(
    readonly text: string,
    repairer: TextRepairer | null,
    scope: RepairScope = 'document',
    known?: Repairs,
  ) {
    this.repairs = known ?? (repairer ? Repairs.of(repairer.repairText(text, scope).edits) : Repairs.none);
    this.whole = this.repairs.length === 0 ? text : null;
  }

  /** The whole repaired text (the normalized text where nothing was repaired). */
  get repaired(): string {
    this.whole ??= applyEach(this.text, (edit) => {
      const { start, end, words } = this.repairs;
      for (let i = 0; i < words.length; i++) edit(start[i]!, end[i]!, words[i]!.to);
    });
    return this.whole;
  }

  /**
   * The repaired text of `[from, to)`: a repair starting inside the range is in it
   * whole; one that `to` falls inside of is not (so slices of adjacent ranges join
   * up to the whole repaired text).
   */
  slice(from: number, to: number): string {
    const { text } = this;
    const { start, end, words } = this.repairs;
    if (words.length === 0) return text.slice(from, to);
    // The first repair that ends after `from`.
    let lo = 0;
    let hi = words.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (end[mid]! <= from) lo = mid + 1;
      else hi = mid;
    }
    let out = '';
    let pos = from;
    for (let i = lo; i < words.length; i++) {
      const s = start[i]!;
      const e = end[i]!;
      if (s > to || (s === to && e > to)) break;
      if (e > to) {
        // `to` inside this repair: the slice stops where the repair starts.
        if (s > pos) out += text.slice(pos, s);
        pos = to;
        break;
      }
      if (s > pos) out += text.slice(pos, s);
      out += words[i]!.to;
      pos = Math.max(pos, e);
    }
    if (pos < to) out += text.slice(pos, to);
    return out;
  }
}
