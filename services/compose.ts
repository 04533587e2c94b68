/**
 * Builds the services a host needs from configuration: the ledger, the secret store and the
 * approval flow on top of a Graph connection. The bot and the CLI both use it.
 */
import type { FirebreakServices } from './app';
import { ApprovalService } from './approvals/approvalService';
import type { Config } from './config';
import type { GraphConnection } from './graph/client';
import { SqliteLedger } from './ledger/sqliteLedger';
import type { Logger } from './log';
import { createSecretStore } from './secrets/createSecretStore';

export function composeServices(config: Config, log: Logger, graph: GraphConnection, now: () => Date = () => new Date()): FirebreakServices {
  const ledger = new SqliteLedger({ dataDir: config.dataDir, now });
  const secrets = createSecretStore({ dataDir: config.dataDir, keyVaultUrl: config.keyVaultUrl });
  const approvals = new ApprovalService({
    ledger,
    graph,
    secrets,
    log,
    now,
    responderGroupId: config.responderGroupId,
    approverGroupId: config.approverGroupId,
    approvalTtlSeconds: config.approvalTtlSeconds,
  });
  return { config, log, graph, ledger, approvals, now };
}
