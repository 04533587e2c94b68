/**
 * Runs a request that is already `running`, records the result in the ledger and the audit
 * trail, and recovers requests left `running` by a crash. The caller has already made the
 * guarded pending-to-running transition, and that single UPDATE keeps a request from running twice.
 */
import type { ApprovalRequest } from '../domain';
import type { GraphReader } from '../graph/reader';
import type { GraphWriter } from '../graph/writer';
import type { Ledger } from '../ledger/types';
import type { Logger } from '../log';
import { checkAction, runAction } from '../remediation/executors';
import type { ActionContext, VerifyPolicy } from '../remediation/types';
import type { SecretStore } from '../secrets/secretStore';
import { FIREBREAK_ACTOR, recordStep } from './auditTrail';
import type { Outcome } from './outcome';

export interface ExecutionDeps {
  ledger: Ledger;
  reader: GraphReader;
  writer: GraphWriter;
  secrets: SecretStore;
  log: Logger;
  now: () => Date;
  verify: VerifyPolicy;
}

function actionContext(deps: ExecutionDeps, request: ApprovalRequest, log: Logger): ActionContext {
  const { reader, writer, secrets, now, verify } = deps;
  return { request, reader, writer, secrets, log, now, verify };
}

/** Runs and verifies a running request; never rejects, so it is safe to leave in the background. */
export async function executeRequest(
  deps: ExecutionDeps,
  request: ApprovalRequest,
  correlationId: string,
): Promise<Outcome> {
  const log = deps.log.child({ correlationId, requestId: request.id, kind: request.action.kind });
  try {
    const outcome = await runAction(actionContext(deps, request, log));
    const status = outcome.ok ? 'succeeded' : 'failed';
    const finishedAt = deps.now();
    const moved = await deps.ledger.transition(request.id, ['running'], status, {
      result: outcome.result,
      verified: outcome.verified,
      finishedAt: finishedAt.toISOString(),
    });
    if (!moved.ok) {
      log.warn(
        { status: moved.current?.status },
        'request left running before its result was recorded',
      );
      return {
        ok: false,
        code: 'internal',
        message: 'Another Firebreak process recorded this request first; see its card.',
        request: moved.current,
      };
    }
    const actor = request.decidedBy ?? FIREBREAK_ACTOR;
    await recordStep(deps.ledger, request, {
      actor,
      action: status,
      result: outcome.result,
      correlationId,
      at: finishedAt,
    });
    const graph = outcome.failure;
    log.info(
      {
        status,
        verified: outcome.verified,
        graphStatus: graph?.status,
        graphCode: graph?.code,
        graphRequestId: graph?.requestId,
      },
      'remediation finished',
    );
    if (outcome.ok) return { ok: true, request: moved.request };
    return {
      ok: false,
      code: 'remediation.failed',
      message: outcome.result,
      request: moved.request,
    };
  } catch (error) {
    log.error({ err: error }, 'recording the remediation result failed');
    return {
      ok: false,
      code: 'internal',
      message: `Firebreak failed to record the result of request ${request.id}. Check the target in Entra ID and give the correlation id ${correlationId} to whoever runs the bot.`,
    };
  }
}

/**
 * Settles every request left `running`, as after a crash between the Graph call and recording
 * its result. Each is read back from Graph and marked succeeded when the change shows, failed
 * otherwise; none is ever run again.
 * NOTE: this assumes that no other process executes requests on the same ledger at start-up.
 * A request that another live process is running would be settled before it finishes.
 */
export async function recoverRunning(deps: ExecutionDeps, correlationId: string): Promise<void> {
  const running = await deps.ledger.listRequests({ status: ['running'] });
  for (const request of running) {
    const log = deps.log.child({ correlationId, requestId: request.id, kind: request.action.kind });
    const since = new Date(request.decidedAt ?? request.requestedAt);
    const state = await checkAction(actionContext(deps, request, log), since);
    const status = state.done ? 'succeeded' : 'failed';
    const result = state.done
      ? `Firebreak restarted while this ran and did not run it again; Graph shows the change (${state.detail}).`
      : `Interrupted by a restart; not re-run. Graph does not show the change (${state.detail}); check it manually and request the action again if needed.`;
    const caveat =
      request.action.kind === 'rotate-credential'
        ? ' A new secret made before the restart may be missing from the secret store; check the secrets of the application.'
        : '';
    const finishedAt = deps.now();
    const moved = await deps.ledger.transition(request.id, ['running'], status, {
      result: result + caveat,
      verified: state.done,
      finishedAt: finishedAt.toISOString(),
    });
    if (!moved.ok) continue;
    await recordStep(deps.ledger, request, {
      actor: FIREBREAK_ACTOR,
      action: status,
      result: result + caveat,
      correlationId,
      at: finishedAt,
    });
    log.warn({ status, detail: state.detail }, 'interrupted remediation settled');
  }
}
