/**
 * The review queue: the next (or previous) unreviewed item, first in the
 * active document from the cursor on, then in the library's documents in the
 * explorer's order, so an analyst works through the items without the mouse.
 */
import { parseWithOverrides } from '../../core/document/overrides.ts';
import type { ReviewStatus } from '../../core/document/studio-doc.ts';
import type { Meeting } from '../../core/minutes/model.ts';
import type { Library } from './library.ts';
import type { DocumentSession } from './session.ts';
import type { Settings } from './settings.ts';
import type { Tabs } from './tabs.ts';
import type { Ui } from './ui.ts';

/** The numbers of a meeting's unreviewed items, in order. Pure. */
export function unreviewedItems(meeting: Pick<Meeting, 'sections'> | null, review: Record<string, ReviewStatus>): string[] {
  const numbers = meeting ? meeting.sections.flatMap((s) => s.items.map((i) => i.number)) : [];
  return [...new Set(numbers)].filter((n) => (review[n] ?? 'unreviewed') === 'unreviewed');
}

/**
 * The unreviewed item after (`dir` 1) or before (-1) item `current` among
 * `numbers` (a meeting's items in order), or null. Pure.
 */
export function stepWithin(numbers: readonly string[], unreviewed: readonly string[], current: string | null, dir: 1 | -1): string | null {
  const open = new Set(unreviewed);
  const at = current === null ? -1 : numbers.indexOf(current);
  if (dir === 1) return numbers.slice(at + 1).find((n) => open.has(n)) ?? null;
  return (at < 0 ? [] : numbers.slice(0, at)).reverse().find((n) => open.has(n)) ?? null;
}

export class Queue {
  constructor(
    private readonly session: DocumentSession,
    private readonly tabs: Tabs,
    private readonly library: Library,
    private readonly settings: Settings,
    private readonly ui: Ui,
    private readonly openAt: (id: string, item: string) => Promise<void>,
  ) {}

  /** Goes to the next (1) or previous (-1) unreviewed item, in this document and then across the library. */
  async step(dir: 1 | -1): Promise<void> {
    const { meeting, review, currentItem } = this.session.get();
    const active = this.tabs.get().active;
    if (meeting && active) {
      const numbers = meeting.sections.flatMap((s) => s.items.map((i) => i.number));
      const here = stepWithin(numbers, unreviewedItems(meeting, review), currentItem, dir);
      if (here) return this.session.jumpToItem(here);
    }
    const docs = this.library.visible().filter((e) => !e.mergedInto);
    const at = active ? docs.findIndex((e) => e.id === active) : -1;
    const order = dir === 1 ? docs.slice(at + 1) : (at < 0 ? docs : docs.slice(0, at)).reverse();
    for (const entry of order) {
      if (entry.review === 'reviewed') continue;
      const open = await this.tabs.withDocument(entry.id, (doc) => {
        const text = doc.text.toString();
        if (!text) return [];
        const m = parseWithOverrides(text, doc.placedOverrides(text), {});
        return unreviewedItems(m, doc.reviewState(m, text).review);
      });
      const target = dir === 1 ? open[0] : open[open.length - 1];
      if (target) return this.openAt(entry.id, target);
    }
    this.ui.info(this.settings.t('queueDone'));
  }
}
