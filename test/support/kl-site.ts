/**
 * A fixture copy of kl.dk for the extension's end-to-end tests and bench: the
 * static pages in test/fixtures/kl-site plus generated minutes PDFs, served on
 * 127.0.0.1 over HTTPS and plain HTTP on one port (the browser reaches it as
 * https://www.kl.dk through a resolver rule, with a certificate made for the run),
 * and a stand-in editor page that asks the extension for a handoff.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net, { type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildAgendaPdf, buildMinutesPdf, buildTwoPagePdf, readGold, readSeed, type GeneratedPdf } from '../fixtures/pdf/generate.ts';

export const KL_SITE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/kl-site');
export const KKR_PAGE = '/kkr/kkr-nordjylland/moder-i-kkr-nordjylland/';
export const KL_ORIGIN = 'https://www.kl.dk';
/** The same site over plain HTTP, which the extension must not read from. */
export const KL_HTTP_ORIGIN = 'http://www.kl.dk';

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

/** One request the fixture site answered. */
export interface SiteRequest {
  /** Path and query as requested. */
  path: string;
  /** Over TLS (https://) or plain http://. */
  secure: boolean;
  host: string;
}

export interface Site extends Served {
  /** Every request so far, in order. */
  requests: SiteRequest[];
}

/** A self-signed certificate for www.kl.dk (the browser runs with --ignore-certificate-errors). */
function certificate(): { key: Buffer; cert: Buffer } {
  const dir = mkdtempSync(path.join(tmpdir(), 'referat-kl-cert-'));
  try {
    const key = path.join(dir, 'key.pem');
    const cert = path.join(dir, 'cert.pem');
    const run = spawnSync(
      'openssl',
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=www.kl.dk', '-addext', 'subjectAltName=DNS:www.kl.dk'],
      { encoding: 'utf8' },
    );
    if (run.error || run.status !== 0) throw new Error(`openssl could not make the fixture site's certificate (is openssl installed?): ${run.error?.message ?? run.stderr.trim().split('\n')[0]}`);
    return { key: readFileSync(key), cert: readFileSync(cert) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Listen on one port for both HTTPS and plain HTTP: the first byte of a
 * connection tells a TLS handshake (0x16) from an HTTP request.
 */
function listenBoth(handler: (req: http.IncomingMessage, res: http.ServerResponse, secure: boolean) => void): Promise<Served> {
  const plain = http.createServer((req, res) => handler(req, res, false));
  const tls = https.createServer(certificate(), (req, res) => handler(req, res, true));
  plain.keepAliveTimeout = tls.keepAliveTimeout = 1000;
  const sockets = new Set<Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.once('data', (first) => {
      socket.pause();
      socket.unshift(first);
      (first[0] === 0x16 ? tls : plain).emit('connection', socket);
      process.nextTick(() => socket.resume());
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as AddressInfo).port;
      resolve({
        port,
        close: () =>
          new Promise<void>((r) => {
            for (const s of sockets) s.destroy();
            server.close(() => r());
          }),
      });
    });
  });
}

/** Serve the fixture site (directory index.html, no listings), logging every request. */
export async function serveSite(root = KL_SITE_DIR): Promise<Site> {
  const requests: SiteRequest[] = [];
  const served = await listenBoth((req, res, secure) => {
    requests.push({ path: req.url ?? '/', secure, host: req.headers.host ?? '' });
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
  return { ...served, requests };
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
