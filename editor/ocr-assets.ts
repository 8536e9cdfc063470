/**
 * The files tesseract.js loads at run time, served by the editor itself under
 * `ocr/` (never from a CDN, so OCR works offline): its worker script, the LSTM
 * builds of its WebAssembly core (it picks the one the browser supports), and
 * the Danish model from npm. A Vite plugin: emitted into the build, and served
 * from node_modules by the dev server.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Plugin } from 'vite';

const require = createRequire(import.meta.url);
const dir = (pkg: string) => path.dirname(require.resolve(`${pkg}/package.json`));

/** File name under ocr/ → where it lies. */
export function ocrAssets(): Record<string, string> {
  const core = dir('tesseract.js-core');
  return {
    'worker.min.js': path.join(dir('tesseract.js'), 'dist/worker.min.js'),
    'tesseract-core-lstm.wasm.js': path.join(core, 'tesseract-core-lstm.wasm.js'),
    'tesseract-core-simd-lstm.wasm.js': path.join(core, 'tesseract-core-simd-lstm.wasm.js'),
    'tesseract-core-relaxedsimd-lstm.wasm.js': path.join(core, 'tesseract-core-relaxedsimd-lstm.wasm.js'),
    'dan.traineddata.gz': path.join(dir('@tesseract.js-data/dan'), '4.0.0_best_int/dan.traineddata.gz'),
  };
}

export function ocrAssetsPlugin(): Plugin {
  const files = ocrAssets();
  return {
    name: 'referat-ocr-assets',
    generateBundle() {
      for (const [name, file] of Object.entries(files)) this.emitFile({ type: 'asset', fileName: `ocr/${name}`, source: readFileSync(file) });
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const name = /\/ocr\/([^/?]+)/.exec(req.url ?? '')?.[1];
        const file = name ? files[name] : undefined;
        if (!file) return next();
        res.setHeader('Content-Type', name!.endsWith('.js') ? 'text/javascript' : 'application/octet-stream');
        res.end(readFileSync(file));
      });
    },
  };
}
