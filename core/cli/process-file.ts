/**
 * One document from path to output chunk: read, parse, serialize. Runs on the
 * main thread or in a worker (worker.ts); every expected failure is a value.
 */
import type { Meeting } from '../minutes/model.ts';
import { parseMinutes, type TextRepairer } from '../minutes/parse.ts';
import { createDanishRepairer } from '../ocr/text-repairer.ts';
import { loadDanishLexicon } from '../ocr/load-lexicon.node.ts';
import { createSerializer, type Format } from './formats.ts';
import { identify, oneLine, readFileBytes, type DocumentInput, type ReadOptions } from './input.ts';

/** What every document of a batch is turned into; plain data, so it can be sent to a worker. */
export interface ProcessConfig {
  format: Format;
  /** Whether the output holds a batch (see `SerializerOptions`). */
  multiple: boolean;
  /** Include `Meeting.text`. */
  includeText: boolean;
}

export type Outcome =
  /** `chunk` is a string on the main thread, UTF-8 bytes from a worker (transferred, not copied). */
  | { ok: true; path: string; chunk: string | Uint8Array; warning?: string }
  | { ok: false; path: string; reason: string };

export async function processFile(path: string, config: ProcessConfig, options: ReadOptions = {}): Promise<Outcome> {
  const bytes = await readFileBytes(path, options);
  if (!(bytes instanceof Uint8Array)) return { ok: false, path: bytes.path, reason: bytes.reason };
  return processBytes(path, bytes, config);
}

/** One document already read: identify, parse, serialize. */
export async function processBytes(path: string, bytes: Uint8Array, config: ProcessConfig): Promise<Outcome> {
  const doc = await identify(path, bytes);
  if (!doc.ok) return { ok: false, path: doc.path, reason: doc.reason };
  const parsed = await parseDocument(doc, config.includeText);
  if ('error' in parsed) return { ok: false, path, reason: parsed.error };
  try {
    const chunk = createSerializer(config.format, config).meeting(parsed.meeting);
    const notMinutes = parsed.meeting.diagnostics.find((d) => d.code === 'not-kl-minutes');
    return notMinutes ? { ok: true, path, chunk, warning: `warning: ${oneLine(notMinutes.message)}` } : { ok: true, path, chunk };
  } catch (error) {
    return { ok: false, path, reason: `cannot write ${config.format} (${errorMessage(error)})` };
  }
}

/** Parses one decoded document; a parser exception becomes a one-line reason. */
export async function parseDocument(doc: DocumentInput, includeText: boolean): Promise<{ meeting: Meeting } | { error: string }> {
  try {
    const options = { source: { name: doc.name, sha256: doc.sha256 }, includeText, repairer: danishRepairer };
    if (doc.kind === 'pdf') {
      const { parsePdfBytes } = await import('./pdf.ts');
      const result = await parsePdfBytes(doc.bytes, options);
      return result.ok ? { meeting: result.meeting } : { error: result.reason };
    }
    return { meeting: parseMinutes(doc.text, options) };
  } catch (error) {
    return { error: `parser failed (${errorMessage(error)})` };
  }
}

let repairer: TextRepairer | null = null;

/**
 * The OCR repairer, made the first time a document looks OCR-damaged: loading the
 * lexicon costs ~25 ms and ~20 MB, which clean documents never pay.
 */
export function danishRepairer(): TextRepairer {
  repairer ??= createDanishRepairer(loadDanishLexicon());
  return repairer;
}

function errorMessage(error: unknown): string {
  if (process.env.REFERAT_DEBUG) console.error(error);
  return oneLine(error instanceof Error ? error.message : String(error));
}
