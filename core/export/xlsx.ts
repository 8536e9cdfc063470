/**
 * The spreadsheet export, `items.xlsx`: the same columns as CSV. A spreadsheet
 * opens it right by double-click whatever its locale (no delimiter to guess,
 * no decimal comma to misread): text cells are text — the item number "2.10"
 * stays "2.10" and a title starting with "=" stays text, never a formula —
 * `date` is a date cell, `reviewedAt` a date-time cell (UTC), `sectionNo`,
 * `itemNo` and `schemaVersion` are numbers, and lists and objects are JSON
 * text. The header row is bold and stays in view. An empty text is an empty
 * cell, as a spreadsheet has nothing else for it.
 *
 * A spreadsheet cell holds at most 32,767 characters: a longer text is cut
 * there and ends with "…" (the whole text is in items.jsonl and items.parquet).
 * Characters XML cannot hold (C0 controls but tab and newlines, lone
 * surrogates, non-characters) and those it discourages are left out.
 *
 * The workbook is written directly — an .xlsx is a zip of a handful of XML
 * parts — one sheet (an item's own texts inline) and a shared-string table
 * (texts that repeat, the longest text, lists and objects), streamed row by
 * row into fflate's zip. A general spreadsheet writer spends most of its time on per-cell
 * objects, style lookups and a shared-string table; this writes the same
 * cells (test/export-tables.test.ts reads both back with read-excel-file and
 * compares them with the rows and with write-excel-file's workbook).
 */
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import { ROW_COLUMNS, type ItemRow } from './rows.ts';

export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** The most characters one spreadsheet cell holds (Excel's limit). */
export const XLSX_CELL_LIMIT = 32_767;

type Column = (typeof ROW_COLUMNS)[number];
const NUMBER_COLUMNS: ReadonlySet<Column> = new Set(['schemaVersion', 'sectionNo', 'itemNo']);
const WIDTHS: Partial<Record<Column, number>> = { meetingId: 28, body: 18, date: 11, number: 7, title: 50, caseNumber: 16, reviewedAt: 20 };

/** A text as a cell holds it: cut at the cell limit. */
export function cellText(s: string): string {
  return s.length <= XLSX_CELL_LIMIT ? s : s.slice(0, XLSX_CELL_LIMIT - 1) + '…';
}

/** Any character XML 1.0 forbids or discourages (or a surrogate, checked further by `xmlClean`). */
const SUSPECT = /[\0-\x08\x0B\f\x0E-\x1F\x7F-\x84\x86-\x9F\uD800-\uDFFF\uFDD0-\uFDEF\uFFFD-\uFFFF]/;
/** Forbidden: C0 controls but tab and newlines, U+FFFD–U+FFFF, lone surrogates. */
const INVALID = /[\0-\x08\x0B\f\x0E-\x1F\uFFFD\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** Discouraged: C1 controls but NEL, U+FDD0–U+FDEF, and the last two code points of every plane. */
const DISCOURAGED = /[\x7F-\x84\x86-\x9F\uFDD0-\uFDEF]|[\uD83F\uD87F\uD8BF\uD8FF\uD93F\uD97F\uD9BF\uD9FF\uDA3F\uDA7F\uDABF\uDAFF\uDB3F\uDB7F\uDBBF\uDBFF][\uDFFE\uDFFF]/g;

/** A text as XML character data: unwanted characters left out, `&`, `<` and `>` escaped. */
export function xmlText(s: string): string {
  if (SUSPECT.test(s)) s = s.replace(INVALID, '').replace(DISCOURAGED, '');
  if (!/[&<>]/.test(s)) return s;
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Column letters: A…Z, AA… */
function letters(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

const DAY_MS = 86_400_000;
/** Days from Excel's epoch (1899-12-30, as its serial numbers count) to 1970-01-01. */
const EXCEL_EPOCH_DAYS = 25_569;
/** Style indexes in styles.xml's cellXfs. */
const BOLD = 1;
const DATE = 2;
const DATE_TIME = 3;

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';

const CONTENT_TYPES =
  XML_HEAD +
  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
  '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
  '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
  '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' +
  '</Types>';

const ROOT_RELS =
  XML_HEAD +
  `<Relationships xmlns="${PKG_REL_NS}">` +
  `<Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/>` +
  '</Relationships>';

const WORKBOOK =
  XML_HEAD +
  `<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">` +
  '<bookViews><workbookView/></bookViews>' +
  '<sheets><sheet name="items" sheetId="1" r:id="rId1"/></sheets>' +
  '</workbook>';

const WORKBOOK_RELS =
  XML_HEAD +
  `<Relationships xmlns="${PKG_REL_NS}">` +
  `<Relationship Id="rId1" Type="${REL_NS}/worksheet" Target="worksheets/sheet1.xml"/>` +
  `<Relationship Id="rId2" Type="${REL_NS}/styles" Target="styles.xml"/>` +
  `<Relationship Id="rId3" Type="${REL_NS}/sharedStrings" Target="sharedStrings.xml"/>` +
  '</Relationships>';

const STYLES =
  XML_HEAD +
  `<styleSheet xmlns="${MAIN_NS}">` +
  '<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/><numFmt numFmtId="165" formatCode="yyyy-mm-dd hh:mm:ss"/></numFmts>' +
  '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="4">' +
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  `<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>` +
  `<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` +
  `<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` +
  '</cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>';

/** The fixed parts, before the sheet. */
const PARTS: [string, string][] = [
  ['[Content_Types].xml', CONTENT_TYPES],
  ['_rels/.rels', ROOT_RELS],
  ['xl/workbook.xml', WORKBOOK],
  ['xl/_rels/workbook.xml.rels', WORKBOOK_RELS],
  ['xl/styles.xml', STYLES],
];

const SHEET_HEAD =
  XML_HEAD +
  `<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">` +
  '<sheetViews><sheetView tabSelected="1" workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>' +
  '<sheetFormatPr defaultRowHeight="15"/>' +
  '<cols>' +
  ROW_COLUMNS.map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${WIDTHS[c] ?? 14}" customWidth="1"/>`).join('') +
  '</cols>' +
  '<sheetData>';
const SHEET_TAIL = '</sheetData></worksheet>';

const COLUMN_LETTERS = ROW_COLUMNS.map((_, i) => letters(i));

/** A text cell (inline string); leading or trailing blanks kept. */
function textCell(ref: string, s: string, style = ''): string {
  if (s === '') return '';
  const space = blank(s) ? ' xml:space="preserve"' : '';
  return `<c r="${ref}"${style} t="inlineStr"><is><t${space}>${xmlText(s)}</t></is></c>`;
}

/**
 * The shared-string table, written as it grows into its own zip entry, so
 * that the sheet and the table are compressed side by side. It holds the
 * longest text (`sagsfremstilling`), the texts that repeat from item to item
 * (a meeting's id, body and place, a section's title…) and the JSON text of
 * lists and objects. A text is stored once however often it comes: a
 * meeting's participants are the same list on each of its items, so their
 * text is made, escaped and stored once, and every item of a meeting points
 * to one copy of its id.
 */
class SharedStrings {
  private readonly byObject = new WeakMap<object, number>();
  private readonly byText = new Map<string, number>();
  private count = 0;
  constructor(readonly sink: Sink) {
    sink.write(XML_HEAD + `<sst xmlns="${MAIN_NS}">`);
  }
  /** The entry of a text (-1 for a text that is empty as a cell holds it). */
  text(s: string): number {
    let i = this.byText.get(s);
    if (i === undefined) {
      const escaped = xmlText(cellText(s));
      if (escaped === '') i = -1;
      else {
        this.sink.write(blank(s) ? '<si><t xml:space="preserve">' : '<si><t>');
        this.sink.write(escaped);
        this.sink.write('</t></si>');
        i = this.count++;
      }
      this.byText.set(s, i);
    }
    return i;
  }
  /** The entry of an object's JSON text. */
  of(value: object): number {
    let i = this.byObject.get(value);
    if (i === undefined) this.byObject.set(value, (i = this.text(JSON.stringify(value))));
    return i;
  }
}

const blank = (s: string) => s.charCodeAt(0) <= 32 || s.charCodeAt(s.length - 1) <= 32;
/**
 * Text columns kept in the shared strings: the longest text, so that the
 * sheet and the table are about the same size, and the texts that repeat
 * from item to item.
 */
const SHARED_TEXT: ReadonlySet<Column> = new Set([
  'sagsfremstilling', 'documentId', 'meetingId', 'body', 'kind', 'location', 'sectionNumber', 'sectionTitle',
  'decisionType', 'decisionTypeSource', 'reviewStatus', 'reviewedBy',
]);

/** One cell's XML ('' for an empty cell). */
function cell(column: Column, ref: string, value: unknown, shared: SharedStrings): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' && NUMBER_COLUMNS.has(column)) return `<c r="${ref}"><v>${value}</v></c>`;
  if (typeof value === 'string') {
    if (column === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
      return `<c r="${ref}" s="${DATE}"><v>${Date.parse(`${value}T00:00:00Z`) / DAY_MS + EXCEL_EPOCH_DAYS}</v></c>`;
    }
    if (column === 'reviewedAt') {
      const ms = Date.parse(value);
      if (!Number.isNaN(ms)) return `<c r="${ref}" s="${DATE_TIME}"><v>${ms / DAY_MS + EXCEL_EPOCH_DAYS}</v></c>`;
    }
    if (SHARED_TEXT.has(column) && value !== '') {
      const i = shared.text(value);
      return i < 0 ? '' : `<c r="${ref}" t="s"><v>${i}</v></c>`;
    }
    return textCell(ref, cellText(value));
  }
  if (typeof value === 'object') {
    const i = shared.of(value);
    return i < 0 ? '' : `<c r="${ref}" t="s"><v>${i}</v></c>`;
  }
  return textCell(ref, cellText(String(value)));
}

/** Bytes gathered before they go to the compressor. */
const CHUNK_BYTES = 1 << 20;

/** Rows of XML gathered to about this many characters before they are encoded and compressed. */
const CHUNK_CHARS = 1 << 20;

/**
 * A zip entry deflated by the platform's own compressor (CompressionStream,
 * in browsers and Node alike: native code, off the main thread) where there
 * is one, else by fflate. `push` takes the entry's plain bytes; `ready` waits
 * until the compressor has caught up, so the plain text never piles up.
 */
interface Entry {
  file: ZipPassThrough | ZipDeflate;
  push(chunk: Uint8Array, final?: boolean): Promise<void>;
}

/** Chunks one compressor may have queued before the writer waits for it. */
const IN_FLIGHT = 8;

class NativeDeflate extends ZipPassThrough {
  private readonly writer: WritableStreamDefaultWriter<BufferSource>;
  readonly done: Promise<void>;
  constructor(name: string) {
    super(name);
    this.compression = 8;
    const stream = new CompressionStream('deflate-raw');
    this.writer = stream.writable.getWriter();
    const reader = stream.readable.getReader();
    this.done = (async () => {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return this.ondata(null, new Uint8Array(0), true);
        this.ondata(null, value, false);
      }
    })();
  }
  /** Chunks written but not yet taken by the compressor. */
  private readonly pending: Promise<void>[] = [];
  override process(chunk: Uint8Array, final: boolean): void {
    this.pending.push(this.writer.write(chunk as Uint8Array<ArrayBuffer>));
    if (final) this.pending.push(this.writer.close());
  }
  /** Waits while more than a few chunks are queued: the compressor works while the next rows are written. */
  async ready(): Promise<void> {
    while (this.pending.length > IN_FLIGHT) await this.pending.shift();
  }
}

function entry(name: string): Entry {
  if (typeof CompressionStream === 'function') {
    const file = new NativeDeflate(name);
    return {
      file,
      async push(chunk, final = false) {
        file.push(chunk, final);
        await (final ? file.done : file.ready());
      },
    };
  }
  const file = new ZipDeflate(name, { level: 1 });
  return {
    file,
    async push(chunk, final = false) {
      file.push(chunk, final);
    },
  };
}

/**
 * A zip entry's text, encoded piece by piece straight into a chunk of bytes
 * (no text of a whole chunk is ever built: joining and then encoding large
 * strings was most of the cost) and handed to the compressor chunk by chunk.
 */
class Sink {
  private static readonly encoder = new TextEncoder();
  private buffer = new Uint8Array(CHUNK_BYTES);
  private at = 0;
  /** Set when a chunk went to the compressor: the writer waits for it before going on. */
  wait: Promise<void> | null = null;
  constructor(private readonly entry: Entry) {}
  write(text: string): void {
    // UTF-8 takes at most three bytes for one UTF-16 code unit.
    if (text.length * 3 > this.buffer.length - this.at) {
      this.flush();
      if (text.length * 3 > this.buffer.length) {
        this.send(Sink.encoder.encode(text));
        return;
      }
    }
    this.at += Sink.encoder.encodeInto(text, this.buffer.subarray(this.at)).written;
  }
  private send(bytes: Uint8Array, final = false): void {
    const before = this.wait;
    const sent = this.entry.push(bytes, final);
    this.wait = before ? Promise.all([before, sent]).then(() => undefined) : sent;
  }
  flush(): void {
    if (this.at === 0) return;
    this.send(this.buffer.subarray(0, this.at));
    this.buffer = new Uint8Array(CHUNK_BYTES);
    this.at = 0;
  }
  async end(): Promise<void> {
    this.send(this.buffer.subarray(0, this.at), true);
    await this.wait;
  }
}

/** The rows as an .xlsx workbook's bytes (one sheet, "items"). */
export async function rowsToXlsx(rows: readonly ItemRow[]): Promise<Uint8Array> {
  const out: Uint8Array[] = [];
  let failure: Error | null = null;
  let finished!: () => void;
  const complete = new Promise<void>((resolve) => (finished = resolve));
  const zip = new Zip((err, data, final) => {
    if (err) failure = err;
    else out.push(data);
    if (err || final) finished();
  });
  const open = (name: string): Sink => {
    const e = entry(name);
    zip.add(e.file);
    return new Sink(e);
  };
  for (const [name, text] of PARTS) {
    const part = open(name);
    part.write(text);
    await part.end();
  }

  // The sheet and the shared strings, side by side.
  const sheet = open('xl/worksheets/sheet1.xml');
  const shared = new SharedStrings(open('xl/sharedStrings.xml'));
  sheet.write(SHEET_HEAD + '<row r="1">' + ROW_COLUMNS.map((c, i) => textCell(`${COLUMN_LETTERS[i]}1`, c, ` s="${BOLD}"`)).join('') + '</row>');
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    const n = r + 2;
    let xml = `<row r="${n}">`;
    for (let i = 0; i < ROW_COLUMNS.length; i++) {
      const column = ROW_COLUMNS[i]!;
      xml += cell(column, COLUMN_LETTERS[i]! + n, row[column], shared);
    }
    sheet.write(xml + '</row>');
    if (sheet.wait || shared.sink.wait) {
      await Promise.all([sheet.wait, shared.sink.wait]);
      sheet.wait = shared.sink.wait = null;
    }
  }
  sheet.write(SHEET_TAIL);
  shared.sink.write('</sst>');
  await Promise.all([sheet.end(), shared.sink.end()]);
  zip.end();
  await complete;
  if (failure) throw failure;

  const bytes = new Uint8Array(out.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of out) {
    bytes.set(c, at);
    at += c.length;
  }
  return bytes;
}
