import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { rootsTouched } from './roots.ts';

/** A server copy and a client that has synced with it; `edit` on the client, and the update it makes. */
function edited(setup: (d: Y.Doc) => void, edit: (d: Y.Doc) => void): Set<string> {
  const server = new Y.Doc();
  setup(server);
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  const before = Y.encodeStateVector(client);
  edit(client);
  return rootsTouched(server, Y.encodeStateAsUpdate(client, before));
}

describe('rootsTouched', () => {
  const setup = (d: Y.Doc) => {
    d.getText('text').insert(0, 'Referat');
    d.getMap('adjudications').set('1.1\u001fklima', { value: true });
    const a = new Y.Map();
    d.getArray('annotations').push([a]);
    a.set('labelSet', new Y.Map());
  };

  it('names the top-level type of an insertion, a replaced map entry, a nested change and a deletion', () => {
    expect(edited(setup, (d) => d.getText('text').insert(7, ' 2024'))).toEqual(new Set(['text']));
    expect(edited(setup, (d) => d.getMap('adjudications').set('1.2\u001fklima', { value: false }))).toEqual(new Set(['adjudications']));
    // Replacing an entry: the new item names its parent only through the old one (its origin).
    expect(edited(setup, (d) => d.getMap('adjudications').set('1.1\u001fklima', { value: false }))).toEqual(new Set(['adjudications']));
    expect(edited(setup, (d) => d.getMap('adjudications').delete('1.1\u001fklima'))).toEqual(new Set(['adjudications']));
    const nested = (d: Y.Doc) => ((d.getArray('annotations').get(0) as Y.Map<unknown>).get('labelSet') as Y.Map<unknown>).set('klima', { by: 'ana' });
    expect(edited(setup, nested)).toEqual(new Set(['annotations']));
    expect(edited(setup, (d) => d.getText('text').delete(0, 3))).toEqual(new Set(['text']));
  });

  it('follows a chain of neighbours inside one update', () => {
    const roots = edited(setup, (d) =>
      d.transact(() => {
        const m = d.getMap('adjudications');
        m.set('2\u001fa', 1);
        m.set('2\u001fa', 2);
        m.set('2\u001fa', 3);
      }),
    );
    expect(roots).toEqual(new Set(['adjudications']));
  });
});
