/** Names shown for documents. */

/** The file name of a URL's path, decoded. */
export function fileName(url: string): string {
  try {
    const path = new URL(url).pathname;
    return decodeURIComponent(path.slice(path.lastIndexOf('/') + 1)) || 'document.pdf';
  } catch {
    return 'document.pdf';
  }
}
