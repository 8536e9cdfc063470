import { describe, expect, it } from 'vitest';
import { commandForKey, type Command } from './commands.ts';
import { stepWithin, unreviewedItems } from './queue.ts';

describe('the review queue', () => {
  const numbers = ['1.1', '1.2', '2.1', '2.2', '3.1'];
  const unreviewed = ['1.2', '2.2', '3.1'];
  it('steps to the next and previous unreviewed item from the current one', () => {
    expect(stepWithin(numbers, unreviewed, '1.2', 1)).toBe('2.2');
    expect(stepWithin(numbers, unreviewed, null, 1)).toBe('1.2');
    expect(stepWithin(numbers, unreviewed, '3.1', 1)).toBeNull();
    expect(stepWithin(numbers, unreviewed, '3.1', -1)).toBe('2.2');
    expect(stepWithin(numbers, unreviewed, '1.2', -1)).toBeNull();
    expect(stepWithin(numbers, unreviewed, null, -1)).toBeNull();
  });
  it('counts an item without a status as unreviewed', () => {
    const meeting = { sections: [{ items: [{ number: '1.1' }, { number: '1.2' }] }, { items: [{ number: '2.1' }] }] } as never;
    expect(unreviewedItems(meeting, { '1.1': 'approved', '2.1': 'unreviewed' })).toEqual(['1.2', '2.1']);
  });
});

describe('label keys', () => {
  const cmd = (keys: string, moreKeys: string[] = []): Command => ({ id: keys, title: keys, keys, moreKeys, run: () => undefined });
  const key = (k: string, code: string, mods: Partial<KeyboardEvent> = {}) => ({ key: k, code, ctrlKey: false, metaKey: false, shiftKey: false, altKey: true, ...mods });
  it('matches Alt+digit by the physical key (Option+1 types ¡ on a Mac)', () => {
    const list = [cmd('Alt+1'), cmd('Alt+2', ['Alt+S'])];
    expect(commandForKey(list, key('¡', 'Digit1'))?.id).toBe('Alt+1');
    expect(commandForKey(list, key('ß', 'KeyS'))?.id).toBe('Alt+2');
    expect(commandForKey(list, key('1', 'Digit1', { altKey: false }))).toBeNull();
    expect(commandForKey(list, key('1', 'Digit1', { ctrlKey: true }))).toBeNull();
  });
});
