/**
 * On kl.dk: a badge after every link to KKR minutes or an agenda. PDFs known as
 * minutes only from their link text are reported to the background, which adds
 * a redirect for each, so a click on the link or a later visit opens the viewer
 * as it does for the others.
 */
import { defineContentScript } from 'wxt/utils/define-content-script';
import { createBadge } from '../components/badge.ts';
import { recognizeMinutesLink } from '../utils/links.ts';
import { learnablePdf } from '../utils/redirect.ts';
import { handle, send, type FoundLink } from '../utils/messages.ts';
import { langSetting } from '../utils/settings.ts';

export default defineContentScript({
  matches: ['https://www.kl.dk/*'],
  runAt: 'document_idle',
  async main(ctx) {
    const lang = await langSetting.getValue();
    const seen = new WeakSet<HTMLAnchorElement>();
    const found: FoundLink[] = [];
    const deps = {
      lang,
      preview: (url: string) => send('preview', { url }),
      open: (url: string) => void send('openViewer', { url }),
    };
    const scan = (root: ParentNode) => {
      const learn: string[] = [];
      for (const a of root.querySelectorAll<HTMLAnchorElement>('a[href]')) {
        if (seen.has(a)) continue;
        seen.add(a);
        const link = recognizeMinutesLink(a.href, a.textContent ?? '');
        if (!link) continue;
        found.push({ ...link, label: (a.textContent ?? '').replace(/\s+/g, ' ').trim() });
        a.after(createBadge(link, deps));
        const extra = learnablePdf(link.url);
        if (extra) learn.push(extra);
      }
      if (learn.length) void send('learnLinks', { urls: learn }).catch(() => undefined);
    };
    scan(document);
    const observer = new MutationObserver((records) => {
      for (const r of records) for (const n of r.addedNodes) if (n instanceof Element) scan(n.parentNode ?? n);
    });
    observer.observe(document.body, { childList: true, subtree: true });
    ctx.onInvalidated(() => observer.disconnect());
    handle({ listLinks: () => found });
  },
});
