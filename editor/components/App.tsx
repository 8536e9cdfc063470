import { useEffect, useRef, useState } from 'preact/hooks';
import { useWorkbench } from './use-workbench.ts';
import { ActivityBar } from './ActivityBar.tsx';
import { Explorer } from './Explorer.tsx';
import { Tabs } from './Tabs.tsx';
import { Outline } from './Outline.tsx';
import { Problems } from './Problems.tsx';
import { OverridesList } from './OverridesList.tsx';
import { AnnotationSidebar } from './AnnotationSidebar.tsx';
import { DatasetPanel } from './DatasetPanel.tsx';
import { PagePane } from './PagePane.tsx';
import { CommandPalette, QuickInput } from './CommandPalette.tsx';
import { StatusBar } from './StatusBar.tsx';
import { NameDialog } from './NameDialog.tsx';
import type { Workbench } from '../services/workbench.ts';

/** Keys in VS Code's spirit, resolved to command ids. */
function keyCommand(e: KeyboardEvent): string | null {
  const mod = e.ctrlKey || e.metaKey;
  const k = e.key.toLowerCase();
  if (mod && e.shiftKey && k === 'p') return 'palette';
  if (e.key === 'F1') return 'palette';
  if (mod && e.shiftKey && k === 'e') return 'view.explorer';
  if (mod && e.shiftKey && k === 'a') return 'view.annotations';
  if (mod && e.shiftKey && k === 'm') return 'view.problems';
  if (mod && e.shiftKey && k === 'o') return 'goto.item';
  if (mod && !e.shiftKey && !e.altKey && k === 'o') return 'file.open';
  if (e.key === 'F8') return 'problems.next';
  if (mod && !e.shiftKey && !e.altKey && k === 'j') return 'edit.joinLines';
  if (mod && e.altKey) {
    const map: Record<string, string> = { p: 'view.page', i: 'structure.itemStart', s: 'structure.sectionHeading', n: 'structure.notHeading', f: 'structure.fieldStart', x: 'structure.ignoreLine', a: 'annotate', r: 'review.cycle', w: 'file.close' };
    // Alt changes e.key on some layouts; e.code names the physical key.
    const letter = e.code.startsWith('Key') ? e.code.slice(3).toLowerCase() : k;
    return map[letter] ?? null;
  }
  return null;
}

function EditorPane() {
  const [wb, s] = useWorkbench();
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    wb.attach(host.current);
    return () => wb.attach(null);
  }, [wb]);
  const withPage = s.pageView && s.active;
  return (
    <div class={`editor-pane${withPage ? ' with-page' : ''}`}>
      {!s.active && <div class="welcome">{wb.t('noDocument')}</div>}
      <div class="cm-host" ref={host} style={{ display: s.active ? 'block' : 'none' }} />
      {withPage && <PagePane />}
    </div>
  );
}

function PasteDialog() {
  const [wb, s] = useWorkbench();
  // Uncontrolled: a pasted document can be hundreds of KB, no need to re-render on each input.
  const area = useRef<HTMLTextAreaElement>(null);
  if (!s.paste) return null;
  return (
    <div class="overlay" onClick={() => wb.set({ paste: false })}>
      <div class="paste-dialog" role="dialog" onClick={(e) => e.stopPropagation()}>
        <textarea ref={area} placeholder={wb.t('pastePlaceholder')} />
        <div class="buttons">
          <button class="primary" onClick={() => void wb.importPasted(area.current?.value ?? '')}>{wb.t('importButton')}</button>
          <button onClick={() => wb.set({ paste: false })}>{wb.t('cancel')}</button>
        </div>
      </div>
    </div>
  );
}

export function App() {
  const [wb, s] = useWorkbench();
  const [dragging, setDragging] = useState(false);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const id = keyCommand(e);
      if (!id) return;
      e.preventDefault();
      if (id === 'palette') wb.set({ palette: !wb.state.palette });
      else void wb.runCommand(id);
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [wb]);
  useEffect(() => {
    document.documentElement.dataset.theme = s.theme;
    document.documentElement.lang = s.lang;
  }, [s.theme, s.lang]);
  return (
    <div
      class={`workbench${dragging ? ' dragging' : ''}${s.activity === 'dataset' ? ' wide-sidebar' : ''}`}
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => {
        e.preventDefault();
        setDragging(false);
        const files = [...(e.dataTransfer?.files ?? [])];
        if (files.length) void wb.importFiles(files);
      }}
    >
      <ActivityBar />
      <aside class="sidebar">
        {s.activity === 'explorer' && <Explorer />}
        {s.activity === 'annotations' && <AnnotationSidebar />}
        {s.activity === 'dataset' && <DatasetPanel />}
        {s.activity === 'overrides' && (
          <section class="side-panel">
            <header>
              <h2>{wb.t('overrides')}</h2>
            </header>
            <OverridesList />
          </section>
        )}
      </aside>
      <main class="main">
        <Tabs />
        <EditorPane />
        <BottomPanel wb={wb} />
      </main>
      <aside class="right">
        <Outline />
      </aside>
      <StatusBar />
      <input
        type="file"
        multiple
        accept=".pdf,.txt,application/pdf,text/plain"
        class="file-input"
        aria-label={wb.t('openFiles')}
        onChange={(e) => {
          const input = e.target as HTMLInputElement;
          const files = [...(input.files ?? [])];
          input.value = '';
          if (files.length) void wb.importFiles(files);
        }}
      />
      <CommandPalette />
      <QuickInput />
      <PasteDialog />
      <NameDialog />
    </div>
  );
}

function BottomPanel({ wb }: { wb: Workbench }) {
  const [, s] = useWorkbench();
  const count = s.meeting?.diagnostics.length ?? 0;
  return (
    <section class="bottom-panel">
      <div class="panel-tabs">
        <button class={s.panel === 'problems' ? 'active' : ''} onClick={() => wb.set({ panel: 'problems' })} data-panel="problems">
          {wb.t('problems')} <span class="count">{count}</span>
        </button>
        <button class={s.panel === 'overrides' ? 'active' : ''} onClick={() => wb.set({ panel: 'overrides' })} data-panel="overrides">
          {wb.t('overrides')} <span class="count">{s.overrides.length}</span>
        </button>
      </div>
      <div class="panel-body">{s.panel === 'problems' ? <Problems /> : <OverridesList />}</div>
    </section>
  );
}
