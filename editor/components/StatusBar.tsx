import { useWorkbench } from './use-workbench.ts';
import type { Lang, MessageKey } from '../i18n.ts';
import type { SyncRefusal } from '../services/collab.ts';

const SYNC_WORDS: Record<string, MessageKey> = { off: 'offline', offline: 'syncOffline', connecting: 'syncConnecting', connected: 'syncConnected', synced: 'syncSynced' };

/** A size for people: kB or MB, with the language's decimal mark. */
export function formatBytes(bytes: number, lang: Lang): string {
  const [value, unit] = bytes >= 1024 * 1024 ? [bytes / (1024 * 1024), 'MB'] : [bytes / 1024, 'kB'];
  return `${value.toLocaleString(lang === 'da' ? 'da-DK' : 'en-GB', { maximumFractionDigits: 1 })} ${unit}`;
}

const REFUSED_STYLE = { background: '#b91c1c', color: '#fff', padding: '0 8px', borderRadius: '3px', flexShrink: 0, maxWidth: '70%', overflow: 'hidden', textOverflow: 'ellipsis' };

/** The one line that says which change the workspace refused, and why. */
export function refusalLine(t: (key: MessageKey) => string, refused: SyncRefusal, lang: Lang): string {
  const key: MessageKey = refused.reason === 'message-too-large' ? 'syncTooLargeMessage' : 'syncTooLargeDocument';
  return t(key).replace('{size}', formatBytes(refused.bytes, lang)).replace('{limit}', formatBytes(refused.limit, lang));
}

/** The connection state: off (local only), offline, connecting, connected or synced, with the count of unsynced changes. */
function SyncStatus() {
  const [wb, s] = useWorkbench();
  const { status, unsynced, readOnly, error, workspace, refused } = s.sync;
  const title = workspace ? `${wb.t('syncConnected')}: ${workspace}` : 'Sync';
  return (
    <>
      <span class={`sync sync-${status}`} title={title} data-sync={status} data-unsynced={unsynced} onClick={() => void wb.runCommand('sync.connect')}>
        ● {wb.t(SYNC_WORDS[status]!)}
        {status !== 'off' && unsynced > 0 && (
          <span class="unsynced">
            {' '}
            · {unsynced} {wb.t('syncUnsynced')}
          </span>
        )}
        {error && <span class="sync-error"> · {wb.t('syncRefused')}</span>}
      </span>
      {refused && (
        // One line that the rest of the bar gives way to (up to 70% of it); the full text is also its title.
        <span class="sync-refused" data-sync-refused={refused.reason} role="alert" title={refusalLine(wb.t, refused, s.lang)} style={REFUSED_STYLE}>
          {refusalLine(wb.t, refused, s.lang)}
        </span>
      )}
      {readOnly && (
        <span class="read-only" data-read-only role="note">
          {wb.t('syncReadOnly')}
        </span>
      )}
    </>
  );
}

export function StatusBar() {
  const [wb, s] = useWorkbench();
  const m = s.meeting;
  const items = m?.sections.reduce((n, x) => n + x.items.length, 0) ?? 0;
  return (
    <footer class="status-bar">
      <SyncStatus />
      {m && (
        <>
          <span>
            {wb.t('ln')} {s.cursor.line}, {wb.t('col')} {s.cursor.col}
          </span>
          <span data-stats>
            {m.sections.length} {wb.t('sections')} · {items} {wb.t('items')} · {m.diagnostics.length} {wb.t('problems').toLowerCase()}
          </span>
          <span title="parse time">parse {s.parseMs.toFixed(1)} ms</span>
          {s.currentItem && <span>§ {s.currentItem}</span>}
        </>
      )}
      {s.ocr === 'loading' && <span data-ocr="loading">{wb.t('ocrLoading')}</span>}
      {s.ocr === 'repaired' && <span data-ocr="repaired">{wb.t('ocrRepaired')}</span>}
      {s.ocr === 'failed' && <span data-ocr="failed">OCR ✗</span>}
      <span class="spacer" />
      {s.message && (
        <span class={`message ${s.message.kind}`} role={s.message.kind === 'error' ? 'alert' : 'status'} onClick={() => wb.set({ message: null })}>
          {s.message.text}
        </span>
      )}
      {s.user ? (
        <span class="user" onClick={() => void wb.changeUser()}>
          {wb.t('user')}: {s.user}
        </span>
      ) : (
        <span class="user unset" role="button" data-user-unset onClick={() => void wb.changeUser()}>
          ⚠ {wb.t('nameMissing')}
        </span>
      )}
      <span class="lang" onClick={() => wb.toggleLang()}>{s.lang.toUpperCase()}</span>
    </footer>
  );
}
