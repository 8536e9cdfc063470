/**
 * Output formats of `referat parse`. Each serializer turns a stream of
 * `Meeting`s into text chunks, so a batch is written as it is parsed.
 */
import type { Diagnostic, FieldName, Item, Meeting, Person } from '../minutes/model.ts';
import { FIELD_NAMES } from '../minutes/model.ts';
import { neutralizeFormula } from '../export/formula.ts';

export type Format = 'json' | 'jsonl' | 'csv' | 'md';
export const FORMATS: readonly Format[] = ['json', 'jsonl', 'csv', 'md'];

/**
 * Writes a batch as `begin`, then each meeting's chunk with `separator`
 * between two chunks, then `end(count)`. `meeting` keeps no state, so chunks
 * can be made in parallel (in worker threads) and joined in order.
 */
export interface Serializer {
  readonly begin: string;
  meeting(meeting: Meeting): string;
  /**
   * The same text as `meeting`, in pieces made as they are asked for: a large
   * document is written without its whole serialization in memory at once.
   */
  chunks(meeting: Meeting): Iterable<string>;
  readonly separator: string;
  end(count: number): string;
}

export interface SerializerOptions {
  /**
   * Whether the output holds a batch. Only `json` differs: one document is
   * written as a JSON object, a batch as a JSON array.
   */
  multiple: boolean;
}

export function createSerializer(format: Format, options: SerializerOptions): Serializer {
  switch (format) {
    case 'json':
      return options.multiple
        ? {
            begin: '[\n',
            // JSON strings escape their newlines, so indenting every line is safe.
            meeting: (m) => '  ' + JSON.stringify(m, null, 2).replace(/\n/g, '\n  '),
            chunks: (m) => withEnds('  ', jsonChunks(m, '  ', 1), ''),
            separator: ',\n',
            end: (count) => (count ? '\n]\n' : ']\n'),
          }
        : { begin: '', meeting: (m) => JSON.stringify(m, null, 2) + '\n', chunks: (m) => withEnds('', jsonChunks(m, '  '), '\n'), separator: '', end: () => '' };
    case 'jsonl':
      return { begin: '', meeting: (m) => JSON.stringify(m) + '\n', chunks: (m) => withEnds('', jsonChunks(m, ''), '\n'), separator: '', end: () => '' };
    case 'csv':
      return { begin: CSV_BOM + csvRow(CSV_COLUMNS), meeting: meetingCsvRows, chunks: (m) => [meetingCsvRows(m)], separator: '', end: () => '' };
    case 'md':
      return { begin: '', meeting: meetingOutline, chunks: (m) => [meetingOutline(m)], separator: '\n---\n\n', end: () => '' };
  }
}

function* withEnds(first: string, middle: Iterable<string>, last: string): Generator<string> {
  if (first) yield first;
  yield* middle;
  if (last) yield last;
}

// ---------------------------------------------------------------- JSON in pieces

/** Objects and arrays this deep (the meeting, its sections, their items) are written member by member. */
const JSON_SPLIT_DEPTH = 4;
/** Strings longer than this (`Meeting.text`) are escaped a slice at a time. */
const JSON_STRING_SLICE = 1 << 16;

/**
 * `JSON.stringify(value, null, indent)`, character for character, as a sequence
 * of pieces; `level` is the indentation level the value starts at (its nested
 * lines are indented one `indent` more per level). For the plain data of a
 * Meeting: no `toJSON`, no cycles.
 */
export function* jsonChunks(value: unknown, indent: string, level = 0, depth = JSON_SPLIT_DEPTH): Generator<string> {
  if (typeof value === 'string' && value.length > JSON_STRING_SLICE) {
    yield* jsonStringChunks(value);
    return;
  }
  if (depth === 0 || value === null || typeof value !== 'object') {
    const text = JSON.stringify(value, null, indent);
    yield indent && level && text.includes('\n') ? text.replace(/\n/g, '\n' + indent.repeat(level)) : text;
    return;
  }
  const inner = indent ? '\n' + indent.repeat(level + 1) : '';
  const close = indent ? '\n' + indent.repeat(level) : '';
  const colon = indent ? ': ' : ':';
  if (Array.isArray(value)) {
    if (value.length === 0) {
      yield '[]';
      return;
    }
    for (let i = 0; i < value.length; i++) {
      yield (i ? ',' : '[') + inner;
      const v = value[i];
      if (v === undefined || typeof v === 'function' || typeof v === 'symbol') yield 'null';
      else yield* jsonChunks(v, indent, level + 1, depth - 1);
    }
    yield close + ']';
    return;
  }
  let first = true;
  for (const key of Object.keys(value)) {
    const v = (value as Record<string, unknown>)[key];
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
    yield (first ? '{' : ',') + inner + JSON.stringify(key) + colon;
    first = false;
    yield* jsonChunks(v, indent, level + 1, depth - 1);
  }
  yield first ? '{}' : close + '}';
}

/** A long string as JSON, a slice at a time; a slice never ends between the halves of a surrogate pair. */
function* jsonStringChunks(text: string): Generator<string> {
  yield '"';
  for (let at = 0; at < text.length; ) {
    let end = Math.min(text.length, at + JSON_STRING_SLICE);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
    const quoted = JSON.stringify(text.slice(at, end));
    yield quoted.slice(1, -1);
    at = end;
  }
  yield '"';
}

/** Serializes a batch held in memory. */
export function serialize(format: Format, meetings: readonly Meeting[], options: SerializerOptions): string {
  const serializer = createSerializer(format, options);
  return serializer.begin + meetings.map((m) => serializer.meeting(m)).join(serializer.separator) + serializer.end(meetings.length);
}

// ---------------------------------------------------------------- CSV

/** Makes Excel read the file as UTF-8 (æøå); pandas, R and DuckDB skip it. */
export const CSV_BOM = '\uFEFF';

/** One row per item. Names follow the data contract's field names. */
export const CSV_COLUMNS = [
  'meetingId',
  'body',
  'date',
  'kind',
  'sectionNumber',
  'number',
  'title',
  'caseNumber',
  'caseworkers',
  ...FIELD_NAMES,
] as const;

/**
 * Quotes a field as RFC 4180 asks: when it holds a quote, comma, CR or LF; quotes are doubled.
 * A text that a spreadsheet would read as a formula gets a leading `'` first (`neutralizeFormula`).
 */
export function csvField(value: string | null | undefined): string {
  if (value == null) return '';
  const text = neutralizeFormula(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV record, CRLF-terminated as RFC 4180 specifies. */
export function csvRow(fields: readonly (string | null | undefined)[]): string {
  return fields.map(csvField).join(',') + '\r\n';
}

function meetingCsvRows(meeting: Meeting): string {
  let out = '';
  for (const section of meeting.sections) {
    for (const item of section.items) {
      out += csvRow([
        meeting.id,
        meeting.body,
        meeting.date,
        meeting.kind,
        section.number,
        item.number,
        item.title,
        item.caseNumber,
        item.caseworkers.join('/'),
        ...FIELD_NAMES.map((name) => item.fields[name]?.text),
      ]);
    }
  }
  return out;
}

// ---------------------------------------------------------------- Markdown outline

/** A readable outline of one meeting, in Markdown. */
export function meetingOutline(meeting: Meeting): string {
  const lines: string[] = [];
  const body = meeting.body || 'Unknown body';
  lines.push(`# ${md(body)} — ${meeting.kind}, ${meeting.date ?? 'no date'}`, '');
  if (meeting.location) lines.push(`- **Location:** ${md(meeting.location)}`);
  lines.push(`- **Source:** ${md(meeting.source.name)}${meeting.source.sha256 ? ` (sha256 ${meeting.source.sha256.slice(0, 12)})` : ''}`);
  lines.push(`- **Meeting id:** ${md(meeting.id)}`);
  lines.push(`- **Participants (${meeting.participants.length}):** ${people(meeting.participants)}`);
  lines.push(`- **Absent (${meeting.absent.length}):** ${people(meeting.absent)}`);
  lines.push(`- **Diagnostics:** ${diagnosticSummary(meeting.diagnostics)}`);

  if (meeting.sections.length === 0) lines.push('', '_No sections found._');
  for (const section of meeting.sections) {
    lines.push('', `## ${md(section.number)}. ${md(section.title)}`);
    if (section.items.length === 0) lines.push('', '_No items._');
    for (const item of section.items) lines.push('', ...itemOutline(item, meeting.diagnostics));
  }
  return lines.join('\n') + '\n';
}

function itemOutline(item: Item, diagnostics: readonly Diagnostic[]): string[] {
  const lines = [`### ${md(item.number)} ${md(item.title)}`];
  if (item.caseNumber || item.caseworkers.length) {
    const workers = item.caseworkers.length ? ` (${md(item.caseworkers.join('/'))})` : '';
    lines.push(`- Case: ${md(item.caseNumber ?? 'no case number')}${workers}`);
  }
  const present = (Object.keys(item.fields) as FieldName[]).filter((name) => item.fields[name]);
  lines.push(`- Fields: ${present.length ? present.join(', ') : 'none'}`);
  const decision = item.fields.beslutning?.text;
  if (decision !== undefined) {
    const first = firstSentence(decision);
    lines.push(`- Decision: ${first ? md(first) : '_(empty)_'}`);
  }
  if (item.attachments.length) lines.push(`- Attachments: ${item.attachments.length}`);
  const inside = diagnostics.filter((d) => d.span && d.span.start >= item.span.start && d.span.end <= item.span.end);
  if (inside.length) lines.push(`- Diagnostics: ${diagnosticSummary(inside)}`);
  return lines;
}

function people(list: readonly Person[]): string {
  if (list.length === 0) return 'none';
  return list.map((p) => md(p.party ? `${p.name} (${p.party})` : p.name)).join(', ');
}

function diagnosticSummary(diagnostics: readonly Diagnostic[]): string {
  if (diagnostics.length === 0) return '0';
  const counts = { error: 0, warning: 0, info: 0 };
  for (const d of diagnostics) counts[d.severity]++;
  const parts = (Object.keys(counts) as (keyof typeof counts)[])
    .filter((k) => counts[k])
    .map((k) => `${counts[k]} ${k}${counts[k] === 1 ? '' : k === 'info' ? '' : 's'}`);
  return `${diagnostics.length} (${parts.join(', ')})`;
}

/** Escapes the characters that would change how a line of Markdown renders. */
function md(text: string): string {
  // Underscores inside words never emphasize (CommonMark), so file names stay readable.
  return text.replace(/[\\`*[\]<>]/g, '\\$&').replace(/(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu, '\\_');
}

/** Danish abbreviations that end in a period without ending a sentence. */
const ABBREVIATIONS = new Set([
  'bl.a', 'ca', 'dvs', 'evt', 'f.eks', 'fx', 'hhv', 'iht', 'inkl', 'jf', 'jvf', 'kl', 'mht', 'mv', 'm.fl', 'm.m', 'nr', 'osv', 'pga', 'pkt', 'vedr', 'ift',
]);

/**
 * The first sentence of a text, whitespace collapsed, at most `max` characters
 * (cut at a word with "…"). A sentence ends at . ! or ? followed by a capital
 * letter, unless the period closes an abbreviation or an ordinal ("pkt. 3. Regionalpolitiske
 * sager"); a year ("i 2030. Det") does end one.
 */
export function firstSentence(text: string, max = 240): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const end = /[.!?](?=\s+["“”']?[A-ZÆØÅ])/g;
  let cut = flat.length;
  for (let m = end.exec(flat); m; m = end.exec(flat)) {
    if (m[0] === '.') {
      const word = /(\S+)$/.exec(flat.slice(0, m.index))?.[1]?.toLowerCase() ?? '';
      if (ABBREVIATIONS.has(word.replace(/^[("“]/, '')) || /^\d{1,2}$/.test(word)) continue;
    }
    cut = m.index + 1;
    break;
  }
  const sentence = flat.slice(0, cut);
  if (sentence.length <= max) return sentence;
  const clipped = sentence.slice(0, max);
  const space = clipped.lastIndexOf(' ');
  return (space > max / 2 ? clipped.slice(0, space) : clipped) + '…';
}
