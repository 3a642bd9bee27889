import type { Problem, ProblemIncident } from './problem-schemas';

interface Incident {
  traceId: string;
  ticketId?: string | undefined;
  fingerprint?: string | undefined;
  category?: string | undefined;
  at: number;
}

export interface ProblemSettings {
  minIncidents: number;
  maxIncidentsKept: number;
}

const maxFingerprints = 50;

function incidentRecord(
  incident: Incident,
  matchedBy: ProblemIncident['matchedBy'],
): ProblemIncident {
  const record: ProblemIncident = { traceId: incident.traceId, at: incident.at, matchedBy };
  if (incident.ticketId) record.ticketId = incident.ticketId;
  if (incident.fingerprint) record.fingerprint = incident.fingerprint;
  return record;
}

/** A problem record for a first incident: a candidate until `minIncidents` recur. */
export function newProblem(
  id: string,
  incident: Incident,
  recurrenceOf: string | undefined,
  now: number,
  settings: ProblemSettings,
): Problem {
  const problem: Problem = {
    id,
    revision: 1,
    status: settings.minIncidents <= 1 ? 'open' : 'candidate',
    fingerprints: incident.fingerprint ? [incident.fingerprint] : [],
    firstSeenAt: incident.at,
    lastSeenAt: incident.at,
    incidentCount: 1,
    incidents: [incidentRecord(incident, 'new')],
    createdAt: now,
    updatedAt: now,
  };
  if (incident.category) problem.category = incident.category;
  if (recurrenceOf) problem.recurrenceOf = recurrenceOf;
  return problem;
}

/** The problem with one more incident; its fingerprint joins the problem's own for later matches. */
export function addIncident(
  problem: Problem,
  incident: Incident,
  matchedBy: 'fingerprint' | 'category',
  now: number,
  settings: ProblemSettings,
): Problem {
  const fingerprints =
    incident.fingerprint && !problem.fingerprints.includes(incident.fingerprint)
      ? [...problem.fingerprints, incident.fingerprint].slice(-maxFingerprints)
      : problem.fingerprints;
  const incidentCount = problem.incidentCount + 1;
  const next: Problem = {
    ...problem,
    revision: problem.revision + 1,
    status:
      problem.status === 'candidate' && incidentCount >= settings.minIncidents
        ? 'open'
        : problem.status,
    fingerprints,
    firstSeenAt: Math.min(problem.firstSeenAt, incident.at),
    lastSeenAt: Math.max(problem.lastSeenAt, incident.at),
    incidentCount,
    incidents: [...problem.incidents, incidentRecord(incident, matchedBy)].slice(
      -settings.maxIncidentsKept,
    ),
    updatedAt: now,
  };
  if (!next.category && incident.category) next.category = incident.category;
  return next;
}
