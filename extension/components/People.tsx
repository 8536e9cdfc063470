/** Participants and absentees. */
import type { Person } from '../../core/minutes/model.ts';

function describe(p: Person): string {
  return [p.name, p.party ? `(${p.party})` : '', p.municipality ?? ''].filter(Boolean).join(' ');
}

export function People({ title, people, kind }: { title: string; people: Person[]; kind: 'participants' | 'absent' }) {
  if (!people.length) return null;
  return (
    <details class="people" data-people={kind}>
      <summary>
        {title} ({people.length})
      </summary>
      <ul>
        {people.map((p, i) => (
          <li key={i}>{describe(p)}</li>
        ))}
      </ul>
    </details>
  );
}
