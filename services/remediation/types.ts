/**
 * The contract of one remediation action: make the change in Graph, read Graph back to verify
 * it, and describe the outcome in words that never contain a secret.
 */
import type { ApprovalRequest } from '../domain';
import type { GraphFailure } from '../graph/failure';
import type { GraphReader } from '../graph/reader';
import type { GraphWriter } from '../graph/writer';
import type { Logger } from '../log';
import type { SecretStore } from '../secrets/secretStore';

/** How often and how long a read-back is repeated before a change counts as not verified. */
export interface VerifyPolicy {
  attempts: number;
  /** Delay before the second read; it doubles for each later read. */
  firstDelayMs: number;
}

/**
 * Five reads with 1, 2, 4 and 8 s between them. A new secret usually shows within seconds; the
 * 15 s total is an estimate, not a figure Microsoft documents.
 */
export const DEFAULT_VERIFY_POLICY: VerifyPolicy = { attempts: 5, firstDelayMs: 1000 };

export interface ActionContext {
  /** The approved request; its action and subject come from the ledger. */
  request: ApprovalRequest;
  reader: GraphReader;
  writer: GraphWriter;
  secrets: SecretStore;
  log: Logger;
  now: () => Date;
  verify: VerifyPolicy;
}

export interface ActionResult {
  /** True when Graph accepted every write of the action. */
  ok: boolean;
  /** True when a read of Graph afterwards showed the change. */
  verified: boolean;
  /** One or two sentences for chat and the audit trail; never a secret value. */
  result: string;
  /** Graph's refusal, when Graph refused. */
  failure?: GraphFailure;
}

/** What a read of Graph shows about a change, without making it. */
export interface StateCheck {
  done: boolean;
  /** What was read, e.g. "accountEnabled is false". */
  detail: string;
}

export interface ActionExecutor {
  run(context: ActionContext): Promise<ActionResult>;
  /**
   * Reads whether the change is in place, for a request left `running` by a crash. `since` is
   * when the request started running; changes that leave a timestamp must be at or after it.
   */
  check(context: ActionContext, since: Date): Promise<StateCheck>;
}

/** Raised when a stored action lacks what its executor needs; the request fails without a Graph call. */
export class ActionTargetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ActionTargetError';
  }
}
