/**
 * The approval flow the bot calls: a responder requests an action by id, an approver approves or
 * rejects it, and Firebreak runs it once against Graph, reads Graph back and records who did what.
 * Every call takes ids only; the action, its target and the request state come from the ledger.
 */
import type { Actor, ApprovalRequest } from '../domain';
import type { GraphConnection } from '../graph/client';
import { GraphReader } from '../graph/reader';
import { GraphWriter } from '../graph/writer';
import type { Ledger } from '../ledger/types';
import type { Logger } from '../log';
import { DEFAULT_VERIFY_POLICY, type VerifyPolicy } from '../remediation/types';
import type { SecretStore } from '../secrets/secretStore';
import { FIREBREAK_ACTOR, recordStep } from './auditTrail';
import {
  actionAllowed,
  groupConfigured,
  isResponder,
  mayApprove,
  notExpired,
  notFinished,
  notRequester,
  requestKnown,
  runChecks,
} from './checks';
import { executeRequest, recoverRunning, type ExecutionDeps } from './execution';
import { Membership } from './membership';
import type { ApprovalStart, CheckResult, Outcome } from './outcome';

export interface ApprovalServiceDeps {
  ledger: Ledger;
  graph: GraphConnection;
  secrets: SecretStore;
  log: Logger;
  now: () => Date;
  /** FIREBREAK_RESPONDER_GROUP; without it nobody may request. */
  responderGroupId?: string;
  /** FIREBREAK_APPROVER_GROUP; without it nobody may approve. */
  approverGroupId?: string;
  approvalTtlSeconds: number;
  verify?: VerifyPolicy;
}

/** Longest reject reason kept; the rest is cut, since the reason is free text from a card. */
export const MAX_REASON_LENGTH = 500;

export class ApprovalService {
  private readonly membership: Membership;
  private readonly execution: ExecutionDeps;

  constructor(private readonly deps: ApprovalServiceDeps) {
    const reader = new GraphReader(deps.graph.client, deps.log);
    const writer = new GraphWriter(deps.graph.client);
    this.membership = new Membership(reader, writer);
    const verify = deps.verify ?? DEFAULT_VERIFY_POLICY;
    this.execution = {
      ledger: deps.ledger,
      reader,
      writer,
      secrets: deps.secrets,
      log: deps.log,
      now: deps.now,
      verify,
    };
  }

  /** Records a pending request; the same action asked for again returns the open request. */
  async request(actor: Actor, actionId: string, correlationId: string): Promise<Outcome> {
    const log = this.deps.log.child({ correlationId, actor: actor.aadObjectId, actionId });
    const groupId = this.deps.responderGroupId;
    const allowed = await runChecks(
      [
        {
          name: 'responder group configured',
          run: () => groupConfigured(groupId, 'FIREBREAK_RESPONDER_GROUP', 'responder'),
        },
        {
          name: 'requester is a responder',
          run: () => isResponder(this.membership, actor, groupId ?? ''),
        },
      ],
      log,
      {},
    );
    if (!allowed.ok) return allowed;

    const offered = await this.deps.ledger.findAction(actionId);
    if (!offered) {
      log.warn({ code: 'approval.unknown-action' }, 'approval check rejected');
      return {
        ok: false,
        code: 'approval.unknown-action',
        message: `Action ${actionId} is not on any report Firebreak has recorded. Run the check again and use the new card.`,
      };
    }
    const permitted = actionAllowed(offered);
    if (!permitted.ok) {
      log.warn({ code: permitted.code }, 'approval check rejected');
      return permitted;
    }

    const open = await this.openRequestFor(actionId, offered.subject.id);
    if (open) return { ok: true, request: open };

    const now = this.deps.now();
    const request = await this.deps.ledger.createRequest({
      actionId,
      reportId: offered.reportId,
      action: offered.action,
      subject: offered.subject,
      requestedBy: { aadObjectId: actor.aadObjectId, name: actor.name },
      requestedAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + this.deps.approvalTtlSeconds * 1000).toISOString(),
    });
    await recordStep(this.deps.ledger, request, {
      actor,
      action: 'requested',
      result: 'pending approval',
      correlationId,
      at: now,
    });
    log.info({ requestId: request.id, kind: request.action.kind }, 'remediation requested');
    return { ok: true, request };
  }

  /** Approves, runs and verifies; resolves when the action has finished. */
  async approve(actor: Actor, requestId: string, correlationId: string): Promise<Outcome> {
    return (await this.startApproval(actor, requestId, correlationId)).done;
  }

  /**
   * Approves and returns as soon as the request is `running`, so the bot can answer Teams
   * within its invoke timeout; `done` settles when Graph was written and read back.
   */
  async startApproval(
    actor: Actor,
    requestId: string,
    correlationId: string,
  ): Promise<ApprovalStart> {
    const log = this.deps.log.child({ correlationId, actor: actor.aadObjectId, requestId });
    const decided = await this.decide(actor, requestId, correlationId, 'approve', log);
    if (!decided.ok) return { accepted: decided, done: Promise.resolve(decided) };

    const now = this.deps.now();
    const moved = await this.deps.ledger.transition(requestId, ['pending'], 'running', {
      decidedBy: { aadObjectId: actor.aadObjectId, name: actor.name },
      decidedAt: now.toISOString(),
    });
    if (!moved.ok) {
      // Another approval won the guarded update; this one changes nothing.
      const refusal = moved.current
        ? notFinished(moved.current)
        : requestKnown(undefined, requestId);
      const outcome = this.refusal(refusal, moved.current);
      log.warn(
        { code: outcome.ok ? undefined : outcome.code },
        'approval lost to a concurrent decision',
      );
      return { accepted: outcome, done: Promise.resolve(outcome) };
    }

    await recordStep(this.deps.ledger, moved.request, {
      actor,
      action: 'approved',
      result: 'running',
      correlationId,
      at: now,
    });
    log.info({ kind: moved.request.action.kind }, 'remediation approved');
    return {
      accepted: { ok: true, request: moved.request },
      done: executeRequest(this.execution, moved.request, correlationId),
    };
  }

  async reject(
    actor: Actor,
    requestId: string,
    reason: string | undefined,
    correlationId: string,
  ): Promise<Outcome> {
    const log = this.deps.log.child({ correlationId, actor: actor.aadObjectId, requestId });
    const decided = await this.decide(actor, requestId, correlationId, 'reject', log);
    if (!decided.ok) return decided;

    const now = this.deps.now();
    const trimmed = reason?.trim().slice(0, MAX_REASON_LENGTH) || undefined;
    const moved = await this.deps.ledger.transition(requestId, ['pending'], 'rejected', {
      decidedBy: { aadObjectId: actor.aadObjectId, name: actor.name },
      decidedAt: now.toISOString(),
      rejectReason: trimmed,
      finishedAt: now.toISOString(),
    });
    if (!moved.ok) {
      return this.refusal(
        moved.current ? notFinished(moved.current) : requestKnown(undefined, requestId),
        moved.current,
      );
    }
    const result = trimmed ? `rejected: ${trimmed}` : 'rejected without a reason';
    await recordStep(this.deps.ledger, moved.request, {
      actor,
      action: 'rejected',
      result,
      correlationId,
      at: now,
    });
    log.info({ kind: moved.request.action.kind }, 'remediation rejected');
    return { ok: true, request: moved.request };
  }

  /** The request and how this user sees it, decided from the ledger and Entra ID. */
  async view(
    actor: Actor,
    requestId: string,
  ): Promise<{ request: ApprovalRequest; viewer: 'approver' | 'requester' | 'other' } | undefined> {
    const request = await this.deps.ledger.getRequest(requestId);
    if (!request) return undefined;
    if (!notRequester(request, actor).ok) return { request, viewer: 'requester' };
    const groupId = this.deps.approverGroupId;
    if (!groupId) return { request, viewer: 'other' };
    const approver = await mayApprove(this.membership, actor, request, groupId);
    return { request, viewer: approver.ok ? 'approver' : 'other' };
  }

  /** Settles requests left `running` by a crash; call once at start-up. */
  async recoverInterrupted(): Promise<void> {
    await recoverRunning(this.execution, `recovery-${this.deps.now().toISOString()}`);
  }

  /** The shared checks of approve and reject; an expired request is marked expired on the way. */
  private async decide(
    actor: Actor,
    requestId: string,
    correlationId: string,
    verb: 'approve' | 'reject',
    log: Logger,
  ): Promise<Outcome> {
    const groupId = this.deps.approverGroupId;
    const request = await this.deps.ledger.getRequest(requestId);
    const result = await runChecks(
      [
        {
          name: 'approver group configured',
          run: () => groupConfigured(groupId, 'FIREBREAK_APPROVER_GROUP', 'approver'),
        },
        { name: 'request known', run: () => requestKnown(request, requestId) },
        ...(request
          ? [
              { name: 'request not finished', run: () => notFinished(request) },
              { name: 'request not expired', run: () => notExpired(request, this.deps.now()) },
              ...(verb === 'approve'
                ? [
                    {
                      name: 'approver is not the requester',
                      run: () => notRequester(request, actor),
                    },
                  ]
                : []),
              { name: 'action allowed', run: () => actionAllowed(request) },
              {
                name: 'actor may decide',
                run: () => mayApprove(this.membership, actor, request, groupId ?? ''),
              },
            ]
          : []),
      ],
      log,
      { verb },
    );
    if (result.ok || !request) return this.refusal(result, request);

    if (result.code === 'approval.expired') await this.expire(request, correlationId);
    else if (result.code === 'approval.not-approver' || result.code === 'approval.self-approval') {
      await recordStep(this.deps.ledger, request, {
        actor,
        action: 'refused',
        result: `${verb} refused: ${result.code}`,
        correlationId,
        at: this.deps.now(),
      });
    }
    return this.refusal(result, (await this.deps.ledger.getRequest(requestId)) ?? request);
  }

  private async expire(request: ApprovalRequest, correlationId: string): Promise<void> {
    const now = this.deps.now();
    const moved = await this.deps.ledger.transition(request.id, ['pending'], 'expired', {
      finishedAt: now.toISOString(),
    });
    if (!moved.ok) return;
    await recordStep(this.deps.ledger, request, {
      actor: FIREBREAK_ACTOR,
      action: 'expired',
      result: `expired at ${request.expiresAt}`,
      correlationId,
      at: now,
    });
  }

  private async openRequestFor(
    actionId: string,
    subjectId: string,
  ): Promise<ApprovalRequest | undefined> {
    const open = await this.deps.ledger.listRequests({ status: ['pending', 'running'], subjectId });
    const now = this.deps.now();
    return open.find(
      (request) =>
        request.actionId === actionId &&
        (request.status === 'running' || notExpired(request, now).ok),
    );
  }

  private refusal(result: CheckResult, request: ApprovalRequest | undefined): Outcome {
    if (result.ok) {
      // Only reached for a request that passed every check, which `decide` returns as ok.
      return request
        ? { ok: true, request }
        : { ok: false, code: 'internal', message: 'No request to return.' };
    }
    return { ok: false, code: result.code, message: result.message, request };
  }
}
