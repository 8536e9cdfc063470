/** The sidebar outline: sections → items with case number and a decision chip. */
import { useLayoutEffect } from 'preact/hooks';
import type { Item, Meeting } from '../../core/minutes/model.ts';
import { itemDecision } from '../../core/minutes/decision.ts';

export interface OutlineProps {
  meeting: Meeting;
  active: string | null;
  query: string;
  onSelect: (item: string) => void;
  onCite: (item: string) => void;
  citeLabel: string;
  /** What the outline is called (for screen readers). */
  label: string;
  /** The cite button's short text. */
  citeShort: string;
  onComplete?: () => void;
}

/** Does an item match a search query (title, number, case number, field text)? */
export function itemMatches(item: Item, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  const hay = [item.number, item.title, item.caseNumber ?? '', ...Object.values(item.fields).map((f) => f?.text ?? '')].join('\n').toLowerCase();
  return q.split(/\s+/).every((w) => hay.includes(w));
}

export function Outline({ meeting, active, query, onSelect, onCite, citeLabel, label, citeShort, onComplete }: OutlineProps) {
  useLayoutEffect(() => onComplete?.(), [meeting]);
  return (
    <nav class="outline" aria-label={label}>
      {meeting.sections.map((section) => {
        const items = section.items.filter((i) => itemMatches(i, query));
        if (!items.length && query) return null;
        return (
          <section key={section.number} data-section-number={section.number}>
            <h3>
              {section.number}. {section.title}
            </h3>
            <ol>
              {items.map((item) => {
                const chip = itemDecision(item);
                return (
                  <li key={item.number} data-item-number={item.number} class={active === item.number ? 'active' : ''}>
                    <button type="button" class="entry" onClick={() => onSelect(item.number)} aria-current={active === item.number ? 'true' : undefined}>
                      <span class="num">{item.number}</span> <span class="title">{item.title}</span>
                    </button>
                    <div class="meta">
                      {item.caseNumber && <span class="case">{item.caseNumber}</span>}
                      {chip && (
                        <span class="chip" data-decision={chip}>
                          {chip}
                        </span>
                      )}
                      <button type="button" class="cite" title={citeLabel} aria-label={`${citeLabel} ${item.number}`} onClick={() => onCite(item.number)}>
                        {citeShort}
                      </button>
                    </div>
                  </li>
                );
              })}
            </ol>
          </section>
        );
      })}
    </nav>
  );
}
