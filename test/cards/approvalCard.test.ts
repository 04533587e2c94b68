import assert from 'node:assert/strict';
import { buildApprovalCard } from '../../cards/approvalCard';
import { validateCard } from '../../cards/validate';
import type { ApprovalRequest, ApprovalStatus } from '../../services/domain';
import { findByType, makeRequest } from './fixtures';
import { renderedText } from './helpers';

const KIM = { aadObjectId: 'aad-kim', name: 'Kim Lead' };

const BY_STATUS: Record<ApprovalStatus, ApprovalRequest> = {
  pending: makeRequest(),
  running: makeRequest({ status: 'running', decidedBy: KIM, decidedAt: '2026-03-02T12:10:00Z' }),
  succeeded: makeRequest({
    status: 'succeeded',
    decidedBy: KIM,
    result: 'Account disabled; accountEnabled is false',
    verified: true,
    finishedAt: '2026-03-02T12:11:00Z',
  }),
  failed: makeRequest({
    status: 'failed',
    decidedBy: KIM,
    result: 'Graph returned 403 Authorization_RequestDenied (request id 4a1b)',
  }),
  rejected: makeRequest({ status: 'rejected', decidedBy: KIM, rejectReason: 'Travel confirmed' }),
  expired: makeRequest({ status: 'expired' }),
};

const EXPECTED_STATUS: Record<ApprovalStatus, RegExp> = {
  pending: /Waiting for approval, requested by Sam Responder/,
  running: /Running, approved by Kim Lead/,
  succeeded: /Done: Account disabled; accountEnabled is false \(verified in Graph\)/,
  failed: /Failed: Graph returned 403 Authorization_RequestDenied \(request id 4a1b\)/,
  rejected: /Rejected by Kim Lead: Travel confirmed/,
  expired: /Expired at 2026-03-02 13:05 UTC without a decision/,
};

function verbs(card: object): string[] {
  return findByType(card, 'Action.Execute').map((action) => String(action.verb));
}

describe('buildApprovalCard', () => {
  for (const status of Object.keys(BY_STATUS) as ApprovalStatus[]) {
    it(`${status} request validates for every viewer`, () => {
      for (const viewer of ['approver', 'requester', 'other'] as const) {
        assert.deepEqual(validateCard(buildApprovalCard(BY_STATUS[status], { viewer })), []);
      }
    });

    it(`${status} request states its outcome`, () => {
      const card = buildApprovalCard(BY_STATUS[status], { viewer: 'other' });

      assert.match(renderedText(card), EXPECTED_STATUS[status]);
    });
  }

  it('approver sees Approve and Reject', () => {
    const card = buildApprovalCard(BY_STATUS.pending, { viewer: 'approver' });
    const actions = card.actions as Record<string, unknown>[];

    assert.deepEqual(verbs(card), ['firebreak.approve', 'firebreak.reject']);
    assert.deepEqual(actions[0].data, { requestId: 'req-0001' });
    assert.deepEqual(actions[1].data, { requestId: 'req-0001' });
  });

  it('reject reason input is optional', () => {
    const card = buildApprovalCard(BY_STATUS.pending, { viewer: 'approver' });
    const inputs = findByType(card, 'Input.Text');

    assert.equal(inputs.length, 1);
    assert.equal(inputs[0].id, 'reason');
    assert.notEqual(inputs[0].isRequired, true);
  });

  it('requester sees status without buttons', () => {
    const card = buildApprovalCard(BY_STATUS.pending, { viewer: 'requester' });

    assert.deepEqual(verbs(card), []);
    assert.equal(findByType(card, 'Input.Text').length, 0);
    assert.match(renderedText(card), /you cannot approve your own/);
  });

  it('other viewer sees status without buttons', () => {
    const card = buildApprovalCard(BY_STATUS.pending, { viewer: 'other' });

    assert.deepEqual(verbs(card), []);
    assert.match(renderedText(card), /Waiting for approval/);
  });

  it('decided request has no buttons for the approver', () => {
    for (const status of ['running', 'succeeded', 'failed', 'rejected', 'expired'] as const) {
      assert.deepEqual(verbs(buildApprovalCard(BY_STATUS[status], { viewer: 'approver' })), []);
    }
  });

  it('refresh lists the users and the request', () => {
    const card = buildApprovalCard(BY_STATUS.pending, {
      viewer: 'other',
      refreshUserIds: ['8:orgid:aad-sam', '8:orgid:aad-kim'],
    });

    assert.deepEqual(card.refresh, {
      action: {
        type: 'Action.Execute',
        verb: 'firebreak.refresh',
        data: { requestId: 'req-0001' },
      },
      userIds: ['8:orgid:aad-sam', '8:orgid:aad-kim'],
    });
    assert.deepEqual(validateCard(card), []);
  });

  it('no refresh users means no refresh', () => {
    const card = buildApprovalCard(BY_STATUS.pending, { viewer: 'other' });

    assert.equal('refresh' in card, false);
  });

  it('more than 60 refresh users is rejected', () => {
    const userIds = Array.from({ length: 61 }, (_, index) => `8:orgid:user-${index}`);

    assert.throws(
      () => buildApprovalCard(BY_STATUS.pending, { viewer: 'other', refreshUserIds: userIds }),
      /refreshUserIds has 61 users; Teams refreshes at most 60/,
    );
  });

  it('attacker target name is escaped', () => {
    const request = makeRequest();
    request.action = {
      ...request.action,
      label: 'Delete inbox rule',
      target: { type: 'messageRule', id: 'r1', displayName: '**Microsoft Security**' },
    };
    const card = buildApprovalCard(request, { viewer: 'approver' });

    assert.ok(JSON.stringify(card).includes('\\\\*\\\\*Microsoft Security\\\\*\\\\*'));
    assert.match(renderedText(card), /\*\*Microsoft Security\*\* \(messageRule\)/);
  });

  it('missing optional fields never show ${', () => {
    const request = makeRequest({
      status: 'succeeded',
      decidedBy: undefined,
      result: undefined,
      verified: undefined,
    });
    request.subject = { id: 'u', userPrincipalName: 'alex@contoso.com', displayName: '' };
    const card = buildApprovalCard(request, { viewer: 'approver' });

    assert.ok(!JSON.stringify(card).includes('${'));
    assert.match(renderedText(card), /Done: Completed \(not yet verified in Graph/);
  });
});
