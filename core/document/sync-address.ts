/** A sync server's address as HTTP (the workspace listing) and as WebSocket (documents); null when it is not a URL. Pure. */
export function serverUrls(server: string): { http: string; ws: string } | null {
  let url: URL;
  try {
    url = new URL(server);
  } catch {
    return null;
  }
  const secure = url.protocol === 'wss:' || url.protocol === 'https:';
  if (!['ws:', 'wss:', 'http:', 'https:'].includes(url.protocol)) return null;
  const rest = `//${url.host}${url.pathname.replace(/\/+$/, '')}`;
  return { http: `${secure ? 'https' : 'http'}:${rest}`, ws: `${secure ? 'wss' : 'ws'}:${rest}` };
}

/** The listing of a workspace's documents: `GET <http>/workspaces/<w>/documents` with the token as bearer. */
export const listingUrl = (server: string, workspace: string): string | null => {
  const urls = serverUrls(server);
  return urls ? `${urls.http}/workspaces/${encodeURIComponent(workspace)}/documents` : null;
};
