/** Reports and audit entries built by hand from the domain types, for ledger tests. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Remediation, Report, ReportUser } from '../../../services/domain';
import type { NewAuditEntry } from '../../../services/ledger/types';

export const ALEX: ReportUser = {
  id: '11111111-1111-4111-8111-111111111111',
  userPrincipalName: 'alex.doe@contoso.com',
  displayName: 'Alex Doe',
};

export const SEAN: ReportUser = {
  id: '22222222-2222-4222-8222-222222222222',
  userPrincipalName: "sean.o'neill@contoso.com",
  displayName: "Sean O'Neill",
};

export function revokeAction(user: ReportUser, label = 'Revoke sessions'): Remediation {
  return {
    id: `revoke-${user.id.slice(0, 8)}`,
    kind: 'revoke-sessions',
    target: { type: 'user', id: user.id, displayName: user.displayName },
    label,
  };
}

export function reportFor(user: ReportUser, actions: Remediation[]): Report {
  return {
    user,
    since: '2026-12-01T09:00:00Z',
    until: '2026-12-02T09:00:00Z',
    verdict: 'Likely compromised',
    findings: [],
    actions,
    sections: [{ name: 'sign-ins', status: 'checked' }],
    notes: [],
  };
}

export function auditFor(user: ReportUser, result: string): NewAuditEntry {
  return {
    at: '2026-12-02T09:00:00.000Z',
    actor: { aadObjectId: 'riley-id', name: 'Riley Chen' },
    action: 'requested',
    target: { kind: 'revoke-sessions', type: 'user', id: user.id, displayName: user.displayName },
    subject: { id: user.id, userPrincipalName: user.userPrincipalName },
    result,
    correlationId: 'corr-1',
    requestId: 'request-1',
  };
}

/** A fresh directory under the system temp dir, and a function that removes it. */
export function tempDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'firebreak-ledger-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
