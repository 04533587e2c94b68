/** The common shape of an action: one Graph write, then read-backs until the change shows. */
import type { GraphResult } from '../graph/failure';
import type { ActionContext, ActionResult, StateCheck } from './types';
import { describeGraphFailure, verifyWithRetries } from './verify';

export interface WriteStep {
  /** Verb phrase for the write, e.g. "disable the account of alex@contoso.com". */
  intent: string;
  write: () => Promise<GraphResult<unknown>>;
  verify: () => Promise<StateCheck>;
  /** Sentence for success, e.g. "Account disabled". */
  done: string;
  /** A delete that gets 404 found the object already gone, which is the goal. */
  goneOn404?: boolean;
}

export async function writeThenVerify(
  context: ActionContext,
  step: WriteStep,
): Promise<ActionResult> {
  const written = await step.write();
  let already = false;
  if (!written.ok) {
    if (!(step.goneOn404 && written.failure.status === 404)) {
      return {
        ok: false,
        verified: false,
        result: refusal(step.intent, written),
        failure: written.failure,
      };
    }
    already = true;
  }

  const check = await verifyWithRetries(step.verify, context.verify);
  const prefix = already ? `${step.done} (it was already gone before Firebreak acted)` : step.done;
  if (check.done)
    return { ok: true, verified: true, result: `${prefix}; verified: ${check.detail}.` };
  return {
    ok: true,
    verified: false,
    result: `${prefix}, but reading Graph back did not show it (${check.detail}); check it in Entra ID.`,
  };
}

function refusal(intent: string, written: Extract<GraphResult<unknown>, { ok: false }>): string {
  const failure = written.failure;
  if (failure.status === undefined) {
    return (
      `Could not ${intent}: ${describeGraphFailure(failure)}. Graph may or may not have made the ` +
      'change; check it in Entra ID before requesting the action again.'
    );
  }
  return `Graph refused to ${intent}: ${describeGraphFailure(failure)}. Nothing was changed.`;
}
