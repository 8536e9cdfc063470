/**
 * The person's settings: language, theme, their name (which annotations,
 * labels, comments, review and presence carry) and the PDF page view. Kept
 * in the library database's settings table. (The label taxonomy is the
 * workspace's: taxonomy.ts.)
 */
import { translator, type Lang } from '../i18n.ts';
import type { Person } from '../services/identity.ts';
import type { LibraryDb } from '../services/library.ts';
import { Store } from './store.ts';
import type { Ui } from './ui.ts';

export interface SettingsState {
  lang: Lang;
  theme: 'light' | 'dark';
  /** The user's name: their token's person's, else the name they typed; '' until they give one. */
  user: string;
  /** Who the sync token is (a person's token); null when typed names apply (a shared token, or no server). */
  person: Person | null;
  /** The dialog asking for the user's name (shown on first use, and whenever a name is needed and missing). */
  nameDialog: boolean;
  /** The PDF page beside the text (for documents read from a PDF in this browser). */
  pageView: boolean;
}

/** The name everyone had before names were asked for: not a name, as two people keeping it would be one person. */
export const DEFAULT_USER = 'analytiker';

/** Why a user name cannot be used (empty, the old default, too long), or null when it can. Pure. */
export function userNameProblem(name: string, lang: Lang): string | null {
  const n = name.trim();
  const t = translator(lang);
  if (!n) return t('nameEmpty');
  if (n.toLowerCase() === DEFAULT_USER) return t('nameDefault', { name: DEFAULT_USER });
  if (n.length > 60) return t('nameTooLong');
  return null;
}

export class Settings extends Store<SettingsState> {
  /** Waiting for the user's name (requireUser). */
  private nameWaiters: ((ok: boolean) => void)[] = [];

  constructor(
    private readonly db: LibraryDb,
    private readonly ui: Ui,
  ) {
    super({ lang: 'da', theme: 'light', user: '', person: null, nameDialog: false, pageView: false });
  }

  get t() {
    return translator(this.get().lang);
  }

  /** Every stored setting by key (the workbench's start-up reads the rest: sync, tabs, positions). */
  async load(): Promise<Map<string, unknown>> {
    const settings = new Map((await this.db.settings.toArray()).map((s) => [s.key, s.value]));
    const lang = (settings.get('lang') as Lang) ?? 'da';
    const stored = typeof settings.get('user') === 'string' ? (settings.get('user') as string).trim() : '';
    const user = userNameProblem(stored, lang) ? '' : stored;
    this.set({
      lang,
      theme: (settings.get('theme') as 'light' | 'dark') ?? 'light',
      user,
      nameDialog: !user,
      pageView: settings.get('pageView') === true,
    });
    return settings;
  }

  async save(key: string, value: unknown): Promise<void> {
    await this.db.settings.put({ key, value });
  }

  togglePageView(): void {
    const pageView = !this.get().pageView;
    this.set({ pageView });
    void this.save('pageView', pageView);
  }

  toggleTheme(): void {
    const theme = this.get().theme === 'light' ? 'dark' : 'light';
    this.set({ theme });
    void this.save('theme', theme);
  }

  toggleLang(): void {
    const lang = this.get().lang === 'da' ? 'en' : 'da';
    this.set({ lang });
    void this.save('lang', lang);
  }

  /** The name typed in this browser (kept for when no person's token is in use). */
  private typed = '';

  /**
   * The sync token's person: their name becomes the user's (labels, review and
   * adjudications carry it), and it cannot be changed here; null goes back to
   * the typed name.
   */
  setPerson(person: Person | null): void {
    if (JSON.stringify(person) === JSON.stringify(this.get().person)) return;
    if (person) {
      if (!this.get().person) this.typed = this.get().user;
      this.set({ person, user: person.name, nameDialog: false });
      for (const f of this.nameWaiters.splice(0)) f(true);
    } else this.set({ person: null, user: this.typed, nameDialog: false });
  }

  async changeUser(): Promise<void> {
    if (this.get().person) return this.ui.error(this.t('nameFromToken', { name: this.get().person!.name }));
    const user = await this.ui.ask({ title: this.t('user'), value: this.get().user });
    if (user === null) return;
    const problem = this.setUser(user);
    if (problem) this.ui.error(problem);
  }

  /** Sets the user's name; returns why it cannot be used (then nothing changes), or null. */
  setUser(name: string): string | null {
    if (this.get().person) return this.t('nameFromToken', { name: this.get().person!.name });
    const problem = userNameProblem(name, this.get().lang);
    if (problem) return problem;
    const user = name.trim();
    this.set({ user, nameDialog: false });
    void this.save('user', user);
    for (const f of this.nameWaiters.splice(0)) f(true);
    return null;
  }

  /** Shows the name dialog (the status bar's prompt does this). */
  askName(): void {
    this.set({ nameDialog: true });
    this.ui.set({ palette: false });
  }

  /** Closes the name dialog without a name; what waited for one does not happen. */
  dismissName(): void {
    this.set({ nameDialog: false });
    for (const f of this.nameWaiters.splice(0)) f(false);
  }

  /** True once the user has a name; without one, asks for it first (false when they close the dialog). */
  requireUser(): Promise<boolean> {
    if (this.get().user) return Promise.resolve(true);
    this.set({ nameDialog: true });
    this.ui.info(this.t('nameNeeded'));
    return new Promise((resolve) => this.nameWaiters.push(resolve));
  }
}
