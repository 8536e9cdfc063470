/**
 * One document from path to output chunk: read, parse, serialize. Runs on the
 * main thread or in a worker (worker.ts); every expected failure is a value.
 */
import { setFlagsFromString } from 'node:v8';
import type { Meeting } from '../minutes/model.ts';
import { parseMinutesTaking, type TextRepairer } from '../minutes/parse.ts';
import { createDanishRepairer } from '../ocr/text-repairer.ts';
import { loadDanishLexicon } from '../ocr/load-lexicon.node.ts';
import { createSerializer, type Format } from './formats.ts';
import type { OcrProgress } from '../pdf/ocr.ts';
import { identify, oneLine, readFileBytes, type DocumentInput, type InputError, type ReadOptions } from './input.ts';

/** What every document of a batch is turned into; plain data, so it can be sent to a worker. */
export interface ProcessConfig {
  format: Format;
  /**
   * Hand the output over as pieces made while it is written (`Serializer.chunks`)
   * instead of one string: on the main thread, so that a large document's
   * serialization is never whole in memory. Workers send one chunk.
   */
  lazy?: boolean;
  /** Whether the output holds a batch (see `SerializerOptions`). */
  multiple: boolean;
  /** Include `Meeting.text`. */
  includeText: boolean;
  /** Say on stderr how far the OCR of a scanned PDF has come, page by page (`'line'`: one line per page; `'tty'`: one line rewritten). */
  ocrProgress?: 'line' | 'tty' | false;
}

export type Outcome =
  /** `chunk` is a string or pieces (`lazy`) on the main thread, UTF-8 bytes from a worker (transferred, not copied). */
  | { ok: true; path: string; chunk: string | Uint8Array | Iterable<string>; warning?: string }
  | { ok: false; path: string; reason: string };

export async function processFile(path: string, config: ProcessConfig, options: ReadOptions = {}): Promise<Outcome> {
  // Held only by the holder, which processBytes empties once the bytes are decoded.
  const input = { bytes: (await readFileBytes(path, options)) as Uint8Array | InputError | null };
  if (!(input.bytes instanceof Uint8Array)) {
    const error = input.bytes as InputError;
    return { ok: false, path: error.path, reason: error.reason };
  }
  return processBytes(path, input as { bytes: Uint8Array | null }, config);
}

/**
 * One document already read: identify, parse, serialize. The bytes come in a
 * holder that is emptied once they are decoded, so that a large input is not
 * kept while it is parsed.
 */
export async function processBytes(path: string, input: { bytes: Uint8Array | null }, config: ProcessConfig): Promise<Outcome> {
  const doc = await identify(path, input.bytes!);
  input.bytes = null;
  if (!doc.ok) return { ok: false, path: doc.path, reason: doc.reason };
  if (doc.kind === 'text' && doc.text.length >= LARGE_TEXT) preferMemory();
  const parsed = await parseDocument(doc, config.includeText, config.ocrProgress ? ocrProgressLine(doc.name, config.ocrProgress) : undefined);
  if ('error' in parsed) return { ok: false, path, reason: parsed.error };
  try {
    const serializer = createSerializer(config.format, config);
    const meeting = parsed.meeting;
    const chunk = config.lazy ? serializer.chunks(meeting) : serializer.meeting(meeting);
    const notMinutes = meeting.diagnostics.find((d) => d.code === 'not-kl-minutes');
    return notMinutes ? { ok: true, path, chunk, warning: `warning: ${oneLine(notMinutes.message)}` } : { ok: true, path, chunk };
  } catch (error) {
    return { ok: false, path, reason: `cannot write ${config.format} (${errorMessage(error)})` };
  }
}

/**
 * Parses one decoded document; a parser exception becomes a one-line reason.
 * A text document's text is taken out of `doc` (left empty) by the parse.
 */
export async function parseDocument(doc: DocumentInput, includeText: boolean, onOcrProgress?: (progress: OcrProgress) => void): Promise<{ meeting: Meeting } | { error: string }> {
  try {
    if (doc.kind === 'text') doc.bytes = EMPTY; // decoded: the text is all the parse needs
    const options = { source: { name: doc.name, sha256: doc.sha256 }, includeText, repairer: danishRepairer };
    if (doc.kind === 'pdf') {
      const { parsePdfBytes } = await import('./pdf.ts');
      const result = await parsePdfBytes(doc.bytes, options, onOcrProgress);
      return result.ok ? { meeting: result.meeting } : { error: result.reason };
    }
    // The parse takes the text out of the document (which the caller still holds), so that
    // the input is let go once it is normalized.
    return { meeting: parseMinutesTaking(doc, options) };
  } catch (error) {
    return { error: `parser failed (${errorMessage(error)})` };
  }
}

const EMPTY = new Uint8Array(0);

/**
 * The OCR progress of one document on stderr: `referat: NAME: OCR 3/23 pages (page 7)`,
 * one line per page, or on a terminal one line rewritten and cleared at the end.
 */
function ocrProgressLine(name: string, mode: 'line' | 'tty'): (progress: OcrProgress) => void {
  return ({ page, done, total }) => {
    if (done === 0) return;
    const line = `referat: ${name}: OCR ${done}/${total} pages (page ${page})`;
    if (mode === 'line') process.stderr.write(`${line}\n`);
    else process.stderr.write(done < total ? `\r\x1b[K${line}` : '\r\x1b[K');
  };
}

/**
 * From a text of this many characters on, the process parses under V8's
 * memory-saving heap policy (`--optimize-for-size`: the heap is collected sooner
 * instead of grown): normalizing a long text leaves whole-text copies behind,
 * which the default policy lets pile up (on the 10 MB bench text the peak is
 * about a quarter lower). It costs CPU time (there, 20–40% more), and stays set
 * for the rest of the process; small texts, PDFs and so most batches never set it.
 * The flag changes how memory is managed, never what is computed.
 */
const LARGE_TEXT = 4_000_000;
let memoryPreferred = false;

function preferMemory(): void {
  if (memoryPreferred) return;
  memoryPreferred = true;
  setFlagsFromString('--optimize-for-size');
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
