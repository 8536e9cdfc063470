/**
 * On the editor's origin: answers the editor's handoff request with the document
 * the extension stored under that id (core/handoff/handoff.ts).
 */
import { defineContentScript } from 'wxt/utils/define-content-script';
import { HANDOFF_SOURCE_EXTENSION, isExpectedOrigin, isHandoffRequest, type HandoffResponse } from '../../core/handoff/handoff.ts';
import { loadHandoff } from '../utils/handoff-store.ts';
import { errorLine } from '../utils/messages.ts';
import { editorOrigin, editorUrlSetting } from '../utils/settings.ts';

export default defineContentScript({
  // Loopback on any port; the script acts only on the configured editor origin.
  matches: ['http://localhost/*', 'http://127.0.0.1/*'],
  runAt: 'document_start',
  main() {
    window.addEventListener('message', (event) => {
      if (event.source !== window || !isExpectedOrigin(event.origin, location.origin) || !isHandoffRequest(event.data)) return;
      const { id } = event.data;
      void (async () => {
        if (editorOrigin(await editorUrlSetting.getValue()) !== location.origin) return;
        let response: HandoffResponse;
        try {
          const document = await loadHandoff(id);
          response = document
            ? { source: HANDOFF_SOURCE_EXTENSION, type: 'handoff-document', id, document }
            : { source: HANDOFF_SOURCE_EXTENSION, type: 'handoff-error', id, error: `no document waiting under handoff id ${id}` };
        } catch (e) {
          response = { source: HANDOFF_SOURCE_EXTENSION, type: 'handoff-error', id, error: errorLine(e) };
        }
        window.postMessage(response, location.origin);
      })();
    });
  },
});
