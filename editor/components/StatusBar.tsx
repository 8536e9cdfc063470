import { useStore, useT, useWorkbench } from '../workbench/use-store.ts';
import type { Lang, MessageKey } from '../i18n.ts';
import type { Translate } from '../../core/i18n/translate.ts';
import type { SyncRefusal } from '../services/collab.ts';
import { runCommand } from '../workbench/commands.ts';

const SYNC_WORDS: Record<string, MessageKey> = { off: 'offline', offline: 'syncOffline', connecting: 'syncConnecting', connected: 'syncConnected', synced: 'syncSynced' };

/** A size for people: kB or MB, with the language's decimal mark. */
export function formatBytes(bytes: number, lang: Lang): string {
  const [value, unit] = bytes >= 1024 * 1024 ? [bytes / (1024 * 1024), 'MB'] : [bytes / 1024, 'kB'];
  return `${value.toLocaleString(lang === 'da' ? 'da-DK' : 'en-GB', { maximumFractionDigits: 1 })} ${unit}`;
}

const REFUSED_STYLE = { background: '#b91c1c', color: '#fff', padding: '0 8px', borderRadius: '3px', flexShrink: 0, maxWidth: '70%', overflow: 'hidden', textOverflow: 'ellipsis' };

/** The one line that says which change the workspace refused, and why. */
export function refusalLine(t: Translate<MessageKey>, refused: SyncRefusal, lang: Lang): string {
  if (refused.reason === 'curators-only') return t('syncCuratorsOnly');
  const key: MessageKey = refused.reason === 'message-too-large' ? 'syncTooLargeMessage' : 'syncTooLargeDocument';
  return t(key, { size: formatBytes(refused.bytes, lang), limit: formatBytes(refused.limit, lang) });
}

/** The connection state: off (local only), offline, connecting, connected or synced, with the count of unsynced changes. */
function SyncStatus() {
  const wb = useWorkbench();
  const t = useT();
  const lang = useStore(wb.settings, (s) => s.lang);
  const { status, unsynced, readOnly, error, workspace, refused } = useStore(wb.sync, (s) => s.view);
  const title = workspace ? `${t('syncConnected')}: ${workspace}` : t('sync');
  return (
    <>
      <span class={`sync sync-${status}`} title={title} data-sync={status} data-unsynced={unsynced} onClick={() => void runCommand(wb, 'sync.connect')}>
        ● {t(SYNC_WORDS[status]!)}
        {status !== 'off' && unsynced > 0 && (
          <span class="unsynced">
            {' '}
            · {unsynced} {t('syncUnsynced')}
          </span>
        )}
        {error && <span class="sync-error"> · {t('syncRefused')}</span>}
      </span>
      {refused && (
        // One line that the rest of the bar gives way to (up to 70% of it); the full text is also its title.
        <span class="sync-refused" data-sync-refused={refused.reason} role="alert" title={refusalLine(t, refused, lang)} style={REFUSED_STYLE}>
          {refusalLine(t, refused, lang)}
        </span>
      )}
      {readOnly && (
        <span class="read-only" data-read-only role="note">
          {t('syncReadOnly')}
        </span>
      )}
    </>
  );
}

/** Line and column of the cursor: the one part of the bar that follows every cursor move. */
function CursorPosition() {
  const wb = useWorkbench();
  const t = useT();
  const { line, col } = useStore(wb.session, (s) => s.cursor);
  return (
    <span>
      {t('ln')} {line}, {t('col')} {col}
    </span>
  );
}

export function StatusBar() {
  const wb = useWorkbench();
  const t = useT();
  const m = useStore(wb.session, (s) => s.meeting);
  const parseMs = useStore(wb.session, (s) => s.parseMs);
  const currentItem = useStore(wb.session, (s) => s.currentItem);
  const ocr = useStore(wb.session, (s) => s.ocr);
  const message = useStore(wb.ui, (s) => s.message);
  const user = useStore(wb.settings, (s) => s.user);
  const lang = useStore(wb.settings, (s) => s.lang);
  const items = m?.sections.reduce((n, x) => n + x.items.length, 0) ?? 0;
  return (
    <footer class="status-bar">
      <SyncStatus />
      {m && (
        <>
          <CursorPosition />
          <span data-stats>
            {m.sections.length} {t('sectionWord', { count: m.sections.length })} · {items} {t('itemWord', { count: items })} · {m.diagnostics.length} {t('problemWord', { count: m.diagnostics.length })}
          </span>
          <span title={t('parseTime')}>{t('parseMs', { ms: parseMs })}</span>
          {currentItem && <span>§ {currentItem}</span>}
        </>
      )}
      {ocr === 'loading' && <span data-ocr="loading">{t('ocrLoading')}</span>}
      {ocr === 'repaired' && <span data-ocr="repaired">{t('ocrRepaired')}</span>}
      {ocr === 'failed' && <span data-ocr="failed">{t('ocrFailed')}</span>}
      <span class="spacer" />
      {message && (
        <span class={`message ${message.kind}`} role={message.kind === 'error' ? 'alert' : 'status'} onClick={() => wb.ui.set({ message: null })}>
          {message.text}
        </span>
      )}
      {user ? (
        <span class="user" onClick={() => void wb.settings.changeUser()}>
          {t('user')}: {user}
        </span>
      ) : (
        <span class="user unset" role="button" data-user-unset onClick={() => void wb.settings.changeUser()}>
          ⚠ {t('nameMissing')}
        </span>
      )}
      <span class="lang" onClick={() => wb.settings.toggleLang()}>{lang.toUpperCase()}</span>
    </footer>
  );
}
