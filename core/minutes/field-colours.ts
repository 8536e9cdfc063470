/**
 * The colour of each of the four fields wherever fields are drawn: the viewer's
 * overlays and legend (the defaults of the extension's options, where a person
 * may choose others) and the editor's field gutter. CSS hex colours, each dark
 * enough for the gutter's white letter on it (contrast at least 4.5:1).
 */
import type { FieldName } from './model.ts';

export const FIELD_COLOURS: Readonly<Record<FieldName, string>> = {
  baggrund: '#2563eb',
  indstilling: '#b45309',
  sagsfremstilling: '#047857',
  beslutning: '#dc2626',
};
