/**
 * The editor's words in Danish and English through the one translation layer
 * (core/i18n): `translator(lang)` gives `t(key, values?)`, where `values.count`
 * chooses a plural form and `{{name}}` in a string takes `values.name`. The
 * parser's diagnostics come in under `diagnostic.<code>` (see diagnosticText).
 */
import { createTranslator, type Catalog, type CatalogKey, type Lang, type Translate } from '../core/i18n/translate.ts';
import { DIAGNOSTIC_MESSAGES } from '../core/minutes/diagnostic-messages.ts';
import { en } from './locales/en.ts';
import { da } from './locales/da.ts';

export type { Lang } from '../core/i18n/translate.ts';

/** A key of the editor's own catalog (diagnostics are reached through diagnosticText). */
export type MessageKey = CatalogKey<typeof en>;

/** Each language's whole catalog: the editor's words and the diagnostics'. */
export const MESSAGES: Record<Lang, Catalog> = {
  en: { ...en, diagnostic: DIAGNOSTIC_MESSAGES.en },
  da: { ...da, diagnostic: DIAGNOSTIC_MESSAGES.da },
};

// Built once: a component asks for its translator on every render.
const TRANSLATORS: Record<Lang, Translate<MessageKey>> = {
  en: createTranslator<MessageKey>('en', MESSAGES.en),
  da: createTranslator<MessageKey>('da', MESSAGES.da),
};

export function translator(lang: Lang): Translate<MessageKey> {
  return TRANSLATORS[lang];
}

/** A taxonomy group's name for people: the default groups' names translated, one's own as written. */
export function groupName(t: Translate<MessageKey>, name: string): string {
  return t(`taxonomyGroup.${name}` as MessageKey, { defaultValue: name });
}

/** A meeting kind (`referat`, `dagsorden`) for people; an unknown kind as written. */
export function kindName(t: Translate<MessageKey>, kind: string): string {
  return kind ? t(`kind.${kind}` as MessageKey, { defaultValue: kind }) : '';
}
