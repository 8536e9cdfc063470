/**
 * `referat import`: documents.jsonl (from `referat export`) → a workspace on the
 * sync server, all or nothing. Every line is checked first — as JSON, as a
 * curated document, and by writing it into a scratch document exactly as it
 * will be written to the server — and then the workspace (token, documents it
 * already has). Only when all of that passes is anything sent. A problem is
 * one line naming the file, the line and the reason, with exit status 1.
 */
import { readFile } from 'node:fs/promises';
import * as Y from 'yjs';
import { importJsonl } from '../export/index.ts';
import type { CuratedDocument } from '../export/model.ts';
import { StudioDoc } from '../document/studio-doc.ts';
import { writeCuratedToStudioDoc } from '../document/curate.ts';
import { oneLine } from './input.ts';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type CommandIO } from './parse-command.ts';
import { listWorkspace, withDocument, type WorkspaceTarget } from './workspace.ts';

export interface ImportCommandOptions {
  workspace?: string;
  server?: string;
  token?: string;
}

function fail(io: CommandIO, message: string, code = EXIT_FAILURE): number {
  io.stderr.write(`referat: ${oneLine(message)}\n`);
  return code;
}

/** The line number (1-based) of each document of a documents.jsonl text, in the order `importJsonl` reads them. */
function documentLines(text: string): number[] {
  const numbers: number[] = [];
  text
    .replace(/^\uFEFF/, '')
    .split('\n')
    .forEach((line, i) => {
      if (line.trim()) numbers.push(i + 1);
    });
  return numbers;
}

/** Why `doc` cannot be written into a workspace, found by writing it into a scratch document; or null. */
function writeProblem(doc: CuratedDocument): string | null {
  const ydoc = new Y.Doc();
  try {
    writeCuratedToStudioDoc(doc, new StudioDoc(ydoc));
    return null;
  } catch (error) {
    return `cannot be imported (${oneLine(error instanceof Error ? error.message : String(error))})`;
  } finally {
    ydoc.destroy();
  }
}

export async function runImport(file: string, opts: ImportCommandOptions, io: CommandIO): Promise<number> {
  if (!opts.workspace) return fail(io, 'import needs --workspace W', EXIT_USAGE);
  const token = opts.token ?? process.env.REFERAT_TOKEN;
  if (!opts.server) return fail(io, '--workspace needs --server URL (the sync server, e.g. ws://127.0.0.1:1234)', EXIT_USAGE);
  if (!token) return fail(io, '--workspace needs --token T (or REFERAT_TOKEN)', EXIT_USAGE);
  const where: WorkspaceTarget = { server: opts.server, workspace: opts.workspace, token };

  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return fail(io, `${file}: ${code === 'ENOENT' ? 'no such file or directory' : code === 'EISDIR' ? 'is a directory' : `cannot read (${code ?? (error as Error).message})`}`);
  }

  // 1. Every line, before anything is sent.
  const read = importJsonl(text);
  if (!read.ok) return fail(io, `${file}:${read.line ? `${read.line}:` : ''} ${read.reason}`);
  const lines = documentLines(text);
  const firstLine = new Map<string, number>();
  for (const [k, doc] of read.documents.entries()) {
    const line = lines[k]!;
    const earlier = firstLine.get(doc.documentId);
    if (earlier !== undefined) return fail(io, `${file}:${line}: document ${doc.documentId} is also on line ${earlier}`);
    firstLine.set(doc.documentId, line);
    const problem = writeProblem(doc);
    if (problem) return fail(io, `${file}:${line}: document ${doc.documentId} ${problem}`);
  }

  // 2. The workspace: a read-write token, and none of these documents there yet.
  try {
    const listing = await listWorkspace(where);
    if (listing.access !== 'read-write') return fail(io, `the token for workspace ${where.workspace} is read-only; importing needs a read-write token`);
    const existing = new Set(listing.documents);
    const clash = read.documents.filter((d) => existing.has(d.documentId)).map((d) => d.documentId);
    if (clash.length) return fail(io, `workspace ${where.workspace} already has ${clash.join(', ')}; import into an empty workspace or remove them first`);
  } catch (error) {
    return fail(io, (error as Error).message);
  }

  // 3. Only now, the writes.
  let written = 0;
  try {
    for (const doc of read.documents) {
      await withDocument(where, doc.documentId, (studio) => writeCuratedToStudioDoc(doc, studio));
      written++;
    }
  } catch (error) {
    const done = written ? ` (${written} of ${read.documents.length} documents were imported before it failed)` : '';
    return fail(io, `${(error as Error).message}${done}`);
  }
  io.stdout.write(`Imported ${read.documents.length} documents into workspace ${where.workspace}\n`);
  return EXIT_OK;
}
