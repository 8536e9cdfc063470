/**
 * PDFs through pdf.js: the generated fixtures, from both producers (pdf-lib's
 * CID fonts, pdfkit's simple WinAnsi fonts), parse to their seed's gold with the
 * same accuracy as text, every span carries page boxes that lie on the text they
 * mark, and broken files fail with a clear reason.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { parseMinutes, type TextRepairer } from '../core/minutes/parse.ts';
import type { Item, Meeting, PageBox } from '../core/minutes/model.ts';
import { extractPdf, PdfError, type PdfjsLike } from '../core/pdf/extract.ts';
import { parsePdf, type PdfParseResult } from '../core/pdf/parse-pdf.ts';
import { boxesForRuns } from '../core/pdf/text-layer.ts';
import { forEverySpan } from '../core/minutes/spans.ts';
import { createDanishRepairer } from '../core/ocr/index.ts';
import { loadDanishLexicon } from '../core/ocr/load-lexicon.node.ts';
import { fixtures, pdfkitFixtures, type Fixture, type GeneratedPdf, type Run } from './fixtures/pdf/generate.ts';
// @ts-expect-error plain JavaScript module without types
import { score } from './fixtures/score-structure.mjs';

const lib = pdfjs as unknown as PdfjsLike;
const pdfjsRoot = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
const params = { standardFontDataUrl: `${pdfjsRoot}/standard_fonts/`, cMapUrl: `${pdfjsRoot}/cmaps/`, cMapPacked: true };
const gold = (name: string) => JSON.parse(readFileSync(fileURLToPath(new URL(`./fixtures/gold/${name}`, import.meta.url)), 'utf8'));

let repairer: TextRepairer;
const built = new Map<string, { bytes: Uint8Array; pdf: GeneratedPdf | null; parsed?: PdfParseResult }>();
// Every fixture, and the five documents again from a second producer (pdfkit: simple fonts, WinAnsi).
const all = [...fixtures(), ...pdfkitFixtures()];
const byKind = (kind: Fixture['kind']) => all.filter((f) => f.kind === kind);

async function parsed(file: string): Promise<{ bytes: Uint8Array; pdf: GeneratedPdf; parsed: PdfParseResult }> {
  const entry = built.get(file)!;
  entry.parsed ??= await parsePdf(lib, entry.bytes, { params, fontNames: true, repairer, source: { name: file } });
  return entry as { bytes: Uint8Array; pdf: GeneratedPdf; parsed: PdfParseResult };
}

beforeAll(async () => {
  repairer = createDanishRepairer(loadDanishLexicon());
  for (const f of all) built.set(f.file, await f.build());
}, 120_000);

const BAR = { date: 1, kind: 1, body: 1, sectionF1: 1, itemNumberF1: 1, itemF1: 1, caseNumberAcc: 1, caseworkersAcc: 1, fieldsAcc: 1, decisionAcc: 0.98, participantsF1: 1, absentF1: 1 };

function below(scores: Record<string, number>, bar: Record<string, number>): string[] {
  return Object.entries(bar)
    .filter(([k, min]) => k in scores && scores[k]! < min)
    .map(([k]) => `${k}=${scores[k]}`);
}

const items = (m: Meeting): Item[] => m.sections.flatMap((s) => s.items);

describe.each(byKind('referat'))('$file', (fixture) => {
  it('parses to the gold with the accuracy of text', async () => {
    const { parsed: r } = await parsed(fixture.file);
    expect(below(score(gold(fixture.gold!), r.meeting), BAR)).toEqual([]);
  });

  it('yields the same Meeting as its own text layer', async () => {
    const { parsed: r } = await parsed(fixture.file);
    const fromText = parseMinutes(r.pdf.layer.text, { repairer });
    const shape = (m: Meeting) => m.sections.map((s) => [s.number, s.title, s.items.map((i) => [i.number, i.title, i.caseNumber, Object.keys(i.fields)])]);
    expect(shape(r.meeting)).toEqual(shape(fromText));
    expect([r.meeting.date, r.meeting.body, r.meeting.kind]).toEqual([fromText.date, fromText.body, fromText.kind]);
  });

  it('gives every span (sections, items, fields, attachments, people, diagnostics) page boxes on real pages', async () => {
    const { parsed: r } = await parsed(fixture.file);
    const pages = r.pdf.pages.length;
    let n = 0;
    forEverySpan(r.meeting, (span) => {
      if (span.end === span.start) return;
      n++;
      expect(span.pages?.length, `span ${span.start}-${span.end}`).toBeGreaterThan(0);
      for (const b of span.pages!) {
        expect(b.page).toBeGreaterThanOrEqual(1);
        expect(b.page).toBeLessThanOrEqual(pages);
        expect(b.width).toBeGreaterThan(0);
        expect(b.height).toBeGreaterThan(0);
      }
    });
    expect(n).toBeGreaterThan(20);
  });

  it('keeps its runs in the coordinates of Meeting.text: they give every span the boxes the parse gave it', async () => {
    const { parsed: r } = await parsed(fixture.file);
    expect(r.runs.length).toBeGreaterThan(100);
    for (let i = 1; i < r.runs.length; i++) expect(r.runs[i]!.start).toBeGreaterThanOrEqual(r.runs[i - 1]!.end);
    // Within about a character: normalization may join or drop characters inside a run, which moves a per-character split.
    const near = (a: PageBox[], b: PageBox[]) =>
      a.length === b.length && a.every((x, i) => x.page === b[i]!.page && (['x', 'y', 'width', 'height'] as const).every((k) => Math.abs(x[k] - b[i]![k]) <= 6));
    forEverySpan(r.meeting, (span) => {
      const again = boxesForRuns(r.runs, span.start, span.end);
      expect(near(again, span.pages ?? []), `span ${span.start}-${span.end}: ${JSON.stringify(again)} vs ${JSON.stringify(span.pages)}`).toBe(true);
    });
  });

  it("puts each item's box on the page where its title is drawn, covering the title's glyphs", async () => {
    const { parsed: r, pdf } = await parsed(fixture.file);
    for (const item of items(r.meeting)) {
      const page = pdf.pages.find((p) => p.anchors.some((a) => a.level === 2 && a.number === item.number));
      expect(page, `item ${item.number} is anchored in the fixture`).toBeDefined();
      const titleBox = item.titleSpan.pages?.[0];
      expect(titleBox?.page, `title of ${item.number}`).toBe(page!.number);
      expect(item.span.pages?.[0]?.page).toBe(page!.number);
      // The heading's first line: "3.2. Title…", or where the number stands apart, the title's first words.
      const printed = item.titleRaw ?? item.title;
      const glyphs = page!.runs.filter(
        (run: Run) => run.role === 'item' && (run.text.startsWith(`${item.number}. `) || printed.startsWith(run.text.replace(/-$/, '').trim())),
      );
      expect(glyphs.length, `title runs of ${item.number}`).toBeGreaterThan(0);
      for (const run of glyphs) expect(covers(item.span.pages![0]!, run), `${item.number}: ${run.text}`).toBe(true);
      expect(glyphs.some((run) => covers(titleBox!, run))).toBe(true);
    }
  });

  it('parses what another extractor (pdftotext) makes of it, contents as a column of numbers included', async () => {
    const { bytes } = await parsed(fixture.file);
    const dir = mkdtempSync(path.join(tmpdir(), 'referat-pdftotext-'));
    try {
      writeFileSync(path.join(dir, 'in.pdf'), bytes);
      const run = spawnSync('pdftotext', [path.join(dir, 'in.pdf'), '-'], { encoding: 'utf8' });
      expect(run.error, 'pdftotext (poppler-utils) must be installed').toBeUndefined();
      // pdftotext joins "2026-" + "2030" into "20262030" on its own; one such title may differ.
      const bar = { ...BAR, itemF1: 0.94, decisionAcc: 0.92 };
      expect(below(score(gold(fixture.gold!), parseMinutes(run.stdout, { repairer })), bar)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('records the source: pages, PDF metadata and fingerprint', async () => {
    const { parsed: r, pdf, bytes } = await parsed(fixture.file);
    expect(r.meeting.source.pages).toBe(pdf.pages.length);
    expect(r.meeting.source.pdf).toMatchObject({ title: pdf.metadata.title, author: 'KL', creator: 'Microsoft Word' });
    expect(r.meeting.source.pdf?.fingerprint).toMatch(/^[0-9a-f]{32}$/);
    expect(r.meeting.source.pdf?.creationDate).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(bytes.length).toBeGreaterThan(1000);
  });
});

/** The box holds the run's glyphs (its baseline to the x-height, its full width), give or take a point. */
function covers(box: PageBox, run: Run): boolean {
  const tol = 1;
  return box.x - tol <= run.x && box.x + box.width + tol >= run.x + run.width && box.y - tol <= run.y && box.y + box.height + tol >= run.y + run.size * 0.7;
}

describe('other PDFs', () => {
  it('reads an agenda: DAGSORDEN letter-spaced on the cover, items without decisions', async () => {
    const [agenda] = byKind('dagsorden');
    const { parsed: r } = await parsed(agenda!.file);
    const g = gold(agenda!.gold!);
    expect(r.meeting.kind).toBe('dagsorden');
    expect(items(r.meeting).map((i) => [i.number, i.title])).toEqual(g.sections.flatMap((s: { items: { number: string; title: string }[] }) => s.items.map((i) => [i.number, i.title])));
    expect(items(r.meeting).every((i) => !i.fields.beslutning)).toBe(true);
    expect(r.meeting.diagnostics.map((d) => d.code)).not.toContain('missing-decision');
  });

  it('reads a two-page document', async () => {
    const { parsed: r } = await parsed('two-page.pdf');
    expect(r.meeting.sections.map((s) => [s.number, s.items.map((i) => i.number)])).toEqual([['1', ['1.1']]]);
    expect(r.meeting.source.pages).toBe(2);
  });

  it('names a page without a text layer and still parses the rest', async () => {
    const [scan] = byKind('image-page');
    const { parsed: r } = await parsed(scan!.file);
    const missing = r.meeting.diagnostics.filter((d) => d.code === 'no-text-layer');
    expect(missing.map((d) => d.message)).toEqual([expect.stringContaining('Page 5 ')]);
    expect(items(r.meeting).length).toBeGreaterThanOrEqual(10);
  });

  it.each(byKind('long'))('reads $file to the end, numbering consistent', async (f) => {
    const { parsed: r, pdf } = await parsed(f.file);
    const expected = pdf.structure.flatMap((s) => s.items.map((i) => i.number));
    expect(items(r.meeting).map((i) => i.number)).toEqual(expected);
  });

  it.each([
    ['encrypted', 'encrypted', /encrypted/],
    ['truncated', 'damaged', /damaged or truncated/],
    ['empty', 'empty', /empty file/],
    ['junk', 'not-pdf', /not a PDF/],
  ] as const)('refuses a %s file with a one-line reason', async (kind, reason, message) => {
    const [f] = byKind(kind);
    const error = await extractPdf(lib, built.get(f!.file)!.bytes, { params }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PdfError);
    expect((error as PdfError).reason).toBe(reason);
    expect((error as PdfError).message).toMatch(message);
    expect((error as PdfError).message).not.toContain('\n');
  });

  it('refuses an oversized file before reading it', async () => {
    const bytes = built.get('two-page.pdf')!.bytes;
    await expect(extractPdf(lib, bytes, { maxBytes: 1000 })).rejects.toMatchObject({ reason: 'too-large' });
  });
});
