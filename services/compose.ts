/**
 * Builds the services a host needs from configuration: the ledger and work queue, the secret
 * store and the approval flow on top of a Graph connection. The bot and the CLI both use it.
 */
import type { TokenCredential } from '@azure/identity';
import type { FirebreakServices } from './app';
import { ApprovalService } from './approvals/approvalService';
import { startRemediationWorker } from './approvals/takeover';
import type { Config } from './config';
import type { ApprovalRequest } from './domain';
import { createCredential, type GraphConnection } from './graph/client';
import type { Logger } from './log';
import type { VerifyPolicy } from './remediation/types';
import { createSecretStore } from './secrets/createSecretStore';
import { createStorage } from './storage';

export interface ComposeOptions {
  now?: () => Date;
  /** How often the work queue looks for abandoned jobs, in milliseconds. */
  pollMs?: number;
  verify?: VerifyPolicy;
}

export function composeServices(
  config: Config,
  log: Logger,
  graph: GraphConnection,
  options: ComposeOptions = {},
): FirebreakServices {
  const now = options.now ?? (() => new Date());
  // Running requests are held on the work queue, so another instance can finish them after a crash.
  const storage = createStorage(config, log, now, { pollMs: options.pollMs });
  const ledger = storage.ledger;
  const secrets = createSecretStore({
    dataDir: config.dataDir,
    keyVaultUrl: config.keyVaultUrl,
    credential: graphCredential(config),
  });
  const approvals = new ApprovalService({
    ledger,
    graph,
    secrets,
    log,
    now,
    responderGroupId: config.responderGroupId,
    approverGroupId: config.approverGroupId,
    approvalTtlSeconds: config.approvalTtlSeconds,
    readOnly: config.readOnly,
    verify: options.verify,
  });
  return {
    config,
    log,
    graph,
    ledger,
    approvals,
    secrets,
    workQueue: storage.queue,
    verify: options.verify,
    closeStorage: () => storage.close(),
    now,
  };
}

/**
 * Starts the worker that finishes remediations a stopped instance left running: it verifies
 * against Graph first and repeats only actions that are safe to repeat.
 */
export function startRemediationWork(
  services: FirebreakServices,
  onSettled?: (request: ApprovalRequest) => Promise<void>,
): void {
  startRemediationWorker(services.workQueue, {
    ledger: services.ledger,
    graph: services.graph,
    secrets: services.secrets,
    log: services.log,
    now: services.now,
    verify: services.verify,
    onSettled,
  });
}

/** Returns the app credential Graph uses, for Key Vault too; undefined means the managed identity. */
function graphCredential(config: Config): TokenCredential | undefined {
  const graph = config.graph;
  if (graph.kind === 'azure') return createCredential(graph.credential);
  if (graph.kind === 'url' && graph.credential) return createCredential(graph.credential);
  return undefined;
}
