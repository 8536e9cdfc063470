/** Which colour marks what. */
import { FIELD_NAMES } from '../../core/minutes/model.ts';
import { t } from '../utils/i18n.ts';
import type { FieldColours, Lang } from '../utils/settings.ts';

export function Legend({ colours, lang }: { colours: FieldColours; lang: Lang }) {
  return (
    <ul class="legend" aria-label={t(lang, 'legend')}>
      <li>
        <span class="swatch swatch-item" /> {t(lang, 'item')}
      </li>
      <li>
        <span class="swatch swatch-case" /> {t(lang, 'case')}
      </li>
      {FIELD_NAMES.map((f) => (
        <li key={f} data-field={f}>
          <span class="swatch" style={{ background: colours[f] }} /> {t(lang, f)}
        </li>
      ))}
    </ul>
  );
}
