/**
 * The extension's settings, declared once as typed storage items (sync storage,
 * so they follow the user's browser profile).
 */
import { storage } from 'wxt/utils/storage';
import { FIELD_COLOURS } from '../../core/minutes/field-colours.ts';
import type { FieldName } from '../../core/minutes/model.ts';

export type Lang = 'da' | 'en';
export type FieldColours = Record<FieldName, string>;

export const DEFAULT_EDITOR_URL = 'http://localhost:5173/';
/** The editor's field colours too (core/minutes/field-colours.ts), until the person picks others in the options. */
export const DEFAULT_COLOURS: FieldColours = { ...FIELD_COLOURS };

export const editorUrlSetting = storage.defineItem<string>('sync:editorUrl', { fallback: DEFAULT_EDITOR_URL });
export const redirectSetting = storage.defineItem<boolean>('sync:redirectPdfs', { fallback: true });
export const coloursSetting = storage.defineItem<FieldColours>('sync:fieldColours', { fallback: DEFAULT_COLOURS });
export const langSetting = storage.defineItem<Lang>('sync:lang', { fallback: 'da' });
/** PDFs known as minutes from their link text on kl.dk (see utils/redirect.ts), oldest first. */
export const learnedPdfsSetting = storage.defineItem<string[]>('local:learnedPdfs', { fallback: [] });

/** The origin of an editor URL, or null when it is not an http(s) URL. */
export function editorOrigin(editorUrl: string): string | null {
  try {
    const u = new URL(editorUrl);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : null;
  } catch {
    return null;
  }
}
