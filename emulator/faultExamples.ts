import type { FaultPlan } from './types';

/**
 * Named fault plans for the failures Graph clients meet in the field. Each is a valid plan
 * that can be passed as `faults` or written to a file for the CLI.
 */
export const FAULT_EXAMPLES = {
  /** Tenant without Entra ID P1, so sign-in logs return 403. */
  signInsWithoutPremiumLicence: {
    rules: [
      {
        path: 'auditLogs/signIns',
        status: 403,
        code: 'Authentication_RequestFromNonPremiumTenantOrB2CTenant',
        message: "Neither tenant is B2C or tenant doesn't have premium license",
      },
    ],
  },
  /** App without AuditLog.Read.All, so directory audits return 403. */
  auditsWithoutPermission: {
    rules: [
      {
        path: 'auditLogs/directoryAudits',
        status: 403,
        code: 'Authorization_RequestDenied',
        message: 'Insufficient privileges to complete the operation.',
      },
    ],
  },
  /**
   * A sign-in query that starts before the retention window (7 days on Entra ID Free, 30 with
   * P1 or P2) gets 400.
   */
  // NOTE: the wording of this message is modelled, not captured from the live service.
  signInsBeyondRetention: {
    rules: [
      {
        path: 'auditLogs/signIns',
        status: 400,
        code: 'BadRequest',
        message:
          'The start date in the filter is beyond the 30-day retention period of sign-in logs; ' +
          'choose a later start date.',
      },
    ],
  },
  /** Page 3 of the sign-ins throttled once with a fractional Retry-After. */
  signInsPage3Throttled: {
    rules: [{ path: 'auditLogs/signIns', page: 3, status: 429, retryAfter: '0.249', times: 1 }],
  },
  /** A batch that answers 200 while two of its items are 429 and 503. */
  batchItemsFailing: {
    rules: [
      {
        path: '$batch',
        item: 'users/*/ownedObjects',
        status: 429,
        retryAfter: '1',
        times: 1,
      },
      { path: '$batch', item: 'users/*/mailFolders/inbox/messageRules', status: 503, times: 1 },
    ],
  },
  /** Inbox rules unavailable twice, then served. */
  messageRulesUnavailable: {
    rules: [{ path: 'users/*/mailFolders/inbox/messageRules', status: 503, times: 2 }],
  },
  /** Risk detections hang once, to exercise client time-outs. */
  riskDetectionsHang: {
    rules: [{ path: 'identityProtection/riskDetections', hang: true, times: 1 }],
  },
} satisfies Record<string, FaultPlan>;
