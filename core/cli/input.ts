/**
 * The CLI's input layer: turns paths on disk into decoded documents, or into
 * one-line reasons why they cannot be read. Expected failures are values
 * (`InputError`), never exceptions.
 */
import { closeSync, fstatSync, openSync, readSync, type Dirent, type Stats } from 'node:fs';
import { open, readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileContent, type TextEncodingName } from '../text/decode.ts';
import { sha256Hex } from '../hash/sha256.node.ts';

export type { TextEncodingName };

export type DocumentKind = 'text' | 'pdf';

/** A readable document. */
export interface DocumentInput {
  ok: true;
  /** File name without directories, e.g. "000_0c2e4851483b96f9.txt". */
  name: string;
  /** The path as it was given or found under a given directory. */
  path: string;
  /** The raw file content. */
  bytes: Uint8Array;
  /** Hex SHA-256 of `bytes`. */
  sha256: string;
  kind: DocumentKind;
  /** The decoded text (BOM stripped); empty for a PDF, whose text layer is read when it is parsed. */
  text: string;
  /** How a text file was decoded; absent for PDFs. */
  encoding?: TextEncodingName;
}

export type InputErrorCode =
  | 'not-found'
  | 'permission'
  | 'not-a-file'
  | 'io'
  | 'too-large'
  | 'empty'
  | 'binary'
  | 'not-text'
  | 'not-pdf'
  | 'pdf'
  | 'no-documents';

/** Why a path could not be read, as one line (no trailing period, no newline). */
export interface InputError {
  ok: false;
  path: string;
  code: InputErrorCode;
  reason: string;
}

/** Files larger than this are refused rather than read into memory. */
export const MAX_INPUT_BYTES = 512 * 1024 * 1024;

const DOCUMENT_EXTENSIONS = /\.(txt|pdf)$/i;

/** The argument that names standard input. */
export const STDIN = '-';
/** How standard input is named in messages and in `Meeting.source.name`. */
export const STDIN_NAME = 'stdin';

/** Standard input, read whole by `readStdin` before any document is processed. */
let stdinBytes: Uint8Array | null = null;
/** The size of a standard input over the limit (its bytes are not kept), else 0. */
let stdinTooLarge = 0;

/** How a path is shown to the user: standard input by its name. */
export function displayPath(filePath: string): string {
  return filePath === STDIN ? STDIN_NAME : filePath;
}

/**
 * Reads standard input to its end (text or PDF bytes), once; `readFileBytes('-')`
 * then returns it. The bytes are a buffer of their own, so they can be transferred
 * to a worker.
 */
export async function readStdin(stream: NodeJS.ReadableStream = process.stdin): Promise<void> {
  if (stdinBytes) return;
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    total += bytes.length;
    if (total <= MAX_INPUT_BYTES) chunks.push(bytes);
  }
  if (total > MAX_INPUT_BYTES) {
    stdinBytes = new Uint8Array(0);
    stdinTooLarge = total;
    return;
  }
  const all = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.length;
  }
  stdinBytes = all;
}

function stdinInput(): Uint8Array | InputError {
  if (stdinTooLarge) return inputError(STDIN_NAME, 'too-large', `input too large (${formatSize(stdinTooLarge)}, limit ${formatSize(MAX_INPUT_BYTES)})`);
  if (!stdinBytes) return inputError(STDIN_NAME, 'io', 'standard input was not read');
  return stdinBytes;
}

export function inputError(filePath: string, code: InputErrorCode, reason: string): InputError {
  return { ok: false, path: filePath, code, reason };
}

export interface ReadOptions {
  /**
   * Read with blocking system calls. Several times faster for many small files,
   * and right where the thread has nothing else to do meanwhile (a worker);
   * the main thread reads without blocking, a few files ahead.
   */
  blocking?: boolean;
}

/** Reads, identifies and decodes one document. */
export async function readDocument(filePath: string, options: ReadOptions = {}): Promise<DocumentInput | InputError> {
  const bytes = await readFileBytes(filePath, options);
  if (!(bytes instanceof Uint8Array)) return bytes;
  return identify(filePath, bytes);
}

/**
 * The raw content of a file, refusing what is not a regular file of a readable size.
 * Read blocking, the bytes are a buffer of their own (never a pooled slice), so they
 * can be transferred to a worker.
 */
export async function readFileBytes(filePath: string, options: ReadOptions = {}): Promise<Uint8Array | InputError> {
  return options.blocking ? readFileBytesSync(filePath) : readBytes(filePath);
}

async function readBytes(filePath: string): Promise<Uint8Array | InputError> {
  if (filePath === STDIN) return stdinInput();
  try {
    const handle = await open(filePath, 'r');
    try {
      const refused = refuse(filePath, await handle.stat());
      return refused ?? (await handle.readFile());
    } finally {
      await handle.close();
    }
  } catch (error) {
    return fsError(filePath, error);
  }
}

/** `readFileBytes` with blocking system calls. */
export function readFileBytesSync(filePath: string): Uint8Array | InputError {
  if (filePath === STDIN) return stdinInput();
  try {
    const fd = openSync(filePath, 'r');
    try {
      const info = fstatSync(fd);
      const refused = refuse(filePath, info);
      if (refused) return refused;
      let bytes = Buffer.allocUnsafeSlow(info.size);
      let length = 0;
      for (;;) {
        if (length === bytes.length) {
          // The file grew since fstat: keep reading to its end.
          const larger = Buffer.allocUnsafeSlow(Math.max(64 * 1024, bytes.length * 2));
          bytes.copy(larger, 0, 0, length);
          bytes = larger;
        }
        const n = readSync(fd, bytes, length, bytes.length - length, null);
        if (n === 0) break;
        length += n;
      }
      return bytes.subarray(0, length);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    return fsError(filePath, error);
  }
}

/** Refuses what is not a regular file of a readable size, before reading it. */
function refuse(filePath: string, info: Stats): InputError | null {
  if (info.isDirectory()) return inputError(filePath, 'not-a-file', 'is a directory');
  if (!info.isFile()) return inputError(filePath, 'not-a-file', 'not a regular file');
  if (info.size > MAX_INPUT_BYTES) {
    return inputError(filePath, 'too-large', `file too large (${formatSize(info.size)}, limit ${formatSize(MAX_INPUT_BYTES)})`);
  }
  return null;
}

/** Identifies and decodes bytes already in memory (`filePath` names them in messages and decides by extension). */
export async function identify(filePath: string, bytes: Uint8Array): Promise<DocumentInput | InputError> {
  const name = filePath === STDIN ? STDIN_NAME : path.basename(filePath);
  filePath = displayPath(filePath);
  const content = fileContent(bytes, filePath);
  if (!content.ok) return inputError(filePath, content.code, content.reason);
  const base = { ok: true as const, name, path: filePath, bytes, sha256: sha256Hex(bytes) };
  // A PDF's text layer is read when it is parsed (core/cli/pdf.ts), with its page boxes.
  if (content.kind === 'pdf') return { ...base, kind: 'pdf', text: '' };
  return { ...base, kind: 'text', text: content.text, encoding: content.encoding };
}

function formatSize(n: number): string {
  return n >= 1024 * 1024 ? `${Math.round(n / (1024 * 1024))} MiB` : `${n} bytes`;
}

/** Maps a file-system error to a one-line reason. */
function fsError(filePath: string, error: unknown): InputError {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'ENOENT':
      return inputError(filePath, 'not-found', 'no such file or directory');
    case 'ENOTDIR':
      return inputError(filePath, 'not-found', 'no such file or directory (a parent is not a directory)');
    case 'EACCES':
    case 'EPERM':
      return inputError(filePath, 'permission', 'permission denied');
    case 'EISDIR':
      return inputError(filePath, 'not-a-file', 'is a directory');
    case 'ELOOP':
      return inputError(filePath, 'not-found', 'too many levels of symbolic links');
    default: {
      const message = error instanceof Error ? error.message : String(error);
      return inputError(filePath, 'io', `cannot read (${oneLine(message)})`);
    }
  }
}

export function oneLine(message: string): string {
  return message.replace(/\s+/g, ' ').trim();
}

/** The documents named by command-line arguments. */
export interface ExpandedInputs {
  /** Files to read, in argument order; each directory's documents sorted by path. */
  files: string[];
  /** Arguments that name nothing readable, or directories without documents. */
  errors: InputError[];
  /** How many arguments were directories. */
  directories: number;
}

/**
 * Expands files and directories. A file named directly is taken whatever its
 * extension; directories are searched recursively for *.txt and *.pdf
 * (hidden entries skipped, symbolic links followed once).
 */
export async function expandInputs(args: readonly string[]): Promise<ExpandedInputs> {
  const files: string[] = [];
  const errors: InputError[] = [];
  const seen = new Set<string>();
  let directories = 0;
  const add = (file: string) => {
    const key = path.resolve(file);
    if (!seen.has(key)) {
      seen.add(key);
      files.push(file);
    }
  };

  for (const arg of args) {
    if (arg === STDIN) {
      add(STDIN);
      continue;
    }
    let info;
    try {
      info = await stat(arg);
    } catch (error) {
      errors.push(fsError(arg, error));
      continue;
    }
    if (info.isDirectory()) {
      directories++;
      const found: string[] = [];
      const errorsBefore = errors.length;
      await walk(arg, found, errors, new Set());
      if (found.length === 0 && errors.length === errorsBefore) {
        errors.push(inputError(arg, 'no-documents', 'no .txt or .pdf documents in directory'));
      }
      found.forEach(add);
    } else if (info.isFile()) {
      add(arg);
    } else {
      errors.push(inputError(arg, 'not-a-file', 'not a regular file or directory'));
    }
  }
  return { files, errors, directories };
}

async function walk(dir: string, found: string[], errors: InputError[], visited: Set<string>): Promise<void> {
  let entries: Dirent[];
  try {
    const real = await realpath(dir);
    if (visited.has(real)) return;
    visited.add(real);
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    errors.push(fsError(dir, error));
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    let isDir = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      try {
        const target = await stat(full);
        isDir = target.isDirectory();
        isFile = target.isFile();
      } catch {
        continue; // a dangling link is not a document
      }
    }
    if (isDir) await walk(full, found, errors, visited);
    else if (isFile && DOCUMENT_EXTENSIONS.test(entry.name)) found.push(full);
  }
}
