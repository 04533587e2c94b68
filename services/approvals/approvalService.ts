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
import { decisionChain, requesterChain } from './chains';
import {
  actionAllowed,
  mayApprove,
  notExpired,
  notFinished,
  notRequester,
  runChecks,
} from './checks';
import { executeRequest, recoverRunning, type ExecutionDeps } from './execution';
import { Membership } from './membership';
import type { ApprovalStart, Outcome } from './outcome';

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

export type Viewer = 'approver' | 'requester' | 'other';

/** Longest reject reason kept; the rest is cut, since the reason is free text from a card. */
export const MAX_REASON_LENGTH = 500;

export class ApprovalService {
  private readonly membership: Membership;
  private readonly execution: ExecutionDeps;

  constructor(private readonly deps: ApprovalServiceDeps) {
    const reader = new GraphReader(deps.graph.client, deps.log);
    const writer = new GraphWriter(deps.graph.client);
    this.membership = new Membership(reader, writer);
    this.execution = {
      ledger: deps.ledger,
      reader,
      writer,
      secrets: deps.secrets,
      log: deps.log,
      now: deps.now,
      verify: deps.verify ?? DEFAULT_VERIFY_POLICY,
    };
  }

  /** Records a pending request; the same action asked for again returns the open request. */
  async request(actor: Actor, actionId: string, correlationId: string): Promise<Outcome> {
    const log = this.deps.log.child({ correlationId, actor: actor.aadObjectId, actionId });
    const chain = requesterChain(this.membership, actor, this.deps.responderGroupId);
    const allowed = await runChecks(chain, log, {});
    if (!allowed.ok) return allowed;

    const offered = await this.deps.ledger.findAction(actionId);
    if (!offered) {
      const message = `Action ${actionId} is not on any report Firebreak has recorded. Run the check again and use the new card.`;
      log.warn({ code: 'approval.unknown-action' }, 'approval check rejected');
      return { ok: false, code: 'approval.unknown-action', message };
    }
    const permitted = actionAllowed(offered);
    if (!permitted.ok) {
      log.warn({ code: permitted.code }, 'approval check rejected');
      return permitted;
    }

    // Teams may deliver the same button press twice; the second gets the first's request.
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
    const step = {
      actor,
      action: 'requested' as const,
      result: 'pending approval',
      correlationId,
      at: now,
    };
    await recordStep(this.deps.ledger, request, step);
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
    // The guarded update is what makes a run happen once, across processes sharing the ledger.
    const moved = await this.deps.ledger.transition(requestId, ['pending'], 'running', {
      decidedBy: { aadObjectId: actor.aadObjectId, name: actor.name },
      decidedAt: now.toISOString(),
    });
    if (!moved.ok) {
      const lost = this.lostRace(moved.current, decided.request);
      log.warn({ code: lost.ok ? undefined : lost.code }, 'approval lost to a concurrent decision');
      return { accepted: lost, done: Promise.resolve(lost) };
    }

    const step = { actor, action: 'approved' as const, result: 'running', correlationId, at: now };
    await recordStep(this.deps.ledger, moved.request, step);
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
    const rejectReason = reason?.trim().slice(0, MAX_REASON_LENGTH) || undefined;
    const moved = await this.deps.ledger.transition(requestId, ['pending'], 'rejected', {
      decidedBy: { aadObjectId: actor.aadObjectId, name: actor.name },
      decidedAt: now.toISOString(),
      rejectReason,
      finishedAt: now.toISOString(),
    });
    if (!moved.ok) return this.lostRace(moved.current, decided.request);

    const result = rejectReason ? `rejected: ${rejectReason}` : 'rejected without a reason';
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
  ): Promise<{ request: ApprovalRequest; viewer: Viewer } | undefined> {
    const request = await this.deps.ledger.getRequest(requestId);
    if (!request) return undefined;
    if (!notRequester(request, actor).ok) return { request, viewer: 'requester' };
    const groupId = this.deps.approverGroupId;
    if (!groupId) return { request, viewer: 'other' };
    const approver = await mayApprove(this.membership, actor, request, groupId);
    return { request, viewer: approver.ok ? 'approver' : 'other' };
  }

  /** Settles requests left `running` by a crash; call once at start-up, before serving. */
  async recoverInterrupted(): Promise<void> {
    await recoverRunning(this.execution, `recovery-${this.deps.now().toISOString()}`);
  }

  /** Runs the decision chain; an expired request is marked expired and a refusal audited. */
  private async decide(
    actor: Actor,
    requestId: string,
    correlationId: string,
    verb: 'approve' | 'reject',
    log: Logger,
  ): Promise<Outcome> {
    const request = await this.deps.ledger.getRequest(requestId);
    const chain = decisionChain({
      membership: this.membership,
      actor,
      requestId,
      request,
      approverGroupId: this.deps.approverGroupId,
      now: this.deps.now(),
      verb,
    });
    const result = await runChecks(chain, log, { verb });
    if (result.ok) {
      // `request known` passed, so the request exists; the check only satisfies the compiler.
      if (request) return { ok: true, request };
      return { ok: false, code: 'internal', message: `Request ${requestId} could not be read.` };
    }
    if (!request) return { ok: false, code: result.code, message: result.message };

    const at = this.deps.now();
    if (result.code === 'approval.expired') {
      const moved = await this.deps.ledger.transition(request.id, ['pending'], 'expired', {
        finishedAt: at.toISOString(),
      });
      const step = {
        actor: FIREBREAK_ACTOR,
        action: 'expired' as const,
        result: `expired at ${request.expiresAt}`,
        correlationId,
        at,
      };
      if (moved.ok) await recordStep(this.deps.ledger, request, step);
    } else if (
      result.code === 'approval.not-approver' ||
      result.code === 'approval.self-approval'
    ) {
      const step = {
        actor,
        action: 'refused' as const,
        result: `${verb} refused: ${result.code}`,
        correlationId,
        at,
      };
      await recordStep(this.deps.ledger, request, step);
    }
    const current = (await this.deps.ledger.getRequest(requestId)) ?? request;
    return { ok: false, code: result.code, message: result.message, request: current };
  }

  /** The outcome for a decision that lost the guarded update to another one. */
  private lostRace(current: ApprovalRequest | undefined, fallback: ApprovalRequest): Outcome {
    const request = current ?? fallback;
    const refusal = notFinished(request);
    if (refusal.ok)
      return {
        ok: false,
        code: 'internal',
        message: 'The request changed during the decision; try again.',
        request,
      };
    return { ok: false, code: refusal.code, message: refusal.message, request };
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
}
