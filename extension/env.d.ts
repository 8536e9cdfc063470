// Vite asset imports (`?url`): the bundled file's URL.
declare module '*?url' {
  const url: string;
  export default url;
}
// A worker bundled by Vite (`?worker&url`, with the build's own transforms): its URL.
declare module '*?worker&url' {
  const url: string;
  export default url;
}
declare module 'pdfjs-dist/build/pdf.worker.mjs' {
  export const WorkerMessageHandler: unknown;
}
