import { useEffect, useRef } from 'preact/hooks';
import { useWorkbench } from './use-workbench.ts';
import { Presence } from './Presence.tsx';

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
