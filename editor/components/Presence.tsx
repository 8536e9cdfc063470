import type { Peer } from '../services/collab.ts';
import { initials } from '../services/collab.ts';

/** Avatars (initials in the user's colour) of the people given; nothing when there are none. */
export function Presence({ peers }: { peers: readonly Peer[] | undefined }) {
  if (!peers?.length) return null;
  return (
    <span class="presence">
      {peers.map((p) => (
        <span key={p.clientId} class="avatar" style={{ background: p.color }} title={p.item ? `${p.name} · § ${p.item}` : p.name} data-peer={p.name}>
          {initials(p.name)}
        </span>
      ))}
    </span>
  );
}
