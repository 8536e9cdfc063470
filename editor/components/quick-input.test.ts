// @vitest-environment happy-dom
/**
 * Questions asked one after another (the sync server's address, then the
 * workspace, then the token): what is typed as soon as a question shows is
 * its answer, never replaced by the question's default or the last answer.
 */
import { expect, it } from 'vitest';
import { h, render } from 'preact';
import { QuickInput } from './CommandPalette.tsx';
import { WorkbenchContext } from '../workbench/use-store.ts';
import { Ui } from '../workbench/ui.ts';
import type { Workbench } from '../workbench/workbench.ts';

const frames = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 5)));
};

/** Waits (a microtask at a time, so before any effect after the paint) until the question titled `title` shows. */
async function shown(root: HTMLElement, title: string): Promise<HTMLInputElement> {
  for (let i = 0; i < 10_000; i++) {
    if (root.querySelector('.quick-title')?.textContent === title) return root.querySelector('.quick-input input') as HTMLInputElement;
    await Promise.resolve();
  }
  throw new Error(`"${title}" never showed`);
}

function type(input: HTMLInputElement, text: string): void {
  input.value = text;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

function enter(input: HTMLInputElement): void {
  input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
}

it('keeps what is typed the moment each question shows, and starts each with its own value', async () => {
  const ui = new Ui();
  const root = document.createElement('div');
  document.body.append(root);
  // The quick input reads the workbench's UI store only.
  render(h(WorkbenchContext.Provider, { value: { ui } as unknown as Workbench }, h(QuickInput, {})), root);
  await frames(2); // subscribed to the store

  const answers = (async () => {
    const url = await ui.ask({ title: 'Address', value: 'ws://127.0.0.1:1234' });
    const workspace = await ui.ask({ title: 'Workspace', value: 'local' });
    const token = await ui.ask({ title: 'Token', value: '' });
    return [url, workspace, token];
  })();

  let input = await shown(root, 'Address');
  expect(input.value).toBe('ws://127.0.0.1:1234');
  type(input, 'ws://sync.example:1234');
  await frames(3);
  enter(input);

  input = await shown(root, 'Workspace');
  // The new question's own value, not the address just given.
  expect(input.value).toBe('local');
  type(input, 'fresh');
  await frames(3);
  enter(input);

  input = await shown(root, 'Token');
  type(input, 'rs_secret');
  await frames(3);
  expect(input.value).toBe('rs_secret');
  enter(input);

  expect(await answers).toEqual(['ws://sync.example:1234', 'fresh', 'rs_secret']);
  render(null, root);
});
