/**
 * The regions the viewer draws over each page: item headings, case lines, the
 * four fields and decisions, with the page boxes the parser gave their spans.
 */
import { FIELD_NAMES, type FieldName, type Meeting, type PageBox } from '../../core/minutes/model.ts';

export type OverlayKind = 'item' | 'field' | 'case' | 'decision' | 'attachment' | 'diagnostic';

export interface Overlay {
  kind: OverlayKind;
  /** The item the region belongs to ('' for a diagnostic outside any item). */
  itemNumber: string;
  field?: FieldName;
  /** For a diagnostic: its message, shown as the region's title. */
  message?: string;
  box: PageBox;
}

/** Overlays by page number (1-based), in document order within a page. */
export function overlaysByPage(meeting: Meeting): Map<number, Overlay[]> {
  const out = new Map<number, Overlay[]>();
  const add = (kind: OverlayKind, itemNumber: string, boxes: PageBox[] | undefined, field?: FieldName) => {
    for (const box of boxes ?? []) {
      let list = out.get(box.page);
      if (!list) out.set(box.page, (list = []));
      list.push(field ? { kind, itemNumber, field, box } : { kind, itemNumber, box });
    }
  };
  for (const section of meeting.sections) {
    for (const item of section.items) {
      for (const name of FIELD_NAMES) {
        const field = item.fields[name];
        if (field) add(name === 'beslutning' ? 'decision' : 'field', item.number, field.span.pages, name);
      }
      add('item', item.number, item.titleSpan.pages);
      if (item.caseSpan) add('case', item.number, item.caseSpan.pages);
      for (const a of item.attachments) add('attachment', item.number, a.pages);
    }
  }
  for (const d of meeting.diagnostics) {
    for (const box of d.span?.pages ?? []) {
      let list = out.get(box.page);
      if (!list) out.set(box.page, (list = []));
      list.push({ kind: 'diagnostic', itemNumber: itemAt(meeting, d.span!.start) ?? '', message: d.message, box });
    }
  }
  return out;
}

/** The number of the item whose span holds `offset`, or null. */
function itemAt(meeting: Meeting, offset: number): string | null {
  for (const s of meeting.sections) for (const i of s.items) if (i.span.start <= offset && offset < i.span.end) return i.number;
  return null;
}

/** The first page an item's heading is on, or null. */
export function itemPage(meeting: Meeting, number: string): number | null {
  for (const s of meeting.sections) for (const i of s.items) if (i.number === number) return i.titleSpan.pages?.[0]?.page ?? i.span.pages?.[0]?.page ?? null;
  return null;
}

/** Item numbers in document order. */
export function itemNumbers(meeting: Meeting): string[] {
  return meeting.sections.flatMap((s) => s.items.map((i) => i.number));
}

/** `#item=3.2` → `3.2`, or null. */
export function itemFromHash(hash: string): string | null {
  const m = /(?:^#|&)item=([0-9][0-9.]*[0-9]|[0-9])(?:&|$)/.exec(hash);
  return m ? m[1]! : null;
}
