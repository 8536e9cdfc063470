import { describe, expect, it } from 'vitest';
import { EXPORT_FORMAT_CHOICES as listed } from './main.ts';
import { EXPORT_FORMAT_CHOICES } from './export-command.ts';

describe('referat export --format', () => {
  it('offers the formats the export command writes (main.ts lists them so as not to load the export)', () => {
    expect([...listed]).toEqual([...EXPORT_FORMAT_CHOICES]);
  });
});
