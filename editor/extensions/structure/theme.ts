import { EditorView } from '@codemirror/view';
import { FIELD_COLOURS } from '../../../core/minutes/field-colours.ts';

export const structureTheme = EditorView.baseTheme({
  '.cm-section-heading': { fontWeight: '700', fontSize: '1.15em', borderTop: '1px solid var(--rs-border, #ccc)', paddingTop: '4px', color: 'var(--rs-section, #6f42c1)' },
  '.cm-item-heading': { fontWeight: '700', color: 'var(--rs-item, #0b5cad)', backgroundColor: 'var(--rs-item-bg, rgba(11,92,173,0.06))' },
  '.cm-item-badge': { display: 'inline-block', fontSize: '0.75em', padding: '0 4px', marginRight: '6px', borderRadius: '3px', background: 'var(--rs-item, #0b5cad)', color: '#fff', fontWeight: '600' },
  '.cm-case-chip': { borderRadius: '9px', padding: '0 6px', background: 'var(--rs-chip-bg, #e6f0e6)', color: 'var(--rs-chip, #225522)', border: '1px solid var(--rs-chip-border, #9c9)', fontFamily: 'monospace' },
  // Decisions in the Beslutning colour, as the viewer frames them and the field gutter marks them.
  '.cm-decision': { backgroundColor: `color-mix(in srgb, ${FIELD_COLOURS.beslutning} 10%, transparent)` },
  '.cm-attachment': { borderLeft: '3px solid var(--rs-attachment, #d97706)', paddingLeft: '4px' },
  '.cm-attachment::before': { content: '"bilag "', fontSize: '0.7em', color: 'var(--rs-attachment, #d97706)', textTransform: 'uppercase' },
  '.cm-override-line': { outline: '1px dashed var(--rs-override, #c026d3)', outlineOffset: '-1px' },
  '.cm-override-superseded': { opacity: '0.55', textDecoration: 'line-through' },
  '.cm-override-badge': { marginLeft: '8px', fontSize: '0.7em', padding: '0 4px', borderRadius: '3px', background: 'var(--rs-override, #c026d3)', color: '#fff' },
});
