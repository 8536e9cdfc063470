import { useEffect, useRef, useState } from 'preact/hooks';
import { useStore, useT, useWorkbench } from '../workbench/use-store.ts';
import { installKeymap } from '../workbench/commands.ts';
import { ActivityBar } from './ActivityBar.tsx';
import { Explorer } from './Explorer.tsx';
import { Tabs } from './Tabs.tsx';
import { Outline } from './Outline.tsx';
import { Problems } from './Problems.tsx';
import { OverridesList } from './OverridesList.tsx';
import { AnnotationSidebar } from './AnnotationSidebar.tsx';
import { DatasetPanel } from './DatasetPanel.tsx';
import { SearchView } from './SearchView.tsx';
import { TaxonomyForm } from './TaxonomyForm.tsx';
import { PagePane } from './PagePane.tsx';
import { HistoryView } from './HistoryView.tsx';
import { VersionPane } from './VersionPane.tsx';
import { CommandPalette, QuickInput } from './CommandPalette.tsx';
import { StatusBar } from './StatusBar.tsx';
import { NameDialog } from './NameDialog.tsx';
import { SourceGuardDialog } from './SourceGuardDialog.tsx';

function EditorPane() {
  const wb = useWorkbench();
  const t = useT();
  const active = useStore(wb.tabs, (s) => s.active);
  const pageView = useStore(wb.settings, (s) => s.pageView);
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    wb.session.attach(host.current);
    return () => wb.session.attach(null);
  }, [wb]);
  const version = useStore(wb.history, (s) => s.selected !== null);
  const withPage = pageView && active && !version;
  return (
    <div class={`editor-pane${withPage ? ' with-page' : ''}${version && active ? ' with-version' : ''}`}>
      {!active && <div class="welcome">{t('noDocument')}</div>}
      <div class="cm-host" ref={host} style={{ display: active ? 'block' : 'none' }} />
      {withPage && <PagePane />}
      {version && active && <VersionPane />}
    </div>
  );
}

function PasteDialog() {
  const wb = useWorkbench();
  const t = useT();
  const paste = useStore(wb.ui, (s) => s.paste);
  // Uncontrolled: a pasted document can be hundreds of KB, no need to re-render on each input.
  const area = useRef<HTMLTextAreaElement>(null);
  if (!paste) return null;
  return (
    <div class="overlay" onClick={() => wb.ui.set({ paste: false })}>
      <div class="paste-dialog" role="dialog" onClick={(e) => e.stopPropagation()}>
        <textarea ref={area} placeholder={t('pastePlaceholder')} />
        <div class="buttons">
          <button class="primary" onClick={() => void wb.imports.importPasted(area.current?.value ?? '')}>{t('importButton')}</button>
          <button onClick={() => wb.ui.set({ paste: false })}>{t('cancel')}</button>
        </div>
      </div>
    </div>
  );
}

export function App() {
  const wb = useWorkbench();
  const t = useT();
  const theme = useStore(wb.settings, (s) => s.theme);
  const lang = useStore(wb.settings, (s) => s.lang);
  const activity = useStore(wb.ui, (s) => s.activity);
  const [dragging, setDragging] = useState(false);
  useEffect(() => installKeymap(wb, window), [wb]);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    document.documentElement.lang = lang;
  }, [theme, lang]);
  return (
    <div
      class={`workbench${dragging ? ' dragging' : ''}${activity === 'dataset' || activity === 'taxonomy' ? ' wide-sidebar' : ''}`}
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => {
        e.preventDefault();
        setDragging(false);
        const files = [...(e.dataTransfer?.files ?? [])];
        if (files.length) void wb.imports.importFiles(files);
      }}
    >
      <ActivityBar />
      <aside class="sidebar">
        {activity === 'explorer' && <Explorer />}
        {activity === 'search' && <SearchView />}
        {activity === 'annotations' && <AnnotationSidebar />}
        {activity === 'taxonomy' && <TaxonomyForm />}
        {activity === 'dataset' && <DatasetPanel />}
        {activity === 'history' && <HistoryView />}
        {activity === 'overrides' && (
          <section class="side-panel">
            <header>
              <h2>{t('overrides')}</h2>
            </header>
            <OverridesList />
          </section>
        )}
      </aside>
      <main class="main">
        <Tabs />
        <EditorPane />
        <BottomPanel />
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
        aria-label={t('openFiles')}
        onChange={(e) => {
          const input = e.target as HTMLInputElement;
          const files = [...(input.files ?? [])];
          input.value = '';
          if (files.length) void wb.imports.importFiles(files);
        }}
      />
      <CommandPalette />
      <QuickInput />
      <PasteDialog />
      <NameDialog />
      <SourceGuardDialog />
    </div>
  );
}

function BottomPanel() {
  const wb = useWorkbench();
  const t = useT();
  const panel = useStore(wb.ui, (s) => s.panel);
  const count = useStore(wb.session, (s) => s.meeting?.diagnostics.length ?? 0);
  const overrides = useStore(wb.session, (s) => s.overrides.length);
  return (
    <section class="bottom-panel">
      <div class="panel-tabs">
        <button class={panel === 'problems' ? 'active' : ''} onClick={() => wb.ui.set({ panel: 'problems' })} data-panel="problems">
          {t('problems')} <span class="count">{count}</span>
        </button>
        <button class={panel === 'overrides' ? 'active' : ''} onClick={() => wb.ui.set({ panel: 'overrides' })} data-panel="overrides">
          {t('overrides')} <span class="count">{overrides}</span>
        </button>
      </div>
      <div class="panel-body">{panel === 'problems' ? <Problems /> : <OverridesList />}</div>
    </section>
  );
}
