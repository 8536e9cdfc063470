/**
 * CSV injection (OWASP): a cell that begins with `=`, `+`, `-`, `@`, a tab or a
 * carriage return (or their full-width forms) is read by a spreadsheet as the
 * start of a formula. Every CSV this project writes (`referat parse --format
 * csv`, the dataset's items.csv) passes its text cells through here. Kept in a
 * module of its own so the parse command does not load the export code.
 */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/** A text as a CSV cell holds it: what would start a formula gets a leading `'`. */
export function neutralizeFormula(s: string): string {
  return FORMULA_START.test(s) ? `'${s}` : s;
}
