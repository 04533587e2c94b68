/**
 * One chronological view of an incident window: sign-ins grouped by IP, directory audit events,
 * risk detections, the findings no raw event stands for (inbox rules, mail bursts), and the
 * remediation steps recorded in the ledger's audit trail. Each raw event carries the most severe
 * finding that names it, which shows why the line matters.
 */
import type * as Graph from '@microsoft/microsoft-graph-types';
import {
  SEVERITIES,
  type EvidenceValue,
  type Finding,
  type Report,
  type Severity,
} from '../domain';
import { isInWindow, isoTime } from '../investigation/checks/window';
import type { InvestigationData } from '../investigation/data';
import type { AuditEntry } from '../ledger/types';
import { signInGroups } from './timelineSignIns';

export type TimelineSource = 'sign-in' | 'audit' | 'risk-detection' | 'finding' | 'remediation';

export interface TimelineEntry {
  /** ISO 8601 in UTC. */
  at: string;
  /** False when Graph keeps no time for the event (inbox rules) and `at` is the window's end. */
  timeKnown: boolean;
  source: TimelineSource;
  title: string;
  /** Severity of the most severe finding that names this event. */
  severity?: Severity;
  /** Titles of the findings that name this event. */
  findings: string[];
  facts: Record<string, EvidenceValue>;
}

/** Order of sources at the same instant: what happened before what was found and done. */
const SOURCE_ORDER: readonly TimelineSource[] = [
  'sign-in',
  'risk-detection',
  'audit',
  'finding',
  'remediation',
];

/** Builds the timeline of the window, oldest first; entries without a known time come last. */
export function buildTimeline(
  data: InvestigationData,
  report: Report,
  auditEntries: readonly AuditEntry[] = [],
): TimelineEntry[] {
  const linked = new Set<Finding>();
  const link = (matches: (finding: Finding) => boolean): Finding[] => {
    const found = report.findings.filter(matches);
    for (const finding of found) linked.add(finding);
    return found;
  };

  const entries: TimelineEntry[] = [
    ...signInGroups(data).map((group) =>
      withFindings(
        group,
        link((f) => f.kind.startsWith('signin.') && f.evidence.ip === group.facts.ip),
      ),
    ),
    ...riskEntries(data).map((entry) =>
      withFindings(
        entry,
        link((f) => f.evidence.detectionId === entry.facts.detectionId),
      ),
    ),
    ...auditEntriesOf(data).map((entry) =>
      withFindings(
        entry,
        link((f) => namesAudit(f, entry.facts.auditId)),
      ),
    ),
  ];
  for (const finding of report.findings) {
    if (!linked.has(finding)) entries.push(findingEntry(finding));
  }
  entries.push(...remediationEntries(auditEntries, report.since));
  return entries.sort(compareEntries);
}

function withFindings(entry: TimelineEntry, findings: Finding[]): TimelineEntry {
  if (findings.length === 0) return entry;
  const rank = Math.min(...findings.map((finding) => SEVERITIES.indexOf(finding.severity)));
  return { ...entry, severity: SEVERITIES[rank], findings: findings.map((f) => f.title) };
}

function namesAudit(finding: Finding, auditId: EvidenceValue | undefined): boolean {
  if (typeof auditId !== 'string') return false;
  const { auditId: single, auditIds } = finding.evidence;
  return single === auditId || (Array.isArray(auditIds) && auditIds.includes(auditId));
}

function riskEntries(data: InvestigationData): TimelineEntry[] {
  if (!data.riskDetections.ok) return [];
  return data.riskDetections.items
    .filter((detection) => isInWindow(detection.activityDateTime, data.window))
    .map((detection) => ({
      at: isoTime(detection.activityDateTime) ?? data.window.until.toISOString(),
      timeKnown: true,
      source: 'risk-detection',
      title: `Risk detection ${detection.riskEventType ?? 'of unknown type'}`,
      findings: [],
      facts: {
        detectionId: detection.id ?? null,
        riskLevel: detection.riskLevel ?? null,
        ip: detection.ipAddress ?? null,
        country: detection.location?.countryOrRegion ?? null,
      },
    }));
}

function auditEntriesOf(data: InvestigationData): TimelineEntry[] {
  if (!data.audits.ok) return [];
  return data.audits.items
    .filter((audit) => isInWindow(audit.activityDateTime, data.window))
    .map((audit) => ({
      at: isoTime(audit.activityDateTime) ?? data.window.until.toISOString(),
      timeKnown: true,
      source: 'audit',
      title: audit.activityDisplayName ?? 'Directory audit event',
      findings: [],
      facts: {
        auditId: audit.id ?? null,
        initiatedBy: initiator(audit),
        targets: (audit.targetResources ?? []).map(
          (target) => target.displayName ?? target.userPrincipalName ?? target.id ?? '',
        ),
        result: audit.result ?? null,
      },
    }));
}

function initiator(audit: Graph.DirectoryAudit): string | null {
  const by = audit.initiatedBy;
  return by?.user?.userPrincipalName ?? by?.app?.displayName ?? by?.user?.id ?? null;
}

function findingEntry(finding: Finding): TimelineEntry {
  return {
    at: finding.at,
    timeKnown: finding.evidence.timeKnown !== false,
    source: 'finding',
    title: finding.title,
    severity: finding.severity,
    findings: [finding.title],
    facts: { kind: finding.kind, ...finding.evidence },
  };
}

const STEP_NAMES: Record<AuditEntry['action'], string> = {
  requested: 'Requested',
  approved: 'Approved',
  rejected: 'Rejected',
  expired: 'Expired',
  refused: 'Refused',
  succeeded: 'Succeeded',
  failed: 'Failed',
};

function remediationEntries(entries: readonly AuditEntry[], since: string): TimelineEntry[] {
  return entries
    .filter((entry) => entry.at >= since)
    .map((entry) => ({
      at: entry.at,
      timeKnown: true,
      source: 'remediation',
      title: `${STEP_NAMES[entry.action]}: ${entry.target.kind} on ${entry.target.displayName}`,
      findings: [],
      facts: {
        actor: entry.actor.name,
        result: entry.result,
        requestId: entry.requestId ?? null,
        correlationId: entry.correlationId,
      },
    }));
}

function compareEntries(a: TimelineEntry, b: TimelineEntry): number {
  return (
    Number(!a.timeKnown) - Number(!b.timeKnown) ||
    a.at.localeCompare(b.at) ||
    SOURCE_ORDER.indexOf(a.source) - SOURCE_ORDER.indexOf(b.source) ||
    a.title.localeCompare(b.title)
  );
}
