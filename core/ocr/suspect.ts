/**
 * The one decision whether a text looks OCR-damaged, before any lexicon is
 * loaded: Danish running text has æ, ø and å; a stretch of text with plenty of
 * letters and (almost) none of them is a text layer that lost them.
 *
 * The parser (core/minutes/parse.ts) asks it before it loads the repairer, and
 * then confirms with the repairer's damage score over the same sample; the
 * editor asks it before it fetches the lexicon, and the CLI's worker pool asks
 * it of a file's decoded middle to route the file. One function and one
 * threshold, so the CLI and the editor repair the same texts.
 *
 * Pure and cheap: it reads at most `OCR_SAMPLE_LENGTH` characters, on char codes.
 */

/** How much of the text is judged: this many UTF-16 units from its middle. */
export const OCR_SAMPLE_LENGTH = 12_000;
/** Fewer letters than this in the sample: too little to judge, never suspect. */
const MIN_LETTERS = 400;
/** æ, ø, å per letter at or below which the sample is suspect. */
export const OCR_SUSPECT_RATIO = 0.003;

/** The stretch judged: `OCR_SAMPLE_LENGTH` units from the middle of a text of `length` units (half-open). */
export function ocrSampleRange(length: number): { from: number; to: number } {
  const from = Math.max(0, (length >> 1) - OCR_SAMPLE_LENGTH / 2);
  return { from, to: Math.min(length, from + OCR_SAMPLE_LENGTH) };
}

/** The stretch of `text` that `looksOcrDamaged` judges (the whole text when it is short). */
export function ocrSample(text: string): string {
  const { from, to } = ocrSampleRange(text.length);
  return from === 0 && to === text.length ? text : text.slice(from, to);
}

/**
 * Whether `text` looks like an OCR-damaged Danish text layer: at least 400
 * letters in the middle `OCR_SAMPLE_LENGTH` characters, and at most
 * `OCR_SUSPECT_RATIO` of them æ, ø or å (either case; ö and é count as letters).
 */
export function looksOcrDamaged(text: string): boolean {
  const { from, to } = ocrSampleRange(text.length);
  let letters = 0;
  let danish = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i) | 0x20; // fold ASCII case (and Æ Ø Å Ö É onto æ ø å ö é)
    if (c >= 0x61 && c <= 0x7a) letters++;
    else if (c === 0xe6 || c === 0xf8 || c === 0xe5) {
      letters++;
      danish++;
    } else if (c === 0xf6 || c === 0xe9) letters++;
  }
  return letters >= MIN_LETTERS && danish / letters <= OCR_SUSPECT_RATIO;
}
