/** Options: editor URL, the kl.dk redirect, field colours, language. */
import { render } from 'preact';
import './style.css';
import { useEffect, useState } from 'preact/hooks';
import { FIELD_NAMES } from '../../../core/minutes/model.ts';
import { t } from '../../utils/i18n.ts';
import {
  coloursSetting,
  DEFAULT_COLOURS,
  DEFAULT_EDITOR_URL,
  editorOrigin,
  editorUrlSetting,
  langSetting,
  redirectSetting,
  type FieldColours,
  type Lang,
} from '../../utils/settings.ts';

function Options() {
  const [lang, setLang] = useState<Lang>('da');
  const [editorUrl, setEditorUrl] = useState(DEFAULT_EDITOR_URL);
  const [redirect, setRedirect] = useState(true);
  const [colours, setColours] = useState<FieldColours>(DEFAULT_COLOURS);
  const [status, setStatus] = useState('');

  useEffect(() => {
    void Promise.all([langSetting.getValue(), editorUrlSetting.getValue(), redirectSetting.getValue(), coloursSetting.getValue()]).then(([l, e, r, c]) => {
      setLang(l);
      setEditorUrl(e);
      setRedirect(r);
      setColours(c);
    });
  }, []);

  const saved = (inLang: Lang = lang) => setStatus(t(inLang, 'saved'));
  const origin = editorOrigin(editorUrl);
  const loopback = origin !== null && /^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?$/.test(origin);

  return (
    <form class="options" onSubmit={(e) => e.preventDefault()}>
      <h1>Referat Studio · {t(lang, 'options')}</h1>
      <label>
        {t(lang, 'editorUrl')}
        <input
          type="url"
          name="editorUrl"
          value={editorUrl}
          onChange={(e) => {
            const v = e.currentTarget.value.trim();
            setEditorUrl(v);
            if (editorOrigin(v)) void editorUrlSetting.setValue(v).then(() => saved());
          }}
        />
      </label>
      {!loopback && (
        <p class="warn">
          {t(lang, 'loopbackOnly')}
        </p>
      )}
      <label class="row">
        <input
          type="checkbox"
          name="redirect"
          checked={redirect}
          onChange={(e) => {
            setRedirect(e.currentTarget.checked);
            void redirectSetting.setValue(e.currentTarget.checked).then(() => saved());
          }}
        />
        {t(lang, 'redirect')}
      </label>
      <fieldset>
        <legend>{t(lang, 'colours')}</legend>
        {FIELD_NAMES.map((f) => (
          <label class="row" key={f}>
            <input
              type="color"
              name={`colour-${f}`}
              value={colours[f]}
              onChange={(e) => {
                const next = { ...colours, [f]: e.currentTarget.value };
                setColours(next);
                void coloursSetting.setValue(next).then(() => saved());
              }}
            />
            {t(lang, f)}
          </label>
        ))}
      </fieldset>
      <label>
        {t(lang, 'language')}
        <select
          name="lang"
          value={lang}
          onChange={(e) => {
            const l = e.currentTarget.value as Lang;
            setLang(l);
            void langSetting.setValue(l).then(() => saved(l));
          }}
        >
          <option value="da">Dansk</option>
          <option value="en">English</option>
        </select>
      </label>
      <p class="status" role="status">
        {status}
      </p>
    </form>
  );
}

render(<Options />, document.getElementById('app')!);
