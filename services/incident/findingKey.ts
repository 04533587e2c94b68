/**
 * Tells a new finding from one already reported. A watch reruns the check every interval, and
 * findings without a time of their own (inbox rules, credentials still present) come back each
 * time. Comparing by kind and the evidence that names the object keeps them from repeating.
 */
import type { EvidenceValue, Finding, FindingKind } from '../domain';

/** Evidence fields that identify the object or event of each kind of finding. */
const KEY_FIELDS: Record<FindingKind, readonly string[]> = {
  'signin.unfamiliar': ['ip'],
  'signin.risky': ['signInId'],
  'signin.legacy-protocol': ['client', 'ip'],
  'risk.detection': ['detectionId'],
  'app.created': ['objectId'],
  'app.credential-added': ['objectId', 'keyId', 'credentialId'],
  'app.owner-added': ['objectId', 'newOwner'],
  'consent.granted': ['clientId', 'scopes'],
  'approle.assigned': ['assignmentId'],
  'auth-method.registered': ['methodId'],
  'inbox-rule.suspicious': ['ruleId', 'reasons'],
  'mail.sent-burst': ['firstSent'],
  'device.registered': ['objectId'],
  'role.assigned': ['auditId'],
  'password.changed': ['auditId'],
};

/** Returns a stable key of the finding's kind and identifying evidence. */
export function findingKey(finding: Finding): string {
  const fields = KEY_FIELDS[finding.kind] ?? [];
  const values = fields.map((field) => keyValue(finding.evidence[field]));
  // A finding without any identifying evidence falls back to its title and time.
  if (values.every((value) => value === ''))
    return `${finding.kind}|${finding.title}|${finding.at}`;
  return [finding.kind, ...values].join('|');
}

function keyValue(value: EvidenceValue | undefined): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value))
    return [...value]
      .map((item) => item.toLowerCase())
      .sort()
      .join(',');
  return String(value).toLowerCase();
}

/** Returns the findings whose key is not in `seen`, each key once. */
export function newFindings(findings: readonly Finding[], seen: ReadonlySet<string>): Finding[] {
  const emitted = new Set<string>();
  return findings.filter((finding) => {
    const key = findingKey(finding);
    if (seen.has(key) || emitted.has(key)) return false;
    emitted.add(key);
    return true;
  });
}
