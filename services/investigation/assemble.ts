/**
 * Builds the report from what was read: runs each check whose reads succeeded, records every
 * section as checked, unavailable or not covered, dedupes remediations and writes the verdict.
 */
import type * as Graph from '@microsoft/microsoft-graph-types';
import { type Report, type ReportUser, type Section, SEVERITIES } from '../domain';
import { CHECKS } from './checks';
import type { Check, FindingDraft } from './checks/types';
import { notCoveredSections } from './coverage';
import type { Collected, InvestigationData } from './data';
import { resolveRemediations } from './remediations';
import { buildVerdict } from './verdict';

type Outcome = { section: Section; findings: FindingDraft[] };

/** Assembles the report; `checks` is for tests, and reports always use every check. */
export function assembleReport(
  data: InvestigationData,
  extraNotes: string[] = [],
  checks: readonly Check[] = CHECKS,
): Report {
  const outcomes = checks.map((check) => runCheck(check, data));
  const drafts = sortFindings(outcomes.flatMap((outcome) => outcome.findings));
  const { findings, actions } = resolveRemediations(drafts);
  const sections = [
    ...mergeSections(outcomes.map((outcome) => outcome.section)),
    ...notCoveredSections(data),
  ];
  return {
    user: reportUser(data.user),
    since: data.window.since.toISOString(),
    until: data.window.until.toISOString(),
    verdict: buildVerdict(findings, sections),
    findings,
    actions,
    sections,
    notes: [...truncationNotes(data), ...extraNotes],
  };
}

function isCollected(value: unknown): value is Collected<unknown> {
  return (
    typeof value === 'object' && value !== null && 'ok' in value && typeof value.ok === 'boolean'
  );
}

/** Returns the failed reads among a check's needs, in the order the check lists them. */
function failedReads(check: Check, data: InvestigationData) {
  return check.needs.flatMap((part) => {
    const value = data[part];
    return isCollected(value) && !value.ok ? [value] : [];
  });
}

function runCheck(check: Check, data: InvestigationData): Outcome {
  const failed = failedReads(check, data);
  if (failed.length > 0) {
    const reason = failed.map((read) => read.reason).join('; ');
    const requestId = failed.find((read) => read.requestId !== undefined)?.requestId;
    return { section: unavailable(check.section, reason, requestId), findings: [] };
  }
  try {
    return { section: { name: check.section, status: 'checked' }, findings: check.run(data) };
  } catch (error) {
    // A fault in one check costs only its section, and the section's reason names the error.
    const message = error instanceof Error ? error.message : String(error);
    const reason =
      `the ${check.section} check failed on this data (${message}), ` +
      'so the section was not checked';
    return { section: unavailable(check.section, reason), findings: [] };
  }
}

function unavailable(name: string, reason: string, requestId?: string): Section {
  return requestId === undefined
    ? { name, status: 'unavailable', reason }
    : { name, status: 'unavailable', reason, requestId };
}

/** Merges sections of the same name: unavailable if any part is, with every distinct reason. */
function mergeSections(sections: Section[]): Section[] {
  const merged = new Map<string, Section>();
  for (const section of sections) {
    const found = merged.get(section.name);
    if (found === undefined) {
      merged.set(section.name, { ...section });
    } else if (section.status === 'unavailable') {
      const reasons = [found.reason, section.reason].filter((reason) => reason !== undefined);
      const reason = [...new Set(reasons)].join('; ');
      merged.set(
        section.name,
        unavailable(section.name, reason, found.requestId ?? section.requestId),
      );
    }
  }
  return [...merged.values()];
}

/** Sorts by severity, high first, then by time; kind and title keep equal times in one order. */
function sortFindings(drafts: FindingDraft[]): FindingDraft[] {
  return [...drafts].sort(
    (a, b) =>
      SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) ||
      a.at.localeCompare(b.at) ||
      a.kind.localeCompare(b.kind) ||
      a.title.localeCompare(b.title),
  );
}

const PART_NAMES: Partial<Record<keyof InvestigationData, string>> = {
  signIns: 'sign-ins',
  audits: 'directory audits',
  riskDetections: 'risk detections',
  authMethods: 'authentication methods',
  inboxRules: 'inbox rules',
  sentMessages: 'sent messages',
  ownedObjects: 'owned applications and service principals',
  touchedObjects: 'applications named in audits',
  federatedCredentials: 'federated identity credentials',
  grants: 'consent grants',
  appRoleAssignments: 'app role assignments',
  devices: 'registered devices',
  memberOf: 'memberships',
};

function truncationNotes(data: InvestigationData): string[] {
  return Object.entries(data).flatMap(([part, value]) => {
    if (!isCollected(value) || !value.ok || value.truncatedAt === undefined) return [];
    const name = PART_NAMES[part as keyof InvestigationData] ?? part;
    return [
      `Only the first ${value.truncatedAt} ${name} were read, so findings in the rest are missing. ` +
        'Narrow the window to read them all.',
    ];
  });
}

function reportUser(user: Graph.User): ReportUser {
  return {
    id: user.id ?? '',
    userPrincipalName: user.userPrincipalName ?? '',
    displayName: user.displayName ?? user.userPrincipalName ?? '',
  };
}
