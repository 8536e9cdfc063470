import { useEffect, useRef } from 'preact/hooks';
import { useWorkbench } from './use-workbench.ts';
import { Presence } from './Presence.tsx';
import { otherAppearances, type Appearance } from '../services/library.ts';
import { itemNumbered } from '../services/workbench.ts';

export function Outline() {
  const [wb, s] = useWorkbench();
  const ref = useRef<HTMLElement>(null);
  const m = s.meeting;
  const peers = (s.active && s.peers[s.active]) || [];
  useEffect(() => {
    ref.current?.querySelector('.current')?.scrollIntoView({ block: 'nearest' });
  }, [s.currentItem]);
  return (
    <section class="outline side-panel" aria-label={wb.t('outline')} ref={ref}>
      <header>
        <h2>{wb.t('outline')}</h2>
      </header>
      {m && (
        <div class="meeting-head">
          <strong>{m.body}</strong> · {m.date ?? '—'} · {m.kind}
        </div>
      )}
      <CaseLinks />
      <ol class="outline-tree">
        {m?.sections.map((sec) => (
          <li key={`${sec.number}@${sec.span.start}`} class="outline-section" data-section-number={sec.number}>
            <a onClick={() => wb.jump(sec.span.start)}>
              {sec.number}. {sec.title}
            </a>
            <ol>
              {sec.items.map((item) => {
                const review = s.review[item.number] ?? 'unreviewed';
                return (
                  <li
                    key={`${item.number}@${item.span.start}`}
                    class={`outline-item${s.currentItem === item.number ? ' current' : ''}`}
                    data-item-number={item.number}
                    data-item-title={item.title}
                    onClick={() => wb.jump(item.titleSpan.start)}
                    title={item.caseNumber ?? ''}
                  >
                    <span class="num">{item.number}</span> <span class="title">{item.title}</span>
                    <Presence peers={peers.filter((p) => p.item === item.number)} />
                    <span class={`review-dot review-${review}`} title={wb.t(review)} />
                  </li>
                );
              })}
            </ol>
          </li>
        ))}
      </ol>
    </section>
  );
}

/** The current item's case in other meetings of the library (and elsewhere in this one): a case number links them. */
function CaseLinks() {
  const [wb, s] = useWorkbench();
  const item = itemNumbered(s.meeting, s.currentItem);
  if (!item?.caseNumber || !s.active) return null;
  const others = otherAppearances(s.library, item.caseNumber, s.active);
  const siblings = (s.meeting?.sections.flatMap((x) => x.items) ?? []).filter((i) => i.caseNumber === item.caseNumber && i.number !== item.number).length;
  return (
    <div class="case-links" aria-label={wb.t('otherAppearances')} data-case-number={item.caseNumber}>
      <div class="case-head">
        {wb.t('otherAppearances')}: <span class="case">{item.caseNumber}</span>
      </div>
      {siblings > 0 && (
        <div class="case-siblings">
          +{siblings} {wb.t('sameMeeting')}
        </div>
      )}
      {others.length === 0 ? (
        <p class="empty">{wb.t('noOtherAppearances')}</p>
      ) : (
        <ul>
          {byDocument(others).map(({ id, date, title, items }) => (
            <li key={id} data-appearance-doc={id}>
              <span class="case-meeting">
                {date ?? '—'} · {title}
              </span>
              {items.map((o) => (
                <a key={o.number} data-appearance={`${o.id}/${o.number}`} title={o.title} onClick={() => void wb.openAt(o.id, o.number)}>
                  {items.length === 1 ? `${o.number} ${o.title}` : o.number}
                </a>
              ))}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Appearances grouped by document, in the order given (oldest meeting first). */
function byDocument(list: readonly Appearance[]): { id: string; date: string | null; title: string; items: Appearance[] }[] {
  const out = new Map<string, { id: string; date: string | null; title: string; items: Appearance[] }>();
  for (const a of list) {
    const entry = out.get(a.id) ?? { id: a.id, date: a.date, title: a.meeting, items: [] };
    entry.items.push(a);
    out.set(a.id, entry);
  }
  return [...out.values()];
}
