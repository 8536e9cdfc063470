/**
 * An OParl-style (OParl 1.1) view of the dataset: the KKR as Organization of a
 * Body, each meeting a Meeting with its AgendaItems, each case a Paper whose
 * `reference` is the case number and which is linked to the agenda items that
 * treated it through Consultations, participants as Persons with a Membership
 * of the KKR. Ids are URNs, since the dataset is a file, not a server.
 */
import type { Person } from '../minutes/model.ts';
import type { ItemRow } from './rows.ts';

const T = (name: string) => `https://schema.oparl.org/1.1/${name}`;
const urn = (...parts: string[]) => `urn:referat-studio:oparl:${parts.map(encodeURIComponent).join(':')}`;

export interface OParlDataset {
  body: OParlObject[];
  organization: OParlObject[];
  person: OParlObject[];
  membership: OParlObject[];
  meeting: OParlObject[];
  agendaItem: OParlObject[];
  paper: OParlObject[];
  consultation: OParlObject[];
}

export interface OParlObject {
  id: string;
  type: string;
  [key: string]: unknown;
}

export function toOParl(rows: readonly ItemRow[]): OParlDataset {
  const out: OParlDataset = { body: [], organization: [], person: [], membership: [], meeting: [], agendaItem: [], paper: [], consultation: [] };
  const organizations = new Map<string, OParlObject>();
  const persons = new Map<string, OParlObject>();
  const memberships = new Map<string, OParlObject>();
  const meetings = new Map<string, OParlObject>();
  const papers = new Map<string, OParlObject>();
  const body = { id: urn('body', 'kl'), type: T('Body'), name: 'KL — Kommunernes Landsforening', shortName: 'KL', organization: [] as string[] };
  out.body.push(body);

  const organizationOf = (name: string): OParlObject => {
    let org = organizations.get(name);
    if (!org) {
      org = { id: urn('organization', name), type: T('Organization'), body: body.id, name, organizationType: 'Gremium', classification: 'KKR', membership: [] as string[] };
      organizations.set(name, org);
      body.organization.push(org.id);
      out.organization.push(org);
    }
    return org;
  };

  const personOf = (p: Person, org: OParlObject): string => {
    let person = persons.get(p.name);
    if (!person) {
      person = { id: urn('person', p.name), type: T('Person'), body: body.id, name: p.name, membership: [] as string[] };
      persons.set(p.name, person);
      out.person.push(person);
    }
    const key = `${p.name}\u0000${org.id}`;
    if (!memberships.has(key)) {
      const m: OParlObject = {
        id: urn('membership', p.name, org.id),
        type: T('Membership'),
        person: person.id,
        organization: org.id,
        votingRight: true,
        ...(p.party ? { onBehalfOf: p.party } : {}),
        ...(p.municipality ? { 'referat:municipality': p.municipality } : {}),
      };
      memberships.set(key, m);
      (person.membership as string[]).push(m.id);
      (org.membership as string[]).push(m.id);
      out.membership.push(m);
    }
    return person.id;
  };

  for (const row of rows) {
    const org = organizationOf(row.body);
    let meeting = meetings.get(row.meetingId);
    if (!meeting) {
      meeting = {
        id: urn('meeting', row.meetingId),
        type: T('Meeting'),
        name: `${row.body} ${row.kind} ${row.date ?? ''}`.trim(),
        meetingState: row.kind === 'referat' ? 'durchgeführt' : 'eingeladen',
        start: row.date,
        ...(row.location ? { location: { type: T('Location'), description: row.location } } : {}),
        organization: [org.id],
        participant: row.participants.map((p) => personOf(p, org)),
        'referat:absent': row.absent.map((p) => personOf(p, org)),
        agendaItem: [] as string[],
        'referat:source': row.source,
      };
      meetings.set(row.meetingId, meeting);
      out.meeting.push(meeting);
    }
    const agendaItem: OParlObject = {
      id: urn('agendaItem', row.id),
      type: T('AgendaItem'),
      meeting: meeting.id,
      number: row.number,
      order: (meeting.agendaItem as string[]).length,
      name: row.title,
      public: true,
      result: row.decisionType,
      resolutionText: row.beslutning,
      keyword: row.finalLabels,
    };
    (meeting.agendaItem as string[]).push(agendaItem.id);
    out.agendaItem.push(agendaItem);
    if (row.caseNumber) {
      let paper = papers.get(row.caseNumber);
      if (!paper) {
        paper = { id: urn('paper', row.caseNumber), type: T('Paper'), body: body.id, name: row.title, reference: row.caseNumber, date: row.date, consultation: [] as string[] };
        papers.set(row.caseNumber, paper);
        out.paper.push(paper);
      }
      const consultation: OParlObject = {
        id: urn('consultation', row.id),
        type: T('Consultation'),
        paper: paper.id,
        agendaItem: agendaItem.id,
        meeting: meeting.id,
        organization: [org.id],
        role: row.decisionType,
      };
      agendaItem.consultation = consultation.id;
      (paper.consultation as string[]).push(consultation.id);
      out.consultation.push(consultation);
    }
  }
  return out;
}
