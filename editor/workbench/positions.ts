/**
 * Where someone was in each document: the selection and the first line in
 * view, as text positions (pixels change with the window; positions do not).
 * Kept per document in the settings table as `view:<id>`.
 */
import { EditorView } from '@codemirror/view';

export interface ViewPosition {
  anchor: number;
  head: number;
  top: number;
}

export class Positions {
  private readonly byDoc = new Map<string, ViewPosition>();

  constructor(private readonly save: (key: string, value: unknown) => Promise<void>) {}

  /** Takes the positions from the stored settings (`view:<id>` keys). */
  load(settings: Map<string, unknown>): void {
    for (const [key, value] of settings) if (key.startsWith('view:') && value && typeof value === 'object') this.byDoc.set(key.slice(5), value as ViewPosition);
  }

  /** Remembers where the person is in document `id`, shown in `view`. */
  remember(view: EditorView, id: string): void {
    const { anchor, head } = view.state.selection.main;
    const rect = view.scrollDOM.getBoundingClientRect();
    const top = rect.height > 0 ? view.lineBlockAtHeight(view.scrollDOM.scrollTop).from : (this.byDoc.get(id)?.top ?? view.state.doc.lineAt(head).from);
    const before = this.byDoc.get(id);
    if (before && before.anchor === anchor && before.head === head && before.top === top) return;
    const position: ViewPosition = { anchor, head, top };
    this.byDoc.set(id, position);
    void this.save(`view:${id}`, position);
  }

  /**
   * Puts the cursor and the scroll where they were when document `id` was last
   * open. The scroll waits until the editor has its size (its pane may only now
   * be shown), and is left out when `stillShown` says something else came first
   * (another document, or a jump).
   */
  restore(view: EditorView, id: string, stillShown: () => boolean): void {
    const saved = this.byDoc.get(id);
    if (!saved) return;
    const len = view.state.doc.length;
    const clamp = (n: number) => Math.max(0, Math.min(Number(n) || 0, len));
    const top = clamp(saved.top);
    view.dispatch({ selection: { anchor: clamp(saved.anchor), head: clamp(saved.head) } });
    const restored = view.state.selection;
    const scroll = (tries: number) => {
      if (!stillShown() || view.state.selection !== restored) return;
      if (view.scrollDOM.clientHeight === 0 && tries > 0) return void requestAnimationFrame(() => scroll(tries - 1));
      view.dispatch({ effects: EditorView.scrollIntoView(top, { y: 'start' }) });
    };
    requestAnimationFrame(() => scroll(20));
  }
}
