/**
 * The real `referat` command, built and spawned as a user runs it.
 */
import { execFileSync } from 'node:child_process';
import { copyFile, link, lstat, mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtures } from './fixtures/pdf/generate.ts';
import { referat as runWithInput } from './support/referat.ts';
import { referat as run } from './support/referat.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const seeds = path.join(root, 'test/fixtures/seeds');

const referat = (args: string[], cwd = root) => run(args, {}, cwd);

/** stderr lines, each checked to be a one-line report without a stack trace. */
function reports(stderr: string): string[] {
  expect(stderr).not.toMatch(/^\s+at /m);
  expect(stderr).not.toMatch(/Error:/);
  return stderr.split('\n').filter(Boolean);
}

let dir: string;
let seedNames: string[];
const at = (...parts: string[]) => path.join(dir, ...parts);

beforeAll(async () => {
  // Test the code as it is now, not a bundle left from an earlier build.
  execFileSync(process.execPath, [path.join(root, 'core/cli/build.mjs')], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  dir = await mkdtemp(path.join(tmpdir(), 'referat-cli-'));
  seedNames = (await readdir(seeds)).filter((n) => n.endsWith('.txt')).sort();

  await mkdir(at('batch'));
  for (const name of seedNames.slice(0, 3)) await copyFile(path.join(seeds, name), at('batch', name));
  await writeFile(at('batch', '001a_junk.txt'), Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 73 + 11) % 256)));
  await writeFile(at('batch', '002a_empty.txt'), '');

  await mkdir(at('many'));
  for (let i = 0; i < 30; i++) {
    const seed = seedNames[i % seedNames.length]!;
    await copyFile(path.join(seeds, seed), at('many', `doc_${String(i).padStart(2, '0')}.txt`));
  }
  await writeFile(at('many', 'doc_13.txt'), '\0\0\0 not text');

  // PDFs beside texts: two good ones and an encrypted one.
  await mkdir(at('mixed'));
  const pdfs = new Map(fixtures().map((f) => [f.file, f]));
  for (const name of ['two-page.pdf', '002_d4bf133e628f21e0.pdf', 'broken-encrypted.pdf']) {
    await writeFile(at('mixed', name), (await pdfs.get(name)!.build()).bytes);
  }
  await copyFile(path.join(seeds, seedNames[0]!), at('mixed', seedNames[0]!));

  await mkdir(at('empty-dir'));
  await writeFile(at('empty.txt'), '');
  await writeFile(at('junk.txt'), Buffer.from([0x00, 0x01, 0xff, 0xfe, 0x80, 0x00, 0x13, 0x37]));
  await copyFile(path.join(seeds, seedNames[0]!), at('sample.txt'));
}, 120_000); // the build includes the OCR lexicon, a few seconds

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('referat', () => {
  it('prints help with examples', async () => {
    const run = await referat(['--help']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('Usage: referat');
    expect(run.stdout).toContain('parse [options] <paths...>');
    expect(run.stdout).toContain('Examples:');

    const parseHelp = await referat(['parse', '--help']);
    expect(parseHelp.code).toBe(0);
    expect(parseHelp.stdout).toContain('--format <format>');
    expect(parseHelp.stdout).toContain('"json", "jsonl", "csv", "md"');
  });

  it('exits 2 on usage errors, in one line', async () => {
    for (const args of [['parse'], ['parse', '--format', 'xml', 'a.txt'], ['frobnicate'], ['parse', '--jobs', '0', 'a.txt']]) {
      const run = await referat(args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(reports(run.stderr)).toHaveLength(1);
      expect(run.stderr).toMatch(/^referat: /);
      expect(run.stdout).toBe('');
    }
    const bare = await referat([]);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain('Usage: referat');
  });

  it.each([
    ['missing file', 'missing.txt', 'no such file or directory'],
    ['empty file', 'empty.txt', 'empty file'],
    ['binary junk', 'junk.txt', 'binary file (contains NUL bytes), not text'],
    ['empty directory', 'empty-dir', 'no .txt or .pdf documents in directory'],
  ])('reports a %s in one line and exits 1', async (_label, name, reason) => {
    const run = await referat(['parse', at(name)]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(reports(run.stderr)).toEqual([`referat: ${at(name)}: ${reason}`]);
  });

  it('names the file as it was given', async () => {
    const run = await referat(['parse', 'junk.txt'], dir);
    expect(run.stderr).toBe('referat: junk.txt: binary file (contains NUL bytes), not text\n');
  });

  it('parses one file to a pretty JSON Meeting', async () => {
    const run = await referat(['parse', at('sample.txt')]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^\{\n {2}"schemaVersion": 1,/);
    const meeting = JSON.parse(run.stdout);
    expect(meeting.source).toMatchObject({ name: 'sample.txt' });
    expect(meeting.source.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(meeting.text).toBeUndefined();
  });

  it('includes the text with --text', async () => {
    const run = await referat(['parse', at('sample.txt'), '--text']);
    expect(run.code).toBe(0);
    expect(typeof JSON.parse(run.stdout).text).toBe('string');
    expect(JSON.parse(run.stdout).text.length).toBeGreaterThan(1000);
  });

  it('keeps going past bad files in a batch, writes the rest and exits 1', async () => {
    for (const jobs of ['1', '2']) {
      const run = await referat(['parse', at('batch'), '--jobs', jobs]);
      expect(run.code).toBe(1);
      expect(reports(run.stderr)).toEqual([
        `referat: ${at('batch', '001a_junk.txt')}: binary file (contains NUL bytes), not text`,
        `referat: ${at('batch', '002a_empty.txt')}: empty file`,
      ]);
      const lines = run.stdout.split('\n');
      expect(lines.pop()).toBe('');
      expect(lines.map((l) => JSON.parse(l).source.name)).toEqual(seedNames.slice(0, 3));
    }
  });

  it('keeps input order in a batch large enough for worker threads', async () => {
    const run = await referat(['parse', at('many'), '--format', 'jsonl']);
    expect(run.code).toBe(1);
    expect(reports(run.stderr)).toEqual([`referat: ${at('many', 'doc_13.txt')}: binary file (contains NUL bytes), not text`]);
    const names = run.stdout.trim().split('\n').map((l) => JSON.parse(l).source.name);
    const expected = Array.from({ length: 30 }, (_, i) => `doc_${String(i).padStart(2, '0')}.txt`).filter((n) => n !== 'doc_13.txt');
    expect(names).toEqual(expected);
  });

  it('writes the same bytes with and without worker threads', async () => {
    for (const format of ['json', 'jsonl', 'csv', 'md']) {
      const alone = await referat(['parse', seeds, '--format', format, '--jobs', '1']);
      const pooled = await referat(['parse', seeds, '--format', format, '--jobs', '2']);
      expect(alone.code).toBe(0);
      expect(pooled.code).toBe(0);
      expect(pooled.stdout, format).toBe(alone.stdout);
    }
  });

  it('reads PDFs with page boxes, beside texts, and names an encrypted one', async () => {
    const run = await referat(['parse', at('mixed')]);
    expect(run.code).toBe(1);
    expect(reports(run.stderr)).toEqual([`referat: ${at('mixed', 'broken-encrypted.pdf')}: the PDF is encrypted (password protected)`]);
    const meetings = run.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(meetings.map((m) => m.source.name)).toEqual([seedNames[0], '002_d4bf133e628f21e0.pdf', 'two-page.pdf']);
    const ocr = meetings[1];
    expect(ocr.source.pages).toBeGreaterThan(20);
    expect(ocr.source.pdf.fingerprint).toMatch(/^[0-9a-f]{32}$/);
    const item = ocr.sections[2].items[0];
    expect(item.title).toBe('Status på Erhvervsområdet, herunder opfølgning på Erhvervshus Nordjyllands resultater for 2019 og indsatser i forbindelse med corona-krisen');
    expect(item.span.pages[0]).toMatchObject({ page: expect.any(Number), x: expect.any(Number), width: expect.any(Number) });
  });

  it('writes JSON Lines for several files, a JSON array with --format json', async () => {
    const files = seedNames.slice(0, 2).map((n) => path.join(seeds, n));
    const jsonl = await referat(['parse', ...files]);
    expect(jsonl.code).toBe(0);
    expect(jsonl.stdout.trim().split('\n')).toHaveLength(2);

    const json = await referat(['parse', ...files, '--format', 'json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout).map((m: { source: { name: string } }) => m.source.name)).toEqual(seedNames.slice(0, 2));
  });

  it('writes CSV with a BOM and a header to a file', async () => {
    const out = at('items.csv');
    const run = await referat(['parse', seeds, '--format', 'csv', '-o', out]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    const bytes = await readFile(out);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    expect(text.startsWith('meetingId,body,date,kind,sectionNumber,number,title,caseNumber,caseworkers,baggrund,indstilling,sagsfremstilling,beslutning\r\n')).toBe(true);
  });

  it('writes a Markdown outline', async () => {
    const run = await referat(['parse', at('sample.txt'), '--format', 'md']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^# .+ — (referat|dagsorden), /);
    expect(run.stdout).toContain('- **Source:** sample.txt');
  });

  it('reports an output file it cannot write', async () => {
    const run = await referat(['parse', at('sample.txt'), '-o', at('no-such-dir', 'out.json')]);
    expect(run.code).toBe(1);
    expect(reports(run.stderr)).toEqual([`referat: ${at('no-such-dir', 'out.json')}: no such directory`]);
  });

  it('refuses to write over one of its inputs', async () => {
    const before = await readFile(at('sample.txt'));
    const run = await referat(['parse', at('sample.txt'), '-o', at('sample.txt')]);
    expect(run.code).toBe(2);
    expect(reports(run.stderr)).toEqual([`referat: ${at('sample.txt')}: is also an input; refusing to overwrite it`]);
    expect(await readFile(at('sample.txt'))).toEqual(before);
  });

  it('refuses an output that is an input through a symbolic or a hard link, before writing anything', async () => {
    await mkdir(at('links'));
    const input = at('links', 'm.txt');
    await copyFile(path.join(seeds, seedNames[0]!), input);
    const before = await readFile(input);
    await symlink('m.txt', at('links', 'link.jsonl'));
    await link(input, at('links', 'hard.json'));
    for (const [output, cwd] of [[at('links', 'link.jsonl'), root], ['link.jsonl', at('links')], [at('links', 'hard.json'), root]] as const) {
      const run = await referat(['parse', cwd === root ? input : 'm.txt', '-o', output], cwd);
      expect(run.code, output).toBe(2);
      expect(reports(run.stderr)).toEqual([`referat: ${output}: is also an input (${cwd === root ? input : 'm.txt'}); refusing to overwrite it`]);
      expect(await readFile(input)).toEqual(before);
    }
    // A directory holding the input, with the output linked to it: the same.
    const run = await referat(['parse', at('links'), '-o', at('links', 'link.jsonl')]);
    expect(run.code).toBe(2);
    expect(await readFile(input)).toEqual(before);
    expect((await readdir(at('links'))).sort()).toEqual(['hard.json', 'link.jsonl', 'm.txt']);
  });

  it('keeps an existing output when every input fails, and leaves no temporary file', async () => {
    await mkdir(at('keep'));
    for (const format of ['json', 'jsonl', 'csv', 'md']) {
      const out = at('keep', `out.${format}`);
      await writeFile(out, 'earlier results\n');
      const run = await referat(['parse', at('junk.txt'), at('empty.txt'), '--format', format, '-o', out]);
      expect(run.code).toBe(1);
      expect(reports(run.stderr)).toHaveLength(2);
      expect(await readFile(out, 'utf8')).toBe('earlier results\n');
    }
    // A run with something to write replaces it whole.
    const out = at('keep', 'out.json');
    const run = await referat(['parse', at('sample.txt'), '-o', out]);
    expect(run.code).toBe(0);
    expect(JSON.parse(await readFile(out, 'utf8')).source.name).toBe('sample.txt');
    expect((await readdir(at('keep'))).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it('writes through a symbolic link to its target, and the link stays', async () => {
    await mkdir(at('through'));
    await writeFile(at('through', 'target.jsonl'), 'old\n');
    await symlink('target.jsonl', at('through', 'out.jsonl'));
    const run = await referat(['parse', seeds, '-o', at('through', 'out.jsonl')]);
    expect(run.code).toBe(0);
    expect((await lstat(at('through', 'out.jsonl'))).isSymbolicLink()).toBe(true);
    expect((await readFile(at('through', 'target.jsonl'), 'utf8')).trim().split('\n')).toHaveLength(seedNames.length);
    expect((await readdir(at('through'))).sort()).toEqual(['out.jsonl', 'target.jsonl']);
  });

  it('refuses an export whose dataset file is an input, and writes none of the dataset', async () => {
    await mkdir(at('export-clash', 'out'), { recursive: true });
    const input = at('export-clash', 'm.txt');
    await copyFile(path.join(seeds, seedNames[0]!), input);
    const before = await readFile(input);
    await symlink('../m.txt', at('export-clash', 'out', 'items.csv'));
    const run = await referat(['export', input, '-o', at('export-clash', 'out')]);
    expect(run.code).toBe(2);
    expect(reports(run.stderr)).toEqual([`referat: ${at('export-clash', 'out', 'items.csv')}: is also an input (${input}); refusing to overwrite it`]);
    expect(await readFile(input)).toEqual(before);
    expect(await readdir(at('export-clash', 'out'))).toEqual(['items.csv']);
    const folder = await referat(['export', input, '-o', input]);
    expect(folder.code).toBe(2);
    expect(await readFile(input)).toEqual(before);
  });

  it('reads standard input with -: text or PDF bytes, named stdin', async () => {
    const text = await readFile(at('sample.txt'));
    const fromFile = JSON.parse((await referat(['parse', at('sample.txt')])).stdout);
    const run = await runWithInput(['parse', '-'], {}, root, text);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const meeting = JSON.parse(run.stdout);
    expect(meeting.source.name).toBe('stdin');
    expect({ ...meeting, source: null }).toEqual({ ...fromFile, source: null });
    expect(meeting.source.sha256).toBe(fromFile.source.sha256);

    const pdf = await readFile(at('mixed', 'two-page.pdf'));
    const fromPdf = await runWithInput(['parse', '-', '--format', 'md'], {}, root, pdf);
    expect(fromPdf.code).toBe(0);
    expect(fromPdf.stdout).toContain('- **Source:** stdin');

    // Beside files, in order, and to a file.
    const out = at('stdin.jsonl');
    const batch = await runWithInput(['parse', at('sample.txt'), '-', '-o', out], {}, root, text);
    expect(batch.code).toBe(0);
    expect((await readFile(out, 'utf8')).trim().split('\n').map((l) => JSON.parse(l).source.name)).toEqual(['sample.txt', 'stdin']);
  });

  it('names standard input in its errors', async () => {
    for (const [input, reason] of [['', 'empty file'], [Buffer.from([0, 1, 2, 0]), 'binary file (contains NUL bytes), not text']] as const) {
      const run = await runWithInput(['parse', '-'], {}, root, input);
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      expect(reports(run.stderr)).toEqual([`referat: stdin: ${reason}`]);
    }
  });

  it('start prints a welcome, the help and the sample outline', async () => {
    const run = await referat(['start']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Referat Studio');
    expect(run.stdout).toContain('Usage: referat');
    expect(run.stdout).toMatch(/^# .+ — referat, /m);
  });
});
