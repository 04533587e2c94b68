import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import {
  actionAllowed,
  groupConfigured,
  notExpired,
  notFinished,
  notRequester,
  requestKnown,
  runChecks,
} from '../../../services/approvals/checks';
import { PASSED, refuse } from '../../../services/approvals/outcome';
import type { ApprovalRequest } from '../../../services/domain';
import { createLogger } from '../../../services/log';
import { ACTIONS, ACTORS, ALEX } from './harness';

function pending(overrides: Partial<ApprovalRequest> = {}): ApprovalRequest {
  return {
    id: 'request-1',
    actionId: 'disable-user',
    reportId: 'report-1',
    action: ACTIONS['disable-user'],
    subject: ALEX,
    status: 'pending',
    requestedBy: ACTORS.riley,
    requestedAt: '2026-12-02T09:00:00.000Z',
    expiresAt: '2026-12-02T10:00:00.000Z',
    ...overrides,
  };
}

function code(result: ReturnType<typeof notFinished>): string {
  return result.ok ? 'passed' : result.code;
}

describe('approval checks', () => {
  it('missing group is rejected naming the variable', () => {
    const result = groupConfigured(undefined, 'FIREBREAK_APPROVER_GROUP', 'approver');
    assert.equal(code(result), 'approval.not-configured');
    assert.match(result.ok ? '' : result.message, /FIREBREAK_APPROVER_GROUP/);
    assert.equal(
      code(groupConfigured('group-id', 'FIREBREAK_APPROVER_GROUP', 'approver')),
      'passed',
    );
  });

  it('unknown request is rejected with its id', () => {
    const result = requestKnown(undefined, 'abc-123');
    assert.equal(code(result), 'approval.unknown-request');
    assert.match(result.ok ? '' : result.message, /abc-123/);
  });

  it('running request is rejected as running', () => {
    assert.equal(code(notFinished(pending({ status: 'running' }))), 'approval.running');
  });

  for (const status of ['succeeded', 'failed', 'rejected', 'expired'] as const) {
    it(`${status} request is rejected as finished`, () => {
      assert.equal(code(notFinished(pending({ status }))), 'approval.finished');
    });
  }

  it('pending request passes', () => {
    assert.equal(code(notFinished(pending())), 'passed');
  });

  it('request past its expiry is rejected', () => {
    assert.equal(
      code(notExpired(pending(), new Date('2026-12-02T10:00:00.001Z'))),
      'approval.expired',
    );
    assert.equal(code(notExpired(pending(), new Date('2026-12-02T10:00:00.000Z'))), 'passed');
  });

  it('requester approving is rejected in any case of the id', () => {
    const upper = { ...ACTORS.riley, aadObjectId: ACTORS.riley.aadObjectId.toUpperCase() };
    assert.equal(code(notRequester(pending(), upper)), 'approval.self-approval');
    assert.equal(code(notRequester(pending(), ACTORS.casey)), 'passed');
  });

  it('password method is not allowed by type or by id', () => {
    assert.equal(
      code(actionAllowed(pending({ action: ACTIONS['remove-password-method'] }))),
      'approval.action-not-allowed',
    );
    const byId = {
      ...ACTIONS['remove-password-method'],
      target: { ...ACTIONS['remove-password-method'].target, details: {} },
    };
    assert.equal(code(actionAllowed(pending({ action: byId }))), 'approval.action-not-allowed');
    assert.equal(code(actionAllowed(pending({ action: ACTIONS['remove-auth-method'] }))), 'passed');
  });

  it('first refusal stops the chain and is logged at warn', async () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    const log = createLogger({ level: 'debug', destination });
    let laterRan = false;
    const result = await runChecks(
      [
        { name: 'first', run: () => PASSED },
        { name: 'second', run: () => refuse('approval.expired', 'too late') },
        {
          name: 'third',
          run: () => {
            laterRan = true;
            return PASSED;
          },
        },
      ],
      log,
      { requestId: 'request-1' },
    );
    assert.equal(code(result), 'approval.expired');
    assert.equal(laterRan, false);
    const logged = JSON.parse(lines[0]) as Record<string, unknown>;
    assert.equal(logged.level, 40);
    assert.equal(logged.check, 'second');
    assert.equal(logged.code, 'approval.expired');
    assert.equal(logged.requestId, 'request-1');
  });
});
