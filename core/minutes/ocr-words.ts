/**
 * The OCR-word diagnostics of a text's repairs: one per misread word and its
 * reading, listing every place it occurs (so a fix can apply to all of them), in
 * the order of first occurrence.
 *
 * Kept across an incremental re-parse: each repair carries the number of its
 * word and reading (numbers that stay the same from parse to parse), and a
 * diagnostic whose every occurrence lies before the edit, as many as before, is
 * the previous one itself; the others are made again, taking their message and
 * parameters from the previous one where their count and reason are the same.
 * A damaged text has thousands of repairs: a keystroke makes again only the
 * diagnostics and spans the edit moved or changed, and looks up no word.
 */
import type { Diagnostic, Span } from './model.ts';
import type { RepairSplice, RepairWord, Repairs } from './text-view.ts';

type OcrWordDiagnostic = Diagnostic & { span: Span; occurrences: Span[]; params: Record<string, string | number>; suggestion: string };

/** The number of each misread word and reading (from, then to), and how many numbers there are. */
interface Ids {
  byWord: Map<string, Map<string, number>>;
  size: number;
}

export class OcrWords {
  private constructor(
    /** The diagnostics, in the order of first occurrence. */
    readonly list: readonly OcrWordDiagnostic[],
    private readonly ids: Ids,
    /** Each repair's number. */
    private readonly idOf: Int32Array,
    /** Each repair's span, as listed. */
    private readonly spans: readonly Span[],
    /** The diagnostic of each number (none where the word no longer occurs). */
    private readonly byId: readonly (OcrWordDiagnostic | undefined)[],
  ) {}

  /** The diagnostics of the repairs of `text`. */
  static of(text: string, repairs: Repairs): OcrWords {
    const ids: Ids = { byWord: new Map(), size: 0 };
    const idOf = new Int32Array(repairs.length);
    const spans = new Array<Span>(repairs.length);
    for (let i = 0; i < repairs.length; i++) {
      idOf[i] = idFor(ids, repairs.words[i]!);
      spans[i] = { start: repairs.start[i]!, end: repairs.end[i]! };
    }
    return OcrWords.build(text, repairs, ids, idOf, spans, null, 0);
  }

  /** The diagnostics after an edit: `repairs`, of `text`, were made from this list's as `splice` says. */
  spliced(text: string, repairs: Repairs, { before, own, resume }: RepairSplice): OcrWords {
    // Numbers of words no longer in the text pile up as words are typed: start afresh now and then.
    if (this.ids.size > 2 * repairs.length + 4096) return OcrWords.of(text, repairs);
    const idOf = new Int32Array(repairs.length);
    const spans = new Array<Span>(repairs.length);
    idOf.set(this.idOf.subarray(0, before));
    for (let i = 0; i < before; i++) spans[i] = this.spans[i]!;
    for (let i = before; i < before + own; i++) idOf[i] = idFor(this.ids, repairs.words[i]!);
    idOf.set(this.idOf.subarray(resume), before + own);
    for (let i = before; i < repairs.length; i++) spans[i] = { start: repairs.start[i]!, end: repairs.end[i]! };
    return OcrWords.build(text, repairs, this.ids, idOf, spans, this, before);
  }

  /** Groups the repairs by number; `prev`'s diagnostics are taken where their occurrences all lie in the first `kept` repairs. */
  private static build(text: string, repairs: Repairs, ids: Ids, idOf: Int32Array, spans: readonly Span[], prev: OcrWords | null, kept: number): OcrWords {
    const count = new Int32Array(ids.size);
    const last = new Int32Array(ids.size);
    const order: number[] = [];
    for (let i = 0; i < idOf.length; i++) {
      const id = idOf[i]!;
      const seen = count[id]!;
      count[id] = seen + 1;
      if (seen === 0) order.push(id);
      last[id] = i;
    }
    const byId = new Array<OcrWordDiagnostic | undefined>(ids.size);
    const list: OcrWordDiagnostic[] = [];
    let made = 0;
    for (const id of order) {
      const old = prev?.byId[id];
      const n = count[id]!;
      // Every occurrence before the edit, as many as before: the same occurrences.
      if (old && last[id]! < kept && old.occurrences.length === n) {
        byId[id] = old;
        list.push(old);
        continue;
      }
      const d: OcrWordDiagnostic = { severity: 'info', code: 'ocr-word', message: '', span: spans[0]!, suggestion: '', occurrences: new Array<Span>(n), params: {} };
      byId[id] = d;
      list.push(d);
      made++;
    }
    if (made > 0) {
      const fill = new Int32Array(ids.size);
      for (let i = 0; i < idOf.length; i++) {
        const id = idOf[i]!;
        const d = byId[id]!;
        const old = prev?.byId[id];
        if (d === old) continue;
        const k = fill[id]!;
        fill[id] = k + 1;
        d.occurrences[k] = spans[i]!;
        if (k > 0) continue;
        // The first occurrence: the word as found there, its reading, and the decision's evidence
        // (core/ocr/repair.ts), for a text repaired word by word: the word alone ('word': no Danish
        // word, its reading is one) or its line ('line': another word there was damaged). A text
        // judged damaged as a whole has none: every repairable word was taken.
        const e = repairs.words[i]!;
        const span = spans[i]!;
        d.span = span;
        d.suggestion = e.to;
        const reason = e.evidence && e.evidence !== 'document' ? e.evidence : undefined;
        const n = d.occurrences.length;
        const was = old?.params;
        if (was && was.count === n && was.reason === reason && typeof was.found === 'string' && was.found.length === span.end - span.start && text.startsWith(was.found, span.start)) {
          d.message = old!.message;
          d.params = was;
        } else {
          const found = text.slice(span.start, span.end);
          d.message = `"${found}" looks like OCR damage of "${e.to}"${n > 1 ? ` (${n} times)` : ''}`;
          d.params = reason === undefined ? { found, suggestion: e.to, count: n } : { found, suggestion: e.to, count: n, reason };
        }
      }
    }
    return new OcrWords(list, ids, idOf, spans, byId);
  }
}

function idFor(ids: Ids, e: RepairWord): number {
  let readings = ids.byWord.get(e.from);
  if (!readings) ids.byWord.set(e.from, (readings = new Map()));
  let id = readings.get(e.to);
  if (id === undefined) readings.set(e.to, (id = ids.size++));
  return id;
}

