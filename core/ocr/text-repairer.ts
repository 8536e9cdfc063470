/**
 * The repairer the minutes parser uses: plain repair for running text, and for
 * titles also the real-word step ("Punkter til naeste mode" → "næste møde"),
 * which is worth its risk on a short heading line but not in body text.
 */
import type { TextRepairer } from '../minutes/parse.ts';
import type { Lexicon } from './lexicon.ts';
import { createRepairer, type RepairOptions } from './repair.ts';

export function createDanishRepairer(lexicon: Lexicon, options: RepairOptions = {}): TextRepairer {
  const body = createRepairer(lexicon, options);
  // Only called for documents already judged damaged, so every heading line is suspect.
  const titles = createRepairer(lexicon, { ...options, realWordRepair: 'always' });
  return {
    repairText: (text) => body.repairText(text),
    damageScore: (text) => body.damageScore(text),
    repairTitle: (text) => titles.repairText(text).text,
  };
}
