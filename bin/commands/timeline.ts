/**
 * `firebreak check <user> --since <time> --timeline [--tenant FILE] [--tz ZONE] [--json]
 * [--data-dir DIR]`: the check's report followed by the incident timeline, or in `--json` the
 * report with a `timeline` array. The setup that `report` shares is here too: reading the
 * window from Graph and the remediation history from the ledger.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../../services/config';
import type { ApprovalRequest } from '../../services/domain';
import { FirebreakError, toFirebreakError } from '../../services/errors';
import { createGraphClient } from '../../services/graph/client';
import { GraphReader } from '../../services/graph/reader';
import { gatherIncident } from '../../services/incident/gather';
import { loadRequests } from '../../services/incident/incidentReport';
import { buildTimeline, type TimelineEntry } from '../../services/incident/timeline';
import type { Report } from '../../services/domain';
import { DATABASE_FILE } from '../../services/ledger/schema';
import { SqliteLedger } from '../../services/ledger/sqliteLedger';
import type { AuditEntry } from '../../services/ledger/types';
import { createLogger } from '../../services/log';
import { parseSince } from '../../services/time/parseSince';
import { formatReport } from '../formatReport';
import { resolveGraphTarget } from '../graphTarget';

export interface IncidentIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  now: () => Date;
}

export interface IncidentQuery {
  user: string;
  since: string;
  tenant?: string;
  tz?: string;
  dataDir?: string;
}

export interface LoadedIncident {
  report: Report;
  timeline: TimelineEntry[];
  requests: ApprovalRequest[];
  /** Notes on how the typed time was read, for stderr. */
  timeNotes: string[];
}

const TIME_ERRORS = {
  'time.invalid': 'input.time-invalid',
  'time.future': 'input.time-future',
  'time.too-old': 'input.time-too-old',
} as const;

export const TIMELINE_USAGE = `Usage:
  firebreak check <user> --since <time> --timeline [--tenant FILE] [--tz ZONE] [--json] [--data-dir DIR]

  --timeline      print the incident timeline after the report; with --json add a "timeline" array
  --data-dir DIR  directory of firebreak.db, whose audit trail adds remediation steps
                  (default FIREBREAK_DATA_DIR, else .data)`;

/** Runs `check ... --timeline`; exit status as `check`: 0, 3 incomplete, 2 input, 1 failure. */
export async function runTimeline(args: string[], io: IncidentIo): Promise<number> {
  try {
    const { values, positionals } = parseCommand(args, TIMELINE_USAGE);
    if (values.format !== undefined) throw usageError('check takes no --format', TIMELINE_USAGE);
    const incident = await loadIncident(queryOf(values, positionals, TIMELINE_USAGE), io);
    if (values.json) {
      io.stdout(JSON.stringify({ ...incident.report, timeline: incident.timeline }, null, 2));
    } else {
      for (const note of incident.timeNotes) io.stderr(`note: ${note}`);
      io.stdout(
        `${formatReport(incident.report)}\n\nTIMELINE\n${formatTimeline(incident.timeline)}`,
      );
    }
    return exitStatus(incident.report);
  } catch (error) {
    return reportFailure(error, io, 'check');
  }
}

/** Formats the timeline for a terminal, one event per line with its facts indented below. */
export function formatTimeline(entries: readonly TimelineEntry[]): string {
  if (entries.length === 0) return '  no events in the window';
  return entries
    .flatMap((entry) => {
      const time = entry.timeKnown ? entry.at : `${entry.at} (time unknown)`;
      const severity = entry.severity ? ` [${entry.severity}]` : '';
      const facts = Object.entries(entry.facts)
        .filter(([, value]) => value !== null && !(Array.isArray(value) && value.length === 0))
        .map(
          ([key, value]) =>
            `      ${key}: ${Array.isArray(value) ? value.join(', ') : String(value)}`,
        );
      return [`  ${time}  ${entry.source}  ${entry.title}${severity}`, ...facts];
    })
    .join('\n');
}

/** Reads the window from Graph, builds the timeline and reads the ledger if there is one. */
export async function loadIncident(query: IncidentQuery, io: IncidentIo): Promise<LoadedIncident> {
  const env = { ...io.env };
  if (query.tenant) {
    env.FIREBREAK_TENANT = path.resolve(query.tenant);
    delete env.FIREBREAK_GRAPH_URL;
    delete env.AZURE_CLIENT_SECRET;
    delete env.AZURE_CLIENT_CERTIFICATE_PATH;
    delete env.FIREBREAK_MANAGED_IDENTITY;
  }
  const config = loadConfig(env);
  const now = io.now();
  const since = parseSince(query.since, { now, timeZone: query.tz ?? config.defaultTimeZone });
  if (!since.ok) throw new FirebreakError(TIME_ERRORS[since.code], since.message, since.message);

  const log = createLogger({ level: env.LOG_LEVEL || 'warn', destination: process.stderr });
  const graph = await resolveGraphTarget(config.graph);
  const connection = createGraphClient(graph.target, { log });
  try {
    const reader = new GraphReader(connection.client, log, AbortSignal.timeout(5 * 60_000));
    const gathered = await gatherIncident(reader, { user: query.user, since: since.since, now });
    if (!gathered.ok) {
      for (const candidate of gathered.candidates ?? []) {
        io.stderr(
          `  ${candidate.displayName ?? ''} <${candidate.userPrincipalName ?? ''}> ${candidate.id ?? ''}`,
        );
      }
      throw gathered.error;
    }
    const history = await readHistory(query.dataDir ?? config.dataDir, gathered.report);
    return {
      report: gathered.report,
      timeline: buildTimeline(gathered.data, gathered.report, history.audit),
      requests: history.requests,
      timeNotes: since.notes,
    };
  } finally {
    await connection.close();
    await graph.close();
  }
}

/** Reads the user's audit trail and requests; a missing ledger means nothing was requested yet. */
async function readHistory(
  dataDir: string,
  report: Report,
): Promise<{ audit: AuditEntry[]; requests: ApprovalRequest[] }> {
  const directory = path.resolve(dataDir);
  if (!existsSync(path.join(directory, DATABASE_FILE))) return { audit: [], requests: [] };
  const ledger = new SqliteLedger({ dataDir: directory });
  try {
    return {
      audit: await ledger.listAudit({ subjectId: report.user.id }),
      requests: await loadRequests(ledger, report.user.id, report.since),
    };
  } finally {
    await ledger.close();
  }
}

const COMMON_OPTIONS = {
  since: { type: 'string' },
  tenant: { type: 'string' },
  tz: { type: 'string' },
  'data-dir': { type: 'string' },
  json: { type: 'boolean' },
  timeline: { type: 'boolean' },
  format: { type: 'string' },
} as const;

/** Parses the options of the incident commands; each command rejects the ones it does not take. */
export function parseCommand(args: string[], usage: string) {
  try {
    return parseArgs({ args, allowPositionals: true, options: COMMON_OPTIONS });
  } catch (error) {
    throw usageError(error instanceof Error ? error.message : String(error), usage);
  }
}

/** Reads the user and the common options from parsed arguments. */
export function queryOf(
  values: Record<string, string | boolean | undefined>,
  positionals: string[],
  usage: string,
): IncidentQuery {
  if (positionals.length !== 1) throw usageError('exactly one user is needed', usage);
  const since = values.since;
  if (typeof since !== 'string') {
    throw usageError('--since is missing, e.g. --since "yesterday 9am"', usage);
  }
  const text = (name: string): string | undefined => {
    const value = values[name];
    return typeof value === 'string' ? value : undefined;
  };
  return {
    user: positionals[0],
    since,
    tenant: text('tenant'),
    tz: text('tz'),
    dataDir: text('data-dir'),
  };
}

export function usageError(problem: string, usage: string): FirebreakError {
  return new FirebreakError('input.command-invalid', problem, `${problem}.\n${usage}`);
}

/** 3 when a section could not be read, so scripts notice an incomplete report. */
export function exitStatus(report: Report): number {
  return report.sections.some((section) => section.status === 'unavailable') ? 3 : 0;
}

/** Prints what failed and returns 2 for input mistakes, 1 for anything else. */
export function reportFailure(error: unknown, io: IncidentIo, command: string): number {
  const failure = toFirebreakError(error);
  io.stderr(`firebreak ${command}: ${failure.userMessage}`);
  if (failure.code === 'internal') io.stderr(`firebreak ${command}: ${failure.message}`);
  return failure.isInputError || failure.code === 'config.invalid' ? 2 : 1;
}
