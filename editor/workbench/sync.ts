/**
 * The sync connection as the workbench shows it: the active document's sync
 * state and who else is in each open document. It owns the `Collab` client
 * (one provider per open document) and the connect / disconnect commands.
 */
import { Collab, parseSyncSettings, SYNC_OFF, type Peer, type SyncSettings, type SyncView } from '../services/collab.ts';
import { Store } from './store.ts';
import type { Settings } from './settings.ts';
import type { Ui } from './ui.ts';

export interface SyncState {
  /** The sync connection as the active document sees it. */
  view: SyncView;
  /** Who else is in each open document (and in which item). */
  peers: Record<string, Peer[]>;
}

export class Sync extends Store<SyncState> {
  readonly collab: Collab;
  private frame = 0;
  /** The active document's id (the tabs store tells). */
  active: () => string | null = () => null;
  /** Heard after the state is read again (the document session follows awareness and read-only changes). */
  onChange: () => void = () => undefined;
  /** Called once settings are given (the workspace's documents are listed then). */
  onConfigured: () => void = () => undefined;
  /** Called just before the connection changes (a workspace's own documents leave it, so they never join another workspace). */
  onConfiguring: () => void = () => undefined;

  constructor(
    private readonly settings: Settings,
    private readonly ui: Ui,
    private readonly win: Window,
  ) {
    super({ view: SYNC_OFF, peers: {} });
    this.collab = new Collab(() => this.follow(), win);
  }

  /** Connects with the stored settings, or else with the server's `/config.json` (`{ sync: { url, workspace, token } }`) when it serves one. */
  async start(stored: SyncSettings | null | undefined, fetchText: (url: string) => Promise<string>): Promise<void> {
    let settings = stored ?? null;
    if (stored === undefined) {
      try {
        const config = JSON.parse(await fetchText('/config.json')) as { sync?: unknown };
        settings = parseSyncSettings(config?.sync);
      } catch {
        settings = null; // no config: local only
      }
    }
    this.onConfiguring();
    this.collab.configure(settings);
    if (settings) this.onConfigured();
  }

  /** Asks for the server's URL, the workspace and a token, stores them and connects. */
  async connect(): Promise<void> {
    const t = this.settings.t;
    const current = this.collab.configured;
    const url = await this.ui.ask({ title: t('askSyncUrl'), value: current?.url ?? 'ws://127.0.0.1:1234' });
    if (!url) return;
    const workspace = await this.ui.ask({ title: t('askWorkspace'), value: current?.workspace ?? 'local' });
    if (!workspace) return;
    const token = await this.ui.ask({ title: t('askToken'), placeholder: 'rs_…', value: current?.token ?? '' });
    if (!token) return;
    const settings = parseSyncSettings({ url, workspace, token });
    if (!settings) return this.ui.error(t('syncSettingsInvalid'));
    await this.settings.save('sync', settings);
    this.ui.set({ message: null });
    this.onConfiguring();
    this.collab.configure(settings);
    this.onConfigured();
  }

  /** Stops syncing (documents stay in this browser) and remembers that choice. */
  async disconnect(): Promise<void> {
    await this.settings.save('sync', null);
    this.onConfiguring();
    this.collab.configure(null);
  }

  /** True (and says so) when document `id` came with a read-only token: nothing may change it. */
  refuseReadOnly(id: string | null): boolean {
    if (!this.collab.view(id).readOnly) return false;
    this.ui.error(this.settings.t('syncReadOnly'));
    return true;
  }

  /** Provider events come in bursts; the state follows once per frame. */
  follow(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      const before = this.get().view;
      const view = this.collab.view(this.active());
      const peers = this.collab.peers();
      // Unchanged (a cursor moved, say): the same objects, so nobody re-renders.
      this.set({ view: sameJson(view, before) ? before : view, peers: sameJson(peers, this.get().peers) ? this.get().peers : peers });
      if (view.error && view.error !== before.error) this.ui.error(`${this.settings.t('syncTokenRefused')}: ${view.error}`);
      this.onChange();
    });
  }
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
