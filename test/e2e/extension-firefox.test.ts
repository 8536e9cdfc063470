/**
 * The Firefox build, as built: its manifest is as closed as Chrome's, and
 * Mozilla's add-on linter (addons-linter, what addons.mozilla.org runs) finds no
 * error and no warning outside the short list below.
 */
import { execFile } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExtensionAsync, CLOSED_SCOPE, manifestScope } from '../support/extension.ts';

interface LintMessage {
  code: string;
  message: string;
  file?: string;
  line?: number;
}
interface LintResult {
  errors: LintMessage[];
  warnings: LintMessage[];
  notices: LintMessage[];
}

/**
 * Warnings the project cannot remove, each with its reason. Empty now: the build
 * takes pdf.js's eval and dynamic imports and Preact's innerHTML out
 * (extension/build/lint-clean.ts), and the manifest declares its data collection.
 */
const ALLOWED_WARNINGS: { code: string; file: RegExp; reason: string }[] = [];

let build: string | undefined;

beforeAll(async () => {
  build = await buildExtensionAsync('firefox');
}, 180_000);

afterAll(() => {
  if (build) rmSync(build, { recursive: true, force: true });
});

describe('the Firefox build', () => {
  it('has the same closed scope as the Chrome build: kl.dk over https only, the viewer web-accessible to kl.dk only, frame-ancestors none', () => {
    expect(manifestScope(build!)).toEqual(CLOSED_SCOPE);
  });

  it('declares that it collects no data', () => {
    const m = JSON.parse(readFileSync(`${build}/manifest.json`, 'utf8')) as { browser_specific_settings: { gecko: Record<string, unknown> } };
    expect(m.browser_specific_settings.gecko).toMatchObject({ id: 'referat-studio@referat.studio', data_collection_permissions: { required: ['none'] } });
  });

  it('passes Mozilla’s add-on linter: no errors, no warnings but the documented ones', async () => {
    // In a child process: the linter runs ESLint over megabytes of bundle synchronously.
    const bin = createRequire(import.meta.url).resolve('addons-linter/bin/addons-linter');
    const out = await new Promise<string>((resolve, reject) => {
      // It exits non-zero when it finds errors; the JSON says which.
      execFile(process.execPath, [bin, '--output', 'json', '--boring', build!], { maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
        if (stdout.trim().startsWith('{')) resolve(stdout);
        else reject(new Error(`addons-linter gave no report: ${error?.message ?? ''} ${stderr}`.trim()));
      });
    });
    const result = JSON.parse(out) as LintResult;
    const show = (m: LintMessage) => `${m.code} ${m.file ?? ''}${m.line ? `:${m.line}` : ''} ${m.message}`;
    expect(result.errors.map(show)).toEqual([]);
    const unexpected = result.warnings.filter((w) => !ALLOWED_WARNINGS.some((a) => a.code === w.code && a.file.test(w.file ?? '')));
    expect(unexpected.map(show)).toEqual([]);
  }, 300_000);
});
