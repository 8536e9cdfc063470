import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

/**
 * The browser extension (see README "The browser extension"). Host access is
 * kl.dk (badges, previews, the viewer's fetch) and the loopback editor origins
 * (the handoff bridge); nothing else.
 */
export default defineConfig({
  srcDir: 'extension',
  outDir: '.output',
  vite: () => ({ plugins: [preact()], build: { chunkSizeWarningLimit: 2500 } }),
  manifest: ({ manifestVersion }) => ({
    name: 'Referat Studio',
    description: 'KL minutes and agendas on kl.dk, with their structure drawn over the PDF.',
    permissions: ['storage', 'declarativeNetRequest'],
    host_permissions: ['https://www.kl.dk/*', 'http://www.kl.dk/*', 'http://localhost/*', 'http://127.0.0.1/*'],
    ...(manifestVersion === 3
      ? {
          content_security_policy: { extension_pages: "script-src 'self'; object-src 'self'; base-uri 'none'; frame-ancestors 'none'" },
          web_accessible_resources: [{ resources: ['viewer.html'], matches: ['https://www.kl.dk/*', 'http://www.kl.dk/*'] }],
        }
      : {
          content_security_policy: "script-src 'self'; object-src 'self'; base-uri 'none'",
          web_accessible_resources: ['viewer.html'],
          // storage.sync in Firefox wants a stable add-on id.
          browser_specific_settings: { gecko: { id: 'referat-studio@referat.studio', strict_min_version: '115.0' } },
        }),
  }),
});
