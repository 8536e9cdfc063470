/**
 * Scanned PDFs through the real `referat parse`: the five seed PDFs rendered by
 * pdftoppm and wrapped as image-only PDFs at 150 dpi, one at 300 dpi, and one
 * mixed document (text pages, scanned pages, and a scanned page over a garbage
 * text layer), all in one run (OCR on every core, pages in parallel). Each must
 * parse to its seed's gold, its items carry page boxes where the text-layer PDF
 * has them, and stderr says how far OCR has come, page by page.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Meeting, PageBox } from '../core/minutes/model.ts';
import type { PdfjsLike } from '../core/pdf/extract.ts';
import { parsePdf } from '../core/pdf/parse-pdf.ts';
import { fixtures } from './fixtures/pdf/generate.ts';
import { scanPdf, type ScanOptions } from './fixtures/pdf/scanned.ts';
import { referat } from './support/referat.ts';
// @ts-expect-error plain JavaScript module without types
import { score } from './fixtures/score-structure.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pdfjsRoot = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
const params = { standardFontDataUrl: `${pdfjsRoot}/standard_fonts/`, cMapUrl: `${pdfjsRoot}/cmaps/`, cMapPacked: true };

interface Case {
  file: string;
  seed: string;
  scan: ScanOptions;
}

const seeds = fixtures().filter((f) => f.kind === 'referat');
const MIXED: ScanOptions = { dpi: 150, pages: [3, 9], garbage: [12] };
const cases: Case[] = [
  ...seeds.map((f) => ({ file: f.file.replace('.pdf', '.scan150.pdf'), seed: f.file, scan: { dpi: 150 } })),
  { file: '003_018046a384c397c7.scan300.pdf', seed: '003_018046a384c397c7.pdf', scan: { dpi: 300 } },
  { file: '001_9e1bcf5ac8b7483e.mixed.pdf', seed: '001_9e1bcf5ac8b7483e.pdf', scan: MIXED },
];

let dir: string;
const textLayer = new Map<string, Meeting>();
const scanned = new Map<string, Meeting>();
let stderr = '';

beforeAll(async () => {
  execFileSync(process.execPath, [path.join(root, 'core/cli/build.mjs')], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  dir = await mkdtemp(path.join(tmpdir(), 'referat-ocr-'));
  const built = new Map<string, Uint8Array>();
  for (const f of seeds) built.set(f.file, (await f.build()).bytes);
  for (const c of cases) {
    await writeFile(path.join(dir, c.file), await scanPdf(built.get(c.seed)!, c.scan));
    if (!textLayer.has(c.seed)) {
      const { meeting } = await parsePdf(pdfjs as unknown as PdfjsLike, built.get(c.seed)!, { params, fontNames: true, source: { name: c.seed } });
      textLayer.set(c.seed, meeting);
    }
  }
  const run = await referat(['parse', ...cases.map((c) => path.join(dir, c.file)), '--format', 'jsonl', '-o', path.join(dir, 'out.jsonl')]);
  stderr = run.stderr;
  expect(run.code, run.stderr).toBe(0);
  const lines = (await readFile(path.join(dir, 'out.jsonl'), 'utf8')).trim().split('\n');
  cases.forEach((c, i) => scanned.set(c.file, JSON.parse(lines[i]!) as Meeting));
}, 40 * 60_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const gold = (seed: string) => JSON.parse(execFileSync('cat', [path.join(root, 'test/fixtures/gold', seed.replace('.pdf', '.json'))], { encoding: 'utf8' }));
const items = (m: Meeting) => m.sections.flatMap((s) => s.items);

describe.each(cases)('$file', (c) => {
  it('parses to its seed’s gold', () => {
    const s = score(gold(c.seed), scanned.get(c.file)!);
    const bar = { itemF1: 0.95, caseNumberAcc: 0.95, fieldsAcc: 0.9, date: 1, body: 1, kind: 1 };
    const below = Object.entries(bar).filter(([k, min]) => s[k] < min).map(([k]) => `${k}=${s[k]}`);
    expect(below, JSON.stringify(s)).toEqual([]);
  });

  it('gives items and fields on scanned pages page boxes where the text-layer PDF has them', () => {
    const fromText = new Map(items(textLayer.get(c.seed)!).map((i) => [i.number, i]));
    let compared = 0;
    for (const item of items(scanned.get(c.file)!)) {
      const twin = fromText.get(item.number);
      if (!twin) continue;
      const near = (a: PageBox[] | undefined, b: PageBox[] | undefined) => {
        expect(a?.length, `item ${item.number}`).toBeGreaterThan(0);
        const [x, y] = [a![0]!, b![0]!];
        expect(x.page, `item ${item.number}`).toBe(y.page);
        // Same place on the page, to a few points (OCR boxes hug the ink, text boxes the font's em).
        expect(Math.abs(x.x - y.x), `item ${item.number} x`).toBeLessThan(8);
        expect(Math.abs(x.y + x.height - (y.y + y.height)), `item ${item.number} top`).toBeLessThan(10);
      };
      near(item.titleSpan?.pages ?? item.span.pages, twin.titleSpan?.pages ?? twin.span.pages);
      const field = item.fields.beslutning ?? item.fields.indstilling;
      const twinField = twin.fields.beslutning ?? twin.fields.indstilling;
      if (field && twinField) near(field.span.pages, twinField.span.pages);
      compared++;
    }
    expect(compared).toBeGreaterThan(0);
  });

  it('names the pages read with OCR, and says on stderr how far OCR came, page by page', () => {
    const total = c.scan.pages ? c.scan.pages.length + (c.scan.garbage?.length ?? 0) : textLayer.get(c.seed)!.source.pages!;
    const ocrPages = scanned.get(c.file)!.diagnostics.filter((d) => d.code === 'ocr-page');
    expect(ocrPages).toHaveLength(total);
    // Each page says how sure OCR was (a page of little text is read with less confidence); most are read well.
    const confidence = ocrPages.map((d) => Number(d.params?.confidence)).sort((x, y) => x - y);
    expect(confidence.every((x) => x >= 0 && x <= 100)).toBe(true);
    expect(confidence[Math.floor(confidence.length / 2)]).toBeGreaterThanOrEqual(80);
    const progress = stderr.split('\n').filter((l) => l.startsWith(`referat: ${c.file}: OCR `));
    expect(progress).toHaveLength(total);
    expect(progress.at(-1)).toMatch(new RegExp(`OCR ${total}/${total} pages`));
  });
});

it('reads the mixed document’s garbage text layer again with OCR, and keeps its real text layer', () => {
  const m = scanned.get('001_9e1bcf5ac8b7483e.mixed.pdf')!;
  const pages = m.diagnostics.filter((d) => d.code === 'ocr-page').map((d) => [d.params?.page, d.params?.reason]);
  expect(pages).toEqual([
    [3, 'image'],
    [9, 'image'],
    [12, 'garbled'],
  ]);
  expect(m.diagnostics.map((d) => d.code)).not.toContain('no-text-layer');
});
