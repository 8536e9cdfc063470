import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { exportDataset } from './index.ts';
import { TaxonomyDoc } from '../document/taxonomy.ts';
import { seedDocuments } from '../../test/support/curated.ts';

describe('the taxonomy in the dataset', () => {
  it('writes the version, each label with its id, name, key and guideline, and the latest changes into the card and taxonomy.json', () => {
    const doc = new TaxonomyDoc(new Y.Doc(), { now: () => Date.UTC(2026, 11, 5, 9) });
    doc.seed();
    doc.updateLabel('klima', { name: 'klima og miljø', key: 'k', description: 'Klimatilpasning | CO2' }, 'Ane Kjær');
    const taxonomy = doc.read();
    const { files } = exportDataset(seedDocuments().slice(0, 1), { formats: ['jsonl', 'labelstudio'], generatedAt: '2026-12-05T09:00:00Z', origin: 'test', tool: 'referat test', taxonomy });
    const card = String(files.find((f) => f.name === 'README.md')!.data);
    expect(card).toContain('## Label taxonomy');
    expect(card).toContain('Version 1 (last changed 2026-12-05T09:00:00.000Z by Ane Kjær)');
    expect(card).toContain('| klima | klima og miljø | topic | Alt+K | Klimatilpasning \\| CO2 |');
    expect(card).toContain('- 1. 2026-12-05T09:00:00.000Z Ane Kjær: label-changed klima (name: klima → klima og miljø; key: k; description: Klimatilpasning \\| CO2)');
    expect(card).toContain('`taxonomy.json`');
    const json = JSON.parse(String(files.find((f) => f.name === 'taxonomy.json')!.data));
    expect(json.version).toBe(1);
    expect(json.labels.find((l: { id: string }) => l.id === 'klima').name).toBe('klima og miljø');
    expect(String(files.find((f) => f.name === 'labelstudio/config.xml')!.data)).toContain('value="klima"');
  });

  it('leaves the section out when no taxonomy is given (files read by the command line)', () => {
    const { files } = exportDataset(seedDocuments().slice(0, 1), { formats: ['jsonl'], generatedAt: '2026-12-05T09:00:00Z', origin: 'test', tool: 'referat test' });
    expect(String(files.find((f) => f.name === 'README.md')!.data)).not.toContain('## Label taxonomy');
    expect(files.some((f) => f.name === 'taxonomy.json')).toBe(false);
  });
});
