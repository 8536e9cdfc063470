/**
 * The dataset as OParl 1.1 (https://oparl.org), written as static files a web
 * server can serve as they are: every object lies at its id, a URL under the
 * base the user gives (`--oparl-base https://example.org/oparl/`), and a client
 * walks it from the System object:
 *
 *     system.json                  System → bodies.json
 *     bodies.json                  the body list (one Body: KL)
 *     body/kl.json                 Body → its lists:
 *     body/kl/organizations.json   the KKRs (Gremium) and the parties (Partei)
 *     body/kl/persons.json         participants, each with their memberships embedded
 *     body/kl/meetings.json        meetings, each with its agenda items embedded
 *     body/kl/papers.json          cases (reference = case number), each with its consultations embedded
 *     body/kl/memberships.json, agenda-items.json, consultations.json, locations.json
 *     meeting/….json, agenda-item/….json, paper/….json, person/….json, …  one file per object
 *
 * Lists are OParl paginated lists (`data`, `pagination`, `links`), 100
 * objects a page (`meetings.json`, `meetings-2.json`, …). A field without a
 * value is left out, never null. A meeting's date becomes its `start` at
 * midnight, Copenhagen time; its minutes PDF (where the source has a URL) is
 * its `resultsProtocol` File (an agenda's its `invitation`). Decision type and
 * the Beslutning text are an agenda item's `result` and `resolutionText`, its
 * labels its `keyword`s. A participant's party is an Organization of type
 * "Partei" their membership is `onBehalfOf`. Fields OParl has no place for
 * carry the prefix `referat:` (the municipality of a membership, the absent of
 * a meeting, the SHA-256 of a file).
 */
import { foldDanish } from '../minutes/meeting-builder.ts';
import type { Person } from '../minutes/model.ts';
import type { ItemRow } from './rows.ts';

export const OPARL_VERSION = 'https://schema.oparl.org/1.1/';
/** Where the files are served when the user names no base: `python3 -m http.server 8000` in the dataset folder. */
export const DEFAULT_OPARL_BASE = 'http://localhost:8000/oparl/';
export const OPARL_PAGE_SIZE = 100;

const T = (name: string) => `${OPARL_VERSION}${name}`;

export type OParlObject = { id: string; type: string } & Record<string, unknown>;

export interface OParlOptions {
  /** The URL the `oparl/` folder is served at (http or https). */
  base?: string;
  /** ISO 8601 time of the export (not written: the same data gives the same files). */
  generatedAt?: string;
  pageSize?: number;
}

export interface OParlExport {
  base: string;
  system: OParlObject;
  body: OParlObject;
  organization: OParlObject[];
  person: OParlObject[];
  membership: OParlObject[];
  meeting: OParlObject[];
  agendaItem: OParlObject[];
  paper: OParlObject[];
  consultation: OParlObject[];
  location: OParlObject[];
  file: OParlObject[];
  /** Every file of the tree: its path under the base, and its JSON. */
  files: { path: string; data: unknown }[];
}

/** The base as an absolute http(s) URL ending in "/", or a message saying what is wrong with it. */
export function checkOParlBase(base: string): { ok: true; base: string } | { ok: false; reason: string } {
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    return { ok: false, reason: `--oparl-base expects an http(s) URL like https://example.org/oparl/, not "${base}"` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, reason: `--oparl-base must be an http or https URL, not ${url.protocol}` };
  if (url.search || url.hash) return { ok: false, reason: '--oparl-base may not have a query or fragment' };
  const href = url.href.endsWith('/') ? url.href : `${url.href}/`;
  return { ok: true, base: href };
}

/** A file-name-safe form of a name: lower case, Danish letters spelled out, anything else a hyphen. */
export function slug(s: string): string {
  return (
    foldDanish(s)
      .replace(/[^a-z0-9._-]+/g, '-')
      .replace(/^[-.]+|-+$/g, '')
      .slice(0, 120) || 'x'
  );
}

/** `offset` of Copenhagen on a date, as "+01:00" or "+02:00". */
function copenhagenOffset(date: string): string {
  try {
    const name = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Copenhagen', timeZoneName: 'longOffset' })
      .formatToParts(new Date(`${date}T12:00:00Z`))
      .find((p) => p.type === 'timeZoneName')?.value;
    const m = /GMT([+-]\d{2}:\d{2})/.exec(name ?? '');
    if (m) return m[1]!;
  } catch {
    // a runtime without time zone data: fall through
  }
  return '+01:00';
}

/** A meeting date as an OParl date-time: midnight in Copenhagen. */
export function meetingStart(date: string): string {
  return `${date}T00:00:00${copenhagenOffset(date)}`;
}

/** Leaves out what has no value (null, undefined, an empty list). */
function compact<T extends Record<string, unknown>>(o: T): T {
  for (const k of Object.keys(o)) {
    const v = o[k];
    if (v === null || v === undefined || (Array.isArray(v) && v.length === 0 && k !== 'legislativeTerm')) delete o[k];
  }
  return o;
}

export function toOParl(rows: readonly ItemRow[], options: OParlOptions = {}): OParlExport {
  const checked = checkOParlBase(options.base ?? DEFAULT_OPARL_BASE);
  if (!checked.ok) throw new Error(checked.reason);
  const base = checked.base;
  const pageSize = options.pageSize ?? OPARL_PAGE_SIZE;
  const url = (path: string) => base + path;

  // One slug per (kind, key), unique within its kind.
  const slugs = new Map<string, string>();
  const taken = new Set<string>();
  const idOf = (kind: string, key: string, name = key): string => {
    const k = `${kind}\u0000${key}`;
    let s = slugs.get(k);
    if (!s) {
      const stem = name.split('/').map(slug).join('/');
      s = stem;
      for (let n = 2; taken.has(`${kind}/${s}`); n++) s = `${stem}-${n}`;
      taken.add(`${kind}/${s}`);
      slugs.set(k, s);
    }
    return url(`${kind}/${s}.json`);
  };

  const lists = {
    organization: 'body/kl/organizations',
    person: 'body/kl/persons',
    meeting: 'body/kl/meetings',
    paper: 'body/kl/papers',
    membership: 'body/kl/memberships',
    agendaItem: 'body/kl/agenda-items',
    consultation: 'body/kl/consultations',
    location: 'body/kl/locations',
  } as const;
  const system: OParlObject = {
    id: url('system.json'),
    type: T('System'),
    oparlVersion: OPARL_VERSION,
    body: url('bodies.json'),
    name: 'Referat Studio dataset: KL’s regional councils (KKR)',
    website: 'https://www.kl.dk/',
  };
  const body: OParlObject = {
    id: url('body/kl.json'),
    type: T('Body'),
    system: system.id,
    name: 'KL — Kommunernes Landsforening',
    shortName: 'KL',
    website: 'https://www.kl.dk/',
    organization: url(`${lists.organization}.json`),
    person: url(`${lists.person}.json`),
    meeting: url(`${lists.meeting}.json`),
    paper: url(`${lists.paper}.json`),
    membership: url(`${lists.membership}.json`),
    agendaItem: url(`${lists.agendaItem}.json`),
    consultation: url(`${lists.consultation}.json`),
    locationList: url(`${lists.location}.json`),
    legislativeTerm: [],
  };

  const out: OParlExport = {
    base, system, body, organization: [], person: [], membership: [], meeting: [], agendaItem: [], paper: [], consultation: [], location: [], file: [], files: [],
  };
  const organizations = new Map<string, OParlObject>();
  const persons = new Map<string, OParlObject>();
  const memberships = new Map<string, OParlObject>();
  const meetings = new Map<string, OParlObject>();
  const papers = new Map<string, OParlObject>();
  const locations = new Map<string, OParlObject>();

  const organizationOf = (name: string, organizationType: 'Gremium' | 'Partei'): OParlObject => {
    const key = `${organizationType}\u0000${name}`;
    let org = organizations.get(key);
    if (!org) {
      org = {
        id: idOf('organization', `${organizationType === 'Partei' ? 'parti-' : ''}${name}`),
        type: T('Organization'),
        body: body.id,
        name,
        organizationType,
        classification: organizationType === 'Gremium' ? 'Kommunekontaktråd (KKR)' : 'Parti',
        membership: [] as string[],
      };
      organizations.set(key, org);
      out.organization.push(org);
    }
    return org;
  };

  const personOf = (p: Person, org: OParlObject): string => {
    let person = persons.get(p.name);
    if (!person) {
      person = { id: idOf('person', p.name), type: T('Person'), body: body.id, name: p.name, membership: [] as OParlObject[] };
      persons.set(p.name, person);
      out.person.push(person);
    }
    const key = `${p.name}\u0000${org.id}`;
    if (!memberships.has(key)) {
      const m = compact({
        id: idOf('membership', `${p.name}-${org.name as string}`),
        type: T('Membership'),
        person: person.id,
        organization: org.id,
        votingRight: true,
        onBehalfOf: p.party ? organizationOf(p.party, 'Partei').id : undefined,
        'referat:municipality': p.municipality ?? undefined,
      });
      memberships.set(key, m);
      (person.membership as OParlObject[]).push(m);
      (org.membership as string[]).push(m.id);
      out.membership.push(m);
    }
    return person.id;
  };

  const locationOf = (description: string): OParlObject => {
    let loc = locations.get(description);
    if (!loc) {
      loc = { id: idOf('location', description), type: T('Location'), description };
      locations.set(description, loc);
      out.location.push(loc);
    }
    return loc;
  };

  for (const row of rows) {
    const org = organizationOf(row.body, 'Gremium');
    // A meeting is one document's: two documents of the same meeting (a PDF and its text) stay two meetings with their own ids.
    let meeting = meetings.get(row.documentId);
    if (!meeting) {
      const source = row.source;
      const file = source.url
        ? compact({
            id: idOf('file', row.documentId, row.meetingId),
            type: T('File'),
            name: `${row.kind === 'referat' ? 'Referat' : 'Dagsorden'} ${row.body}${row.date ? ` ${row.date}` : ''}`,
            fileName: source.name,
            mimeType: /\.pdf$/i.test(source.name) || source.fingerprint ? 'application/pdf' : 'text/plain',
            accessUrl: source.url,
            date: row.date ?? undefined,
            'referat:sha256': source.sha256 || undefined,
            'referat:pdfFingerprint': source.fingerprint ?? undefined,
          })
        : null;
      if (file) out.file.push(file);
      meeting = compact({
        id: idOf('meeting', row.documentId, row.meetingId),
        type: T('Meeting'),
        name: `${row.body} ${row.kind} ${row.date ?? ''}`.trim(),
        meetingState: row.kind === 'referat' ? 'durchgeführt' : 'eingeladen',
        start: row.date ? meetingStart(row.date) : undefined,
        location: row.location ? locationOf(row.location) : undefined,
        organization: [org.id],
        participant: row.participants.map((p) => personOf(p, org)),
        resultsProtocol: file && row.kind === 'referat' ? file : undefined,
        invitation: file && row.kind === 'dagsorden' ? file : undefined,
        agendaItem: [] as OParlObject[],
        'referat:absent': row.absent.map((p) => personOf(p, org)),
      });
      if (!meeting.agendaItem) meeting.agendaItem = [];
      meetings.set(row.documentId, meeting);
      out.meeting.push(meeting);
    }
    const agendaItem: OParlObject = compact({
      id: idOf('agenda-item', `${row.documentId}\u0000${row.id}`, row.id),
      type: T('AgendaItem'),
      meeting: meeting.id,
      number: row.number,
      order: (meeting.agendaItem as OParlObject[]).length,
      name: row.title,
      public: true,
      result: row.decisionType ?? undefined,
      resolutionText: row.beslutning ?? undefined,
      keyword: row.finalLabels,
    });
    (meeting.agendaItem as OParlObject[]).push(agendaItem);
    out.agendaItem.push(agendaItem);
    if (row.caseNumber) {
      let paper = papers.get(row.caseNumber);
      if (!paper) {
        paper = compact({
          id: idOf('paper', row.caseNumber),
          type: T('Paper'),
          body: body.id,
          name: row.title,
          reference: row.caseNumber,
          date: row.date ?? undefined,
          consultation: [] as OParlObject[],
        });
        paper.consultation = [];
        papers.set(row.caseNumber, paper);
        out.paper.push(paper);
      }
      const consultation: OParlObject = {
        id: idOf('consultation', `${row.documentId}\u0000${row.id}`, row.id),
        type: T('Consultation'),
        paper: paper.id,
        agendaItem: agendaItem.id,
        meeting: meeting.id,
        organization: [org.id],
      };
      agendaItem.consultation = consultation.id;
      (paper.consultation as OParlObject[]).push(consultation);
      out.consultation.push(consultation);
    }
  }
  for (const org of out.organization) compact(org);

  const files = out.files;
  const pathOf = (id: string) => id.slice(base.length);
  const listPages = (path: string, objects: readonly OParlObject[]) => {
    const pages = Math.max(1, Math.ceil(objects.length / pageSize));
    const pageUrl = (n: number) => url(`${path}${n === 1 ? '' : `-${n}`}.json`);
    for (let n = 1; n <= pages; n++) {
      files.push({
        path: pathOf(pageUrl(n)),
        data: {
          data: objects.slice((n - 1) * pageSize, n * pageSize),
          pagination: { totalElements: objects.length, elementsPerPage: pageSize, currentPage: n, totalPages: pages },
          links: compact({
            first: pageUrl(1),
            prev: n > 1 ? pageUrl(n - 1) : undefined,
            self: pageUrl(n),
            next: n < pages ? pageUrl(n + 1) : undefined,
            last: pageUrl(pages),
          }),
        },
      });
    }
  };
  files.push({ path: pathOf(system.id), data: system });
  listPages('bodies', [body]);
  files.push({ path: pathOf(body.id), data: body });
  listPages(lists.organization, out.organization);
  listPages(lists.person, out.person);
  listPages(lists.meeting, out.meeting);
  listPages(lists.paper, out.paper);
  listPages(lists.membership, out.membership);
  listPages(lists.agendaItem, out.agendaItem);
  listPages(lists.consultation, out.consultation);
  listPages(lists.location, out.location);
  for (const kind of ['organization', 'person', 'membership', 'meeting', 'agendaItem', 'paper', 'consultation', 'location', 'file'] as const) {
    for (const o of out[kind]) files.push({ path: pathOf(o.id), data: o });
  }
  return out;
}
