/**
 * One file, one Meeting: the CLI (read, identify, parse with the lazily loaded
 * repairer) and the editor (import, then the live parse, given the repairer when
 * its OCR gate says so) decide alike whether a text is OCR-damaged, so they
 * repair the same texts and give the same Meeting. Checked on a clean seed, on
 * the OCR-damaged seed 002, on a borderline text: seed 002 with a few of
 * its æ restored, between the thresholds the editor and the parser once had,
 * and on a clean seed with some of its lines damaged (repaired word by word).
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EditorState } from '@codemirror/state';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identify } from '../core/cli/input.ts';
import { looksOcrDamaged as routeAsOcr } from '../core/cli/pool.ts';
import { parseDocument } from '../core/cli/process-file.ts';
import type { Meeting } from '../core/minutes/model.ts';
import { buildLexiconText } from '../core/ocr/build.ts';
import { dictionaryDir, dictionaryVersion, findRepoRoot, LEXICON_FILE_NAME } from '../core/ocr/load-lexicon.node.ts';
import { importFile } from '../editor/services/import.ts';
import { loadRepairer, mayNeedOcrRepair } from '../editor/services/lexicon.ts';
import { liveParseField, meetingOf, setRepairer } from '../editor/extensions/live-parse/index.ts';
import { damagePartly, TABLES } from './support/ocr-partial.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const seeds = path.join(root, 'test/fixtures/seeds');
const CLEAN = '000_0c2e4851483b96f9.txt';
const DAMAGED = '002_d4bf133e628f21e0.txt';

/** The lexicon text the editor's server sends (dist/lexicon-da.txt, or the same forms expanded). */
async function lexiconText(): Promise<string> {
  const built = path.join(findRepoRoot() ?? root, 'dist', LEXICON_FILE_NAME);
  if (existsSync(built)) return readFileSync(built, 'utf8');
  const dir = dictionaryDir();
  return buildLexiconText(readFileSync(path.join(dir, 'index.aff'), 'utf8'), readFileSync(path.join(dir, 'index.dic'), 'utf8'), dictionaryVersion(dir));
}

async function cliMeeting(file: string): Promise<Meeting> {
  const doc = await identify(file, new Uint8Array(readFileSync(file)));
  if (!doc.ok) throw new Error(doc.reason);
  const parsed = await parseDocument(doc, true);
  if ('error' in parsed) throw new Error(parsed.error);
  return parsed.meeting;
}

/** What the editor shows: the imported text in the live parse, with the repairer when the gate asks for it. */
async function editorMeeting(file: string): Promise<{ meeting: Meeting; repaired: boolean }> {
  const bytes = readFileSync(file);
  const rejectPdf = () => Promise.reject(new Error('not a PDF'));
  const imported = await importFile({ name: path.basename(file), size: bytes.length, arrayBuffer: async () => new Uint8Array(bytes).buffer }, rejectPdf);
  let state = EditorState.create({ doc: imported.text, extensions: [liveParseField] });
  const repaired = mayNeedOcrRepair(state.doc.toString());
  if (repaired) state = state.update({ effects: setRepairer.of(await loadRepairer(lexiconText)) }).state;
  return { meeting: meetingOf(state), repaired };
}

/** The Meeting without what says where it was read (file name and hash, "editor"). */
function content(meeting: Meeting): Omit<Meeting, 'source'> {
  const { source: _source, ...rest } = meeting;
  return rest;
}

/** Seed 002 with every `every`-th "ae" read right as "æ". */
function partlyRestored(text: string, every: number): string {
  let n = 0;
  return text.replace(/ae/g, (m) => (++n % every === 0 ? 'æ' : m));
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'referat-ocr-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the OCR decision is the same in the CLI and the editor', () => {
  it.each([CLEAN, DAMAGED])('%s gives the same Meeting', async (seed) => {
    const file = path.join(seeds, seed);
    const cli = await cliMeeting(file);
    const editor = await editorMeeting(file);
    expect(editor.repaired).toBe(seed === DAMAGED);
    expect(routeAsOcr(readFileSync(file))).toBe(seed === DAMAGED);
    expect(content(editor.meeting)).toEqual(content(cli));
  });

  it('a borderline text (a few æ left) gives the same, repaired, Meeting', async () => {
    const damaged = readFileSync(path.join(seeds, DAMAGED), 'utf8');
    const text = partlyRestored(damaged, 3);
    const letters = (text.match(/[a-zæøå]/gi) ?? []).length;
    const danish = (text.match(/[æøå]/gi) ?? []).length;
    // Above the share the editor once took for clean (0.05% of all characters), below the parser's 0.3% of letters.
    expect(danish / text.length).toBeGreaterThan(0.0005);
    expect(danish / letters).toBeLessThan(0.003);
    const file = path.join(dir, 'borderline.txt');
    await writeFile(file, text);

    const cli = await cliMeeting(file);
    const editor = await editorMeeting(file);
    expect(editor.repaired).toBe(true);
    expect(routeAsOcr(readFileSync(file))).toBe(true);
    expect(content(editor.meeting)).toEqual(content(cli));
    // Repaired: the titles have their Danish letters back, as the damaged seed's do.
    const titles = cli.sections.flatMap((s) => s.items.map((i) => i.title)).join('\n');
    expect(titles).toMatch(/[æøå]/);
  });

  it('a partly damaged text (a clean seed, some lines hit) gives the same Meeting, repaired word by word', async () => {
    const clean = readFileSync(path.join(seeds, CLEAN), 'utf8');
    const file = path.join(dir, 'partly.txt');
    await writeFile(file, damagePartly(clean, TABLES[0]!, 'lines', 0.15, 7));
    const cli = await cliMeeting(file);
    const editor = await editorMeeting(file);
    expect(editor.repaired).toBe(true);
    expect(content(editor.meeting)).toEqual(content(cli));
    expect(cli.diagnostics.some((d) => d.code === 'ocr-word' && d.params?.reason === 'word')).toBe(true);
  });
});
