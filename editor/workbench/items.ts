/** Pure helpers on the live parse's meeting and the editor text: no state, no DOM. */
import type { Item, Meeting } from '../../core/minutes/model.ts';
import type { StudioDoc } from '../../core/document/studio-doc.ts';

/** The edit joining the line holding `pos` with the next (dropping a hyphen that splits a word), or null on the last line. Pure. */
export function joinLinesSpec(text: string, pos: number): { changes: { from: number; to: number; insert: string }; selection: { anchor: number } } | null {
  const nl = text.indexOf('\n', pos);
  if (nl < 0) return null;
  let from = nl;
  while (from > 0 && text[from - 1] === ' ') from--;
  let to = nl + 1;
  while (to < text.length && text[to] === ' ') to++;
  const hyphenated = from > 1 && text[from - 1] === '-' && /\p{L}/u.test(text[from - 2]!) && /\p{Ll}/u.test(text[to] ?? '');
  if (hyphenated) from--;
  const insert = hyphenated ? '' : ' ';
  return { changes: { from, to, insert }, selection: { anchor: from + insert.length } };
}

/** The item numbered `number` (the current item, say), or null. */
export function itemNumbered(meeting: Meeting | null, number: string | null): Item | null {
  if (!meeting || number === null) return null;
  for (const s of meeting.sections) for (const i of s.items) if (i.number === number) return i;
  return null;
}

/** The item whose span holds `pos` (a text offset), or null. */
export function itemAt(meeting: Meeting, pos: number): Item | null {
  for (const s of meeting.sections) {
    if (pos < s.span.start || pos > s.span.end) continue;
    for (const i of s.items) if (pos >= i.span.start && pos < Math.max(i.span.end, i.span.start + 1)) return i;
  }
  return null;
}

/** The number an item starting at `pos` most likely has: the one after the item before it. */
export function guessItemNumber(meeting: Meeting, pos: number): string {
  let last: string | null = null;
  let section: string | null = null;
  for (const s of meeting.sections) {
    if (s.span.start <= pos) section = s.number;
    for (const i of s.items) if (i.titleSpan.start < pos) last = i.number;
  }
  if (last) {
    const [a, b] = last.split('.');
    if (section && section !== a) return `${section}.1`;
    return `${a}.${Number(b) + 1}`;
  }
  return section ? `${section}.1` : '1.1';
}

/** The number a section starting at `pos` most likely has. */
export function guessSectionNumber(meeting: Meeting, pos: number): string {
  const before = meeting.sections.filter((s) => s.span.start < pos);
  return String(before.length ? Number(before[before.length - 1]!.number) + 1 : 1);
}

/** The SHA-256 of the source a document was read from (kept in its meta), if known. */
export function sourceSha(doc: StudioDoc | null): string | undefined {
  const source = doc?.meta.get('source') as { sha256?: unknown } | undefined;
  return typeof source?.sha256 === 'string' && source.sha256 ? source.sha256 : undefined;
}
