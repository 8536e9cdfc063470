/**
 * Background: fetches and parses minutes for the badge previews (cached by URL),
 * opens the viewer, and keeps the kl.dk PDF redirect in step with the options.
 */
import * as pdfjs from 'pdfjs-dist';
import * as pdfjsWorker from 'pdfjs-dist/build/pdf.worker.mjs';
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import type { PdfjsLike } from '../../core/pdf/extract.ts';
import { errorLine, handle, type Result } from '../utils/messages.ts';
import { fetchPdf, parseDocument } from '../utils/parse.ts';
import { ALLOW_NATIVE_RULE_ID, REDIRECT_RULE_ID, redirectRules } from '../utils/redirect.ts';
import { redirectSetting } from '../utils/settings.ts';
import { sendToEditor } from '../utils/send-to-editor.ts';
import { extensionUrl } from '../utils/runtime.ts';
import { summarize, type MeetingSummary } from '../utils/summary.ts';

const PREVIEW_CACHE_SIZE = 50;

export default defineBackground(() => {
  // A service worker cannot start a Worker: pdf.js runs its worker code in this thread.
  (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = pdfjsWorker;
  const previews = new Map<string, Promise<Result<MeetingSummary>>>();

  const preview = (url: string): Promise<Result<MeetingSummary>> => {
    let p = previews.get(url);
    if (!p) {
      p = fetchPdf(url)
        .then((bytes) => parseDocument(pdfjs as unknown as PdfjsLike, bytes, url))
        .then((d): Result<MeetingSummary> => ({ ok: true, value: summarize(d.meeting, url) }))
        .catch((e: unknown): Result<MeetingSummary> => {
          previews.delete(url); // a failure is not cached: the next hover tries again
          return { ok: false, error: errorLine(e) };
        });
      previews.set(url, p);
      if (previews.size > PREVIEW_CACHE_SIZE) previews.delete(previews.keys().next().value!);
    }
    return p;
  };

  handle({
    preview: ({ url }) => preview(url),
    sendToEditor: async ({ url }) => {
      const bytes = await fetchPdf(url);
      const parsed = await parseDocument(pdfjs as unknown as PdfjsLike, bytes, url);
      await sendToEditor(url, parsed, bytes);
      return { ok: true, value: null };
    },
    openViewer: async ({ url, item }) => {
      const viewer = extensionUrl('/viewer.html');
      await browser.tabs.create({ url: `${viewer}?file=${encodeURIComponent(url)}${item ? `#item=${item}` : ''}` });
      return { ok: true, value: null };
    },
  });

  const applyRedirect = async (on: boolean) => {
    const dnr = browser.declarativeNetRequest;
    if (!dnr?.updateDynamicRules) return;
    const rules = on ? redirectRules(extensionUrl('/viewer.html')) : [];
    await dnr
      .updateDynamicRules({ removeRuleIds: [REDIRECT_RULE_ID, ALLOW_NATIVE_RULE_ID], addRules: rules as never })
      .catch((e: unknown) => console.warn(`Referat Studio: redirect rules not installed: ${errorLine(e)}`));
  };
  void redirectSetting.getValue().then(applyRedirect);
  redirectSetting.watch((on) => void applyRedirect(on));
});
