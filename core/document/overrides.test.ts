import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseMinutes } from '../minutes/parse.ts';
import { applyOverrides, lineAt, NOT_HEADING_MARK, parseWithOverrides, validateOverride, type PlacedOverride } from './overrides.ts';

const seed = (name: string) => readFileSync(new URL(`../../test/fixtures/seeds/${name}`, import.meta.url), 'utf8');
const text = parseMinutes(seed('000_0c2e4851483b96f9.txt'), { includeText: true }).text!;
const outline = (m: ReturnType<typeof parseWithOverrides>) => m.sections.flatMap((s) => s.items.map((i) => i.number));
const base = parseWithOverrides(text, []);
const item = (number: string) => base.sections.flatMap((s) => s.items).find((i) => i.number === number)!;
let n = 0;
const o = (x: Omit<PlacedOverride, 'id'>): PlacedOverride => ({ id: `o${n++}`, ...x });

describe('applyOverrides', () => {
  it('maps parser-input offsets back to the editor text', () => {
    const t = 'a\nb line\nc';
    const { input, toText } = applyOverrides(t, [o({ kind: 'item-start', number: '3.2', pos: 3 })]);
    expect(input).toBe('a\n3.2. b line\nc');
    expect(toText(input.indexOf('b line'))).toBe(2);
    expect(toText(input.indexOf('c'))).toBe(t.indexOf('c'));
    expect(toText(2)).toBe(2); // inside the inserted number: its insertion point
  });

  it('replaces a number the line already has, removes ignored lines, marks non-headings', () => {
    expect(applyOverrides('x\n3.1. Foo\ny', [o({ kind: 'item-start', number: '3.4', pos: 4 })]).input).toBe('x\n3.4. Foo\ny');
    expect(applyOverrides('x\nSIDE | 4\ny', [o({ kind: 'ignore-line', pos: 2 })]).input).toBe('x\n\ny');
    expect(applyOverrides('x\n3.1. Foo', [o({ kind: 'not-heading', pos: 2 })]).input).toBe(`x\n${NOT_HEADING_MARK}3.1. Foo`);
    expect(applyOverrides('3.1. Foo\n\nSAG-2020-1 ab', [o({ kind: 'not-heading', pos: 0 })]).input).toBe(`${NOT_HEADING_MARK}3.1. Foo\n\n${NOT_HEADING_MARK}SAG-2020-1 ab`);
    expect(applyOverrides('x\nGodkendt.', [o({ kind: 'field-start', field: 'beslutning', pos: 2 })]).input).toBe('x\nBeslutning\nGodkendt.');
  });

  it('lets the later of two overrides on one line win', () => {
    const r = applyOverrides('x\n3.1. Foo', [o({ kind: 'not-heading', pos: 2 }), o({ kind: 'item-start', number: '3.1', pos: 5 })]);
    expect(r.input).toBe('x\n3.1. Foo');
  });

  it('validates arguments', () => {
    expect(validateOverride({ kind: 'item-start', number: '3' })).toMatch(/3\.2/);
    expect(validateOverride({ kind: 'item-start', number: '3.2' })).toBeNull();
    expect(validateOverride({ kind: 'meeting-date', value: '19-06-2020' })).toMatch(/2020-06-19/);
  });

  it('finds lines', () => {
    expect(lineAt('ab\ncd\n', 4)).toEqual({ start: 3, end: 5 });
    expect(lineAt('ab\ncd\n', 3)).toEqual({ start: 3, end: 5 });
    expect(lineAt('ab', 0)).toEqual({ start: 0, end: 2 });
  });
});

describe('parseWithOverrides on seed 000', () => {
  it('without overrides equals the plain parse, spans in the editor text', () => {
    expect(outline(base)).toEqual(outline(parseMinutes(text)));
    const i = item('3.2');
    expect(text.slice(i.titleSpan.start, i.titleSpan.end)).toContain(i.title.slice(0, 20));
  });

  it('"not a heading" drops an item; "this line starts item" brings it back with editor spans', () => {
    const i = item('3.2');
    const broken = parseWithOverrides(text, [o({ kind: 'not-heading', pos: i.titleSpan.start })]);
    expect(outline(broken)).not.toContain('3.2');
    const fixed = parseWithOverrides(text, [o({ kind: 'not-heading', pos: i.titleSpan.start }), o({ kind: 'item-start', number: '3.2', pos: i.titleSpan.start })]);
    expect(outline(fixed)).toEqual(outline(base));
    const j = fixed.sections.flatMap((s) => s.items).find((x) => x.number === '3.2')!;
    expect(j.titleSpan).toMatchObject({ start: i.titleSpan.start, end: i.titleSpan.end });
    expect(j.title).toBe(i.title);
  });

  it('"merge with previous item" folds an item into the one before it', () => {
    const i = item('3.2');
    const m = parseWithOverrides(text, [o({ kind: 'merge-previous', pos: i.titleSpan.start })]);
    const prev = m.sections.flatMap((s) => s.items).find((x) => x.number === '3.1')!;
    expect(m.sections.flatMap((s) => s.items).some((x) => x.titleSpan.start === i.titleSpan.start)).toBe(false);
    expect(prev.span.end).toBeGreaterThan(i.titleSpan.start);
  });

  it('sets the meeting date and body and keeps the text', () => {
    const m = parseWithOverrides(text, [o({ kind: 'meeting-date', value: '2001-02-03', pos: 0 }), o({ kind: 'meeting-body', value: 'KKR Test', pos: 0 })]);
    expect(m.date).toBe('2001-02-03');
    expect(m.body).toBe('KKR Test');
    expect(m.text).toBe(text);
  });

  it('"field Beslutning starts here" moves where the decision starts', () => {
    const i = item('3.2');
    const b = i.fields.beslutning!;
    const decisionLine = lineAt(text, b.span.start);
    const next = decisionLine.end + 1; // the line after the "Beslutning" sub-heading
    const m = parseWithOverrides(text, [o({ kind: 'not-heading', pos: decisionLine.start }), o({ kind: 'field-start', field: 'beslutning', pos: next })]);
    const j = m.sections.flatMap((s) => s.items).find((x) => x.number === '3.2')!;
    expect(j.fields.beslutning!.span.start).toBe(next);
    expect(j.fields.beslutning!.text).not.toContain(NOT_HEADING_MARK);
  });
});
