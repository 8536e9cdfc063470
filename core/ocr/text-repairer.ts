/**
 * The repairer the minutes parser uses: plain repair for running text, and for
 * titles also the real-word step ("Punkter til naeste mode" → "næste møde"),
 * which is worth its risk on a short heading line but not in body text: on
 * every title of a document judged damaged as a whole, and on a title where
 * another word was damaged otherwise.
 */
import type { TextRepairer } from '../minutes/parse.ts';
import type { Lexicon } from './lexicon.ts';
import { createRepairer, type RepairOptions, type RepairScope } from './repair.ts';

export function createDanishRepairer(lexicon: Lexicon, options: RepairOptions = {}): TextRepairer {
  const body = createRepairer(lexicon, options);
  const damagedTitles = createRepairer(lexicon, { ...options, realWordRepair: 'always' });
  const titles = createRepairer(lexicon, { ...options, realWordRepair: true });
  return {
    repairText: (text, scope?: RepairScope) => body.repairText(text, scope),
    damageScore: (text) => body.damageScore(text),
    repairTitle: (text, scope: RepairScope = 'document') =>
      scope === 'document' ? damagedTitles.repairText(text, scope).text : titles.repairText(text, scope).text,
  };
}
