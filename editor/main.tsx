import { render } from 'preact';
import { App } from './components/App.tsx';
import { WorkbenchContext } from './components/use-workbench.ts';
import { Workbench } from './services/workbench.ts';
import { LibraryDb } from './services/library.ts';
import { readPdf } from './services/pdf.ts';
import './styles.css';

const workbench = new Workbench({
  db: new LibraryDb(),
  readPdf: (bytes, name) => readPdf(bytes, name),
  fetchText: async (url) => {
    const r = await fetch(url);
    if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
    return r.text();
  },
  now: () => Date.now(),
  win: window,
});

// For end-to-end tests and benchmarks: the workbench and its editor view.
(window as unknown as { referat: Workbench }).referat = workbench;

render(
  <WorkbenchContext.Provider value={workbench}>
    <App />
  </WorkbenchContext.Provider>,
  document.getElementById('app')!,
);
void workbench.start().then(() => document.documentElement.setAttribute('data-ready', 'true'));
