/**
 * Running headers and footers in a text layer: `KKR Nordjylland | 04-09-2020`,
 * `SIDE | 7`. They repeat on every page and can land anywhere, even mid-sentence.
 * A line is running when it has the shape of one (a `|` rule with a date or page
 * number, `Side n af m`) or when its digit-masked form repeats on many pages.
 */

export interface RunningLine {
  /** The line as it stood, trimmed. */
  text: string;
  /** Offset of the line's first character. */
  start: number;
  /** Offset just past the line's newline (or the end of text). */
  end: number;
}

const PAGE_NUMBER = /^(?:side|page|s\.)\s*\|?\s*\d{1,4}(?:\s*(?:af|of|\/)\s*\d{1,4})?$/i;
const BODY_DATE = /^[^|\n]{2,60}\|\s*(?:\d{1,2}[-./]\d{1,2}[-./]\d{2,4}|\d{1,2}\.\s*\p{Ll}+\s+\d{4})$/u;
const DATE_BODY = /^\d{1,2}[-./]\d{1,2}[-./]\d{2,4}\s*\|\s*[^|\n]{2,60}$/;

/** A line that may be running: it has a rule (`|`) or starts with a page word. */
export interface RunningCandidate {
  text: string;
  start: number;
  end: number;
  rule: boolean;
}

/** Finds running lines in a text whose lines are already trimmed. */
export function findRunningLines(text: string): RunningLine[] {
  return pickRunningLines(runningCandidates(text));
}

/** Whether a line of `length` units starting with `first` (a char code), with or without a rule, may be running. */
export function mayBeRunning(length: number, first: number, rule: boolean): boolean {
  if (length === 0 || length > 80) return false;
  const lower = first | 0x20;
  return rule || lower === 0x73 /* s */ || lower === 0x70 /* p */;
}

function runningCandidates(text: string): RunningCandidate[] {
  // Every running line has a rule or starts with a page word; most lines are neither,
  // so only those lines are cut out of the text (found with indexOf, line by line).
  const candidates: RunningCandidate[] = [];
  let bar = text.indexOf('|');
  let pos = 0;
  while (pos <= text.length) {
    const nl = text.indexOf('\n', pos);
    const stop = nl < 0 ? text.length : nl;
    const length = stop - pos;
    if (length > 0 && length <= 80) {
      if (bar !== -1 && bar < pos) bar = text.indexOf('|', pos);
      const rule = bar !== -1 && bar < stop;
      if (mayBeRunning(length, text.charCodeAt(pos), rule)) {
        candidates.push({ text: text.slice(pos, stop), start: pos, end: nl < 0 ? stop : stop + 1, rule });
      }
    }
    if (nl < 0) break;
    pos = nl + 1;
  }
  return candidates;
}

/** The running lines among the candidate lines of one text. */
export function pickRunningLines(candidates: readonly RunningCandidate[]): RunningLine[] {
  const counts = new Map<string, number>();
  for (const l of candidates) {
    if (!l.rule) continue;
    const key = mask(l.text);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const out: RunningLine[] = [];
  for (const l of candidates) {
    const t = l.text;
    if (!l.rule && !/^(?:side|page|s\.)/i.test(t)) continue;
    const shaped = PAGE_NUMBER.test(t) || BODY_DATE.test(t) || DATE_BODY.test(t);
    const repeated = l.rule && (counts.get(mask(t)) ?? 0) >= 3;
    if (shaped || repeated) out.push({ text: t, start: l.start, end: l.end });
  }
  return out;
}

function mask(line: string): string {
  return line.replace(/\d+/g, '#').replace(/\s+/g, ' ').toLowerCase();
}
