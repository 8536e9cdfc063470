#!/usr/bin/env node
// The floor for a text batch in Node: what any Node program that turns minutes
// texts into JSON lines must at least do, on one core. `node floor.mjs DIR OUT`
// finds DIR's *.txt files (recursively), reads each as UTF-8, splits it into
// lines, finds the numbered lines (`3.`, `3.2.` headings and list items) and the
// case numbers, and writes one JSON line per file, with those lines, to OUT.
// The batch figure (batch-figure.ts) times `referat parse` against it.
import { closeSync, openSync, readdirSync, readFileSync, writeSync } from 'node:fs';
import path from 'node:path';

const [dir, out] = process.argv.slice(2);
if (!dir || !out) {
  process.stderr.write('usage: node floor.mjs DIR OUT\n');
  process.exit(2);
}
const files = readdirSync(dir, { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile() && e.name.endsWith('.txt'))
  .map((e) => path.join(e.parentPath ?? e.path, e.name))
  .sort();
const numbered = /^\s*(\d+(?:\.\d+)*)\.\s+(\S.*)$/;
const caseNumber = /SAG-\d{4}-\d+/;
const fd = openSync(out, 'w');
let pending = '';
for (const file of files) {
  const lines = readFileSync(file, 'utf8').split('\n');
  const headings = [];
  const cases = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const m = numbered.exec(line);
    if (m) headings.push({ line: i + 1, number: m[1], title: m[2].trim() });
    const c = caseNumber.exec(line);
    if (c) cases.push({ line: i + 1, caseNumber: c[0] });
  }
  pending += JSON.stringify({ source: path.basename(file), lines: lines.length, headings, cases }) + '\n';
  if (pending.length > 1 << 16) {
    writeSync(fd, pending);
    pending = '';
  }
}
writeSync(fd, pending);
closeSync(fd);
