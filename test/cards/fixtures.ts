/** Reports and approval requests built by hand from the domain types, for the card tests. */
import type {
  ApprovalRequest,
  Finding,
  FindingKind,
  Remediation,
  Report,
  Severity,
} from '../../services/domain';

export const ALEX = {
  id: '7c1e5c8a-2f0b-4d52-9b8e-1a6f3e0d4c21',
  userPrincipalName: 'alex.doe@contoso.com',
  displayName: 'Alex Doe',
};

export function makeRemediation(index: number, overrides: Partial<Remediation> = {}): Remediation {
  return {
    id: `rem-${String(index).padStart(4, '0')}`,
    kind: 'delete-inbox-rule',
    target: { type: 'messageRule', id: `rule-${index}`, displayName: `Rule ${index}` },
    label: 'Delete inbox rule',
    ...overrides,
  };
}

export function makeFinding(index: number, overrides: Partial<Finding> = {}): Finding {
  const severities: Severity[] = ['high', 'medium', 'low', 'info'];
  const kinds: FindingKind[] = [
    'signin.unfamiliar',
    'app.credential-added',
    'inbox-rule.suspicious',
  ];
  const minute = String(index % 60).padStart(2, '0');
  return {
    kind: kinds[index % kinds.length],
    severity: severities[index % severities.length],
    title: `Sign-in from an unfamiliar country ${index}`,
    at: `2026-03-02T09:${minute}:00Z`,
    evidence: {
      ip: `203.0.113.${index % 250}`,
      country: 'NL',
      city: null,
      appId: '00000002-0000-0ff1-ce00-000000000000',
      signInId: `b2f1c1e4-8c4e-4c57-9a0e-${String(index).padStart(12, '0')}`,
    },
    attack: 'T1078.004',
    actions: [],
    ...overrides,
  };
}

export function makeReport(overrides: Partial<Report> = {}): Report {
  return {
    user: ALEX,
    since: '2026-03-01T00:00:00Z',
    until: '2026-03-02T12:00:00Z',
    verdict: 'Compromise likely: 1 high finding',
    findings: [makeFinding(0)],
    actions: [
      makeRemediation(0, {
        kind: 'revoke-sessions',
        target: { type: 'user', id: ALEX.id, displayName: ALEX.displayName },
        label: 'Revoke sessions',
      }),
    ],
    sections: [{ name: 'Sign-ins', status: 'checked' }],
    notes: [],
    ...overrides,
  };
}

export function makeRequest(overrides: Partial<ApprovalRequest> = {}): ApprovalRequest {
  const action = makeRemediation(0, {
    kind: 'disable-user',
    target: { type: 'user', id: ALEX.id, displayName: ALEX.displayName },
    label: 'Disable account',
  });
  return {
    id: 'req-0001',
    actionId: action.id,
    reportId: 'rep-0001',
    action,
    subject: ALEX,
    status: 'pending',
    requestedBy: { aadObjectId: 'aad-sam', name: 'Sam Responder' },
    requestedAt: '2026-03-02T12:05:00Z',
    expiresAt: '2026-03-02T13:05:00Z',
    ...overrides,
  };
}

/** Collects every object in the card whose `type` is `type`, at any depth. */
export function findByType(value: unknown, type: string): Record<string, unknown>[] {
  if (Array.isArray(value)) return value.flatMap((item) => findByType(item, type));
  if (typeof value !== 'object' || value === null) return [];
  const record = value as Record<string, unknown>;
  const own = record.type === type ? [record] : [];
  return [...own, ...Object.values(record).flatMap((child) => findByType(child, type))];
}
