import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { EditorState } from '@codemirror/state';
import type { Decoration } from '@codemirror/view';
import { parseMinutes } from '../../core/minutes/parse.ts';
import { liveParse, liveParseField, meetingOf, setOverrides } from './live-parse/index.ts';
import { structure, structureDecorations } from './structure/index.ts';
import { fieldGutter, fieldMarkers } from './field-gutter/index.ts';
import { itemFold, itemFoldRange } from './item-fold/index.ts';
import { lintDiagnostics, ocrFix } from './diagnostics/index.ts';
import { annotationMarks, annotationMarksField, setAnnotationRanges } from './annotation-marks/index.ts';

const seed = (name: string) => readFileSync(new URL(`../../test/fixtures/seeds/${name}`, import.meta.url), 'utf8');
const gold = (name: string) => JSON.parse(readFileSync(new URL(`../../test/fixtures/gold/${name}`, import.meta.url), 'utf8')) as { sections: { number: string; items: { number: string }[] }[] };
const text000 = parseMinutes(seed('000_0c2e4851483b96f9.txt'), { includeText: true }).text!;

function stateFor(text: string) {
  return EditorState.create({ doc: text, extensions: [liveParse(), structure(), fieldGutter(), itemFold(), annotationMarks()] });
}

function decorations(state: EditorState) {
  const out: { from: number; to: number; cls: string; attrs: Record<string, string> }[] = [];
  structureDecorations(state).between(0, state.doc.length, (from, to, d: Decoration) => {
    const spec = d.spec as { class?: string; attributes?: Record<string, string>; widget?: { cls: string; label: string } };
    out.push({ from, to, cls: spec.class ?? spec.widget?.cls ?? '', attrs: spec.attributes ?? (spec.widget ? { label: spec.widget.label } : {}) });
  });
  return out;
}

describe('structure decorations for seed 000', () => {
  const state = stateFor(text000);
  const decos = decorations(state);

  it('draw one heading per gold item and section, on the right lines', () => {
    const g = gold('000_0c2e4851483b96f9.json');
    const items = [...new Set(decos.filter((d) => d.cls === 'cm-item-heading').map((d) => d.attrs['data-item']))];
    expect(items).toEqual(g.sections.flatMap((s) => s.items.map((i) => i.number)));
    const sections = decos.filter((d) => d.cls === 'cm-section-heading').map((d) => d.attrs['data-section']);
    expect(sections).toEqual(g.sections.map((s) => s.number));
    const heading = decos.find((d) => d.attrs['data-item'] === '3.2')!;
    expect(state.doc.lineAt(heading.from).text).toMatch(/^3\.2\.? /);
  });

  it('mark case numbers as chips and decisions', () => {
    const chips = decos.filter((d) => d.cls === 'cm-case-chip').map((d) => state.doc.sliceString(d.from, d.to));
    expect(chips.length).toBeGreaterThan(10);
    for (const c of chips) expect(c).toMatch(/^SAG-\d{4}-\d+$/);
    const decisions = decos.filter((d) => d.cls === 'cm-decision');
    expect(decisions.length).toBeGreaterThan(10);
    expect(state.doc.sliceString(decisions[0]!.from, decisions[0]!.to)).not.toMatch(/^Beslutning/);
  });

  it('put the four fields in the gutter, with the letter on the sub-heading line', () => {
    const heads: string[] = [];
    fieldMarkers(state).between(0, state.doc.length, (from, _to, m) => {
      const marker = m as unknown as { field: string; head: boolean };
      if (marker.head) heads.push(`${marker.field}:${state.doc.lineAt(from).text}`);
    });
    expect(heads).toContain('beslutning:Beslutning');
    expect(heads.some((h) => h.startsWith('indstilling:'))).toBe(true);
  });

  it('fold an item from its heading to its end', () => {
    const item = meetingOf(state).sections[2]!.items[0]!;
    const line = state.doc.lineAt(item.titleSpan.start);
    const range = itemFoldRange(state, line.from, line.to)!;
    expect(range.from).toBe(line.to);
    expect(range.to).toBeLessThanOrEqual(item.span.end);
    expect(range.to).toBeGreaterThan(item.fields.beslutning!.span.start);
    expect(itemFoldRange(state, 0, state.doc.line(1).to)).toBeNull();
  });
});

describe('the live parse', () => {
  it('follows every edit; overrides map through changes and show as decorations', () => {
    let state = stateFor(text000);
    const item = meetingOf(state).sections[2]!.items[1]!;
    expect(item.number).toBe('3.2');
    state = state.update({ effects: setOverrides.of([{ id: 'o1', kind: 'not-heading', pos: item.titleSpan.start }]) }).state;
    expect(meetingOf(state).sections.flatMap((s) => s.items).map((i) => i.number)).not.toContain('3.2');
    expect(decorations(state).some((d) => d.cls === 'cm-override-line')).toBe(true);
    state = state.update({ changes: { from: 0, insert: 'En ny første linje\n' } }).state;
    const moved = state.field(liveParseField).overrides[0]!;
    expect(moved.pos).toBe(item.titleSpan.start + 'En ny første linje\n'.length);
    expect(meetingOf(state).sections.flatMap((s) => s.items).map((i) => i.number)).not.toContain('3.2');
    state = state.update({ effects: setOverrides.of([]) }).state;
    const again = meetingOf(state).sections[2]!.items[1]!;
    expect(again.number).toBe('3.2');
    expect(state.doc.sliceString(again.titleSpan.start, again.titleSpan.end)).toContain(again.title);
  });

  it('typing a heading creates an item live', () => {
    let state = stateFor(text000);
    const before = meetingOf(state).sections.flatMap((s) => s.items).length;
    const end = meetingOf(state).sections[2]!.items.at(-1)!.span.end;
    state = state.update({ changes: { from: end, insert: '\n3.9. Et nyt punkt\nSAG-2020-09999 abc\n\nBeslutning\nGodkendt.\n' } }).state;
    const items = meetingOf(state).sections.flatMap((s) => s.items);
    expect(items.length).toBe(before + 1);
    expect(items.find((i) => i.number === '3.9')?.title).toBe('Et nyt punkt');
  });
});

describe('configuration', () => {
  it('names the source through the liveParse facet', () => {
    const state = EditorState.create({ doc: text000, extensions: [liveParse({ source: { name: 'møde.pdf', url: 'https://www.kl.dk/x.pdf' } })] });
    expect(meetingOf(state).source).toMatchObject({ name: 'møde.pdf', url: 'https://www.kl.dk/x.pdf' });
    expect(meetingOf(stateFor(text000)).source.name).toBe('editor');
  });
});

describe('diagnostics', () => {
  it('become lint marks; OCR words offer a fix for one and for all', () => {
    const raw = seed('002_d4bf133e628f21e0.txt');
    const state = stateFor(parseMinutes(raw, { includeText: true }).text!);
    const lint = lintDiagnostics(state);
    expect(lint.length).toBe(meetingOf(state).diagnostics.length);
    const d = { severity: 'info' as const, code: 'ocr-word' as const, message: 'x', span: { start: 0, end: 3 }, suggestion: 'Møde', occurrences: [{ start: 0, end: 3 }, { start: 10, end: 13 }] };
    expect(ocrFix(d, true)).toMatchObject({ changes: [{ from: 0, to: 3, insert: 'Møde' }, { from: 10, to: 13, insert: 'Møde' }] });
    expect(ocrFix(d, false)).toMatchObject({ changes: [{ from: 0, to: 3, insert: 'Møde' }] });
  });
});

describe('annotation marks', () => {
  it('map through changes', () => {
    let state = stateFor('abc def ghi');
    state = state.update({ effects: setAnnotationRanges.of([{ id: 'a1', from: 4, to: 7 }]) }).state;
    state = state.update({ changes: { from: 0, insert: 'XX' } }).state;
    const found: [number, number][] = [];
    state.field(annotationMarksField).between(0, state.doc.length, (f, t) => void found.push([f, t]));
    expect(found).toEqual([[6, 9]]);
  });
});
