/**
 * The viewer: a kl.dk minutes PDF rendered with pdf.js, the parsed structure
 * drawn over the pages, an outline, search, deep links (`#item=3.2`), citations
 * and "send to editor".
 */
import * as pdfjs from 'pdfjs-dist';
// Bundled here (not copied as published), so the build's lint-clean step applies to it too.
import workerUrl from 'pdfjs-dist/build/pdf.worker.mjs?worker&url';
import { render } from 'preact';
import { App } from './App.tsx';
import './style.css';

pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;
render(<App />, document.getElementById('app')!);
