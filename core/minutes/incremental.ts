/**
 * Incremental re-parse: after an edit, only what the edit can change is parsed
 * again, and the rest of the previous parse is kept (as Lezer and CodeMirror do).
 *
 * The result is always what a full parse of the new text gives
 * (`parseWithOverrides(text, [])`: spans in the text's own offsets); the
 * property test (incremental.test.ts) holds it to that after random edits.
 *
 * How an edit is taken:
 * - Normalization: the edited lines, widened to a stretch that starts and ends
 *   with an unchanged plain line (no space at its ends, no hyphen at its end, not
 *   a running line, nothing normalization rewrites) next to another, so nothing
 *   outside can reach in (a hyphenated word, a blank-line run, a running header).
 *   That stretch is normalized on its own, with the document's double-spacing
 *   decision (kept up to date from the blank-line counts), and spliced into the
 *   normalized text, its offset map (SplicedMap) and its running lines.
 * - Lines: the stretch's lines are classified again, the others shifted.
 * - OCR repair (which reads a line with, at most, the next one's first word across
 *   a hyphen): the stretch is repaired on its own, the other repairs shifted.
 * - Structure: read again from the line classes (a walk over class codes).
 * - The Meeting: every item whose lines lie outside the stretch, whose marks are
 *   those of an item of the previous parse (shifted) with the same end, is that
 *   item, its positions shifted by the edit's change in length; only the others
 *   are built. Sections, people, front matter and diagnostics are built again;
 *   the date the text itself gives (no date on the cover or in the running lines)
 *   is kept where the edit lies after the lines it was read from. The repaired text
 *   is not made whole for any of this: the text view slices it from the repairs.
 * Anything else — a form feed or a `|` rule in the stretch, double spacing or
 * the OCR decision changing, structure overrides, layout evidence — is parsed whole.
 */
import { normalizeTaking, type BlankLineStats } from '../text/normalize.ts';
import type { RunningLine } from '../text/running-lines.ts';
import { SplicedMap } from '../text/spliced-map.ts';
import { ClassifiedLines } from './lines.ts';
import { readStructure, type ItemMark, type Structure } from './structure.ts';
import { MeetingBuilder } from './meeting-builder.ts';
import { OcrWords } from './ocr-words.ts';
import { dateFromText, readFrontMatter, regionCounts, REGIONS, type FrontMatter, type TextDate } from './front-matter.ts';
import type { Line } from '../text/lines.ts';
import { Repairs, TextView, type RepairScope, type RepairSplice, type TextRepairer } from './text-view.ts';
import { ocrRepair, type ParseOptions } from './parse.ts';
import type { Item, Meeting, Person, Span } from './model.ts';

/** One change of the previous text: `[from, to)` (previous offsets) replaced by `insert`. */
export interface TextChange {
  from: number;
  to: number;
  insert: string;
}

/**
 * `text` with `changes` made (sorted, non-overlapping, in `text`'s offsets): the
 * parts are joined, not copied (the engine copies once, when the text is first
 * read), where writing out the editor's document would copy it line by line.
 */
export function changedText(text: string, changes: readonly TextChange[]): string {
  let out = text;
  for (let i = changes.length - 1; i >= 0; i--) {
    const c = changes[i]!;
    out = out.slice(0, c.from) + c.insert + out.slice(c.to);
  }
  return out;
}

/** A parse that can be carried through edits. */
export interface IncrementalParse {
  /** The Meeting of `text`: spans index it, and `meeting.text` is it. */
  readonly meeting: Meeting;
  readonly text: string;
  /** Whether this parse was incremental or whole (a whole one follows what the stretch cannot hold). */
  readonly mode: 'full' | 'incremental';
  /** Why a re-parse was whole. */
  readonly reason?: Fallback;
  /** @internal What the next re-parse keeps. */
  readonly kept: Kept;
}

interface Built {
  mark: ItemMark;
  end: number;
  /** In normalized offsets. */
  internal: Item;
  /** In the text's own offsets. */
  output: Item;
}

interface Kept {
  options: ParseOptions;
  normalized: string;
  map: SplicedMap;
  running: RunningLine[];
  stats: BlankLineStats;
  lines: ClassifiedLines;
  structure: Structure;
  skip: number[];
  /** The OCR gate's answer, and the repair the titles had (none where a text judged word by word had no damaged word). */
  repair: { repairer: TextRepairer; scope: RepairScope } | null;
  active: { repairer: TextRepairer; scope: RepairScope } | null;
  /** The normalized text's repairs (none without a repairer). */
  repairs: Repairs;
  meetingId: string;
  view: TextView;
  /** The OCR-word diagnostics of `repairs`. */
  ocrWords: OcrWords;
  /** The date the (repaired) text gives, where it was read (or is still true). */
  textDate: TextDate | null;
  /** How often the (repaired) text names each body, for the front matter. */
  regions: Map<string, number>;
  /** By the item's start in the normalized text. */
  items: Map<number, Built>;
  titles: Map<string, string>;
}

/** Why an edit was parsed whole: the stretch could not be bounded (or layout evidence, another source), a page break or rule in it, double spacing changed, the OCR decision changed, or the meeting's id (front matter). */
export type Fallback = 'stretch' | 'page-break-or-rule' | 'spacing' | 'lines' | 'ocr-decision' | 'meeting-id';

function whole(text: string, options: ParseOptions, reason: Fallback): IncrementalParse {
  return { ...parseIncremental(text, options), reason };
}

/** A whole parse, to carry through edits with `reparse`. */
export function parseIncremental(text: string, options: ParseOptions = {}): IncrementalParse {
  const stats: BlankLineStats = { content: 0, adjacent: 0, doubleSpaced: false };
  const n = normalizeTaking({ text }, undefined, { stats });
  const map = SplicedMap.of(n.text === text ? null : n.map, text.length, n.text.length);
  const lines = new ClassifiedLines(n.text);
  const repair = ocrRepair(n.text, options.repairer);
  const repairs = repair ? Repairs.of(repair.repairer.repairText(n.text, repair.scope).edits) : Repairs.none;
  return assemble(text, options, { normalized: n.text, map, running: n.running, stats, lines, repair, repairs }, null);
}

/**
 * The parse of `text`, which is `prev.text` with `changes` made (sorted,
 * non-overlapping, in `prev.text` offsets, as CodeMirror's `iterChanges` gives
 * them). `options` are those of `prev` (a repairer given by a function may be a new function).
 */
export function reparse(prev: IncrementalParse, text: string, changes: readonly TextChange[], options: ParseOptions = prev.kept.options): IncrementalParse {
  if (changes.length === 0 && text === prev.text) return prev;
  const step = changes.length ? window(prev, text.length, changes) : null;
  if (!step || options.layout || JSON.stringify(options.source) !== JSON.stringify(prev.kept.options.source)) return whole(text, options, 'stretch');
  const k = prev.kept;
  const { A, oldEnd, newEnd, oldW, newW } = step;
  const dI = text.length - prev.text.length;
  if (FALLBACK.test(oldW) || FALLBACK.test(newW)) return whole(text, options, 'page-break-or-rule');
  const sOld: BlankLineStats = { content: 0, adjacent: 0, doubleSpaced: false };
  const sNew: BlankLineStats = { content: 0, adjacent: 0, doubleSpaced: false };
  normalizeTaking({ text: oldW }, undefined, { doubleSpaced: k.stats.doubleSpaced, stats: sOld });
  const nw = normalizeTaking({ text: newW }, undefined, { doubleSpaced: k.stats.doubleSpaced, stats: sNew });
  const content = k.stats.content - sOld.content + sNew.content;
  const adjacent = k.stats.adjacent - sOld.adjacent + sNew.adjacent;
  const doubleSpaced = content > 8 && adjacent / content < 0.25;
  if (content === 0 || doubleSpaced !== k.stats.doubleSpaced || nw.text.length === 0) return whole(text, options, 'spacing');
  const tA = k.map.toTarget(A);
  const tB = k.map.toTarget(oldEnd);
  const la = k.lines.lineAt(tA);
  const lb = k.lines.lineAt(tB);
  if (k.lines.start(la) !== tA || k.lines.end(lb) !== tB) return whole(text, options, 'lines');
  const map = k.map.splice(A, oldEnd, tA, tB, nw.text === newW ? null : nw.map, newW.length, nw.text.length);
  // The text is read once more only where normalization changes it (the editor's text is normalized).
  const normalized = map.identity ? text : k.normalized.slice(0, tA) + nw.text + k.normalized.slice(tB);
  const dN = normalized.length - k.normalized.length;
  const running = [
    ...k.running.filter((r) => r.start < A),
    ...nw.running.map((r) => ({ ...r, start: r.start + A, end: r.end + A })),
    ...k.running.filter((r) => r.start >= oldEnd).map((r) => ({ ...r, start: r.start + dI, end: r.end + dI })),
  ];
  let count = 1;
  for (let nl = nw.text.indexOf('\n'); nl >= 0; nl = nw.text.indexOf('\n', nl + 1)) count++;
  const lines = k.lines.spliced(normalized, la, lb + 1, count, dN);

  const repair = ocrRepair(normalized, options.repairer);
  if ((repair?.repairer ?? null) !== (k.repair?.repairer ?? null) || repair?.scope !== k.repair?.scope) return whole(text, options, 'ocr-decision');
  let repairs = k.repairs;
  let splice: RepairSplice | null = null;
  if (repair) ({ repairs, splice } = k.repairs.spliced(tA, tB, dN, repair.repairer.repairText(nw.text, repair.scope).edits));
  const stats = { content, adjacent, doubleSpaced };
  const dirty = { from: tA, to: tA + nw.text.length, dN, dI, dL: count - (lb + 1 - la) };
  return assemble(text, options, { normalized, map, running, stats, lines, repair, repairs }, { prev: k, dirty, splice });
}

/** Characters that make a stretch be parsed whole: a page break, a rule (running headers are counted over the document). */
const FALLBACK = /[\f|]/;
/** What normalization rewrites in a line, or a form a running line has; a line with none of them is plain. */
const NOT_PLAIN = /[\t\v\f\r\u00a0\u2007\u202f\u200b\u200c\u200d\u2060\ufeff\u00ad\u2028\u2029\u0085|]/;
const PAGE_WORD = /^(?:side|page|s\.)/i;
/** How far a stretch is widened, in lines, before the text is parsed whole instead. */
const MAX_WIDEN = 200;

function plainLine(text: string, start: number, end: number): boolean {
  if (end <= start) return false;
  const last = text.charCodeAt(end - 1);
  if (text.charCodeAt(start) === 32 || last === 32 || last === 45) return false;
  const line = text.slice(start, end);
  return !NOT_PLAIN.test(line) && !(line.length <= 80 && PAGE_WORD.test(line));
}

/**
 * The stretch of whole lines to normalize again: `[A, oldEnd)` of the old text,
 * which became `[A, newEnd)` of the new; null where it cannot be bounded so.
 * Read from the old text (the lines outside the changes are the same), so the
 * new text is not read here.
 */
function window(prev: IncrementalParse, length: number, changes: readonly TextChange[]): { A: number; oldEnd: number; newEnd: number; oldW: string; newW: string } | null {
  const old = prev.text;
  const from = changes[0]!.from;
  const to = changes[changes.length - 1]!.to;
  const dI = length - old.length;
  let delta = 0;
  let last = 0;
  for (const c of changes) {
    if (c.from < last || c.to < c.from) return null;
    delta += c.insert.length - (c.to - c.from);
    last = c.to;
  }
  if (delta !== dI || from < 0 || to > old.length) return null;
  // Start: an unchanged plain line, after another plain line (or the text's start).
  /** The start of the line holding `pos` (a newline belongs to the line it ends). */
  const lineStart = (pos: number) => (pos <= 0 ? 0 : old.lastIndexOf('\n', pos - 1) + 1);
  let A: number | null = null;
  let s = lineStart(from);
  for (let guard = 0; guard < MAX_WIDEN && A === null; guard++) {
    if (s === 0) {
      A = 0;
      break;
    }
    const aStart = lineStart(s - 1);
    if (aStart === 0) A = 0;
    else if (plainLine(old, aStart, s - 1) && plainLine(old, lineStart(aStart - 1), aStart - 1)) A = aStart;
    s = aStart;
  }
  // End: an unchanged plain line, or the text's end.
  let oldEnd: number | null = null;
  let e = old.indexOf('\n', to);
  for (let guard = 0; guard < MAX_WIDEN && oldEnd === null; guard++) {
    if (e < 0) {
      oldEnd = old.length;
      break;
    }
    const bEnd = old.indexOf('\n', e + 1);
    if (bEnd < 0) oldEnd = old.length;
    else if (plainLine(old, e + 1, bEnd)) oldEnd = bEnd;
    e = bEnd;
  }
  if (A === null || oldEnd === null) return null;
  let newW = '';
  let p = A;
  for (const c of changes) {
    newW += old.slice(p, c.from) + c.insert;
    p = c.to;
  }
  newW += old.slice(p, oldEnd);
  return { A, oldEnd, newEnd: oldEnd + dI, oldW: old.slice(A, oldEnd), newW };
}

interface Dirty {
  /** The re-normalized stretch in the new normalized text. */
  from: number;
  to: number;
  /** Change in length of the normalized text, of the text, and in lines. */
  dN: number;
  dI: number;
  dL: number;
}

type Prepared = Pick<Kept, 'normalized' | 'map' | 'running' | 'stats' | 'lines' | 'repair' | 'repairs'>;

/** Structure, the Meeting in normalized offsets (reusing what `reuse` allows), and the Meeting in the text's offsets. */
function assemble(text: string, options: ParseOptions, p: Prepared, reuse: { prev: Kept; dirty: Dirty; splice: RepairSplice | null } | null): IncrementalParse {
  const { lines, repair } = p;
  // As parse.ts does: OCR's own layout only in a text damaged as a whole; titles repaired
  // where the text was judged damaged as a whole, or word by word with some word damaged.
  const structure = readStructure(lines, repair?.scope === 'document');
  const skip = [...structure.skip].sort((a, b) => a - b);
  const { repairs } = p;
  const view = new TextView(p.normalized, null, repair?.scope, repairs);
  const active = repair && (repair.scope === 'document' || repairs.length > 0) ? repair : null;
  if (reuse && (active === null) !== (reuse.prev.active === null)) return whole(text, options, 'ocr-decision');
  const titles = reuse ? reuse.prev.titles : new Map<string, string>();
  if (titles.size > 10_000) titles.clear();
  const regions = reuse ? shiftedRegions(reuse.prev, view, reuse.dirty) : regionCounts(view.repaired);
  const reused = new Map<Item, { output: Item; shifted: boolean }>();
  const built: Built[] = [];
  const find = reuse ? reuser(reuse.prev, reuse.dirty, lines, skip, active?.scope === 'document', reused) : null;
  // The date the text gives, kept where the edit lies after every line it was read from.
  const keptDate = reuse?.prev.textDate;
  let textDate = keptDate && keptDate.throughLine !== null && keptDate.throughLine < lines.lineAt(reuse!.dirty.from) ? keptDate : null;
  const readTextDate = () => (textDate ??= dateFromText(view.repaired));
  // The OCR-word diagnostics, made again only where the edit moved or changed their occurrences.
  const splice = reuse?.splice;
  const ocrWords = splice ? reuse!.prev.ocrWords.spliced(p.normalized, repairs, splice) : OcrWords.of(p.normalized, repairs);
  const builder = new ReusingBuilder(lines, structure, view, active, titles, find, built, decisive(regions), readTextDate, ocrWords);
  const internal = builder.build(p.running, { ...options, includeText: false });
  const meetingId = internal.id;
  if (reuse && meetingId !== reuse.prev.meetingId) return whole(text, options, 'meeting-id');

  const back = p.map.identity ? null : p.map;
  const f = (s: Span): Span => {
    if (!back) return { start: s.start, end: s.end };
    const start = back.toSource(s.start);
    return { start, end: Math.max(start, back.toSource(s.end)) };
  };
  const dI = reuse?.dirty.dI ?? 0;
  const shift = (s: Span): Span => ({ start: s.start + dI, end: s.end + dI });
  const outputOf = new Map<Item, Item>();
  const items = new Map<number, Built>();
  for (const b of built) {
    const old = reused.get(b.internal);
    let output: Item;
    if (old) {
      output = old.shifted && dI !== 0 ? mapItem(old.output, shift) : old.output;
      if (output.caseworkers !== b.internal.caseworkers && output.caseworkers.join() !== b.internal.caseworkers.join()) {
        output = { ...output, caseworkers: [...b.internal.caseworkers] };
      }
    } else output = mapItem(b.internal, f);
    b.output = output;
    outputOf.set(b.internal, output);
    items.set(b.internal.span.start, b);
  }
  const person = (x: Person): Person => (x.span ? { ...x, span: f(x.span) } : { ...x });
  const meeting: Meeting = {
    ...internal,
    participants: internal.participants.map(person),
    absent: internal.absent.map(person),
    sections: internal.sections.map((s) => ({ ...s, span: f(s.span), items: s.items.map((it) => outputOf.get(it) ?? mapItem(it, f)) })),
    // Built afresh by this parse: where the text is its normalized form, they are taken as they are.
    diagnostics: back
      ? internal.diagnostics.map((d) => {
          const out = { ...d };
          if (d.span) out.span = f(d.span);
          if (d.occurrences) out.occurrences = d.occurrences.map(f);
          return out;
        })
      : internal.diagnostics,
    text,
  };
  const kept: Kept = { ...p, options, structure, skip, meetingId, items, titles, active, view, regions, textDate, ocrWords };
  return { meeting, text, mode: reuse ? 'incremental' : 'full', kept };
}

/** The body names counted again in the re-parsed stretch only (a name never spans lines). */
function shiftedRegions(prev: Kept, view: TextView, dirty: Dirty): Map<string, number> {
  const counts = new Map(prev.regions);
  for (const [name, n] of regionCounts(prev.view.slice(dirty.from, dirty.to - dirty.dN))) counts.set(name, counts.get(name)! - n);
  for (const [name, n] of regionCounts(view.slice(dirty.from, dirty.to))) counts.set(name, (counts.get(name) ?? 0) + n);
  for (const [name, n] of counts) if (n === 0) counts.delete(name);
  return counts;
}

/** The counts, where one body is named most often (a tie would be settled by the order of first naming, not kept). */
function decisive(regions: Map<string, number>): Map<string, number> | undefined {
  let best = 0;
  let ties = 0;
  for (const [name, n] of regions) {
    if (!REGIONS.includes(name.slice(4))) continue;
    if (n > best) [best, ties] = [n, 1];
    else if (n === best) ties++;
  }
  return ties > 1 ? undefined : regions;
}

/**
 * The previous parse's item that a mark of the new one is, in normalized offsets
 * (a copy, its positions shifted), or null: its lines lie before or after the
 * re-parsed stretch, and its marks, end and skipped lines are the old item's.
 */
function reuser(prev: Kept, dirty: Dirty, lines: ClassifiedLines, skip: number[], unify: boolean, reused: Map<Item, { output: Item; shifted: boolean }>) {
  return (mark: ItemMark, end: number, meetingId: string): Item | null => {
    if (meetingId !== prev.meetingId) return null;
    const start = lines.start(mark.headLine);
    let d: number;
    let dL: number;
    if (end <= dirty.from) [d, dL] = [0, 0];
    else if (start >= dirty.to) [d, dL] = [dirty.dN, dirty.dL];
    else return null;
    const old = prev.items.get(start - d);
    if (!old || old.end !== end - d || !sameMark(old.mark, mark, dL)) return null;
    const lastLine = lines.lineAt(Math.max(start, end - 1));
    if (!sameRange(prev.skip, skip, mark.headLine, lastLine, dL)) return null;
    let item = d === 0 ? old.internal : mapItem(old.internal, (s) => ({ start: s.start + d, end: s.end + d }));
    if (unify) {
      // The builder unifies initials over all items again: from the case line as read.
      const c = mark.caseLine === null ? null : lines.cls(mark.caseLine);
      item = { ...item, caseworkers: c?.kind === 'case' ? c.workers.map((w) => w.toLowerCase()) : [] };
    }
    reused.set(item, { output: old.output, shifted: d !== 0 || dirty.dI !== 0 && end > dirty.from });
    return item;
  };
}

function sameMark(a: ItemMark, b: ItemMark, dL: number): boolean {
  if (a.major !== b.major || a.minor !== b.minor || a.detached !== b.detached || a.inferred !== b.inferred) return false;
  if (a.headLine + dL !== b.headLine || (a.caseLine === null ? b.caseLine !== null : a.caseLine + dL !== b.caseLine)) return false;
  if (a.titleLines.length !== b.titleLines.length || a.fields.length !== b.fields.length || a.attachments.length !== b.attachments.length) return false;
  for (let i = 0; i < a.titleLines.length; i++) if (a.titleLines[i]! + dL !== b.titleLines[i]) return false;
  for (let i = 0; i < a.attachments.length; i++) if (a.attachments[i]! + dL !== b.attachments[i]) return false;
  for (let i = 0; i < a.fields.length; i++) if (a.fields[i]!.field !== b.fields[i]!.field || a.fields[i]!.line + dL !== b.fields[i]!.line) return false;
  return true;
}

/** The sorted `next` between lines `from` and `to` is the sorted `prev` there, `dL` lines earlier. */
function sameRange(prev: number[], next: number[], from: number, to: number, dL: number): boolean {
  let i = lowerBound(prev, from - dL);
  let j = lowerBound(next, from);
  for (; j < next.length && next[j]! <= to; i++, j++) if (prev[i] !== next[j]! - dL) return false;
  return i >= prev.length || prev[i]! > to - dL;
}

function lowerBound(a: number[], v: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A copy of an item with every span passed through `f`. */
function mapItem(it: Item, f: (s: Span) => Span): Item {
  const fields: Item['fields'] = {};
  for (const [name, field] of Object.entries(it.fields) as [keyof Item['fields'], NonNullable<Item['fields'][keyof Item['fields']]>][]) {
    fields[name] = { text: field.text, span: f(field.span) };
  }
  const out: Item = { ...it, caseworkers: [...it.caseworkers], fields, attachments: it.attachments.map(f), span: f(it.span), titleSpan: f(it.titleSpan) };
  if (it.caseSpan) out.caseSpan = f(it.caseSpan);
  return out;
}

/** The builder, taking items from the previous parse where `reuse` finds them, and repaired titles from a cache. */
class ReusingBuilder extends MeetingBuilder {
  constructor(
    private readonly classified: ClassifiedLines,
    structure: Structure,
    view: TextView,
    repair: { repairer: TextRepairer; scope: RepairScope } | null,
    private readonly titles: Map<string, string>,
    private readonly reuse: ((mark: ItemMark, end: number, meetingId: string) => Item | null) | null,
    private readonly built: Built[],
    private readonly regions: Map<string, number> | undefined,
    private readonly textDate: () => TextDate,
    private readonly words: OcrWords,
  ) {
    super(classified, structure, view, repair?.repairer ?? null, repair?.scope ?? 'document');
    this.repairedText = () => view.repaired;
  }

  private readonly repairedText: () => string;

  protected override frontMatter(cover: readonly Line[], running: readonly { text: string }[]): FrontMatter {
    return readFrontMatter(cover, running, this.repairedText, this.regions, this.textDate);
  }

  protected override ocrWords(): OcrWords {
    return this.words;
  }

  protected override item(mark: ItemMark, meetingId: string, end: number): Item {
    const internal = this.reuse?.(mark, end, meetingId) ?? super.item(mark, meetingId, end);
    this.built.push({ mark, end, internal, output: internal });
    return internal;
  }

  protected override title(lines: readonly number[], number: RegExp): string {
    const key = `${number.source}\u0000${lines.map((l) => this.classified.lineText(l)).join('\n')}`;
    let title = this.titles.get(key);
    if (title === undefined) this.titles.set(key, (title = super.title(lines, number)));
    return title;
  }
}
