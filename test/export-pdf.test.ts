/**
 * Provenance of documents curated in the editor: a PDF read there keeps its
 * text runs, so every span of the dataset — items made later by an override,
 * text moved by edits — still points at its place on the page; and the runs
 * travel through documents.jsonl, so export → import → export is unchanged.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { PageBox } from '../core/minutes/model.ts';
import type { PdfjsLike } from '../core/pdf/extract.ts';
import { parsePdf, type PdfParseResult } from '../core/pdf/parse-pdf.ts';
import { documentsToJsonl, importJsonl } from '../core/export/jsonl.ts';
import { datasetRows } from '../core/export/rows.ts';
import { curatedFromStudioDoc, writeCuratedToStudioDoc } from '../core/document/curate.ts';
import { StudioDoc } from '../core/document/studio-doc.ts';
import { buildMinutesPdf, readGold, readSeed } from './fixtures/pdf/generate.ts';
import { studioDoc } from './support/curated.ts';

const SEED = '000_0c2e4851483b96f9.txt';
const pdfjsRoot = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
const params = { standardFontDataUrl: `${pdfjsRoot}/standard_fonts/`, cMapUrl: `${pdfjsRoot}/cmaps/`, cMapPacked: true };

let read: PdfParseResult;

beforeAll(async () => {
  const pdf = await buildMinutesPdf(readSeed(SEED), { gold: readGold(SEED) });
  read = await parsePdf(pdfjs as unknown as PdfjsLike, pdf.bytes, { params, fontNames: true, includeText: true, source: { name: 'referat.pdf', sha256: 'ab'.repeat(32) } });
}, 60_000);

/** A StudioDoc as the editor makes it from a PDF import: text, source and page runs. */
function imported(): StudioDoc {
  const doc = studioDoc(read.meeting.text!);
  doc.meta.set('fileName', 'referat.pdf');
  doc.meta.set('source', read.meeting.source);
  doc.setPageRuns(read.runs);
  return doc;
}

const near = (a: PageBox[] | undefined, b: PageBox[] | undefined) =>
  (a ?? []).length === (b ?? []).length && (a ?? []).every((x, i) => x.page === b![i]!.page && (['x', 'y', 'width', 'height'] as const).every((k) => Math.abs(x[k] - b![i]![k]) <= 6));

describe('page boxes of documents curated in the editor', () => {
  it('every item, title and field gets the boxes the PDF parse gave it, and the source its fingerprint', () => {
    const curated = curatedFromStudioDoc('doc', imported());
    const rows = datasetRows([curated]);
    const pdfItems = read.meeting.sections.flatMap((s) => s.items);
    expect(rows).toHaveLength(pdfItems.length);
    for (const [i, row] of rows.entries()) {
      const item = pdfItems[i]!;
      expect(near(row.span.pages, item.span.pages), `item ${row.number}`).toBe(true);
      expect(near(row.titleSpan.pages, item.titleSpan.pages), `title ${row.number}`).toBe(true);
      expect(row.titleSpan.pages!.length).toBeGreaterThan(0);
    }
    expect(rows[0]!.source).toMatchObject({ name: 'referat.pdf', fingerprint: read.meeting.source.pdf!.fingerprint, pages: read.pdf.pages.length });
  });

  it('follows edits: text typed above an item leaves its boxes on the page where they were', () => {
    const doc = imported();
    const before = datasetRows([curatedFromStudioDoc('doc', doc)]).find((r) => r.number === '3.1')!;
    doc.text.insert(0, 'Rettet forside.\n\n');
    const after = datasetRows([curatedFromStudioDoc('doc', doc)]).find((r) => r.number === '3.1')!;
    expect(after.titleSpan.start).toBe(before.titleSpan.start + 17);
    expect(after.titleSpan.pages).toEqual(before.titleSpan.pages);
  });

  it('travels through documents.jsonl: export → import → export gives the same bytes', () => {
    const jsonl = documentsToJsonl([curatedFromStudioDoc('doc', imported())]);
    const back = importJsonl(jsonl);
    expect(back.ok).toBe(true);
    if (!back.ok) return;
    expect(back.documents[0]!.pageRuns!.length).toBeGreaterThan(100);
    const copy = new StudioDoc();
    writeCuratedToStudioDoc(back.documents[0]!, copy);
    expect(documentsToJsonl([curatedFromStudioDoc('doc', copy)])).toBe(jsonl);
  });
});
