/**
 * Who is working: a person's token carries their name and role in the
 * workspace (the sync server's listing says so), and the editor takes the name
 * from it instead of a typed one. A token without a person (a workspace's
 * shared token, or no server) leaves the typed name, as before.
 */

export type Role = 'analyst' | 'curator' | 'reader';

export interface Person {
  name: string;
  role: Role;
}

/** The listing's `person` as a Person, or null (none, or malformed). Pure. */
export function personFrom(value: unknown): Person | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as Record<string, unknown>;
  const name = typeof v.name === 'string' ? v.name.trim() : '';
  const role = v.role === 'curator' || v.role === 'reader' || v.role === 'analyst' ? v.role : null;
  return name && role ? { name, role } : null;
}

/** Whether someone may adjudicate and set how the workspace labels: a curator, or whoever works without a person's token (as before people). Pure. */
export function mayCurate(person: Person | null): boolean {
  return person === null || person.role === 'curator';
}
