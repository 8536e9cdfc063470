import type { Meeting, Span } from './model.ts';

/**
 * Calls `f` on every span of a meeting: people, sections, items (whole, title,
 * case line, fields, attachments) and diagnostics with their occurrences. For
 * code that maps all of them at once (page boxes, offsets through edits).
 */
export function forEverySpan(meeting: Meeting, f: (span: Span) => void): void {
  for (const p of [...meeting.participants, ...meeting.absent]) if (p.span) f(p.span);
  for (const section of meeting.sections) {
    f(section.span);
    for (const item of section.items) {
      f(item.span);
      f(item.titleSpan);
      if (item.caseSpan) f(item.caseSpan);
      for (const field of Object.values(item.fields)) if (field) f(field.span);
      for (const a of item.attachments) f(a);
    }
  }
  for (const d of meeting.diagnostics) {
    if (d.span) f(d.span);
    for (const o of d.occurrences ?? []) f(o);
  }
}
