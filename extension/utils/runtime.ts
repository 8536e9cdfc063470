import { browser } from 'wxt/browser';

/** The URL of one of the extension's own pages (`/viewer.html`). */
export function extensionUrl(path: `/${string}`): string {
  // WXT types getURL against generated path lists that the repository's tsconfig does not see.
  return (browser.runtime as unknown as { getURL(p: string): string }).getURL(path);
}
