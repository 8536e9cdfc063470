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
import { isKlPdfSource } from '../utils/links.ts';
import { fetchPdf, parseDocument, RefusedSourceError } from '../utils/parse.ts';
import { learnablePdf, MAX_LEARNED, redirectRules } from '../utils/redirect.ts';
import { learnedPdfsSetting, redirectSetting } from '../utils/settings.ts';
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

  // The redirect rules, replaced as a whole whenever the option or the learned PDFs change (one update at a time).
  let applying: Promise<void> = Promise.resolve();
  const applyRedirect = () => {
    applying = applying.then(async () => {
      const dnr = browser.declarativeNetRequest;
      if (!dnr?.updateDynamicRules) return;
      const on = await redirectSetting.getValue();
      const rules = on ? redirectRules(extensionUrl('/viewer.html'), await learnedPdfsSetting.getValue()) : [];
      const old = await dnr.getDynamicRules();
      await dnr.updateDynamicRules({ removeRuleIds: old.map((r) => r.id), addRules: rules as never });
    }).catch((e: unknown) => console.warn(`Referat Studio: redirect rules not installed: ${errorLine(e)}`));
    return applying;
  };

  handle({
    learnLinks: async ({ urls }) => {
      const fresh = (Array.isArray(urls) ? urls : []).map((u) => (typeof u === 'string' ? learnablePdf(u) : null)).filter((u): u is string => !!u);
      if (!fresh.length) return { ok: true, value: null };
      const known = await learnedPdfsSetting.getValue();
      const added = fresh.filter((u) => !known.includes(u));
      if (!added.length) return { ok: true, value: null };
      await learnedPdfsSetting.setValue([...known, ...new Set(added)].slice(-MAX_LEARNED));
      await applyRedirect();
      return { ok: true, value: null };
    },
    preview: ({ url }) => preview(url),
    sendToEditor: async ({ url }) => {
      const bytes = await fetchPdf(url);
      const parsed = await parseDocument(pdfjs as unknown as PdfjsLike, bytes, url);
      await sendToEditor(url, parsed, bytes);
      return { ok: true, value: null };
    },
    openViewer: async ({ url, item }) => {
      if (!isKlPdfSource(url)) throw new RefusedSourceError(url);
      const viewer = extensionUrl('/viewer.html');
      await browser.tabs.create({ url: `${viewer}?file=${encodeURIComponent(url)}${item ? `#item=${item}` : ''}` });
      return { ok: true, value: null };
    },
  });

  void applyRedirect();
  redirectSetting.watch(() => void applyRedirect());
});
