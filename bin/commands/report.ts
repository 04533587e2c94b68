/**
 * `firebreak report <user> --since <time> --format md|json|csv [--tenant FILE] [--tz ZONE]
 * [--data-dir DIR]`: the incident report for a ticket, on stdout. Exit status: 0 complete, 3
 * with unavailable sections, 2 invalid input, 1 other failure.
 */
import {
  INCIDENT_REPORT_FORMATS,
  renderIncidentReport,
  type IncidentReportFormat,
} from '../../services/incident/incidentReport';
import {
  exitStatus,
  loadIncident,
  parseCommand,
  queryOf,
  reportFailure,
  usageError,
  type IncidentIo,
} from './timeline';

export const REPORT_USAGE = `Usage:
  firebreak report <user> --since <time> --format md|json|csv [--tenant FILE] [--tz ZONE] [--data-dir DIR]

  --format FORMAT  md (Markdown for a ticket), json, or csv (one row per finding)
  --tenant FILE    local tenant snapshot to read instead of Microsoft Graph (JSON)
  --tz ZONE        IANA time zone for times without an offset (default FIREBREAK_TIMEZONE or UTC)
  --data-dir DIR   directory of firebreak.db, for the remediation requests and their approvals
                   (default FIREBREAK_DATA_DIR, else .data)`;

function isFormat(value: string): value is IncidentReportFormat {
  return (INCIDENT_REPORT_FORMATS as readonly string[]).includes(value);
}

/** Runs `report`; prints notes about the typed time on stderr so stdout stays pasteable. */
export async function runReport(args: string[], io: IncidentIo): Promise<number> {
  try {
    const { values, positionals } = parseCommand(args, REPORT_USAGE);
    if (values.json || values.timeline) {
      throw usageError('report takes --format instead of --json or --timeline', REPORT_USAGE);
    }
    const format = values.format;
    if (format === undefined)
      throw usageError('--format is missing: md, json or csv', REPORT_USAGE);
    if (!isFormat(format)) {
      throw usageError(
        `--format ${JSON.stringify(format)} is invalid; use md, json or csv`,
        REPORT_USAGE,
      );
    }
    const incident = await loadIncident(queryOf(values, positionals, REPORT_USAGE), io);
    for (const note of incident.timeNotes) io.stderr(`note: ${note}`);
    const input = {
      report: incident.report,
      timeline: incident.timeline,
      requests: incident.requests,
      generatedAt: io.now().toISOString(),
    };
    io.stdout(renderIncidentReport(input, format));
    return exitStatus(incident.report);
  } catch (error) {
    return reportFailure(error, io, 'report');
  }
}
