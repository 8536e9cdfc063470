/**
 * A fixture copy of kl.dk for the extension's end-to-end tests and bench: the
 * static pages in test/fixtures/kl-site plus generated minutes PDFs, served on
 * 127.0.0.1 (the browser reaches it as http://www.kl.dk through a resolver rule),
 * and a stand-in editor page that asks the extension for a handoff.
 */
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildAgendaPdf, buildMinutesPdf, buildTwoPagePdf, readGold, readSeed, type GeneratedPdf } from '../fixtures/pdf/generate.ts';

export const KL_SITE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/kl-site');
export const KKR_PAGE = '/kkr/kkr-nordjylland/moder-i-kkr-nordjylland/';
export const KL_ORIGIN = 'http://www.kl.dk';

export interface SiteDocument {
  /** Path on the site. */
  path: string;
  /** Seed it is laid out from. */
  seed: string;
  /** Does the KKR page's link to it get a badge? */
  badge: boolean;
  build(): Promise<GeneratedPdf>;
}

const minutes = (seed: string) => () => buildMinutesPdf(readSeed(seed), { gold: readGold(seed) });

export const SITE_DOCUMENTS: SiteDocument[] = [
  { path: '/media/23455/referat-kkr-nordjylland-4-september-2020.pdf', seed: '000_0c2e4851483b96f9', badge: true, build: minutes('000_0c2e4851483b96f9') },
  { path: '/media/29310/kkr-nordjylland-2024-02.pdf', seed: '001_9e1bcf5ac8b7483e', badge: true, build: minutes('001_9e1bcf5ac8b7483e') },
  {
    path: '/media/24912/dagsorden-kkr-nordjylland-15-oktober-2021.pdf',
    seed: '003_018046a384c397c7',
    badge: true,
    build: () => buildAgendaPdf(readSeed('003_018046a384c397c7'), { gold: readGold('003_018046a384c397c7') }),
  },
  { path: '/media/31847/referat-kkr-nordjylland-24-oktober-2025.pdf', seed: '004_0c3ee312dafeca01', badge: true, build: minutes('004_0c3ee312dafeca01') },
  // Other PDFs on the page: the content does not matter, only that they get no badge.
  { path: '/media/20111/forretningsorden-for-kkr-nordjylland.pdf', seed: '000_0c2e4851483b96f9', badge: false, build: () => buildTwoPagePdf(readSeed('000_0c2e4851483b96f9')) },
  { path: '/media/21876/kkr-folder-2022.pdf', seed: '000_0c2e4851483b96f9', badge: false, build: () => buildTwoPagePdf(readSeed('000_0c2e4851483b96f9')) },
];

/** Lay out the site's PDFs into its media/ folder; returns each layout by path. */
export async function generateSite(): Promise<Map<string, GeneratedPdf>> {
  const out = new Map<string, GeneratedPdf>();
  for (const d of SITE_DOCUMENTS) {
    const pdf = await d.build();
    const file = path.join(KL_SITE_DIR, d.path);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, pdf.bytes);
    out.set(d.path, pdf);
  }
  return out;
}

/** Put one more PDF on the site (the bench's long document). */
export function addSitePdf(sitePath: string, bytes: Uint8Array): void {
  const file = path.join(KL_SITE_DIR, sitePath);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, bytes);
}

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.pdf': 'application/pdf', '.css': 'text/css', '.js': 'text/javascript' };

export interface Served {
  port: number;
  close(): Promise<void>;
}

function listen(server: http.Server): Promise<Served> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as AddressInfo).port;
      resolve({ port, close: () => new Promise<void>((r) => server.close(() => r())) });
    });
  });
}

/** Serve the fixture site (directory index.html, no listings). */
export function serveSite(root = KL_SITE_DIR): Promise<Served> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    let file = path.join(root, decodeURIComponent(url.pathname));
    if (!file.startsWith(root)) return void res.writeHead(403).end();
    try {
      if (statSync(file).isDirectory()) file = path.join(file, 'index.html');
      const body = readFileSync(file);
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'content-length': body.length });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  server.keepAliveTimeout = 1000;
  return listen(server);
}

/**
 * A stand-in for the editor: on load with `#handoff=<id>` it posts a
 * HandoffRequest and shows the response in `#result` (`data-state` done/error/timeout).
 */
export const STAND_IN_EDITOR = `<!doctype html><html><head><meta charset="utf-8"><title>Stand-in editor</title></head><body>
<h1>Stand-in editor</h1><pre id="result" data-state="waiting"></pre>
<script>
const m = /handoff=([A-Za-z0-9_-]{6,64})/.exec(location.hash);
const out = document.getElementById('result');
window.addEventListener('message', (e) => {
  const d = e.data;
  if (!d || d.source !== 'referat-extension' || !m || d.id !== m[1]) return;
  window.received = d;
  out.dataset.state = d.type === 'handoff-document' ? 'done' : 'error';
  out.textContent = d.type === 'handoff-document' ? d.document.meeting.id + ' ' + d.document.url : d.error;
});
// The bridge content script may still be starting: ask a few times.
let tries = 0;
const ask = () => {
  if (!m || out.dataset.state !== 'waiting') return;
  if (++tries > 50) { out.dataset.state = 'timeout'; return; }
  window.postMessage({ source: 'referat-editor', type: 'handoff-request', id: m[1] }, location.origin);
  setTimeout(ask, 200);
};
ask();
</script></body></html>`;

export function serveStandInEditor(): Promise<Served> {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(STAND_IN_EDITOR);
  });
  return listen(server);
}
