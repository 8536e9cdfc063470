/**
 * `referat import ANNOTATIONS.jsonld --onto documents.jsonl -o OUT.jsonl`:
 * W3C Web Annotations (ours, or Hypothesis's) re-anchored in the documents of
 * a documents.jsonl by quote and position, written as a new documents.jsonl
 * (which `referat import OUT.jsonl --workspace W` then writes into a
 * workspace, all or nothing). Reports how many annotations were anchored, how
 * many are orphans (kept with their quote) and how many name no document.
 * Nothing is written when either file cannot be read.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { documentsToJsonl, importJsonl } from '../export/jsonl.ts';
import { importWebAnnotations } from '../export/web-annotation-import.ts';
import { oneLine } from './input.ts';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type CommandIO } from './parse-command.ts';
import { outputClash, writeFilesAtomically, writeReason } from './safe-output.ts';

export interface ImportAnnotationsOptions {
  onto?: string;
  output?: string;
}

function fail(io: CommandIO, message: string, code = EXIT_FAILURE): number {
  io.stderr.write(`referat: ${oneLine(message)}\n`);
  return code;
}

async function readText(file: string): Promise<string | { error: string }> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { error: `${file}: ${code === 'ENOENT' ? 'no such file or directory' : code === 'EISDIR' ? 'is a directory' : `cannot read (${code ?? (error as Error).message})`}` };
  }
}

export async function runImportAnnotations(file: string, opts: ImportAnnotationsOptions, io: CommandIO): Promise<number> {
  if (!opts.onto) return fail(io, 'importing annotations needs --onto documents.jsonl (the documents they belong to)', EXIT_USAGE);
  if (!opts.output) return fail(io, 'importing annotations needs -o OUT.jsonl (the documents with the annotations added)', EXIT_USAGE);
  const clash = await outputClash(opts.output, [file, opts.onto]);
  if (clash !== null) return fail(io, `${opts.output}: is also an input (${clash}); refusing to overwrite it`, EXIT_USAGE);
  const annotationsText = await readText(file);
  if (typeof annotationsText !== 'string') return fail(io, annotationsText.error);
  const documentsText = await readText(opts.onto);
  if (typeof documentsText !== 'string') return fail(io, documentsText.error);
  let json: unknown;
  try {
    json = JSON.parse(annotationsText.replace(/^\uFEFF/, ''));
  } catch (error) {
    return fail(io, `${file}: not JSON (${(error as Error).message})`);
  }
  const docs = importJsonl(documentsText);
  if (!docs.ok) return fail(io, `${opts.onto}:${docs.line ? `${docs.line}:` : ''} ${docs.reason}`);
  const read = importWebAnnotations(json, docs.documents);
  if (!read.ok) return fail(io, `${file}: ${read.reason}`);
  if (read.anchored + read.orphans === 0) return fail(io, `${file}: no annotation names a document of ${opts.onto}`);
  try {
    await writeFilesAtomically([{ path: path.resolve(opts.output), data: documentsToJsonl(read.documents) }]);
  } catch (error) {
    return fail(io, `${opts.output}: ${writeReason(error)}`);
  }
  io.stdout.write(
    `Read ${read.read} annotations: ${read.anchored} anchored, ${read.orphans} orphaned (kept with their quote), ` +
      `${read.unmatched} for no document of ${opts.onto}; ${read.replies} replies. Wrote ${read.documents.length} documents to ${opts.output}\n`,
  );
  return EXIT_OK;
}
