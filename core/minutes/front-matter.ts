/**
 * What the meeting is: body, kind, date and place, read from the cover
 * (`REFERAT 2020` / `KKR NORDJYLLAND` / `Dato: …` / `Sted: …`), from the running
 * header (`KKR Nordjylland | 04-09-2020`), or from the text itself.
 */
import type { Line } from '../text/lines.ts';
import type { MeetingKind } from './model.ts';

export interface FrontMatter {
  body: string | null;
  kind: MeetingKind | null;
  date: string | null;
  location: string | null;
}

const MONTHS = ['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'december'];
/** The five regions, one KKR each. */
export const REGIONS = ['Nordjylland', 'Midtjylland', 'Syddanmark', 'Sjælland', 'Hovedstaden'];

/**
 * The meeting's date as the text itself gives it (no date on the cover or in the
 * running lines), and the last line it was read from: an edit after that line
 * cannot change it. `throughLine` is null where the whole text was read.
 */
export interface TextDate {
  date: string | null;
  throughLine: number | null;
}

/**
 * @param cover lines before the first section (front matter), as reported text
 * @param running running header and footer lines removed during normalization
 * @param text the whole normalized (and, for OCR, repaired) text, read only where the cover and running lines do not tell
 * @param regions `regionCounts(text)`, where it is known already (an incremental re-parse keeps it)
 * @param textDate `dateFromText(text)`, where it may be known already (an incremental re-parse keeps it)
 */
export function readFrontMatter(
  cover: readonly Line[],
  running: readonly { text: string }[],
  text: () => string,
  regions?: ReadonlyMap<string, number>,
  textDate: () => TextDate = () => dateFromText(text()),
): FrontMatter {
  const coverTexts = cover.slice(0, 60).map((l) => l.text.trim());
  return {
    kind: readKind(coverTexts),
    body: readBody(coverTexts, running, () => regions ?? regionCounts(text())),
    date: readDate(coverTexts, running, textDate),
    location: readLocation(coverTexts),
  };
}

function readKind(cover: readonly string[]): MeetingKind | null {
  for (const t of cover) {
    // Letter-spaced covers: "D AG S O R D E N 2 0 1 5".
    const squeezed = /^[\p{Lu}\d](?: ?[\p{Lu}\d])+$/u.test(t) ? t.replace(/ /g, '') : t;
    if (/^REFERAT\b|^REFERAT\d{4}$/i.test(squeezed) && squeezed === squeezed.toUpperCase()) return 'referat';
    if (/^DAGSORDEN\b|^DAGSORDEN\d{4}$/i.test(squeezed) && squeezed === squeezed.toUpperCase()) return 'dagsorden';
  }
  return null;
}

function readBody(cover: readonly string[], running: readonly { text: string }[], regions: () => ReadonlyMap<string, number>): string | null {
  for (const t of cover.slice(0, 10)) {
    const m = /^KKR\s+(\p{L}+)$/iu.exec(t);
    if (m) return bodyName(m[1]!);
  }
  for (const r of running) {
    const m = /^(KKR\s+\p{L}+)\s*\|/u.exec(r.text);
    if (m) return bodyName(m[1]!.slice(4));
  }
  // The region the text names most often.
  let best: string | null = null;
  let bestCount = 0;
  for (const [name, n] of regions()) if (n > bestCount && REGIONS.includes(name.slice(4))) [best, bestCount] = [name, n];
  return best;
}

/**
 * How often the text names each body (`KKR Nordjylland`, `KKR-Midtjylland`), in
 * the order first named. A name never spans lines, so the counts of a text are
 * the sums of its lines' counts.
 */
export function regionCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of text.matchAll(/\bKKR[- ]([\p{Lu}][\p{Ll}]+)/gu)) {
    const name = bodyName(m[1]!);
    if (name) counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return counts;
}

function bodyName(region: string): string {
  const r = region.toLowerCase();
  return `KKR ${r.charAt(0).toUpperCase()}${r.slice(1)}`;
}

function readDate(cover: readonly string[], running: readonly { text: string }[], textDate: () => TextDate): string | null {
  for (const t of cover) {
    const m = /^Dato\s*:?\s*(.+)$/i.exec(t);
    const d = m ? parseDate(m[1]!) : null;
    if (d) return d;
  }
  const fromRunning = new Map<string, number>();
  for (const r of running) {
    const m = /\|\s*(\d{1,2}[-./]\d{1,2}[-./]\d{2,4}|\d{1,2}\.\s*\p{Ll}+\s+\d{4})$|^(\d{1,2}[-./]\d{1,2}[-./]\d{2,4})\s*\|/u.exec(r.text);
    const d = m ? parseDate(m[1] ?? m[2]!) : null;
    if (d) fromRunning.set(d, (fromRunning.get(d) ?? 0) + 1);
  }
  if (fromRunning.size) return [...fromRunning].sort((a, b) => b[1] - a[1])[0]![0];
  return textDate().date;
}

/** "næste KKR-møde den …", "referatet fra mødet den …": another meeting than this one. */
const OTHER_MEETING = /\b(?:næste|kommende|forrige|sidste|seneste|tidligere|førstkommende|ekstraordinære?|(?:referat(?:et)?|protokol(?:len)?)\s+fra)\s+(?:[\p{L}-]+\s+)?$/iu;

/**
 * The meeting's own date as the text gives it ("KKR Nordjyllands møde den 9. februar
 * 2024"): the date most often said of a meeting, next and earlier meetings left out;
 * on a tie, the first.
 */
export function dateFromText(text: string): TextDate {
  // "Godkendelse af dagsordenen til KKR Nordjyllands møde den 4. september 2020": this meeting.
  const agenda = AGENDA.exec(text);
  const fromAgenda = agenda ? parseDate(agenda[1]!) : null;
  if (fromAgenda) return { date: fromAgenda, throughLine: lineOf(text, readUpTo(text, agenda!.index) - 1) };
  const votes = new Map<string, { n: number; first: number }>();
  const re = /\bmøde[t]?\s+(?:i\s+[\p{L} ]{2,40}?\s+)?(?:(?:man|tirs|ons|tors|fre|lør|søn)dag\s+)?den\s+(\d{1,2}\.\s*\p{L}+\s+\d{4})/giu;
  for (const m of text.matchAll(re)) {
    const before = text.slice(Math.max(0, m.index - 40), m.index);
    if (OTHER_MEETING.test(before.replace(/[\p{L}-]*$/u, ''))) continue;
    const d = parseDate(m[1]!);
    if (!d) continue;
    const v = votes.get(d) ?? { n: 0, first: m.index };
    v.n++;
    votes.set(d, v);
  }
  let best: string | null = null;
  let bestVote = { n: 0, first: Infinity };
  for (const [d, v] of votes) {
    if (v.n > bestVote.n || (v.n === bestVote.n && v.first < bestVote.first)) [best, bestVote] = [d, v];
  }
  return { date: best, throughLine: null };
}

const AGENDA = /\bdagsorden(?:en)?\s+(?:til|for)\s+(?:[\p{L}’'-]+\s+){0,4}?møde[t]?\s+(?:i\s+[\p{L} ]{2,40}?\s+)?den\s+(\d{1,2}\.\s*\p{L}+\s+\d{4})/iu;

/**
 * How many words (runs of non-space) the agenda phrase spans at most: its own words,
 * up to four between them, a place of at most 40 characters (21 words), the date.
 */
const AGENDA_WORDS = 40;

/**
 * Where the search for the agenda phrase has read to, at most, once it found it at
 * `from`: a search from any earlier position reads no further (each part of the
 * phrase stays inside a word, a run of space, or the 40 characters of the place), so
 * the text after it cannot change what is found. One character past the last run is read.
 */
function readUpTo(text: string, from: number): number {
  const space = /\s/;
  let i = from;
  for (let words = 0; words < AGENDA_WORDS && i < text.length; words++) {
    while (i < text.length && space.test(text[i]!)) i++;
    while (i < text.length && !space.test(text[i]!)) i++;
  }
  while (i < text.length && space.test(text[i]!)) i++;
  return Math.min(text.length, i + 1);
}

/** The index of the line holding `pos` (a newline belongs to the line it ends). */
function lineOf(text: string, pos: number): number {
  let line = 0;
  for (let nl = text.indexOf('\n'); nl >= 0 && nl < pos; nl = text.indexOf('\n', nl + 1)) line++;
  return line;
}

/** Parses "19-06-2020", "19.06.20", "4. september 2020" to ISO, or null. */
export function parseDate(s: string): string | null {
  let m = /(\d{1,2})[-./](\d{1,2})[-./](\d{2,4})/.exec(s);
  if (m) return iso(Number(m[3]), Number(m[2]), Number(m[1]));
  m = /(\d{1,2})\.?\s*(\p{L}+)\s+(\d{4})/u.exec(s);
  if (m) {
    const month = MONTHS.findIndex((name) => name.startsWith(m![2]!.toLowerCase().slice(0, 3)));
    if (month >= 0) return iso(Number(m[3]), month + 1, Number(m[1]));
  }
  return null;
}

function iso(year: number, month: number, day: number): string | null {
  const y = year < 100 ? 2000 + year : year;
  if (month < 1 || month > 12 || day < 1 || day > 31 || y < 1970 || y > 2100) return null;
  const d = new Date(Date.UTC(y, month - 1, day));
  if (d.getUTCMonth() !== month - 1) return null;
  return `${y}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function readLocation(cover: readonly string[]): string | null {
  for (const t of cover) {
    const m = /^Sted\s*:\s*(.+)$/i.exec(t);
    if (m) return m[1]!.trim();
  }
  return null;
}
