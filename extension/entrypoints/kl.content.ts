/** On kl.dk: a badge after every link to KKR minutes or an agenda. */
import { defineContentScript } from 'wxt/utils/define-content-script';
import { createBadge } from '../components/badge.ts';
import { recognizeMinutesLink } from '../utils/links.ts';
import { handle, send, type FoundLink } from '../utils/messages.ts';
import { langSetting } from '../utils/settings.ts';

export default defineContentScript({
  matches: ['https://www.kl.dk/*', 'http://www.kl.dk/*'],
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
      for (const a of root.querySelectorAll<HTMLAnchorElement>('a[href]')) {
        if (seen.has(a)) continue;
        seen.add(a);
        const link = recognizeMinutesLink(a.href, a.textContent ?? '');
        if (!link) continue;
        found.push({ ...link, label: (a.textContent ?? '').replace(/\s+/g, ' ').trim() });
        a.after(createBadge(link, deps));
      }
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
