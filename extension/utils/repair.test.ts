import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lexiconAsset } from '../build/lexicon-asset.ts';
import { LEXICON_ASSET, loadViewerRepairer } from './repair.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let server: Server;
let base: string;
let requests = 0;

beforeAll(async () => {
  // The file the extension ships, served as the extension serves it (bytes as built, gzipped).
  const gz = readFileSync(lexiconAsset(root));
  server = createServer((req, res) => {
    requests++;
    if (req.url !== `/${LEXICON_ASSET}`) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'application/gzip' }).end(gz);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('the viewer loads the gzipped lexicon once and repairs word by word', () => {
  it('a missing file rejects (the viewer then parses unrepaired), and a later call tries again', async () => {
    await expect(loadViewerRepairer(`${base}nothing.gz`)).rejects.toThrow(/HTTP 404/);
  });

  it('unpacks the lexicon and repairs the damaged words of a partly damaged text only', async () => {
    const repairer = await loadViewerRepairer(`${base}${LEXICON_ASSET}`);
    const again = await loadViewerRepairer(`${base}${LEXICON_ASSET}`);
    expect(again).toBe(repairer);
    expect(requests).toBe(2); // the 404, then the lexicon once
    const { text, edits } = repairer.repairText('Mødet i regionsrådet blev holdt pa rådhuset, og det naeste mgde er i maj.', 'words');
    expect(text).toBe('Mødet i regionsrådet blev holdt på rådhuset, og det næste møde er i maj.');
    expect(edits.map((e) => e.evidence)).toEqual(['word', 'word', 'word']);
  });
});
