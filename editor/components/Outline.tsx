import { useEffect, useRef } from 'preact/hooks';
import { useStore, useT, useWorkbench } from '../workbench/use-store.ts';
import { kindName } from '../i18n.ts';
import { Presence } from './Presence.tsx';
import type { Peer } from '../services/collab.ts';
import { otherAppearances, type Appearance } from '../services/library.ts';
import { itemNumbered } from '../workbench/items.ts';

const NOBODY: readonly Peer[] = [];

export function Outline() {
  const wb = useWorkbench();
  const t = useT();
  const ref = useRef<HTMLElement>(null);
  const m = useStore(wb.session, (s) => s.meeting);
  const currentItem = useStore(wb.session, (s) => s.currentItem);
  const review = useStore(wb.session, (s) => s.review);
  const active = useStore(wb.tabs, (s) => s.active);
  const peers = useStore(wb.sync, (s) => (active && s.peers[active]) || NOBODY);
  useEffect(() => {
    ref.current?.querySelector('.current')?.scrollIntoView({ block: 'nearest' });
  }, [currentItem]);
  return (
    <section class="outline side-panel" aria-label={t('outline')} ref={ref}>
      <header>
        <h2>{t('outline')}</h2>
      </header>
      {m && (
        <div class="meeting-head">
          <strong>{m.body}</strong> · {m.date ?? '—'} · {kindName(t, m.kind)}
        </div>
      )}
      <CaseLinks />
      <ol class="outline-tree">
        {m?.sections.map((sec) => (
          <li key={`${sec.number}@${sec.span.start}`} class="outline-section" data-section-number={sec.number}>
            <a onClick={() => wb.session.jump(sec.span.start)}>
              {sec.number}. {sec.title}
            </a>
            <ol>
              {sec.items.map((item) => {
                const status = review[item.number] ?? 'unreviewed';
                return (
                  <li
                    key={`${item.number}@${item.span.start}`}
                    class={`outline-item${currentItem === item.number ? ' current' : ''}`}
                    data-item-number={item.number}
                    data-item-title={item.title}
                    onClick={() => wb.session.jump(item.titleSpan.start)}
                    title={item.caseNumber ?? ''}
                  >
                    <span class="num">{item.number}</span> <span class="title">{item.title}</span>
                    <Presence peers={peers.filter((p) => p.item === item.number)} />
                    <span class={`review-dot review-${status}`} title={t(status)} />
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
  const wb = useWorkbench();
  const t = useT();
  const meeting = useStore(wb.session, (s) => s.meeting);
  const currentItem = useStore(wb.session, (s) => s.currentItem);
  const active = useStore(wb.tabs, (s) => s.active);
  const library = useStore(wb.library, (s) => s.entries);
  const item = itemNumbered(meeting, currentItem);
  if (!item?.caseNumber || !active) return null;
  const others = otherAppearances(library, item.caseNumber, active);
  const siblings = (meeting?.sections.flatMap((x) => x.items) ?? []).filter((i) => i.caseNumber === item.caseNumber && i.number !== item.number).length;
  return (
    <div class="case-links" aria-label={t('otherAppearances')} data-case-number={item.caseNumber}>
      <div class="case-head">
        {t('otherAppearances')}: <span class="case">{item.caseNumber}</span>
      </div>
      {siblings > 0 && (
        <div class="case-siblings">
          +{siblings} {t('sameMeetingWord', { count: siblings })}
        </div>
      )}
      {others.length === 0 ? (
        <p class="empty">{t('noOtherAppearances')}</p>
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
