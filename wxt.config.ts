import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { readFileSync } from 'node:fs';
import { lintClean, rewriteModule } from './extension/build/lint-clean.ts';
import { lexiconAsset } from './extension/build/lexicon-asset.ts';
import { ocrAssets } from './editor/ocr-assets.ts';

/**
 * The browser extension (see README "The browser extension"). Host access is
 * kl.dk (badges, previews, the viewer's fetch) and the loopback editor origins
 * (the handoff bridge); nothing else.
 */
export default defineConfig({
  srcDir: 'extension',
  outDir: '.output',
  vite: () => ({
    plugins: [lintClean(), preact()],
    // pdf.js starts its worker as a module.
    worker: { format: 'es', plugins: () => [lintClean()] },
    build: { chunkSizeWarningLimit: 2500 },
  }),
  hooks: {
    'build:publicAssets': (wxt, files) => {
      // The OCR lexicon, gzipped, which the viewer fetches only for a text that needs it (extension/utils/repair.ts).
      files.push({ absoluteSrc: lexiconAsset(wxt.config.root), relativeDest: 'lexicon-da.txt.gz' });
      // tesseract.js's worker, WebAssembly core and the Danish model, under ocr/ (the viewer reads scanned pages offline);
      // the worker script goes through the same lint-clean rewrites as the bundles.
      for (const [name, file] of Object.entries(ocrAssets())) {
        const cleaned = name.endsWith('.min.js') ? rewriteModule(file, readFileSync(file, 'utf8')) : null;
        files.push(cleaned === null ? { absoluteSrc: file, relativeDest: `ocr/${name}` } : { contents: cleaned, relativeDest: `ocr/${name}` });
      }
    },
  },
  // MV3 for Firefox too, so both builds get the same web-accessible scope and CSP.
  manifestVersion: 3,
  manifest: ({ browser }) => ({
    name: 'Referat Studio',
    description: 'KL minutes and agendas on kl.dk, with their structure drawn over the PDF.',
    permissions: ['storage', 'declarativeNetRequest'],
    host_permissions: ['https://www.kl.dk/*'],
    // 'wasm-unsafe-eval' lets the viewer's OCR (tesseract.js) compile its WebAssembly core; no JavaScript eval.
    content_security_policy: { extension_pages: "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'; base-uri 'none'; frame-ancestors 'none'" },
    web_accessible_resources: [{ resources: ['viewer.html'], matches: ['https://www.kl.dk/*'] }],
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            // storage.sync in Firefox wants a stable add-on id.
            // data_collection_permissions came with Firefox 140 (142 on Android).
            gecko: { id: 'referat-studio@referat.studio', strict_min_version: '140.0', data_collection_permissions: { required: ['none'] } },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
});
