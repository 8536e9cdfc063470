/** The toolbar popup: the minutes found on the current tab, each to open in the viewer. */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { recognizeMinutesLink } from '../../utils/links.ts';
import { send, type FoundLink } from '../../utils/messages.ts';
import { extensionUrl } from '../../utils/runtime.ts';
import { fileName } from '../../utils/names.ts';
import { t } from '../../utils/i18n.ts';
import { langSetting, type Lang } from '../../utils/settings.ts';
import './popup.css';

function Popup() {
  const [lang, setLang] = useState<Lang>('da');
  const [links, setLinks] = useState<FoundLink[] | null>(null);
  const [tabUrl, setTabUrl] = useState<string | null>(null);

  useEffect(() => {
    void langSetting.getValue().then(setLang);
    // `?tab=ID` names the tab instead (the popup opened as a page, in tests).
    const named = Number(new URLSearchParams(location.search).get('tab'));
    const current = named ? browser.tabs.get(named).then((t) => [t]) : browser.tabs.query({ active: true, currentWindow: true });
    void current.then(async ([tab]) => {
      setTabUrl(tab?.url ?? null);
      if (tab?.id === undefined) return setLinks([]);
      // The kl.dk content script answers; other pages have none.
      const found = await send('listLinks', {}, tab.id).catch(() => [] as FoundLink[]);
      setLinks(found ?? []);
    });
  }, []);

  const open = (url: string) => void send('openViewer', { url }).then(() => window.close());
  const [status, setStatus] = useState('');
  const toEditor = (url: string) => {
    setStatus(t(lang, 'loading'));
    void send('sendToEditor', { url }).then((r) => setStatus(r.ok ? t(lang, 'sent') : `${t(lang, 'failed')}: ${r.error}`));
  };
  const direct = tabUrl ? (recognizeMinutesLink(tabUrl, '')?.url ?? null) : null;

  return (
    <div class="popup">
      <h1>Referat Studio</h1>
      {direct && (
        <p>
          <button type="button" onClick={() => open(direct)}>
            {t(lang, 'openViewer')}
          </button>{' '}
          <button type="button" class="send" onClick={() => toEditor(direct)}>
            {t(lang, 'sendToEditor')}
          </button>
        </p>
      )}
      <h2>{t(lang, 'foundHere')}</h2>
      {links === null ? (
        <p>…</p>
      ) : links.length === 0 ? (
        <p>{t(lang, 'noneFound')}</p>
      ) : (
        <ul>
          {links.map((l) => (
            <li key={l.url} data-kind={l.kind}>
              <span class="file" title={l.url}>
                {l.label || fileName(l.url)}
              </span>
              <button type="button" class="open" onClick={() => open(l.url)}>
                {t(lang, 'openViewer')}
              </button>
              <button type="button" class="send" title={t(lang, 'sendToEditor')} onClick={() => toEditor(l.url)}>
                {t(lang, 'editorShort')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {status && (
        <p class="status" role="status">
          {status}
        </p>
      )}
      <p class="foot">
        <a href={extensionUrl('/options.html')} target="_blank" rel="noreferrer">
          {t(lang, 'options')}
        </a>
      </p>
    </div>
  );
}

render(<Popup />, document.getElementById('app')!);
