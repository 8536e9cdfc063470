/**
 * `referat export` (files or a workspace → a dataset folder) and `referat
 * import` (documents.jsonl → a workspace). A dataset is written whole or not
 * at all: any unreadable input stops the export with one line per input and
 * exit status 1.
 */
import { LABELLING_DOC_ID, readLabelling } from '../document/labelling.ts';
import type { Labelling } from '../export/model.ts';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import pkg from '../../package.json' with { type: 'json' };
import { checkFilter, checkOParlBase, exportDatasetAsync, type ExportFilter } from '../export/index.ts';
import { CSV_DELIMITERS, DATASET_FORMATS, type CsvDelimiter, type DatasetFormat } from '../export/index.ts';
import { curatedFromMeeting, type CuratedDocument } from '../export/model.ts';
import { curatedFromStudioDoc } from '../document/curate.ts';
import type { StudioDoc } from '../document/studio-doc.ts';
import { displayPath, expandInputs, oneLine, readDocument, readStdin, STDIN } from './input.ts';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type CommandIO } from './parse-command.ts';
import { danishRepairer, parseDocument } from './process-file.ts';
import { outputClash, writeFilesAtomically, writeReason } from './safe-output.ts';
import { listWorkspace, withDocument, type WorkspaceTarget } from './workspace.ts';
import { readTaxonomy, TAXONOMY_DOC_ID, type Taxonomy } from '../document/taxonomy.ts';

export { runImport, type ImportCommandOptions } from './import-command.ts';

export const EXPORT_FORMAT_CHOICES = [...DATASET_FORMATS, 'all'] as const;

export interface ExportCommandOptions {
  format: DatasetFormat | 'all';
  /** The CSV delimiter, "," or ";". */
  csvDelimiter?: string;
  /** The URL the oparl/ folder is served at. */
  oparlBase?: string;
  output?: string;
  approvedOnly?: boolean;
  body?: string;
  from?: string;
  to?: string;
  label?: string[];
  /** Only these documents of the workspace (a selection). */
  document?: string[];
  workspace?: string;
  server?: string;
  token?: string;
}

const TOOL = `referat-studio ${pkg.version}`;

function fail(io: CommandIO, message: string, code = EXIT_FAILURE): number {
  io.stderr.write(`referat: ${oneLine(message)}\n`);
  return code;
}

/** A workspace document id made from a file name: its stem, with what a document name may not hold replaced. */
export function documentIdFor(file: string, taken: Set<string>): string {
  const stem = path.basename(file).replace(/\.[^.]+$/, '').replace(/[^A-Za-z0-9._:-]+/g, '-').slice(0, 180) || 'document';
  let id = stem;
  for (let n = 2; taken.has(id); n++) id = `${stem}-${n}`;
  taken.add(id);
  return id;
}

function target(opts: { workspace?: string; server?: string; token?: string }): WorkspaceTarget | string {
  const token = opts.token ?? process.env.REFERAT_TOKEN;
  if (!opts.server) return '--workspace needs --server URL (the sync server, e.g. ws://127.0.0.1:1234)';
  if (!token) return '--workspace needs --token T (or REFERAT_TOKEN)';
  return { server: opts.server, workspace: opts.workspace!, token };
}

export async function runExport(paths: readonly string[], opts: ExportCommandOptions, io: CommandIO): Promise<number> {
  if (!opts.output) return fail(io, 'export needs -o OUTDIR (the folder the dataset is written to)', EXIT_USAGE);
  if (paths.length && opts.workspace) return fail(io, 'give either FILES or --workspace, not both', EXIT_USAGE);
  if (!paths.length && !opts.workspace) return fail(io, 'nothing to export: give FILES or --workspace W', EXIT_USAGE);
  const filter: ExportFilter = {
    ...(opts.approvedOnly ? { approvedOnly: true } : {}),
    ...(opts.body ? { body: opts.body } : {}),
    ...(opts.from ? { from: opts.from } : {}),
    ...(opts.to ? { to: opts.to } : {}),
    ...(opts.label?.length ? { labels: opts.label } : {}),
    ...(opts.document?.length ? { documentIds: opts.document } : {}),
  };
  const problem = checkFilter(filter);
  if (problem) return fail(io, problem, EXIT_USAGE);
  const csvDelimiter = (opts.csvDelimiter ?? ',') as CsvDelimiter;
  if (!CSV_DELIMITERS.includes(csvDelimiter)) return fail(io, `--csv-delimiter expects "," or ";", not "${opts.csvDelimiter}"`, EXIT_USAGE);
  const oparlBase = opts.oparlBase === undefined ? undefined : checkOParlBase(opts.oparlBase);
  if (oparlBase && !oparlBase.ok) return fail(io, oparlBase.reason, EXIT_USAGE);

  let docs: CuratedDocument[];
  let origin: string;
  let inputs: string[] = [];
  let taxonomy: Taxonomy | undefined;
  let labelling: Labelling | undefined;
  if (opts.workspace) {
    const where = target(opts);
    if (typeof where === 'string') return fail(io, where, EXIT_USAGE);
    try {
      ({ docs, taxonomy, labelling } = await readWorkspace(where, opts.document));
    } catch (error) {
      return fail(io, (error as Error).message);
    }
    origin = `workspace "${where.workspace}" on ${where.server}`;
  } else {
    const read = await readFiles(paths, io, opts.output);
    if ('clash' in read) return fail(io, read.clash, EXIT_USAGE);
    if ('errors' in read) {
      for (const e of read.errors) io.stderr.write(`referat: ${e}\n`);
      return EXIT_FAILURE;
    }
    docs = read.docs;
    inputs = read.files;
    origin = `${docs.length} file${docs.length === 1 ? '' : 's'}: ${docs.map((d) => d.meeting.source.name).join(', ')}`;
  }

  const formats = opts.format === 'all' ? DATASET_FORMATS : [opts.format];
  let result;
  try {
    result = await exportDatasetAsync(docs, {
      formats, filter, generatedAt: new Date().toISOString(), origin, tool: TOOL, csvDelimiter, ...(oparlBase?.ok ? { oparlBase: oparlBase.base } : {}), ...(taxonomy ? { taxonomy } : {}), ...(labelling ? { labelling } : {}),
    });
  } catch (error) {
    return fail(io, `cannot write the dataset (${(error as Error).message})`);
  }
  // Never over an input; each file written beside its target and renamed into place once all are written.
  const targets = result.files.map((f) => ({ path: path.join(opts.output!, f.name), data: f.data }));
  for (const t of targets) {
    const input = await outputClash(t.path, inputs);
    if (input !== null) return fail(io, `${t.path}: is also an input (${displayPath(input)}); refusing to overwrite it`, EXIT_USAGE);
  }
  try {
    await mkdir(opts.output, { recursive: true });
    const dirs = new Set(targets.map((t) => path.dirname(t.path)));
    for (const dir of dirs) await mkdir(dir, { recursive: true });
    await writeFilesAtomically(targets);
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    return fail(io, `${e.path ?? opts.output}: ${writeReason(e)}`);
  }
  io.stdout.write(
    `Wrote ${result.rows.length} items from ${result.documents.length} documents to ${opts.output}: ${result.files.filter((f) => f.description).map((f) => f.name).join(', ')}\n`,
  );
  return EXIT_OK;
}

async function readFiles(
  paths: readonly string[],
  io: CommandIO,
  output: string,
): Promise<{ docs: CuratedDocument[]; files: string[] } | { errors: string[] } | { clash: string }> {
  const { files, errors } = await expandInputs(paths);
  // An output folder that is one of the inputs: refused before anything is read.
  const input = await outputClash(output, files);
  if (input !== null) return { clash: `${output}: is also an input (${displayPath(input)}); refusing to overwrite it` };
  if (files.includes(STDIN)) await readStdin(io.stdin);
  const messages = errors.map((e) => `${e.path}: ${e.reason}`);
  const docs: CuratedDocument[] = [];
  const taken = new Set<string>();
  for (const file of files) {
    const input = await readDocument(file);
    if (!input.ok) {
      messages.push(`${input.path}: ${input.reason}`);
      continue;
    }
    const parsed = await parseDocument(input, true);
    if ('error' in parsed) {
      messages.push(`${displayPath(file)}: ${parsed.error}`);
      continue;
    }
    docs.push(curatedFromMeeting(documentIdFor(file, taken), parsed.meeting as CuratedDocument['meeting']));
  }
  return messages.length ? { errors: messages } : { docs, files };
}

/** The workspace's documents (those chosen), its label taxonomy (`_taxonomy`, when the workspace has one) and how it labels (`_labelling`). */
async function readWorkspace(where: WorkspaceTarget, only: readonly string[] | undefined): Promise<{ docs: CuratedDocument[]; taxonomy: Taxonomy | undefined; labelling: Labelling }> {
  const { documents: listed } = await listWorkspace(where);
  // Ids starting with `_` are the workspace's own documents (its taxonomy), not minutes (the server does not list them).
  const names = listed.filter((n) => !n.startsWith('_'));
  const read = await withDocument(where, TAXONOMY_DOC_ID, (studio) => readTaxonomy(studio.ydoc));
  const taxonomy = read.labels.length ? read : undefined;
  const { mode, adjudicationOpen } = await withDocument(where, LABELLING_DOC_ID, (studio) => readLabelling(studio.ydoc));
  const chosen = only?.length ? names.filter((n) => only.includes(n)) : names;
  const missing = only?.filter((n) => !names.includes(n)) ?? [];
  if (missing.length) throw new Error(`workspace ${where.workspace} has no document ${missing.join(', ')}`);
  const docs: CuratedDocument[] = [];
  for (const id of chosen) {
    // A document merged into another (a duplicate of the same meeting) has its work in that one.
    const doc = await withDocument(where, id, (studio) => (mergedInto(studio) ? null : curatedFromStudioDoc(id, studio, { parse: { repairer: danishRepairer } })));
    if (doc) docs.push(doc);
  }
  return { docs, taxonomy, labelling: { mode, adjudicationOpen } };
}

/** The document a workspace document was merged into, or null when it stands on its own. */
function mergedInto(studio: StudioDoc): string | null {
  const into = studio.meta.get('mergedInto');
  return typeof into === 'string' && into ? into : null;
}
