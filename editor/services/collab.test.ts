import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { colorFromName, documentName, initials, parseSyncSettings, peersOf, presenceState } from './collab.ts';
import { LOCAL_ORIGIN, StudioDoc } from '../../core/document/studio-doc.ts';

describe('collaboration helpers', () => {
  it('derives a stable colour from a name, the same however it is cased or padded', () => {
    const a = colorFromName('Mette Frederiksen');
    expect(a.color).toMatch(/^#[0-9a-f]{6}$/);
    expect(a.colorLight).toBe(`${a.color}33`);
    expect(colorFromName(' mette frederiksen ')).toEqual(a);
    const names = ['anna', 'bo', 'carl', 'dorte', 'erik', 'frida', 'gustav', 'hanne'];
    expect(new Set(names.map((n) => colorFromName(n).color)).size).toBeGreaterThan(5);
  });

  it('makes initials for avatars', () => {
    expect(initials('Mette Frederiksen')).toBe('MF');
    expect(initials('anna')).toBe('AN');
    expect(initials('jens.ole-hansen')).toBe('JH');
    expect(initials('  ')).toBe('?');
    expect(initials('Øjvind')).toBe('ØJ');
  });

  it('publishes a presence state of user (name, colours) and current item', () => {
    const s = presenceState('anna', '3.2');
    expect(s).toEqual({ user: { name: 'anna', ...colorFromName('anna') }, item: '3.2' });
    expect(Object.keys(s.user).sort()).toEqual(['color', 'colorLight', 'name']);
  });

  it('reads peers from awareness states: others only, malformed ones skipped, sorted by name', () => {
    const states = new Map<number, Record<string, unknown>>([
      [1, presenceState('self', null) as unknown as Record<string, unknown>],
      [2, presenceState('bo', '1.1') as unknown as Record<string, unknown>],
      [3, { cursor: {} }],
      [4, { user: { name: 'anna' } }],
      [5, { user: { name: 42 } }],
    ]);
    expect(peersOf(states, 1)).toEqual([
      { clientId: 4, name: 'anna', color: colorFromName('anna').color, item: null },
      { clientId: 2, name: 'bo', color: colorFromName('bo').color, item: '1.1' },
    ]);
  });

  it('accepts complete sync settings only', () => {
    expect(parseSyncSettings({ url: ' ws://127.0.0.1:1234 ', workspace: 'local', token: 'rs_x' })).toEqual({ url: 'ws://127.0.0.1:1234', workspace: 'local', token: 'rs_x' });
    expect(parseSyncSettings({ url: 'wss://sync.example.org', workspace: 'kkr', token: 't' })).not.toBeNull();
    expect(parseSyncSettings({ url: 'http://x', workspace: 'local', token: 't' })).toBeNull();
    expect(parseSyncSettings({ url: 'ws://x', workspace: 'a/b', token: 't' })).toBeNull();
    expect(parseSyncSettings({ url: 'ws://x', workspace: 'local', token: '' })).toBeNull();
    expect(parseSyncSettings(null)).toBeNull();
    expect(parseSyncSettings('ws://x')).toBeNull();
    expect(documentName('local', 'd123')).toBe('local/d123');
  });
});

describe('per-user undo', () => {
  it('undoes only local changes, never a remote edit', () => {
    const a = new StudioDoc(new Y.Doc());
    const b = new StudioDoc(new Y.Doc());
    const REMOTE = { remote: true };
    // Wire the two docs as a provider would: updates from the other side carry a non-local origin.
    a.ydoc.on('update', (u: Uint8Array, origin: unknown) => origin !== REMOTE && Y.applyUpdate(b.ydoc, u, REMOTE));
    b.ydoc.on('update', (u: Uint8Array, origin: unknown) => origin !== REMOTE && Y.applyUpdate(a.ydoc, u, REMOTE));
    a.setText('Punkt 1\n');
    a.ydoc.transact(() => a.text.insert(a.text.length, 'lokal A\n'), LOCAL_ORIGIN);
    a.undo.stopCapturing();
    b.ydoc.transact(() => b.text.insert(b.text.length, 'fjern B\n'), LOCAL_ORIGIN);
    b.undo.stopCapturing();
    b.addOverride({ kind: 'ignore-line' }, 0);
    expect(a.text.toString()).toBe('Punkt 1\nlokal A\nfjern B\n');
    a.undo.undo();
    expect(a.text.toString()).toBe('Punkt 1\nfjern B\n');
    expect(b.text.toString()).toBe('Punkt 1\nfjern B\n');
    expect(a.overrideViews()).toHaveLength(1);
    // Nothing of B's is on A's stack.
    expect(a.undo.undo()).toBeNull();
    expect(a.text.toString()).toBe('Punkt 1\nfjern B\n');
    b.undo.undo();
    expect(a.overrideViews()).toHaveLength(0);
    expect(a.text.toString()).toBe('Punkt 1\nfjern B\n');
  });
});
