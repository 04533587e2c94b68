/**
 * The services a host (the bot or the CLI) hands to the conversation and remediation code:
 * configuration, the process logger, the Graph connection, storage and the clock. Hosts build
 * them once at start-up.
 */
import type { ApprovalService } from './approvals/approvalService';
import type { Config } from './config';
import type { GraphConnection } from './graph/client';
import { GraphReader } from './graph/reader';
import type { Ledger } from './ledger/types';
import { DEFAULT_CHECK_DEADLINE_MS } from './investigation/investigate';
import type { Logger } from './log';
import type { RemediationJob } from './queue/leasedLedger';
import type { WorkQueue } from './queue/workQueue';
import type { VerifyPolicy } from './remediation/types';
import type { SecretStore } from './secrets/secretStore';

/** Maximum time one check may read from Graph; see DEFAULT_CHECK_DEADLINE_MS. */
export const CHECK_DEADLINE_MS = DEFAULT_CHECK_DEADLINE_MS;

export interface FirebreakServices {
  config: Config;
  log: Logger;
  graph: GraphConnection;
  ledger: Ledger;
  approvals: ApprovalService;
  secrets: SecretStore;
  /** Remediation jobs held while running; a worker on it finishes work a crashed instance left. */
  workQueue: WorkQueue<RemediationJob>;
  /** Verification retry policy of remediations; the default when unset. */
  verify?: VerifyPolicy;
  /** Closes the ledger and the work queue. */
  closeStorage(): Promise<void>;
  now: () => Date;
}

/** Creates a reader whose reads all stop at the check's deadline. */
export function newReader(services: FirebreakServices, log: Logger, deadlineMs = CHECK_DEADLINE_MS): GraphReader {
  return new GraphReader(services.graph.client, log, AbortSignal.timeout(deadlineMs));
}
