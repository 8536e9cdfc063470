import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { curatedFromStudioDoc } from '../document/curate.ts';
import { annotatedSeed, seedDocuments } from '../../test/support/curated.ts';
import { checkFilter, filterRows } from './filter.ts';
import { exportDataset } from './index.ts';
import { toOParl } from './oparl.ts';
import { datasetRows } from './rows.ts';
import { ITEM_ROW_SCHEMA } from './schema.ts';
import { annotationCollection, ANNO_CONTEXT, type Target } from './web-annotation.ts';

const annotated = curatedFromStudioDoc('seed-000', annotatedSeed());
const docs = [annotated, ...seedDocuments().slice(1)];
const rows = datasetRows(docs);

describe('JSON Schema of a row', () => {
  it('accepts every row of the seeds', () => {
    const validate = new Ajv({ allErrors: true, strict: false }).compile(ITEM_ROW_SCHEMA);
    for (const row of rows) expect(validate(row) ? null : validate.errors).toBeNull();
  });
});

describe('W3C Web Annotation', () => {
  const collection = annotationCollection([annotated]);
  const items = collection.first.items;
  const targets = (a: (typeof items)[number]) => a.target as Target[];

  it('is an AnnotationCollection in the W3C context', () => {
    expect(collection['@context'][0]).toBe(ANNO_CONTEXT);
    expect(collection.type).toBe('AnnotationCollection');
    expect(collection.total).toBe(items.length);
  });

  it('targets the source with a TextQuoteSelector, and the shipped text with a TextPositionSelector too', () => {
    const a = items[0]!;
    expect(a).toMatchObject({ type: 'Annotation', motivation: 'tagging', creator: { type: 'Person', nickname: 'ana' }, created: '2026-01-05T09:00:01.000Z' });
    const [source, text] = targets(a);
    expect(source!.source).toMatch(/^https:\/\/www\.kl\.dk\//);
    expect(source!.selector).toEqual([expect.objectContaining({ type: 'TextQuoteSelector', exact: 'godkendte dagsordenen' })]);
    expect(text!.source).toEqual({ id: 'texts/seed-000.txt', type: 'Text', format: 'text/plain', language: 'da' });
    const position = text!.selector.find((s) => s.type === 'TextPositionSelector')!;
    if (position.type === 'TextPositionSelector') expect([...annotated.meeting.text].slice(position.start, position.end).join('')).toBe('godkendte dagsordenen');
  });

  it('has tags for labels, a comment as TextualBody and the reply as its own annotation', () => {
    const a = items[0]!;
    expect(a.body).toEqual([
      expect.objectContaining({ type: 'TextualBody', purpose: 'tagging', value: 'godkendt' }),
      expect.objectContaining({ type: 'TextualBody', purpose: 'commenting', value: 'Standardpunkt.', creator: expect.objectContaining({ nickname: 'ana' }) }),
    ]);
    const reply = items.find((x) => x.motivation === 'replying')!;
    expect(reply.target).toBe(a.id);
    expect(reply.body![0]).toMatchObject({ purpose: 'replying', value: 'Enig – også for referatet.' });
  });

  it('flags an orphan and gives it only its quote', () => {
    const orphan = items.find((x) => x['referat:orphaned'])!;
    for (const t of targets(orphan)) expect(t.selector).toEqual([{ type: 'TextQuoteSelector', exact: 'videnspakke om nationale', prefix: expect.any(String), suffix: expect.any(String) }]);
  });
});

describe('OParl', () => {
  const oparl = toOParl(rows, { base: 'https://example.org/oparl/' });

  it('has meetings with embedded agenda items, papers referenced by case number, persons with embedded memberships', () => {
    expect(oparl.meeting).toHaveLength(5);
    expect(oparl.agendaItem).toHaveLength(rows.length);
    const meeting = oparl.meeting.find((m) => m.start === '2024-02-09T00:00:00+01:00')!;
    expect(meeting.type).toBe('https://schema.oparl.org/1.1/Meeting');
    expect(meeting.id).toBe('https://example.org/oparl/meeting/kkr-nordjylland/2024-02-09.json');
    expect((meeting.participant as string[]).length).toBe(20);
    const item = (meeting.agendaItem as Record<string, unknown>[])[0]!;
    expect(item).toMatchObject({ type: 'https://schema.oparl.org/1.1/AgendaItem', number: '1.1', result: 'godkendt', meeting: meeting.id, order: 0 });
    const withCase = rows.find((r) => r.caseNumber)!;
    const paper = oparl.paper.find((p) => p.reference === withCase.caseNumber)!;
    expect(paper.type).toBe('https://schema.oparl.org/1.1/Paper');
    const consultations = paper.consultation as Record<string, unknown>[];
    expect(consultations.length).toBe(rows.filter((r) => r.caseNumber === withCase.caseNumber).length);
    expect(consultations[0]).toMatchObject({ type: 'https://schema.oparl.org/1.1/Consultation', paper: paper.id });
    const person = oparl.person[0]!;
    const [membership] = person.membership as Record<string, unknown>[];
    expect(membership).toMatchObject({ type: 'https://schema.oparl.org/1.1/Membership', person: person.id, organization: oparl.organization[0]!.id });
    for (const o of [...oparl.agendaItem, ...oparl.meeting, ...oparl.paper]) expect(Object.values(o)).not.toContain(null);
  });

  it('lays the objects out as files under the base, from the System on', () => {
    expect(oparl.files[0]).toEqual({ path: 'system.json', data: oparl.system });
    expect(oparl.system.body).toBe('https://example.org/oparl/bodies.json');
    const paths = new Set(oparl.files.map((f) => f.path));
    for (const o of [oparl.body, ...oparl.meeting, ...oparl.agendaItem, ...oparl.person, ...oparl.paper]) expect(paths.has(o.id.slice(oparl.base.length))).toBe(true);
    expect(() => toOParl(rows, { base: 'urn:x' })).toThrow(/http/);
  });
});

describe('filters', () => {
  it('by review status, body, date range, labels and documents', () => {
    expect(filterRows(rows, { approvedOnly: true }).map((r) => r.id)).toEqual(['kkr-nordjylland/2020-09-04/1.1']);
    expect(filterRows(rows, { body: 'kkr nordjylland' })).toHaveLength(rows.length);
    expect(filterRows(rows, { body: 'KKR Sjælland' })).toHaveLength(0);
    const dates = filterRows(rows, { from: '2021-01-01', to: '2024-12-31' }).map((r) => r.date);
    expect(new Set(dates)).toEqual(new Set(['2021-10-15', '2024-02-09']));
    expect(filterRows(rows, { labels: ['økonomi', 'nope'] }).map((r) => r.number)).toEqual(['1.1']);
    expect(new Set(filterRows(rows, { documentIds: ['seed-000'] }).map((r) => r.documentId))).toEqual(new Set(['seed-000']));
  });

  it('refuses malformed dates', () => {
    expect(checkFilter({ from: '2020-13' })).toMatch(/--from/);
    expect(checkFilter({ from: '2021-01-01', to: '2020-01-01' })).toMatch(/after/);
    expect(checkFilter({ from: '2021-01-01' })).toBeNull();
  });
});

describe('exportDataset', () => {
  it('writes the card with counts, label distribution and agreement, the schema and the cases table', () => {
    const out = exportDataset(docs, { formats: ['jsonl'], generatedAt: '2026-11-23T00:00:00.000Z', origin: 'test', tool: 'test' });
    expect(out.files.map((f) => f.name)).toEqual(['items.jsonl', 'documents.jsonl', 'cases.json', 'item.schema.json', 'README.md']);
    const card = out.files.find((f) => f.name === 'README.md')!.data as string;
    expect(card).toContain(`| items | ${rows.length} |`);
    expect(card).toContain('| godkendt | Cohen |');
    expect(card).toContain('- Labelling: not recorded');
    expect(card).toMatch(/\| økonomi \| 1 \|/);
    const cases = JSON.parse(out.files.find((f) => f.name === 'cases.json')!.data as string) as { caseNumber: string; items: string[]; firstDate: string; lastDate: string }[];
    for (const c of cases) expect(c.firstDate <= c.lastDate).toBe(true);
    expect(cases.reduce((n, c) => n + c.items.length, 0)).toBe(rows.filter((r) => r.caseNumber).length);
  });

  it('records the labelling mode and marks agreement on few items fragile, with the reason, in the card', () => {
    const out = exportDataset(docs, { formats: ['jsonl'], generatedAt: '2026-11-23T00:00:00.000Z', origin: 'test', tool: 'test', labelling: { mode: 'independent', adjudicationOpen: false } });
    const card = out.files.find((f) => f.name === 'README.md')!.data as string;
    expect(card).toContain('- Labelling: independent (each analyst saw only their own labels and review until a curator opened adjudication; adjudication not yet open)');
    expect(card).toMatch(/\| godkendt \| Cohen \| [-\d.]+|undefined \|/);
    expect(card).toMatch(/\| godkendt \| Cohen \|[^\n]*\| fragile: \d+ items \(fewer than 30\)/);
  });
});
