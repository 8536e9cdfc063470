/** pdf.js's worker module, imported for its side effect (it sets `globalThis.pdfjsWorker`); pdfjs-dist ships no types for it. */
declare module 'pdfjs-dist/legacy/build/pdf.worker.mjs' {
  export const WorkerMessageHandler: unknown;
}
