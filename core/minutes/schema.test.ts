import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import schema from './meeting.schema.json' with { type: 'json' };
import { parseMinutes } from './parse.ts';

const seeds = fileURLToPath(new URL('../../test/fixtures/seeds/', import.meta.url));

describe('meeting.schema.json', () => {
  const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);

  it.each(readdirSync(seeds).filter((f) => f.endsWith('.txt')))('validates the parse of %s', (file) => {
    const meeting = parseMinutes(readFileSync(seeds + file, 'utf8'), { source: { name: file, sha256: 'a'.repeat(64) }, includeText: true });
    const ok = validate(meeting);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('rejects a meeting that breaks the contract', () => {
    const meeting = parseMinutes('') as unknown as Record<string, unknown>;
    expect(validate({ ...meeting, kind: 'protokol' })).toBe(false);
    expect(validate({ ...meeting, schemaVersion: 2 })).toBe(false);
  });
});
