import { describe, expect, it } from 'vitest';
import { parseMinutes } from '../../core/minutes/parse.ts';
import { readSeed } from '../../test/fixtures/pdf/generate.ts';
import { itemFromHash, itemNumbers, itemPage, overlaysByPage } from './overlays.ts';

describe('overlays', () => {
  const meeting = parseMinutes(readSeed('000_0c2e4851483b96f9'));
  // Text has no page boxes; give every title a box on page 2 to see them grouped.
  for (const s of meeting.sections) for (const i of s.items) i.titleSpan.pages = [{ page: 2, x: 1, y: 2, width: 3, height: 4 }];

  it('groups heading boxes by page, one per item', () => {
    const pages = overlaysByPage(meeting);
    const items = pages.get(2)!.filter((o) => o.kind === 'item');
    expect(items.map((o) => o.itemNumber)).toEqual(itemNumbers(meeting));
    expect(itemPage(meeting, items[0]!.itemNumber)).toBe(2);
    expect(itemPage(meeting, '99.9')).toBeNull();
  });
  it('draws diagnostics where they point, inside their item', () => {
    const item = meeting.sections[0]!.items[0]!;
    meeting.diagnostics.push({ severity: 'warning', code: 'missing-decision', message: 'x', span: { start: item.span.start, end: item.span.start + 3, pages: [{ page: 5, x: 0, y: 0, width: 1, height: 1 }] } });
    expect(overlaysByPage(meeting).get(5)).toEqual([{ kind: 'diagnostic', itemNumber: item.number, message: 'x', box: { page: 5, x: 0, y: 0, width: 1, height: 1 } }]);
  });
  it('reads deep links', () => {
    expect(itemFromHash('#item=3.2')).toBe('3.2');
    expect(itemFromHash('#x=1&item=10.12')).toBe('10.12');
    expect(itemFromHash('#item=3.')).toBeNull();
    expect(itemFromHash('')).toBeNull();
  });
});
