/**
 * The workbench's UI state: which side view and bottom panel show, the status
 * line's message, import progress, and the overlays (palette, quick input,
 * paste dialog). `ask` is the one way code asks the person something.
 */
import { Store } from './store.ts';

export type Activity = 'explorer' | 'search' | 'annotations' | 'taxonomy' | 'overrides' | 'dataset' | 'history';
export type Panel = 'problems' | 'overrides';
export type Message = { text: string; kind: 'error' | 'info' };

export interface InputRequest {
  /** Which question this is (each asked gets a new one): its box is its own, never the last question's. */
  id: number;
  title: string;
  placeholder?: string;
  value?: string;
  /** Offer these choices (a quick pick) instead of free text. */
  choices?: string[];
  resolve(value: string | null): void;
}

export interface UiState {
  activity: Activity;
  panel: Panel;
  message: Message | null;
  progress: { done: number; total: number } | null;
  /** How far OCR has come in the scanned pages of the PDF being imported. */
  ocr: { name: string; done: number; total: number } | null;
  palette: boolean;
  input: InputRequest | null;
  paste: boolean;
}

export class Ui extends Store<UiState> {
  /** Called once an answer is given (the editor takes the focus back). */
  onAnswered: () => void = () => undefined;
  /** Questions asked so far. */
  private asked = 0;

  constructor() {
    super({ activity: 'explorer', panel: 'problems', message: null, progress: null, ocr: null, palette: false, input: null, paste: false });
  }

  error(text: string): void {
    this.set({ message: { kind: 'error', text } });
  }

  info(text: string): void {
    this.set({ message: { kind: 'info', text } });
  }

  /** Asks for a line of text (or one of `choices`) in the quick input; null when dismissed. */
  ask(request: Omit<InputRequest, 'id' | 'resolve'>): Promise<string | null> {
    const id = ++this.asked;
    return new Promise((resolve) => {
      this.set({
        palette: false,
        input: {
          ...request,
          id,
          resolve: (v) => {
            this.set({ input: null });
            this.onAnswered();
            resolve(v);
          },
        },
      });
    });
  }
}
