/** A line of the normalized text with its offsets (end excludes the newline). */
export interface Line {
  index: number;
  start: number;
  end: number;
  text: string;
}

/** Splits `text` into lines, keeping offsets. An empty text has one empty line. */
export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (let index = 0; ; index++) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    lines.push({ index, start, end, text: text.slice(start, end) });
    if (nl < 0) return lines;
    start = nl + 1;
  }
}
