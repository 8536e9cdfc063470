/**
 * Rows of nested values cut into Parquet leaf columns (the Dremel
 * "shredding": a value, a definition level and a repetition level per slot),
 * in one walk over each top-level column.
 *
 * hyparquet-writer can shred by itself, but it walks a whole nested value
 * once for every leaf under it: a list of twenty participants, each with a
 * span and its page boxes, was walked eleven times per row. Here the walk
 * visits every value once and writes to all leaves as it goes, and the
 * levels follow the same rules: an OPTIONAL element that is there adds one
 * to the definition level, a REPEATED one adds one more for each entry, and
 * an entry after the first of a list repeats at that list's depth.
 */

/** A Parquet schema element as hyparquet-writer takes it. */
export interface Element {
  name: string;
  type?: 'BOOLEAN' | 'INT32' | 'INT64' | 'DOUBLE' | 'BYTE_ARRAY';
  converted_type?: 'UTF8' | 'DATE' | 'TIMESTAMP_MILLIS' | 'LIST';
  logical_type?: { type: 'TIMESTAMP'; isAdjustedToUTC: boolean; unit: 'MILLIS' };
  repetition_type?: 'REQUIRED' | 'OPTIONAL' | 'REPEATED';
  num_children?: number;
}

/** A node of the schema tree: a leaf, a struct of named fields, or a list of one element type. */
export type Node =
  | { kind: 'leaf'; element: Omit<Element, 'name' | 'repetition_type'>; required?: boolean; value?: (v: unknown) => unknown }
  | { kind: 'struct'; fields: Record<string, Node>; required?: boolean }
  | { kind: 'list'; of: Node; required?: boolean };

/** One leaf column of a top-level column: its schema path and, once shredded, its slots. */
export class Leaf {
  /** The slots filled so far; the arrays below hold room for more. */
  length = 0;
  values: unknown[];
  definitionLevels: Uint8Array;
  repetitionLevels: Uint8Array;
  constructor(
    /** The schema elements from the column down to the leaf (the root not included). */
    readonly path: Element[],
    readonly maxDefinitionLevel: number,
    readonly maxRepetitionLevel: number,
    readonly value: ((v: unknown) => unknown) | undefined,
    capacity: number,
  ) {
    this.values = new Array(capacity);
    this.definitionLevels = new Uint8Array(maxDefinitionLevel ? capacity : 0);
    this.repetitionLevels = new Uint8Array(maxRepetitionLevel ? capacity : 0);
  }

  /** Appends one slot. Levels go to typed arrays and every array is grown by doubling: on a busy heap, pushing to plain arrays cost more than the walk. */
  add(value: unknown, def: number, rep: number): void {
    const i = this.length++;
    if (i === this.values.length) this.grow();
    this.values[i] = value;
    if (this.maxDefinitionLevel) this.definitionLevels[i] = def;
    if (this.maxRepetitionLevel) this.repetitionLevels[i] = rep;
  }

  private grow(): void {
    const capacity = Math.max(16, this.values.length * 2);
    const values = new Array(capacity);
    for (let i = 0; i < this.values.length; i++) values[i] = this.values[i];
    this.values = values;
    const widen = (a: Uint8Array) => {
      if (!a.length) return a;
      const b = new Uint8Array(capacity);
      b.set(a);
      return b;
    };
    this.definitionLevels = widen(this.definitionLevels);
    this.repetitionLevels = widen(this.repetitionLevels);
  }

  /** The slots as hyparquet-writer's page data (levels empty where the column has none). */
  pageData(): { values: unknown[]; definitionLevels: Uint8Array; repetitionLevels: Uint8Array; maxDefinitionLevel: number } {
    const values = this.values;
    values.length = this.length;
    return {
      values,
      definitionLevels: this.definitionLevels.subarray(0, this.maxDefinitionLevel ? this.length : 0),
      repetitionLevels: this.repetitionLevels.subarray(0, this.maxRepetitionLevel ? this.length : 0),
      maxDefinitionLevel: this.maxDefinitionLevel,
    };
  }
}

/** The schema flattened into the walk's own form: each inner node knows the leaves under it. */
type Walk =
  | { kind: 'leaf'; required: boolean; leaf: Leaf }
  | { kind: 'struct'; required: boolean; leaves: Leaf[]; names: string[]; fields: Walk[] }
  | { kind: 'list'; required: boolean; leaves: Leaf[]; of: Walk; repeat: number };

/** The flat, depth-first list of schema elements of one column (the three-level LIST layout the Parquet spec asks for). */
export function elements(name: string, node: Node, out: Element[]): void {
  const repetition_type = node.required ? 'REQUIRED' : 'OPTIONAL';
  if (node.kind === 'leaf') out.push({ name, ...node.element, repetition_type });
  else if (node.kind === 'struct') {
    const names = Object.keys(node.fields);
    out.push({ name, repetition_type, num_children: names.length });
    for (const n of names) elements(n, node.fields[n]!, out);
  } else {
    out.push({ name, repetition_type, converted_type: 'LIST', num_children: 1 });
    out.push({ name: 'list', repetition_type: 'REPEATED', num_children: 1 });
    elements('element', node.of, out);
  }
}

/**
 * One top-level column of one row group, shredded row by row into its leaves.
 * `rows` is the number of rows it will take, the least number of slots of
 * every leaf; `slotsPerRow`, each leaf's slots a row in the row group
 * before, tells how many more to make room for (more is made as needed).
 */
export class Shredder {
  readonly leaves: Leaf[] = [];
  private readonly walk: Walk;

  constructor(name: string, node: Node, rows: number, slotsPerRow?: readonly number[]) {
    const schema: Element[] = [];
    elements(name, node, schema);
    let at = 0;
    const build = (n: Node, path: Element[], def: number, rep: number): Walk => {
      const element = schema[at++]!;
      const required = !!n.required;
      const here = [...path, element];
      const d = def + (required ? 0 : 1);
      if (n.kind === 'leaf') {
        const room = Math.max(rows, Math.ceil((slotsPerRow?.[this.leaves.length] ?? 0) * rows * 1.1));
        const leaf = new Leaf(here, d, rep, n.value, room);
        this.leaves.push(leaf);
        return { kind: 'leaf', required, leaf };
      }
      const first = this.leaves.length;
      if (n.kind === 'struct') {
        const names = Object.keys(n.fields);
        const fields = names.map((k) => build(n.fields[k]!, here, d, rep));
        return { kind: 'struct', required, leaves: this.leaves.slice(first), names, fields };
      }
      const repeated = schema[at++]!;
      const of = build(n.of, [...here, repeated], d + 1, rep + 1);
      return { kind: 'list', required, leaves: this.leaves.slice(first), of, repeat: rep + 1 };
    };
    this.walk = build(node, [], 0, 0);
  }

  /** Adds one row's value of the column to every leaf. */
  add(value: unknown): void {
    this.visit(this.walk, value, 0, 0);
  }

  private visit(w: Walk, v: unknown, def: number, rep: number): void {
    if (w.kind === 'leaf') {
      const leaf = w.leaf;
      const x = v === null || v === undefined ? null : leaf.value ? leaf.value(v) : v;
      if (x === null || x === undefined) {
        if (w.required) throw new RangeError(`parquet: required value missing in ${pathOf(leaf)}`);
        leaf.add(null, def, rep);
      } else leaf.add(x, w.required ? def : def + 1, rep);
      return;
    }
    // A list that is not an array is no list: null, as a missing value.
    if (v === null || v === undefined || (w.kind === 'list' && !Array.isArray(v))) {
      if (w.required) throw new RangeError(`parquet: required value missing in ${pathOf(w.leaves[0]!)}`);
      for (const leaf of w.leaves) leaf.add(null, def, rep);
      return;
    }
    const d = w.required ? def : def + 1;
    if (w.kind === 'struct') {
      const o = v as Record<string, unknown>;
      for (let i = 0; i < w.fields.length; i++) this.visit(w.fields[i]!, o[w.names[i]!], d, rep);
      return;
    }
    const list = v as unknown[];
    if (list.length === 0) {
      for (const leaf of w.leaves) leaf.add(null, d, rep);
      return;
    }
    for (let i = 0; i < list.length; i++) this.visit(w.of, list[i], d + 1, i === 0 ? rep : w.repeat);
  }
}

const pathOf = (leaf: Leaf) => leaf.path.map((e) => e.name).join('.');
