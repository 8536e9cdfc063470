import { render } from 'preact';
import { App } from './components/App.tsx';
import { WorkbenchContext } from './workbench/use-store.ts';
import { Workbench } from './workbench/workbench.ts';
import { testHandle } from './workbench/handle.ts';
import { LibraryDb } from './services/library.ts';
import { readPdf } from './services/pdf.ts';
import './styles.css';

const workbench = new Workbench({
  db: new LibraryDb(),
  readPdf: (bytes, name, onOcrProgress) => readPdf(bytes, name, null, onOcrProgress),
  fetchText: async (url) => {
    const r = await fetch(url);
    if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
    return r.text();
  },
  now: () => Date.now(),
  win: window,
});

// For end-to-end tests and benchmarks: the workbench's state and its editor view.
(window as unknown as { referat: ReturnType<typeof testHandle> }).referat = testHandle(workbench);

render(
  <WorkbenchContext.Provider value={workbench}>
    <App />
  </WorkbenchContext.Provider>,
  document.getElementById('app')!,
);
void workbench.start().then(() => document.documentElement.setAttribute('data-ready', 'true'));
