/**
 * The worker side of queued remediation: settles a request whose process stopped while it was
 * `running` (its job showed on the queue because nobody renewed the lease). It reads Graph
 * first. A change that shows is recorded as done without a second write. A change that does
 * not show is run again only for actions that are safe to repeat; the others are recorded as
 * failed for a person to check.
 */
import type { ActionKind, ApprovalRequest } from '../domain';
import type { GraphConnection } from '../graph/client';
import { GraphReader } from '../graph/reader';
import { GraphWriter } from '../graph/writer';
import type { Ledger } from '../ledger/types';
import type { Logger } from '../log';
import type { RemediationJob } from '../queue/leasedLedger';
import type { Delivery } from '../queue/types';
import type { WorkQueue } from '../queue/workQueue';
import { checkAction } from '../remediation/executors';
import { DEFAULT_VERIFY_POLICY, type VerifyPolicy } from '../remediation/types';
import type { SecretStore } from '../secrets/secretStore';
import { FIREBREAK_ACTOR, recordStep } from './auditTrail';
import { executeRequest, type ExecutionDeps } from './execution';

/**
 * Actions whose second run changes nothing when the first already landed. A password reset or
 * a credential rotation would make a second secret, so those are never run again.
 */
export const REPEATABLE_KINDS: ReadonlySet<ActionKind> = new Set<ActionKind>([
  'revoke-sessions',
  'disable-user',
  'remove-credential',
  'remove-consent',
  'remove-federated-credential',
  'remove-app-role-assignment',
  'delete-inbox-rule',
  'remove-auth-method',
  'disable-service-principal',
  'confirm-compromised',
]);

export interface RemediationWorkerDeps {
  ledger: Ledger;
  graph: GraphConnection;
  secrets: SecretStore;
  log: Logger;
  now: () => Date;
  verify?: VerifyPolicy;
  /** Runs after the worker settled a request, e.g. to update its cards from the stored report. */
  onSettled?: (request: ApprovalRequest) => Promise<void>;
}

/** Starts taking abandoned remediation jobs from `queue`; stop it with `queue.stop()`. */
export function startRemediationWorker(
  queue: WorkQueue<RemediationJob>,
  deps: RemediationWorkerDeps,
): void {
  queue.start((job, delivery) => settleAbandoned(deps, job, delivery));
}

/** Settles the request of one abandoned job; resolves once the ledger records the outcome. */
export async function settleAbandoned(
  deps: RemediationWorkerDeps,
  job: RemediationJob,
  delivery: Delivery,
): Promise<void> {
  const correlationId = `takeover-${delivery.jobId}`;
  const log = deps.log.child({ correlationId, requestId: job.requestId });
  const request = await deps.ledger.getRequest(job.requestId);
  if (request === undefined || request.status !== 'running') {
    log.info({ status: request?.status }, 'remediation job found its request settled');
    return;
  }

  const execution = executionDeps(deps);
  log.warn({ kind: request.action.kind }, 'taking over a remediation whose process stopped');
  const since = new Date(request.decidedAt ?? request.requestedAt);
  const state = await checkAction({ ...execution, request, log }, since);
  let settled: ApprovalRequest | undefined;
  if (state.done) {
    settled = await record(execution, request, correlationId, {
      status: 'succeeded',
      result: `The Firebreak instance running this stopped; Graph shows the change (${state.detail}), so it was not run again.`,
    });
  } else if (REPEATABLE_KINDS.has(request.action.kind)) {
    settled = (await executeRequest(execution, request, correlationId)).request;
  } else {
    settled = await record(execution, request, correlationId, {
      status: 'failed',
      result: `The Firebreak instance running this stopped and Graph does not show the change (${state.detail}). It was not run again because a second run would make another secret; check the target in Entra ID and request the action again if needed.`,
    });
  }
  if (settled !== undefined) await deps.onSettled?.(settled);
}

function executionDeps(deps: RemediationWorkerDeps): ExecutionDeps {
  return {
    ledger: deps.ledger,
    reader: new GraphReader(deps.graph.client, deps.log),
    writer: new GraphWriter(deps.graph.client),
    secrets: deps.secrets,
    log: deps.log,
    now: deps.now,
    verify: deps.verify ?? DEFAULT_VERIFY_POLICY,
  };
}

async function record(
  deps: ExecutionDeps,
  request: ApprovalRequest,
  correlationId: string,
  outcome: { status: 'succeeded' | 'failed'; result: string },
): Promise<ApprovalRequest | undefined> {
  const finishedAt = deps.now();
  const moved = await deps.ledger.transition(request.id, ['running'], outcome.status, {
    result: outcome.result,
    verified: outcome.status === 'succeeded',
    finishedAt: finishedAt.toISOString(),
  });
  if (!moved.ok) return moved.current;
  await recordStep(deps.ledger, request, {
    actor: FIREBREAK_ACTOR,
    action: outcome.status,
    result: outcome.result,
    correlationId,
    at: finishedAt,
  });
  deps.log.warn({ requestId: request.id, status: outcome.status }, 'abandoned remediation settled');
  return moved.request;
}
