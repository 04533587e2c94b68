/**
 * The incident report a responder pastes into a ticket: summary, timeline, findings with their
 * evidence, and the remediations with who requested, who approved and whether Graph confirmed
 * them. The CLI's `report` command and a card button both render through here.
 */
import type { ApprovalRequest, Report } from '../domain';
import type { Ledger } from '../ledger/types';
import { renderCsv } from './csvReport';
import { renderMarkdown } from './markdownReport';
import type { TimelineEntry } from './timeline';

export type IncidentReportFormat = 'md' | 'json' | 'csv';

export const INCIDENT_REPORT_FORMATS: readonly IncidentReportFormat[] = ['md', 'json', 'csv'];

export interface IncidentReportInput {
  report: Report;
  timeline: readonly TimelineEntry[];
  /** Remediation requests for the user from the ledger, oldest first. */
  requests: readonly ApprovalRequest[];
  /** ISO 8601 in UTC. */
  generatedAt: string;
}

/** Reads the user's remediation requests made since `since` from the ledger, oldest first. */
export async function loadRequests(
  ledger: Ledger,
  userId: string,
  since: string,
): Promise<ApprovalRequest[]> {
  const requests = await ledger.listRequests({ subjectId: userId });
  return requests
    .filter((request) => request.requestedAt >= since)
    .sort((a, b) => a.requestedAt.localeCompare(b.requestedAt));
}

/** Renders the incident report as Markdown, JSON or CSV (one row per finding). */
export function renderIncidentReport(
  input: IncidentReportInput,
  format: IncidentReportFormat,
): string {
  switch (format) {
    case 'md':
      return renderMarkdown(input);
    case 'csv':
      return renderCsv(input);
    case 'json':
      return JSON.stringify(incidentJson(input), null, 2);
  }
}

function incidentJson(input: IncidentReportInput): object {
  const { report } = input;
  return {
    generatedAt: input.generatedAt,
    user: report.user,
    since: report.since,
    until: report.until,
    verdict: report.verdict,
    timeline: input.timeline,
    findings: report.findings,
    actions: input.requests.map(describeRequest),
    offeredActions: report.actions,
    sections: report.sections,
    notes: report.notes,
  };
}

/** Selects the fields of a request that a ticket needs, with the action named. */
export function describeRequest(request: ApprovalRequest) {
  return {
    requestId: request.id,
    action: request.action.label,
    kind: request.action.kind,
    target: request.action.target,
    status: request.status,
    requestedBy: request.requestedBy.name,
    requestedAt: request.requestedAt,
    decidedBy: request.decidedBy?.name ?? null,
    decidedAt: request.decidedAt ?? null,
    rejectReason: request.rejectReason ?? null,
    result: request.result ?? null,
    verified: request.verified ?? null,
    finishedAt: request.finishedAt ?? null,
  };
}
