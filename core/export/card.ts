/**
 * The dataset card (README.md written next to every export), as data hubs
 * read it: Hugging Face YAML front matter (licence, `language: da`, one
 * config per data file), then what, when, from where and how the data was
 * made, how to load it (pandas, DuckDB, R, 🤗 datasets), counts, labels,
 * agreement and the schema.
 */
import { FRAGILE_BELOW_ITEMS, type Fragility, type LabelAgreement } from './agreement.ts';
import type { ExportFilter } from './filter.ts';
import type { Labelling } from './model.ts';
import type { Taxonomy } from '../document/taxonomy.ts';
import type { ItemRow } from './rows.ts';

export interface CardInput {
  rows: readonly ItemRow[];
  agreement: readonly LabelAgreement[];
  filter: ExportFilter;
  /** ISO 8601 time of the export. */
  generatedAt: string;
  /** Where the documents came from: files or a workspace on a server. */
  origin: string;
  /** The files written, with one line saying what each holds. */
  files: readonly { name: string; description: string }[];
  tool: string;
  /** The CSV's delimiter, for the load snippets and the CSV config. */
  csvDelimiter?: string;
  /** A licence identifier from the Hugging Face list (default "other": the publisher of the dataset chooses). */
  license?: string;
  /** How the workspace's analysts labelled; unknown (files, an older workspace) when absent. */
  labelling?: Labelling;
  /** The workspace's label taxonomy the labels were set from (its version, labels and guidelines, history). */
  taxonomy?: Taxonomy;
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

export function datasetCard(input: CardInput): string {
  const { rows } = input;
  const meetings = new Map<string, ItemRow>();
  for (const r of rows) if (!meetings.has(r.meetingId)) meetings.set(r.meetingId, r);
  const dates = [...meetings.values()].map((r) => r.date).filter((d): d is string => d !== null).sort();
  const bodies = count(rows.map((r) => r.body));
  const review = count(rows.map((r) => r.reviewStatus));
  const decisions = count(rows.map((r) => r.decisionType ?? '(no decision text)'));
  const labels = count(rows.flatMap((r) => r.finalLabels));
  // Whoever made an annotation or set a label (a label counts for the person who set it).
  const analysts = new Set(rows.flatMap((r) => [...r.annotations.map((a) => a.author), ...r.labels.map((l) => l.author)]));
  const annotations = rows.reduce((s, r) => s + r.annotations.length, 0);
  const comments = rows.reduce((s, r) => s + r.comments.length, 0);
  const cases = new Set(rows.map((r) => r.caseNumber).filter(Boolean));
  const sources = [...meetings.values()].map((r) => `- ${cell(r.meetingId)}: ${cell(r.source.url ?? r.source.name)}${r.source.sha256 ? ` (sha256 ${r.source.sha256})` : ''}${r.source.fingerprint ? `, PDF fingerprint ${r.source.fingerprint}` : ''}`);

  const names = new Set(input.files.map((f) => f.name));
  const lines = [
    ...frontMatter(input, names),
    '# Referat Studio dataset',
    '',
    'Agenda items of the minutes KL publishes for its regional councils (KKR), read by Referat Studio, with the corrections, labels, comments and review of its analysts. One row per item; every row cites its source document (SHA-256, PDF fingerprint), its text offsets and, for PDFs, its page boxes.',
    '',
    '## What and when',
    '',
    `- Exported: ${input.generatedAt} by ${input.tool}`,
    `- From: ${input.origin}`,
    `- Selection: ${describeFilter(input.filter)}`,
    `- Labelling: ${describeLabelling(input.labelling)}`,
    `- Schema version: 1 (see item.schema.json)`,
    '',
    '## How it was made',
    '',
    `1. The minutes and agendas KL publishes for its regional councils (KKR) were read from their PDFs (pdf.js text layer) or text files and normalized (de-hyphenation, running headers and footers removed; OCR damage repaired with a Danish lexicon where the text looked damaged). Each document is cited by the SHA-256 of its file and, for a PDF, its pdf.js fingerprint.`,
    `2. ${input.tool} parsed each into its meeting: body, date, location, participants and absentees, sections and agenda items with their case numbers, case workers and the four fields (Baggrund, Indstilling, Sagsfremstilling, Beslutning), every span with its offsets in the normalized text and, for a PDF, its page boxes.`,
    '3. Analysts corrected the text and the structure in the Referat Studio editor, labelled and commented items, and set each item’s review status; a curator settled disagreements between analysts (adjudications). Who did what, and when, is in the rows.',
    '4. The decision type of an item is a curator’s adjudicated label, else an analyst’s label, else read from the Beslutning text by rules (`decisionTypeSource` says which).',
    '5. This export chose the items by the selection below and wrote them in the files listed under Files.',
    '',
    ...loadSection(names, input.csvDelimiter ?? ','),
    '## Licence',
    '',
    'The minutes and agendas are public documents published by KL (www.kl.dk). The corrections, labels, comments and review are the work of the analysts named in the rows; whoever publishes this dataset states its licence here and in the front matter (`license`).',
    '',
    '## Counts',
    '',
    '| what | count |',
    '| --- | ---: |',
    `| documents | ${new Set(rows.map((r) => r.documentId)).size} |`,
    `| meetings (distinct meeting ids) | ${meetings.size} |`,
    `| items | ${rows.length} |`,
    `| cases (distinct case numbers) | ${cases.size} |`,
    `| annotations | ${annotations} |`,
    `| comments | ${comments} |`,
    `| analysts | ${analysts.size} |`,
    `| first meeting | ${dates[0] ?? '–'} |`,
    `| last meeting | ${dates.at(-1) ?? '–'} |`,
    '',
    table('Bodies', 'body', bodies),
    table('Review status', 'status', review),
    table('Decision types', 'decision type', decisions),
    table('Label distribution (after adjudication)', 'label', labels),
    ...(input.taxonomy ? taxonomySection(input.taxonomy) : []),
    '## Agreement between analysts',
    '',
    ...(input.agreement.length ? agreementSection(input.agreement) : ['No item was rated by two or more analysts, so there is no agreement to report.']),
    '',
    '## Sources',
    '',
    ...(sources.length ? sources : ['(none)']),
    '',
    '## Files',
    '',
    ...input.files.map((f) => `- \`${f.name}\`: ${f.description}`),
    '',
    '## Schema',
    '',
    'Column names follow the public data contract (Meeting → Section → Item → Field). `number` is the item number as printed (“2.10”) and is text in every file; `sectionNo` and `itemNo` are its parts as integers (2 and 10), to sort by and to tell items apart in tools that take `number` for a decimal. Offsets in the rows are UTF-16 code units into the meeting’s normalized text (the TextPositionSelectors of annotations.jsonld count code points); page boxes are PDF user units on 1-based pages.',
    '',
    'In CSV a list or object is JSON in its cell, null is an empty cell and an empty text `""`; a cell whose text would start a spreadsheet formula (=, +, -, @, tab, carriage return) begins with a single quote. In Parquet `date` is a DATE, `reviewedAt` and the times inside lists are TIMESTAMPs (UTC), lists are LIST and objects STRUCT columns. In the spreadsheet (items.xlsx) text cells are text, `date` and `reviewedAt` are date cells, lists and objects JSON text, and a text longer than a cell holds (32,767 characters) is cut with “…”. `decisionTypeSource` says whether the decision type was settled by a curator (adjudication), set by an analyst (label) or read from the Beslutning text by rules (rule). The full schema is item.schema.json (JSON Schema draft-07).',
    '',
  ];
  return lines.join('\n');
}

/** The taxonomy: its version, every label (rows carry the id; the name is what analysts saw) and its latest changes. */
function taxonomySection(t: Taxonomy): string[] {
  const last = t.history.at(-1);
  const changes = t.history.slice(-20).reverse();
  return [
    '## Label taxonomy',
    '',
    `Version ${t.version}${last ? ` (last changed ${new Date(last.at).toISOString()} by ${cell(last.by)})` : ' (the default taxonomy, unchanged)'}. Rows carry a label's id, which stays when the label is renamed; the whole taxonomy and its history are in taxonomy.json.`,
    '',
    '| id | name | group | key | guideline |',
    '| --- | --- | --- | --- | --- |',
    ...t.groups.flatMap((g) => g.labels.map((l) => `| ${cell(l.id)} | ${cell(l.name)} | ${cell(g.name)} | ${l.key ? `Alt+${l.key.toUpperCase()}` : ''} | ${cell(l.description)} |`)),
    '',
    ...(changes.length ? ['Latest changes:', '', ...changes.map((c) => `- ${c.version}. ${new Date(c.at).toISOString()} ${cell(c.by)}: ${c.kind} ${cell(c.target)} (${Object.entries(c.fields).map(([k, [from, to]]) => `${k}: ${cell(from ? `${from} → ${to}` : to)}`).join('; ')})`), ''] : []),
  ];
}

function describeLabelling(l: Labelling | undefined): string {
  if (!l) return 'not recorded';
  if (l.mode === 'shared') return 'shared (every analyst saw everyone’s labels as they were made)';
  return `independent (each analyst saw only their own labels and review until a curator opened adjudication; adjudication ${l.adjudicationOpen ? 'open' : 'not yet open'})`;
}

/** Why a figure is fragile, in words. */
export function fragilityText(f: readonly Fragility[]): string {
  return f.map((x) => (x.code === 'few-items' ? `fragile: ${x.items} items (fewer than ${FRAGILE_BELOW_ITEMS})` : `fragile: ${x.analyst} ${x.value ? 'gave it on every item' : 'never gave it'}`)).join('; ');
}

function agreementSection(agreement: readonly LabelAgreement[]): string[] {
  const pairs = agreement.flatMap((a) => a.pairs.map((p) => ({ label: a.label, ...p })));
  return [
    'Per label, over the items that two or more analysts rated. An analyst rated an item when they annotated it, set a label there, or marked it done (read, no label needed); each label counts for the person who set it. Cohen’s κ with two analysts, Fleiss’ κ with more; Krippendorff’s α (nominal) over every item two or more rated; "items" is how many items κ rests on. A figure on fewer than ' +
      `${FRAGILE_BELOW_ITEMS} items, or on a label an analyst gave on every item or on none, is marked fragile: read it as a count, not as agreement.`,
    '',
    '| label | method | κ | α | observed agreement | items | analysts | note |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |',
    ...agreement.map((a) => `| ${cell(a.label)} | ${a.method === 'cohen' ? 'Cohen' : 'Fleiss'} | ${fmt(a.kappa)} | ${fmt(a.alpha)} | ${fmt(a.observed)} | ${a.items} | ${a.raters} | ${cell(fragilityText(a.fragile))} |`),
    ...(pairs.length > 1 || agreement.some((a) => a.raters > 2)
      ? ['', 'Each pair of analysts (Cohen’s κ over the items both rated):', '', '| label | analysts | κ | observed agreement | items | note |', '| --- | --- | ---: | ---: | ---: | --- |', ...pairs.map((p) => `| ${cell(p.label)} | ${cell(p.a)} · ${cell(p.b)} | ${fmt(p.kappa)} | ${fmt(p.observed)} | ${p.items} | ${cell(fragilityText(p.fragile))} |`)]
      : []),
  ];
}

function count(values: readonly string[]): [string, number][] {
  const m = new Map<string, number>();
  for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
  return [...m.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'da'));
}

function table(title: string, what: string, rows: [string, number][]): string {
  if (rows.length === 0) return `## ${title}\n\n(none)\n`;
  return [`## ${title}`, '', `| ${what} | items |`, '| --- | ---: |', ...rows.map(([k, n]) => `| ${cell(k)} | ${n} |`), ''].join('\n');
}

function fmt(x: number | null): string {
  return x === null ? 'undefined' : x.toFixed(3);
}

export function describeFilter(f: ExportFilter): string {
  const parts: string[] = [];
  if (f.approvedOnly) parts.push('approved items only');
  if (f.body) parts.push(`body ${f.body}`);
  if (f.from || f.to) parts.push(`meetings ${f.from ?? '…'} to ${f.to ?? '…'}`);
  if (f.labels?.length) parts.push(`items labelled ${f.labels.join(' or ')}`);
  if (f.documentIds) parts.push(`${f.documentIds.length} selected documents`);
  return parts.length ? parts.join('; ') : 'everything';
}

/** Hugging Face's size categories. */
function sizeCategory(n: number): string {
  if (n < 1_000) return 'n<1K';
  if (n < 10_000) return '1K<n<10K';
  if (n < 100_000) return '10K<n<100K';
  if (n < 1_000_000) return '100K<n<1M';
  return '1M<n<10M';
}

/** A YAML scalar: quoted, so that no value is read as something else. */
const yaml = (s: string) => JSON.stringify(s);

/** The Hugging Face front matter: licence, language, size, and one config per data file (the Parquet rows first, as the default). */
function frontMatter(input: CardInput, names: ReadonlySet<string>): string[] {
  const configs: string[] = [];
  const config = (name: string, file: string, extra: string[] = []) => {
    if (!names.has(file)) return;
    configs.push(`- config_name: ${name}`, ...(configs.length === 0 ? ['  default: true'] : []), `  data_files: ${yaml(file)}`, ...extra);
  };
  config('items', 'items.parquet');
  config('items_jsonl', 'items.jsonl');
  config('items_csv', 'items.csv', input.csvDelimiter && input.csvDelimiter !== ',' ? [`  sep: ${yaml(input.csvDelimiter)}`] : []);
  config('documents', 'documents.jsonl');
  const license = input.license ?? 'other';
  return [
    '---',
    `license: ${license}`,
    ...(license === 'other' ? ['license_name: publisher-chosen', 'license_link: README.md'] : []),
    'language:',
    '- da',
    `pretty_name: ${yaml('Referat Studio: KKR minutes, agenda items and annotations')}`,
    'size_categories:',
    `- ${sizeCategory(input.rows.length)}`,
    'task_categories:',
    '- text-classification',
    'tags:',
    '- local-government',
    '- denmark',
    '- meeting-minutes',
    '- kkr',
    ...(configs.length ? ['configs:', ...configs] : []),
    '---',
    '',
  ];
}

/** How to load the files: pandas, DuckDB, R, 🤗 datasets; each with `number` as text. */
function loadSection(names: ReadonlySet<string>, delimiter: string): string[] {
  const sep = delimiter === ',' ? '' : `, sep=${JSON.stringify(delimiter)}`;
  const delim = delimiter === ',' ? '' : `, delim = ${JSON.stringify(delimiter).replace(/"/g, "'")}`;
  const rDelim = delimiter === ',' ? '' : `, delim = ${JSON.stringify(delimiter)}`;
  const py: string[] = ['import pandas as pd', ''];
  const sql: string[] = [];
  const r: string[] = [];
  if (names.has('items.parquet')) {
    py.push('items = pd.read_parquet("items.parquet")  # needs pyarrow; dates, times, lists and structs typed');
    sql.push("SELECT * FROM 'items.parquet' ORDER BY date, sectionNo, itemNo;");
    r.push('items <- arrow::read_parquet("items.parquet")');
  }
  if (names.has('items.jsonl')) {
    py.push('items = pd.read_json("items.jsonl", lines=True, dtype={"number": str, "sectionNumber": str})  # without dtype pandas reads "2.10" as 2.1');
    sql.push("SELECT * FROM read_json_auto('items.jsonl') ORDER BY date, sectionNo, itemNo;");
    r.push('items <- jsonlite::stream_in(file("items.jsonl"))');
  }
  if (names.has('items.csv')) {
    py.push(`items = pd.read_csv("items.csv"${sep}, dtype={"number": str, "sectionNumber": str})`);
    sql.push(`SELECT * FROM read_csv('items.csv'${delim}, types = {'number': 'VARCHAR', 'sectionNumber': 'VARCHAR'}) ORDER BY date, sectionNo, itemNo;`);
    r.push(`items <- readr::read_delim("items.csv"${rDelim || ', delim = ","'}, col_types = readr::cols(number = "c", sectionNumber = "c"))`);
  }
  if (sql.length === 0) return [];
  return [
    '## Load it',
    '',
    'Sort and join items by `sectionNo` and `itemNo` (integers); read `number` as text, as below, where you want it as printed.',
    '',
    'pandas:',
    '',
    '```python',
    ...py,
    'items = items.sort_values(["date", "sectionNo", "itemNo"])',
    '```',
    '',
    'DuckDB:',
    '',
    '```sql',
    ...sql,
    '```',
    '',
    'R:',
    '',
    '```r',
    ...r,
    '```',
    '',
    '🤗 datasets (the configs are in this card’s front matter):',
    '',
    '```python',
    'from datasets import load_dataset',
    'items = load_dataset("path/to/this/folder", "items")',
    '```',
    '',
  ];
}
