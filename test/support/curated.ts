/** Curated documents for export tests: the seeds parsed as the CLI parses them, and annotated StudioDocs. */
import { readdirSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseMinutes } from '../../core/minutes/parse.ts';
import { createDanishRepairer } from '../../core/ocr/text-repairer.ts';
import { loadDanishLexicon } from '../../core/ocr/load-lexicon.node.ts';
import { curatedFromMeeting, type CuratedDocument } from '../../core/export/model.ts';
import { StudioDoc } from '../../core/document/studio-doc.ts';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const seedsDir = path.join(root, 'test/fixtures/seeds');
export const seedFiles = readdirSync(seedsDir).filter((f) => f.endsWith('.txt')).sort().map((f) => path.join(seedsDir, f));

let repairer: ReturnType<typeof createDanishRepairer> | null = null;
export const repair = () => (repairer ??= createDanishRepairer(loadDanishLexicon()));

/** Each seed parsed (with OCR repair, as the CLI does) into a curated document without annotations. */
export function seedDocuments(): CuratedDocument[] {
  return seedFiles.map((file) => {
    const bytes = readFileSync(file);
    const meeting = parseMinutes(bytes.toString('utf8'), {
      includeText: true,
      source: { name: path.basename(file), sha256: createHash('sha256').update(bytes).digest('hex') },
      repairer: repair,
    });
    return curatedFromMeeting(path.basename(file, '.txt'), meeting as CuratedDocument['meeting']);
  });
}

/** A StudioDoc holding `text`, with clock and ids under the test's control. */
export function studioDoc(text: string, start = Date.UTC(2026, 0, 5, 9)): StudioDoc {
  let t = start;
  let n = 0;
  const doc = new StudioDoc(undefined, { now: () => (t += 1000), newId: () => `id${++n}` });
  doc.setText(text);
  return doc;
}

/**
 * Seed 000 as a StudioDoc with two analysts' labels on the same items, a
 * comment with a reply, review states, an adjudication and an orphaned
 * annotation (its text deleted).
 */
export function annotatedSeed(file = seedFiles[0]!, analysts: readonly string[] = ['ana', 'bo'], orphan = 'videnspakke om nationale'): StudioDoc {
  const raw = readFileSync(file, 'utf8');
  const text = parseMinutes(raw, { includeText: true }).text!;
  const doc = studioDoc(text);
  doc.meta.set('source', { name: path.basename(file), sha256: createHash('sha256').update(readFileSync(file)).digest('hex'), url: `https://www.kl.dk/media/${path.basename(file, '.txt')}.pdf` });
  const at = (needle: string) => {
    const i = text.indexOf(needle);
    if (i < 0) throw new Error(`not in the seed: ${needle}`);
    return { from: i, to: i + needle.length };
  };
  const a1 = doc.addAnnotation({ ...at('godkendte dagsordenen'), labels: ['godkendt'], comment: 'Standardpunkt.', author: analysts[0]! });
  const firstComment = doc.annotationViews().find((a) => a.id === a1)!.comments[0]!.id;
  doc.addComment(a1, 'Enig – også for referatet.', analysts[1]!, firstComment);
  doc.addAnnotation({ ...at('godkendte dagsordenen'), labels: ['godkendt', 'økonomi'], author: analysts[1]! });
  doc.addAnnotation({ ...at('godkendte referatet'), labels: ['godkendt'], author: analysts[0]! });
  doc.addAnnotation({ ...at('godkendte referatet'), labels: ['drøftet'], author: analysts[1]! });
  const doomed = at(orphan);
  doc.addAnnotation({ ...doomed, labels: ['uddannelse'], author: analysts[0]! });
  doc.text.delete(doomed.from, doomed.to - doomed.from);
  doc.setReview('1.1', 'approved', analysts[0]!);
  doc.setReview('1.2', 'corrected');
  return doc;
}
