/**
 * Which top-level types of a document a client's update would change: the
 * server refuses an adjudication (the `adjudications` map) from anyone but a
 * curator. A struct names its parent directly (a top-level type by name, or a
 * nested type by the id of its item) or, when it has a neighbour, only through
 * that neighbour (its origin); those are looked up in the update itself or in
 * the server's copy of the document. Deletions are looked up in the document.
 */
import * as Y from 'yjs';

type Parent = string | Y.ID | null;

/** The names of the top-level types holding what `update` inserts (with content) or deletes in `doc`; undecodable: throws. */
export function rootsTouched(doc: Y.Doc, update: Uint8Array): Set<string> {
  const { structs, ds } = Y.decodeUpdate(update);
  const inUpdate = new Map<number, Y.Item[]>();
  for (const s of structs) if (s instanceof Y.Item) (inUpdate.get(s.id.client) ?? inUpdate.set(s.id.client, []).get(s.id.client)!).push(s);

  const findInUpdate = (id: Y.ID): Y.Item | null => inUpdate.get(id.client)?.find((s) => s.id.clock <= id.clock && id.clock < s.id.clock + s.length) ?? null;
  const findInDoc = (id: Y.ID): Y.Item | null => {
    if (Y.getState(doc.store, id.client) <= id.clock) return null;
    const s = Y.getItem(doc.store, id) as Y.Item | Y.GC;
    return s instanceof Y.Item ? s : null;
  };
  /** The top-level type an integrated item sits in. */
  const rootOfIntegrated = (item: Y.Item): string | null => {
    let type = item.parent as Y.AbstractType<unknown> | null;
    for (let hops = 0; type && type._item && hops < 10_000; hops++) type = type._item.parent as Y.AbstractType<unknown> | null;
    return type ? Y.findRootTypeKey(type) : null;
  };
  const rootOf = (item: Y.Item, hops = 0): string | null => {
    if (hops > 10_000) return null;
    // Integrated in the server's copy: its parent is a type.
    if (item.parent instanceof Y.AbstractType) return rootOfIntegrated(item);
    const parent = item.parent as Parent;
    if (typeof parent === 'string') return parent;
    const via = parent ?? item.origin ?? item.rightOrigin;
    if (!via) return null;
    const stored = findInDoc(via);
    // A nested type's item, or a neighbour: either way the same top-level type.
    if (stored) return rootOfIntegrated(stored);
    const pending = findInUpdate(via);
    return pending && pending !== item ? rootOf(pending, hops + 1) : null;
  };

  const roots = new Set<string>();
  for (const list of inUpdate.values()) {
    for (const item of list) {
      // A deleted placeholder (what a client resends of content it has deleted) changes nothing.
      if (item.content instanceof Y.ContentDeleted) continue;
      const root = rootOf(item);
      if (root !== null) roots.add(root);
    }
  }
  for (const [client, ranges] of ds.clients) {
    const stored = doc.store.clients.get(client);
    if (!stored) continue;
    const state = Y.getState(doc.store, client);
    for (const { clock, len } of ranges) {
      if (clock >= state) continue;
      for (let i = Y.findIndexSS(stored, clock); i < stored.length && stored[i]!.id.clock < clock + len; i++) {
        const s = stored[i]!;
        if (!(s instanceof Y.Item) || s.deleted) continue;
        const root = rootOfIntegrated(s);
        if (root !== null) roots.add(root);
      }
    }
  }
  return roots;
}
