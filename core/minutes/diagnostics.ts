/**
 * What looked wrong in a parse: numbering gaps and duplicates, items without a
 * case line or (in minutes) without a decision, numbers that had to be inferred,
 * a document that does not look like KL minutes at all.
 */
import type { ClassifiedLines } from './lines.ts';
import type { Diagnostic, DiagnosticParams, Meeting } from './model.ts';
import type { Structure } from './structure.ts';

export function diagnose(meeting: Meeting, structure: Structure, lines: ClassifiedLines, looksLikeKl: boolean): Diagnostic[] {
  const out: Diagnostic[] = [];
  const items = meeting.sections.flatMap((s) => s.items);
  let hasCaseLines = false;
  for (let i = 0; i < lines.length && !hasCaseLines; i++) hasCaseLines = lines.cls(i).kind === 'case';
  if (items.length === 0 && !hasCaseLines) {
    out.push({
      severity: 'error',
      code: 'not-kl-minutes',
      params: { reason: looksLikeKl ? 'no-items' : 'not-kl' },
      message: looksLikeKl
        ? 'No agenda items were found in this document'
        : 'This does not look like KL minutes or an agenda: no items, case numbers or KKR cover were found',
    });
  }
  if (meeting.date === null && (items.length > 0 || looksLikeKl)) {
    out.push({ severity: 'warning', code: 'no-date', message: 'No meeting date was found on the cover, in the running header or in the text' });
  }
  let prevSection = 0;
  for (const section of meeting.sections) {
    const n = Number(section.number);
    if (n === prevSection) {
      out.push({ severity: 'warning', code: 'numbering-duplicate', message: `Section ${n} occurs twice`, params: { unit: 'section', number: String(n) }, span: section.span });
    } else if (n > prevSection + 1) {
      out.push({ severity: 'warning', code: 'numbering-gap', message: `Section ${prevSection + 1} is missing (after ${prevSection} comes ${n})`, params: { unit: 'section', missing: String(prevSection + 1), after: String(prevSection), found: String(n) }, span: section.span });
    }
    prevSection = n;
    let prevItem = 0;
    for (const item of section.items) {
      const m = Number(item.number.split('.')[1]);
      if (m === prevItem) {
        out.push({ severity: 'warning', code: 'numbering-duplicate', message: `Item ${item.number} occurs twice`, params: { unit: 'item', number: item.number }, span: item.titleSpan });
      } else if (m > prevItem + 1) {
        const missing = `${section.number}.${prevItem + 1}`;
        const params: DiagnosticParams = prevItem ? { unit: 'item', missing, after: `${section.number}.${prevItem}`, found: item.number } : { unit: 'item', missing, section: section.number, found: item.number };
        out.push({ severity: 'warning', code: 'numbering-gap', message: `Item ${missing} is missing (after ${prevItem ? `${section.number}.${prevItem}` : `section ${section.number}`} comes ${item.number})`, params, span: item.titleSpan });
      }
      prevItem = m;
      if (item.caseNumber === null) {
        out.push({ severity: 'warning', code: 'missing-case-line', message: `Item ${item.number} has no case line (SAG-…)`, params: { item: item.number }, span: item.titleSpan });
      }
      if (meeting.kind === 'referat' && !item.fields.beslutning) {
        out.push({ severity: 'warning', code: 'missing-decision', message: `Item ${item.number} has no Beslutning in these minutes`, params: { item: item.number }, span: item.titleSpan });
      }
    }
  }
  // The first item of each number, looked up once per inferred number (a long damaged text has thousands).
  const firstByNumber = new Map<string, (typeof items)[number]>();
  for (const item of items) if (!firstByNumber.has(item.number)) firstByNumber.set(item.number, item);
  for (const mark of structure.items) {
    if (mark.inferred) {
      const item = firstByNumber.get(`${mark.major}.${mark.minor}`);
      out.push({
        severity: 'warning',
        code: 'ocr-detached-number',
        message: `No number was printed for "${item?.title ?? ''}"; it was read as item ${mark.major}.${mark.minor} from the sequence`,
        params: { title: item?.title ?? '', item: `${mark.major}.${mark.minor}` },
        ...(item ? { span: item.titleSpan } : {}),
      });
    }
  }
  return out;
}
