/**
 * Structure overrides: what a person says the parser got wrong, applied to the
 * parse without a parser hook. Each override becomes an edit of the parser's
 * input (a number put before a line, a marker that keeps a line from being read
 * as a heading, a sub-heading line, a line removed) or a correction of the
 * Meeting's front matter. Spans of the resulting Meeting are mapped back through
 * those edits, so they index the editor's text, not the parser's input.
 *
 * Coordinates: `pos` is a UTF-16 offset into the editor text (= `Meeting.text`);
 * the override applies to the line holding it.
 */
import { applyEdits, type Edit } from '../text/offset-map.ts';
import { parseMinutesDetailed, type ParseOptions } from '../minutes/parse.ts';
import { forEverySpan } from '../minutes/spans.ts';
import type { FieldName, Meeting, Span } from '../minutes/model.ts';

export type OverrideKind =
  | 'item-start'
  | 'section-heading'
  | 'not-heading'
  | 'split-item'
  | 'merge-previous'
  | 'field-start'
  | 'ignore-line'
  | 'meeting-date'
  | 'meeting-body';

export const OVERRIDE_KINDS: readonly OverrideKind[] = [
  'item-start',
  'section-heading',
  'not-heading',
  'split-item',
  'merge-previous',
  'field-start',
  'ignore-line',
  'meeting-date',
  'meeting-body',
];

/** An override placed at an editor offset (the line holding `pos`). */
export interface PlacedOverride {
  id: string;
  kind: OverrideKind;
  /** Editor offset; the override applies to the line holding it. */
  pos: number;
  /** `item-start`/`split-item`: "3.2"; `section-heading`: "3". */
  number?: string;
  /** `field-start`. */
  field?: FieldName;
  /** `meeting-date` (ISO date) and `meeting-body`. */
  value?: string;
}

/**
 * Prefixed to a line to keep the line classifier from reading it as a heading,
 * a number or a sub-heading: U+2063 INVISIBLE SEPARATOR, which normalization keeps
 * and which no structural line starts with. It never reaches the Meeting's texts.
 */
export const NOT_HEADING_MARK = '\u2063';

const FIELD_LABEL: Record<FieldName, string> = {
  baggrund: 'Baggrund',
  indstilling: 'Indstilling',
  sagsfremstilling: 'Sagsfremstilling',
  beslutning: 'Beslutning',
};

const LEADING_NUMBER = /^\s*\d{1,2}\.(?:\d{1,2}\.?)?\s*/;
const ITEM_NUMBER = /^\d{1,2}\.\d{1,2}$/;
const SECTION_NUMBER = /^\d{1,2}$/;

/** The line `[start, end)` (end before the newline) holding `pos`. */
export function lineAt(text: string, pos: number): { start: number; end: number } {
  const p = Math.max(0, Math.min(pos, text.length));
  const start = text.lastIndexOf('\n', p - 1) + 1;
  const nl = text.indexOf('\n', p);
  return { start, end: nl < 0 ? text.length : nl };
}

/** What is wrong with an override's arguments: a code, and the value given (for saying it in the user's language). */
export interface OverrideProblem {
  code: 'item-number' | 'section-number' | 'field' | 'date' | 'body';
  value: string;
}

/** Checks an override's arguments; what is wrong with them, or null. */
export function overrideProblem(o: Omit<PlacedOverride, 'id' | 'pos'>): OverrideProblem | null {
  if ((o.kind === 'item-start' || o.kind === 'split-item') && !ITEM_NUMBER.test(o.number ?? '')) return { code: 'item-number', value: o.number ?? '' };
  if (o.kind === 'section-heading' && !SECTION_NUMBER.test(o.number ?? '')) return { code: 'section-number', value: o.number ?? '' };
  if (o.kind === 'field-start' && !o.field) return { code: 'field', value: '' };
  if (o.kind === 'meeting-date' && !/^\d{4}-\d{2}-\d{2}$/.test(o.value ?? '')) return { code: 'date', value: o.value ?? '' };
  if (o.kind === 'meeting-body' && !(o.value ?? '').trim()) return { code: 'body', value: o.value ?? '' };
  return null;
}

/** Checks an override's arguments; a message (in English) when they are wrong, else null. */
export function validateOverride(o: Omit<PlacedOverride, 'id' | 'pos'>): string | null {
  const problem = overrideProblem(o);
  if (!problem) return null;
  const v = problem.value;
  switch (problem.code) {
    case 'item-number':
      return `An item number looks like 3.2, not "${v}"`;
    case 'section-number':
      return `A section number looks like 3, not "${v}"`;
    case 'field':
      return 'Which field starts here?';
    case 'date':
      return `A date looks like 2020-06-19, not "${v}"`;
    case 'body':
      return 'The body needs a name, e.g. KKR Nordjylland';
  }
}

/** The parser input with the overrides applied, and the way back to editor offsets. */
export interface OverriddenInput {
  input: string;
  /** Maps an offset into `input` back to the editor text. */
  toText(offset: number): number;
}

/**
 * Turns line overrides into edits of the parser input. Of several overrides on
 * one line the last wins. "Not a heading" and "merge with previous item" also
 * mark a case line right under the heading: the parser would otherwise infer an
 * item from the case line alone.
 */
export function applyOverrides(text: string, overrides: readonly PlacedOverride[]): OverriddenInput {
  const winners = new Map<number, PlacedOverride>();
  for (const o of overrides) {
    if (o.kind === 'meeting-date' || o.kind === 'meeting-body') continue;
    winners.set(lineAt(text, o.pos).start, o);
  }
  const byLine = new Map<number, Edit>();
  for (const [start, o] of winners) {
    const line = lineAt(text, start);
    const content = text.slice(line.start, line.end);
    const lead = LEADING_NUMBER.exec(content)?.[0].length ?? 0;
    switch (o.kind) {
      case 'item-start':
      case 'split-item':
      case 'section-heading':
        byLine.set(line.start, { from: line.start, to: line.start + lead, insert: `${o.number}. ` });
        break;
      case 'not-heading':
      case 'merge-previous': {
        byLine.set(line.start, { from: line.start, to: line.start, insert: NOT_HEADING_MARK });
        const caseLine = caseLineAfter(text, line.end);
        if (caseLine !== null && !winners.has(caseLine) && !byLine.has(caseLine)) byLine.set(caseLine, { from: caseLine, to: caseLine, insert: NOT_HEADING_MARK });
        break;
      }
      case 'field-start':
        byLine.set(line.start, { from: line.start, to: line.start, insert: `${FIELD_LABEL[o.field ?? 'beslutning']}\n` });
        break;
      case 'ignore-line':
        byLine.set(line.start, { from: line.start, to: line.end, insert: '' });
        break;
    }
  }
  const edits = [...byLine.values()].sort((a, b) => a.from - b.from);
  const { text: input, map } = applyEdits(text, edits);
  return { input, toText: (offset) => map.toSource(offset) };
}

const CASE_LINE = /^\s*SAG-\d/i;

/** Start of the case line following a heading line that ends at `end` (blank lines between allowed), or null. */
function caseLineAfter(text: string, end: number): number | null {
  let p = end + 1;
  for (let guard = 0; guard < 3 && p < text.length; guard++) {
    const line = lineAt(text, p);
    const content = text.slice(line.start, line.end);
    if (content.trim()) return CASE_LINE.test(content) ? line.start : null;
    p = line.end + 1;
  }
  return null;
}

/**
 * Parses the editor text with the overrides applied. Every span of the result
 * indexes `text`; `meeting.text` is `text`.
 */
export function parseWithOverrides(text: string, overrides: readonly PlacedOverride[], options: ParseOptions = {}): Meeting {
  const { input, toText } = applyOverrides(text, overrides);
  const { meeting, normalized } = parseMinutesDetailed(input, { ...options, includeText: false });
  // The editor text is normalized already; map through normalization anyway so a
  // pasted tab or CRLF cannot shift spans.
  const same = normalized.text === input;
  const back = same ? toText : (o: number) => toText(normalized.map.toSource(o));
  const seen = new Set<Span>();
  forEverySpan(meeting, (s) => {
    if (seen.has(s)) return;
    seen.add(s);
    s.start = back(s.start);
    s.end = Math.max(s.start, back(s.end));
  });
  stripMarks(meeting);
  for (const o of overrides) {
    if (o.kind === 'meeting-date' && o.value) meeting.date = o.value;
    if (o.kind === 'meeting-body' && o.value) meeting.body = o.value;
  }
  meeting.text = text;
  return meeting;
}

function stripMarks(meeting: Meeting): void {
  const strip = (s: string) => (s.includes(NOT_HEADING_MARK) ? s.split(NOT_HEADING_MARK).join('') : s);
  for (const section of meeting.sections) {
    section.title = strip(section.title);
    for (const item of section.items) {
      item.title = strip(item.title);
      for (const field of Object.values(item.fields)) if (field) field.text = strip(field.text);
    }
  }
}
