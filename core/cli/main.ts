/**
 * The `referat` command line. `main` returns the exit code instead of exiting,
 * so it can run in-process; `bin.mjs` runs the bundled build of this file.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import pkg from '../../package.json' with { type: 'json' };
import { FORMATS, type Format } from './formats.ts';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, runParse, type CommandIO } from './parse-command.ts';
import type { ExportCommandOptions, ImportCommandOptions } from './export-command.ts';

/**
 * The choices of `referat export --format`: `EXPORT_FORMAT_CHOICES` of
 * export-command.ts, spelled out here so that starting the command line does
 * not load the export (Parquet, Yjs, the sync client); a test keeps the two equal.
 */
export const EXPORT_FORMAT_CHOICES = ['jsonl', 'csv', 'xlsx', 'parquet', 'webannotation', 'oparl', 'labelstudio', 'doccano', 'all'] as const;

/** The sample document `referat start` outlines, relative to the package root. */
export const SAMPLE_DOCUMENT = 'test/fixtures/seeds/000_0c2e4851483b96f9.txt';

const EXAMPLES = `
Examples:
  $ referat parse minutes.txt                     one file: JSON on stdout
  $ referat parse referater/ -o all.jsonl         a folder: JSON Lines
  $ referat parse referater/ -f csv -o items.csv  one row per item
  $ referat parse minutes.txt -f md               a readable outline
  $ referat parse minutes.txt --text              also the normalized text

Exit status: 0 when every document was parsed, 1 when one or more could not be
read or parsed (the others are still written), 2 for a usage error.`;

const PARSE_DETAILS = `
Inputs are files and directories; directories are searched recursively for
*.txt and *.pdf; - reads standard input (text or PDF), named stdin. Text may be UTF-8 (with or without BOM), UTF-16 with a BOM,
or windows-1252/latin1. One file is written as JSON by default; several files
or a directory as JSON Lines (one Meeting per line). A file that cannot be read
is reported on stderr as "referat: FILE: reason" and the batch goes on.
An output is never one of the inputs (exit status 2), is written beside its
target and renamed into place, and is left as it was when every input fails.
${EXAMPLES}`;

const EXPORT_DETAILS = `
Writes into OUTDIR: items.jsonl and documents.jsonl (jsonl), items.csv (csv;
--csv-delimiter ';' for a spreadsheet in a Danish locale), items.xlsx (xlsx),
items.parquet (parquet), annotations.jsonld and texts/ (webannotation), oparl/
(oparl: static files under --oparl-base, from oparl/system.json),
labelstudio/ (labelstudio), doccano.jsonl (doccano), and always cases.json,
item.schema.json and the dataset card README.md.

Examples:
  $ referat export referater/ -o dataset/
  $ referat export minutes.pdf --format parquet -o dataset/
  $ referat export --workspace kkr --server ws://127.0.0.1:1234 --token rs_… \\
      --approved-only --from 2024-01-01 --label klima -o dataset/
  $ referat import dataset/documents.jsonl --workspace kkr-copy --server ws://127.0.0.1:1234 --token rs_…
  $ referat import annotations.jsonld --onto dataset/documents.jsonl -o annotated.jsonl

Any input that cannot be read stops the export (exit status 1); nothing is written.`;

export function buildProgram(io: CommandIO, setExit: (code: number) => void): Command {
  const program = new Command('referat');
  program
    .description('Read KL regional council (KKR) minutes into structured, citable data.')
    .version(pkg.version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .helpCommand('help [command]', 'show help for a command')
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      outputError: (text, write) => write(`referat: ${text.replace(/^error:\s*/, '').trim()} (see 'referat --help')\n`),
    })
    .exitOverride()
    .showSuggestionAfterError(true)
    .addHelpText('after', EXAMPLES);

  program
    .command('parse')
    .summary('parse minutes into Meeting records (JSON, JSON Lines, CSV, Markdown)')
    .description('Parse KL minutes and agendas into Meeting records (see core/minutes/model.ts).')
    .argument('<paths...>', 'files and directories to parse (- for standard input)')
    .addOption(new Option('-f, --format <format>', 'output format (default: json for one file, jsonl otherwise)').choices(FORMATS))
    .option('-o, --output <file>', 'write to FILE instead of stdout')
    .option('--text', 'include Meeting.text, the normalized text all spans index into')
    .option('--no-progress', 'never show a progress bar')
    .addOption(new Option('-j, --jobs <n>', 'worker threads (default: one per core for large batches; 1 = none)').argParser(parseJobs))
    .addHelpText('after', PARSE_DETAILS)
    .action(async (paths: string[], opts: { format?: Format; output?: string; text?: boolean; progress: boolean; jobs?: number }) => {
      setExit(await runParse(paths, opts, io));
    });

  program
    .command('export')
    .summary('write a dataset (JSONL, CSV, xlsx, Parquet, Web Annotation, OParl) with its card and schema')
    .description('Export items as a dataset: from files (parsed like referat parse) or from a workspace on the sync server.')
    .argument('[paths...]', 'files and directories to parse (or use --workspace)')
    .addOption(new Option('-f, --format <format>', 'what to write').choices(EXPORT_FORMAT_CHOICES).default('all'))
    .option('-o, --output <dir>', 'the folder to write the dataset to')
    .option('--approved-only', 'only items whose review status is approved')
    .option('--body <body>', 'only meetings of this body, e.g. "KKR Nordjylland"')
    .option('--from <date>', 'only meetings on or after this date (2020-01-31)')
    .option('--to <date>', 'only meetings on or before this date')
    .option('--label <label>', 'only items with this label (repeat for any of several)', collect, [])
    .option('--workspace <w>', 'export every document of this workspace on the sync server')
    .option('--document <id>', 'with --workspace: only this document (repeatable)', collect, [])
    .option('--server <url>', 'the sync server, e.g. ws://127.0.0.1:1234')
    .option('--token <t>', 'a token for the workspace (or REFERAT_TOKEN)')
    .addOption(new Option('--csv-delimiter <c>', 'the CSV delimiter: "," or ";" (what a spreadsheet in a Danish locale splits on)').choices([',', ';']).default(','))
    .option('--oparl-base <url>', 'the http(s) URL the oparl/ folder will be served at (default http://localhost:8000/oparl/)')
    .addHelpText('after', EXPORT_DETAILS)
    .action(async (paths: string[], opts: ExportCommandOptions) => {
      const { runExport } = await import('./export-command.ts');
      setExit(await runExport(paths, opts, io));
    });

  program
    .command('import')
    .summary('write documents.jsonl from an export back into a workspace')
    .argument('<file>', 'documents.jsonl written by referat export (or, with --onto, W3C annotations)')
    .option('--workspace <w>', 'the workspace to write into')
    .option('--server <url>', 'the sync server, e.g. ws://127.0.0.1:1234')
    .option('--token <t>', 'a read-write token for the workspace (or REFERAT_TOKEN)')
    .option('--onto <documents.jsonl>', 'read <file> as W3C Web Annotations (ours or Hypothesis\'s) and re-anchor them in these documents')
    .option('-o, --output <file>', 'with --onto: the documents.jsonl to write, annotations added')
    .action(async (file: string, opts: ImportCommandOptions & { onto?: string; output?: string }) => {
      if (opts.onto !== undefined || opts.output !== undefined) {
        const { runImportAnnotations } = await import('./import-annotations.ts');
        setExit(await runImportAnnotations(file, opts, io));
        return;
      }
      const { runImport } = await import('./export-command.ts');
      setExit(await runImport(file, opts, io));
    });

  program
    .command('start')
    .description('a short tour: what this is, the help, and the outline of a sample document')
    .action(async () => {
      setExit(await runStart(program, io));
    });

  return program;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function parseJobs(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new InvalidArgumentError('expected a whole number from 1 to 64');
  return n;
}

/** Runs `referat` with user arguments (no node/script prefix) and resolves to the exit code. */
export async function main(argv: readonly string[], io: CommandIO = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  let exitCode = EXIT_OK;
  const program = buildProgram(io, (code) => (exitCode = code));
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return EXIT_OK;
      return EXIT_USAGE;
    }
    if (process.env.REFERAT_DEBUG) console.error(error);
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`referat: internal error: ${message.replace(/\s+/g, ' ').trim()}\n`);
    return EXIT_FAILURE;
  } finally {
    // OCR workers (started only by a scanned page) would keep the process alive.
    await (await import('./pdf.ts')).closeOcr();
  }
}

async function runStart(program: Command, io: CommandIO): Promise<number> {
  io.stdout.write(
    `Referat Studio ${pkg.version}: read, correct, annotate and curate the minutes KL publishes\n` +
      `for its five regional councils (KKR).\n\n` +
      `Available now: the minutes parser and this command line. The editor, sync server and\n` +
      `browser extension are planned.\n\n`,
  );
  io.stdout.write(program.helpInformation() + EXAMPLES.trimStart() + '\n\n');
  const root = packageRoot();
  const sample = root ? path.join(root, SAMPLE_DOCUMENT) : null;
  if (!sample || !existsSync(sample)) {
    io.stderr.write(`referat: ${SAMPLE_DOCUMENT}: sample document not found\n`);
    return EXIT_FAILURE;
  }
  io.stdout.write(`Outline of the sample minutes (referat parse ${SAMPLE_DOCUMENT} --format md):\n\n`);
  return runParse([sample], { format: 'md', progress: false }, io);
}

/** The folder holding this package's package.json, found from this module's location. */
function packageRoot(): string | null {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'core'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

// `tsx core/cli/main.ts …` runs the command directly (the bundle is run through bin.mjs instead).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
