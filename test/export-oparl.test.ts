/**
 * The OParl export against the real OParl 1.1 JSON schemas (vendored in
 * test/fixtures/oparl-1.1, CC BY-SA 4.0), validated with ajv and its formats
 * (url, date, date-time): every object file, every element of every list
 * page, and the objects they embed. Then a client's walk: from System to the
 * Body, through each paginated list, every id resolving to a file of the tree.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { toOParl } from '../core/export/oparl.ts';
import { datasetRows } from '../core/export/rows.ts';
import { exportDocuments } from './support/export-data.ts';

const schemaDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/oparl-1.1');
const BASE = 'https://example.org/kkr/oparl/';

/** The specification's `"schema": "X.json"` on an embedded object becomes a `$ref`, so embedded objects are checked too. */
function withRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withRefs);
  if (!node || typeof node !== 'object') return node;
  const o = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, withRefs(v)])) as Record<string, unknown>;
  if (o.type === 'object' && typeof o.schema === 'string' && o.schema.endsWith('.json')) o.$ref = o.schema;
  return o;
}

function validators(): Record<string, ValidateFunction> {
  // The schemas escape ":" in their patterns, which a Unicode expression refuses.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const names = readdirSync(schemaDir).filter((n) => n.endsWith('.json'));
  for (const n of names) ajv.addSchema({ ...(withRefs(JSON.parse(readFileSync(path.join(schemaDir, n), 'utf8'))) as object), $id: `https://schema.oparl.org/1.1/${n}` });
  return Object.fromEntries(names.map((n) => [`https://schema.oparl.org/1.1/${n.replace(/\.json$/, '')}`, ajv.getSchema(`https://schema.oparl.org/1.1/${n}`)!]));
}

const validate = validators();
const oparl = toOParl(datasetRows(exportDocuments()), { base: BASE, generatedAt: '2026-11-23T10:00:00.000Z', pageSize: 7 });
const files = new Map(oparl.files.map((f) => [f.path, f.data as Record<string, unknown>]));
const get = (url: string) => {
  expect(url.startsWith(BASE), url).toBe(true);
  const data = files.get(url.slice(BASE.length));
  expect(data, `no file for ${url}`).toBeDefined();
  return data!;
};

function problems(o: Record<string, unknown>): unknown {
  const v = validate[o.type as string];
  if (!v) return `unknown type ${String(o.type)}`;
  const ok = v(o);
  return ok ? null : { id: (o as Record<string, unknown>).id, errors: v.errors };
}

describe('OParl 1.1 schema', () => {
  it('the vendored schemas are all there, with their licence note', () => {
    expect(Object.keys(validate).length).toBe(12);
    expect(readFileSync(path.join(schemaDir, 'SOURCE.md'), 'utf8')).toMatch(/CC BY-SA 4\.0/);
  });

  it('every object file is valid, embedded objects included', () => {
    let objects = 0;
    for (const [p, data] of files) {
      if ('data' in data) continue;
      expect(problems(data), p).toBeNull();
      objects++;
    }
    expect(objects).toBe(2 + oparl.organization.length + oparl.person.length + oparl.membership.length + oparl.meeting.length + oparl.agendaItem.length + oparl.paper.length + oparl.consultation.length + oparl.location.length + oparl.file.length);
  });

  it('a schema check catches what the old export did: urn ids, nulls, a date for a date-time, a reference where OParl embeds', () => {
    const meeting = oparl.meeting[0]!;
    expect(problems({ ...meeting, id: 'urn:referat-studio:oparl:meeting:x' })).not.toBeNull();
    expect(problems({ ...meeting, start: '2020-09-04' })).not.toBeNull();
    expect(problems({ ...meeting, agendaItem: [(meeting.agendaItem as { id: string }[])[0]!.id] })).not.toBeNull();
    expect(problems({ ...(meeting.agendaItem as Record<string, unknown>[])[0]!, result: null })).not.toBeNull();
    // An embedded object is checked against its own schema: an agenda item without its required order.
    const { order: _order, ...unordered } = (meeting.agendaItem as Record<string, unknown>[])[0]!;
    expect(problems({ ...meeting, agendaItem: [unordered] })).not.toBeNull();
  });

  it('holds no null anywhere, and ids are http(s) URLs under the base', () => {
    const text = JSON.stringify([...files.values()]);
    expect(text).not.toMatch(/:null[,}\]]/);
    for (const [p, data] of files) if (!('data' in data)) expect(data.id).toBe(BASE + p);
  });
});

describe('a client walks the static tree', () => {
  it('System → body list → Body → every list, page by page, to every object', () => {
    const system = get(`${BASE}system.json`);
    expect(system).toMatchObject({ type: 'https://schema.oparl.org/1.1/System', oparlVersion: 'https://schema.oparl.org/1.1/' });
    const bodies = get(system.body as string);
    const [body] = bodies.data as Record<string, unknown>[];
    expect(get(body!.id as string)).toEqual(body);
    const walked: Record<string, Record<string, unknown>[]> = {};
    for (const key of ['organization', 'person', 'meeting', 'paper', 'membership', 'agendaItem', 'consultation', 'locationList']) {
      const list: Record<string, unknown>[] = [];
      let url: string | undefined = body![key] as string;
      let page = 0;
      while (url) {
        const p = get(url);
        page++;
        expect(p.pagination).toMatchObject({ currentPage: page, elementsPerPage: 7 });
        expect((p.links as Record<string, string>).self).toBe(url);
        for (const o of p.data as Record<string, unknown>[]) {
          expect(problems(o), `${key} in ${url}`).toBeNull();
          expect(get(o.id as string)).toEqual(o);
          list.push(o);
        }
        url = (p.links as Record<string, string | undefined>).next;
      }
      expect(list.length, key).toBe((get(body![key] as string).pagination as { totalElements: number }).totalElements);
      walked[key] = list;
    }
    expect(walked.agendaItem!.length).toBe(oparl.agendaItem.length);
    expect(walked.meeting!.length).toBe(oparl.meeting.length);
    // Every reference inside the tree resolves to a file of the tree.
    const refs = JSON.stringify([...files.values()]).match(/"https:\/\/example\.org\/kkr\/oparl\/[^"]+"/g)!;
    for (const r of new Set(refs)) get(JSON.parse(r) as string);
  });

  it('two documents of one meeting stay two meetings; case numbers are papers with embedded consultations', () => {
    const ids = oparl.meeting.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(oparl.agendaItem.map((a) => a.id)).size).toBe(oparl.agendaItem.length);
    const paper = oparl.paper.find((p) => (p.consultation as unknown[]).length > 1) ?? oparl.paper[0]!;
    for (const c of paper.consultation as Record<string, unknown>[]) {
      expect(c.paper).toBe(paper.id);
      expect(oparl.agendaItem.find((a) => a.id === c.agendaItem)?.consultation).toBe(c.id);
    }
    const membership = oparl.membership.find((m) => m.onBehalfOf)!;
    expect(oparl.organization.find((o) => o.id === membership.onBehalfOf)).toMatchObject({ organizationType: 'Partei' });
  });
});
