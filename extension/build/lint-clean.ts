/**
 * A build step that takes out code paths Referat Studio never runs but that
 * Mozilla's add-on linter (rightly) flags in the bundle:
 *
 * - pdf.js compiles PostScript functions with `new Function` and probes for it
 *   with `new Function("")`. The extension always passes `isEvalSupported: false`,
 *   so both are dead code: the probe now answers "no eval" and the compile is gone
 *   (pdf.js interprets those functions instead, as it already did).
 * - pdf.js loads a "fake worker" with `import(workerSrc)` when it has no worker, and
 *   the JPEG 2000 decoder's JavaScript fallback with `import(wasmUrl + …)`. The
 *   extension always gives pdf.js its bundled worker (the background hands it the
 *   worker module directly) and ships no decoder files, so both imports now reject.
 * - Preact writes `dangerouslySetInnerHTML` into `innerHTML`. Nothing in the
 *   extension uses it; the path now throws instead of parsing HTML.
 * - regenerator-runtime (in tesseract.js, for the viewer's OCR, and inside
 *   tesseract.js's worker script, shipped under ocr/) falls back to the Function
 *   constructor to find the global object or set a global where `globalThis` is
 *   missing; every browser the extension runs in has `globalThis`.
 *
 * Each rewrite must match exactly as often as expected: when a dependency update
 * changes the code, the build fails here rather than shipping the old paths.
 */
import type { Plugin } from 'vite';

interface Rewrite {
  /** What it removes, for the error message. */
  what: string;
  pattern: RegExp;
  replace: string;
  count: number;
}

/** Comments pdf.js puts inside its dynamic imports. */
const C = String.raw`(?:\s*\/\*[^*]*\*\/)*\s*`;

const NO_EVAL: Rewrite = {
  what: 'pdf.js eval probe',
  pattern: /new Function\(""\);\s*return true;/g,
  replace: 'return false;',
  count: 1,
};

export const REWRITES: { file: RegExp; rewrites: Rewrite[] }[] = [
  {
    file: /[\\/]pdfjs-dist[\\/]build[\\/]pdf\.mjs$/,
    rewrites: [
      NO_EVAL,
      {
        what: 'pdf.js fake-worker import',
        pattern: new RegExp(String.raw`await import\(${C}this\.workerSrc\s*\)`, 'g'),
        replace: 'await Promise.reject(new Error("Referat Studio gives pdf.js its worker; no other is loaded"))',
        count: 1,
      },
    ],
  },
  {
    file: /[\\/]pdfjs-dist[\\/]build[\\/]pdf\.worker\.mjs$/,
    rewrites: [
      NO_EVAL,
      {
        what: 'pdf.js PostScript compiler',
        pattern: /if \(compiled\) \{\s*return new Function\("src", "srcOffset", "dest", "destOffset", compiled\);\s*\}/g,
        replace: 'void compiled;',
        count: 1,
      },
      {
        what: 'pdf.js JPEG 2000 fallback import',
        pattern: new RegExp(String.raw`await import\(${C}path\s*\)`, 'g'),
        replace: 'await Promise.reject(new Error("the JPEG 2000 decoder is not bundled"))',
        count: 1,
      },
    ],
  },
  {
    file: /[\\/]regenerator-runtime[\\/]runtime\.js$/,
    rewrites: [
      {
        what: 'regenerator-runtime global fallback',
        pattern: /Function\("r", "regeneratorRuntime = r"\)\(runtime\);/g,
        replace: 'void runtime;',
        count: 1,
      },
    ],
  },
  {
    // Copied under ocr/ by wxt.config.ts (not bundled): rewritten there through rewriteModule.
    file: /[\\/]tesseract\.js[\\/]dist[\\/]worker\.min\.js$/,
    rewrites: [
      { what: 'tesseract.js worker global-object fallback', pattern: /this\|\|new Function\("return this"\)\(\)/g, replace: 'this||globalThis', count: 1 },
      { what: 'tesseract.js worker regenerator-runtime fallback', pattern: /Function\("r","regeneratorRuntime = r"\)\((\w+)\)/g, replace: 'void $1', count: 1 },
    ],
  },
  {
    file: /[\\/]preact[\\/]dist[\\/]preact\.mjs$/,
    rewrites: [
      {
        what: 'Preact dangerouslySetInnerHTML',
        pattern: /\((\w+)\.innerHTML=(\w+)\.__html\)/g,
        replace: '(()=>{throw new Error("dangerouslySetInnerHTML is not used in Referat Studio")})()',
        count: 1,
      },
    ],
  },
];

/** Apply the rewrites for `id` to `code`; null when the module has none. Throws when a pattern does not match as expected. */
export function rewriteModule(id: string, code: string): string | null {
  // `file?worker&url` and the like are Vite's wrappers around a file, not the file.
  if (id.includes('?')) return null;
  const path = id;
  const entry = REWRITES.find((r) => r.file.test(path));
  if (!entry) return null;
  let out = code;
  for (const r of entry.rewrites) {
    const found = out.match(r.pattern)?.length ?? 0;
    if (found !== r.count) throw new Error(`lint-clean: expected ${r.count} × ${r.what} in ${path}, found ${found} (did the dependency change? update extension/build/lint-clean.ts)`);
    out = out.replace(r.pattern, r.replace);
  }
  return out;
}

/** The Vite plugin (for the pages and the background, and for workers). */
export function lintClean(): Plugin {
  return {
    name: 'referat-lint-clean',
    enforce: 'pre',
    transform(code, id) {
      const out = rewriteModule(id, code);
      return out === null ? null : { code: out, map: null };
    },
  };
}
