/**
 * The participant list: `Deltagere` and `Afbud`, one person a line
 * (`Name (A) Aalborg Kommune`, `Name (A), Aalborg Kommune`, a note in parentheses,
 * a role instead of a municipality), lines that wrap continuing the person above.
 */
import type { Line } from '../text/lines.ts';
import type { Person } from './model.ts';

export interface PeopleLists {
  participants: Person[];
  absent: Person[];
}

type ListName = keyof PeopleLists;

const LIST_HEADINGS: { re: RegExp; list: ListName | null }[] = [
  { re: /^(deltagere|tilstede|til stede|deltog)\s*:?$/i, list: 'participants' },
  { re: /^(afbud|fraværende|fravær|afbud fra)\s*:?$/i, list: 'absent' },
  { re: /^deltagerfortegnelse\s*:?$/i, list: null },
];

// A party letter misread by OCR: "@" for "Ø".
const PERSON = /^(\p{Lu}[\p{L}.'’\- ]*?)\s*\(\s*([\p{Lu}@]{1,3})\s*\)\s*,?\s*(.*)$/u;
const MUNICIPALITY = /^((?:[\p{L}.\- ]+?\s)?(?:Kommune|Regionskommune)|Region\s+\p{Lu}[\p{L}]+|[\p{L}\- ]+?s Kommune)\b\s*(.*)$/u;

/**
 * Reads the lists from front-matter lines. `view` gives a line's text as it should be
 * reported (OCR-repaired where the text layer was damaged).
 */
export function readPeople(lines: readonly Line[], view: (line: Line) => string): PeopleLists {
  const out: PeopleLists = { participants: [], absent: [] };
  let list: ListName | null = null;
  let current: { person: Person; rest: string; start: number; end: number } | null = null;
  const flush = () => {
    if (current && list) out[list].push(finish(current.person, current.rest, current.start, current.end));
    current = null;
  };
  for (const line of lines) {
    const text = view(line).trim();
    if (!text) continue;
    const heading = LIST_HEADINGS.find((h) => h.re.test(text));
    if (heading) {
      flush();
      list = heading.list;
      continue;
    }
    if (!list) continue;
    const m = PERSON.exec(text);
    if (m) {
      flush();
      const party = m[2]!.replace(/@/g, 'Ø');
      current = { person: { name: m[1]!.trim(), party, municipality: null, note: null }, rest: m[3]!, start: line.start, end: line.end };
    } else if (current) {
      // A wrapped line continues the person above.
      const c: { rest: string; end: number } = current;
      c.rest = `${c.rest} ${text}`.trim();
      c.end = line.end;
    } else {
      list = null;
    }
  }
  flush();
  return out;
}

function finish(person: Person, rest: string, start: number, end: number): Person {
  let r = rest.trim().replace(/\s+/g, ' ');
  const mm = MUNICIPALITY.exec(r);
  if (mm) {
    person.municipality = mm[1]!.trim();
    r = mm[2]!.trim();
  }
  const note = r.replace(/^[,;]\s*/, '').replace(/^\((.*)\)$/s, '$1').trim();
  person.note = note || null;
  person.span = { start, end };
  return person;
}
