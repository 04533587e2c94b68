/**
 * The shared first half of approve and reject: run the decision chain against the ledger's copy
 * of the request, and record what a refusal means (an expired request is marked expired, a
 * refusal of who decides is audited).
 */
import type { Actor, ApprovalRequest } from '../domain';
import type { Ledger } from '../ledger/types';
import type { Logger } from '../log';
import { FIREBREAK_ACTOR, recordStep } from './auditTrail';
import { decisionChain } from './chains';
import { notFinished, runChecks } from './checks';
import type { Membership } from './membership';
import type { Outcome } from './outcome';

export interface DecisionDeps {
  ledger: Ledger;
  membership: Membership;
  approverGroupId: string | undefined;
  now: () => Date;
}

export interface Decision {
  actor: Actor;
  requestId: string;
  correlationId: string;
  verb: 'approve' | 'reject';
}

/** Refusals of the decider, as opposed to the request's state, go to the audit trail. */
const AUDITED_REFUSALS = new Set(['approval.not-approver', 'approval.self-approval']);

/** Returns the pending request when the actor may decide it, else the refusal. */
export async function decide(
  deps: DecisionDeps,
  decision: Decision,
  log: Logger,
): Promise<Outcome> {
  const { actor, requestId, correlationId, verb } = decision;
  const request = await deps.ledger.getRequest(requestId);
  const chain = decisionChain({
    membership: deps.membership,
    actor,
    requestId,
    request,
    approverGroupId: deps.approverGroupId,
    now: deps.now(),
    verb,
  });
  const result = await runChecks(chain, log, { verb });
  if (result.ok) {
    // `request known` passed, so the request exists; the test only narrows the type.
    if (request) return { ok: true, request };
    return { ok: false, code: 'internal', message: `Request ${requestId} could not be read.` };
  }
  if (!request) return { ok: false, code: result.code, message: result.message };

  const at = deps.now();
  if (result.code === 'approval.expired') {
    const moved = await deps.ledger.transition(request.id, ['pending'], 'expired', {
      finishedAt: at.toISOString(),
    });
    const expired = `expired at ${request.expiresAt}`;
    const step = {
      actor: FIREBREAK_ACTOR,
      action: 'expired' as const,
      result: expired,
      correlationId,
      at,
    };
    if (moved.ok) await recordStep(deps.ledger, request, step);
  } else if (AUDITED_REFUSALS.has(result.code)) {
    const refused = `${verb} refused: ${result.code}`;
    const step = { actor, action: 'refused' as const, result: refused, correlationId, at };
    await recordStep(deps.ledger, request, step);
  }
  const current = (await deps.ledger.getRequest(requestId)) ?? request;
  return { ok: false, code: result.code, message: result.message, request: current };
}

/** Builds the outcome for a decision that lost the guarded update to a concurrent one. */
export function lostRace(current: ApprovalRequest | undefined, fallback: ApprovalRequest): Outcome {
  const request = current ?? fallback;
  const refusal = notFinished(request);
  if (refusal.ok) {
    const message = 'The request changed while it was being decided; try again.';
    return { ok: false, code: 'internal', message, request };
  }
  return { ok: false, code: refusal.code, message: refusal.message, request };
}
