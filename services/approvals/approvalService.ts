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
import { recordStep } from './auditTrail';
import { requesterChain } from './chains';
import { decide, lostRace, type DecisionDeps } from './decision';
import { actionAllowed, mayApprove, notExpired, notRequester, runChecks } from './checks';
import { executeRequest, recoverRunning, type ExecutionDeps } from './execution';
import { Membership } from './membership';
import { remediationAllowed } from './readOnly';
import type { ApprovalStart, Outcome } from './outcome';

export interface ApprovalServiceDeps {
  ledger: Ledger;
  graph: GraphConnection;
  secrets: SecretStore;
  log: Logger;
  now: () => Date;
  /** Object id of the responder group (FIREBREAK_RESPONDER_GROUP); unset, every request is rejected. */
  responderGroupId?: string;
  /** Object id of the approver group (FIREBREAK_APPROVER_GROUP); unset, every decision is rejected. */
  approverGroupId?: string;
  approvalTtlSeconds: number;
  /** Read-only deployment: every remediation is rejected with the reason. */
  readOnly?: boolean;
  verify?: VerifyPolicy;
}

export type Viewer = 'approver' | 'requester' | 'other';

/** Maximum length of a stored reject reason. The reason is free text from a card, so the rest is cut. */
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
    const writable = remediationAllowed(this.deps.readOnly ?? false);
    if (!writable.ok) return writable;
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
   * Approves and returns as soon as the request is `running`, so the bot can send its invoke
   * response within the Teams timeout, and `done` settles when Graph was written and read back.
   */
  async startApproval(
    actor: Actor,
    requestId: string,
    correlationId: string,
  ): Promise<ApprovalStart> {
    const log = this.deps.log.child({ correlationId, actor: actor.aadObjectId, requestId });
    const writable = remediationAllowed(this.deps.readOnly ?? false);
    if (!writable.ok) return { accepted: writable, done: Promise.resolve(writable) };
    const decided = await decide(
      this.decisionDeps(),
      { actor, requestId, correlationId, verb: 'approve' },
      log,
    );
    if (!decided.ok) return { accepted: decided, done: Promise.resolve(decided) };

    const now = this.deps.now();
    // The guarded update is what makes a run happen once, across processes sharing the ledger.
    const moved = await this.deps.ledger.transition(requestId, ['pending'], 'running', {
      decidedBy: { aadObjectId: actor.aadObjectId, name: actor.name },
      decidedAt: now.toISOString(),
    });
    if (!moved.ok) {
      const lost = lostRace(moved.current, decided.request);
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
    const decided = await decide(
      this.decisionDeps(),
      { actor, requestId, correlationId, verb: 'reject' },
      log,
    );
    if (!decided.ok) return decided;

    const now = this.deps.now();
    const rejectReason = reason?.trim().slice(0, MAX_REASON_LENGTH) || undefined;
    const moved = await this.deps.ledger.transition(requestId, ['pending'], 'rejected', {
      decidedBy: { aadObjectId: actor.aadObjectId, name: actor.name },
      decidedAt: now.toISOString(),
      rejectReason,
      finishedAt: now.toISOString(),
    });
    if (!moved.ok) return lostRace(moved.current, decided.request);

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

  private decisionDeps(): DecisionDeps {
    const { ledger, approverGroupId, now } = this.deps;
    return { ledger, membership: this.membership, approverGroupId, now };
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
