/**
 * The repairer the minutes parser uses: plain repair for running text, and for
 * titles also the real-word step ("Punkter til naeste mode" → "næste møde",
 * "regionale mal" → "mål"), which is worth its risk on a short heading line but
 * not in body text. The parser asks for titles only in a document where OCR
 * repair changed words (judged damaged as a whole, or some words damaged).
 */
import type { TextRepairer } from '../minutes/parse.ts';
import type { Lexicon } from './lexicon.ts';
import { createRepairer, type RepairOptions, type RepairScope } from './repair.ts';

export function createDanishRepairer(lexicon: Lexicon, options: RepairOptions = {}): TextRepairer {
  const body = createRepairer(lexicon, options);
  const titles = createRepairer(lexicon, { ...options, realWordRepair: 'always' });
  return {
    repairText: (text, scope?: RepairScope) => body.repairText(text, scope),
    damageScore: (text) => body.damageScore(text),
    repairTitle: (text, scope?: RepairScope) => titles.repairText(text, scope).text,
  };
}
