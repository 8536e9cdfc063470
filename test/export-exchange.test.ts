/**
 * Items with their spans for Label Studio (tasks with predictions and the
 * analysts' annotations, and the labelling interface they name) and doccano
 * (sequence labelling JSONL): every span's offsets give back its text.
 */
import { describe, expect, it } from 'vitest';
import { doccanoJsonl, labelStudioConfig, labelStudioTasks, type LabelStudioResult } from '../core/export/exchange.ts';
import { exportDatasetAsync } from '../core/export/index.ts';
import { datasetRows } from '../core/export/rows.ts';
import { exportDocuments } from './support/export-data.ts';

const docs = exportDocuments();
// An item text with a letter outside the BMP, so UTF-16 and code point offsets differ.
const astral = docs.at(-1)!;
astral.meeting.text = astral.meeting.text.replace('Dagsorden', '😀gsorden'); // the same UTF-16 length: every offset holds
const rows = datasetRows(docs);
const tasks = labelStudioTasks(rows, docs, 'referat-studio test');
const config = labelStudioConfig(rows, docs);

describe('Label Studio', () => {
  it('one task per item: its text and ids, the parser’s spans as predictions', () => {
    expect(tasks).toHaveLength(rows.length);
    tasks.forEach((task, i) => {
      const row = rows[i]!;
      expect(task.data).toMatchObject({ itemId: row.id, number: row.number, sectionNo: row.sectionNo, itemNo: row.itemNo, title: row.title });
      expect(task.predictions[0]!.model_version).toBe('referat-studio test');
      for (const r of task.predictions[0]!.result.filter((x) => x.type === 'labels')) {
        const v = r.value as Extract<LabelStudioResult['value'], { start: number }>;
        expect(task.data.text.slice(v.start, v.end)).toBe(v.text);
        expect(v.end).toBeGreaterThan(v.start);
      }
    });
    const withFields = tasks.find((t) => t.predictions[0]!.result.some((r) => 'labels' in r.value && r.value.labels[0] === 'Beslutning'))!;
    const beslutning = withFields.predictions[0]!.result.find((r) => 'labels' in r.value && r.value.labels[0] === 'Beslutning')!;
    const row = rows.find((r) => r.id === withFields.data.itemId && r.documentId === withFields.data.documentId)!;
    expect((beslutning.value as { text: string }).text).toContain(row.beslutning!.slice(0, 20));
  });

  it('the analysts’ labelled spans are annotations, one per analyst', () => {
    const task = tasks.find((t) => t.annotations.length > 1)!;
    expect(task.data.annotators).toEqual(['@ana', 'bo']);
    const labels = task.annotations.map((a) => a.result.map((r) => (r.value as { labels: string[] }).labels[0]));
    expect(labels).toEqual([['klima', 'økonomi'], ['klima', 'godkendt']]);
    for (const a of task.annotations) for (const r of a.result) expect(task.data.text.slice((r.value as { start: number }).start, (r.value as { end: number }).end)).toBe((r.value as { text: string }).text);
  });

  it('the labelling interface names every from_name, to_name and label the results use', () => {
    expect(config).toMatch(/^<View>/);
    for (const t of tasks) {
      for (const r of [...t.predictions[0]!.result, ...t.annotations.flatMap((a) => a.result)]) {
        expect(config).toContain(`name="${r.from_name}" toName="${r.to_name}"`);
        const values = 'labels' in r.value ? r.value.labels : r.value.choices;
        for (const v of values) expect(config).toMatch(new RegExp(`<(Label|Choice) value="${v}"/>`));
      }
    }
  });
});

describe('doccano', () => {
  it('one item a line with [start, end, label] in code points', () => {
    const lines = doccanoJsonl(rows, docs).trimEnd().split('\n').map((l) => JSON.parse(l) as { id: string; text: string; label: [number, number, string][]; number: string });
    expect(lines).toHaveLength(rows.length);
    let astralChecked = false;
    lines.forEach((line, i) => {
      expect(line).toMatchObject({ id: rows[i]!.id, number: rows[i]!.number });
      const chars = [...line.text];
      if (chars.length !== line.text.length) astralChecked = true;
      for (const [s, e, label] of line.label) {
        expect(e, label).toBeGreaterThan(s);
        expect(e).toBeLessThanOrEqual(chars.length);
      }
    });
    const task = tasks.find((t) => t.annotations.length > 1)!;
    const line = lines.find((l) => l.id === task.data.itemId && l.text === task.data.text)!;
    const klima = line.label.find(([, , l]) => l === 'klima')!;
    expect([...line.text].slice(klima[0], klima[1]).join('')).toBe((task.annotations[0]!.result[0]!.value as { text: string }).text);
    expect(astralChecked).toBe(true);
  });
});

it('exportDatasetAsync writes labelstudio/ and doccano.jsonl', async () => {
  const out = await exportDatasetAsync(docs, { formats: ['labelstudio', 'doccano'], generatedAt: '2026-11-23T00:00:00.000Z', origin: 'test', tool: 'test' });
  expect(out.files.map((f) => f.name)).toEqual(['labelstudio/tasks.json', 'labelstudio/config.xml', 'doccano.jsonl', 'cases.json', 'item.schema.json', 'README.md']);
  expect(JSON.parse(out.files[0]!.data as string)).toHaveLength(rows.length);
});
