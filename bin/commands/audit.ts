/**
 * `firebreak audit [--user UPN|id] [--verify] [--data-dir DIR]`: prints the audit trail as JSON
 * lines, or checks its hash chain. Exit status: 0 printed or intact, 1 broken chain or no ledger,
 * 2 invalid arguments or configuration.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../../services/config';
import { FirebreakError } from '../../services/errors';
import { verifyAudit } from '../../services/ledger/auditChain';
import { DATABASE_FILE } from '../../services/ledger/schema';
import { SqliteLedger } from '../../services/ledger/sqliteLedger';

export const AUDIT_USAGE = `Usage:
  firebreak audit [--user UPN|id] [--verify] [--data-dir DIR]

  --user USER     only entries about this user (object id or userPrincipalName)
  --verify        check the hash chain of the whole trail; exit 1 naming the first bad entry
  --data-dir DIR  directory of firebreak.db (default FIREBREAK_DATA_DIR, else .data)`;

export interface AuditIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
}

export async function runAudit(args: string[], io: AuditIo): Promise<number> {
  let options: { user?: string; verify?: boolean; 'data-dir'?: string };
  try {
    options = parseArgs({
      args,
      options: {
        user: { type: 'string' },
        verify: { type: 'boolean' },
        'data-dir': { type: 'string' },
      },
    }).values;
  } catch (error) {
    io.stderr(`firebreak audit: ${error instanceof Error ? error.message : String(error)}`);
    io.stderr(AUDIT_USAGE);
    return 2;
  }

  let dataDir: string;
  try {
    dataDir = path.resolve(options['data-dir'] ?? loadConfig(io.env).dataDir);
  } catch (error) {
    const message = error instanceof FirebreakError ? error.userMessage : String(error);
    io.stderr(`firebreak audit: ${message}`);
    return 2;
  }
  const file = path.join(dataDir, DATABASE_FILE);
  if (!existsSync(file)) {
    io.stderr(`firebreak audit: no ledger at ${file}; pass --data-dir or set FIREBREAK_DATA_DIR`);
    return 1;
  }

  const ledger = new SqliteLedger({ dataDir });
  try {
    if (options.verify) {
      const verdict = verifyAudit(await ledger.listAudit());
      if (verdict.ok) {
        io.stdout(`audit trail intact: ${verdict.count} entries in ${file}`);
        return 0;
      }
      io.stderr(`audit trail broken at seq ${verdict.seq}: ${verdict.reason}`);
      return 1;
    }
    for (const entry of await ledger.listAudit({ subjectId: options.user })) {
      const line = {
        time: entry.at,
        actor: entry.actor,
        action: entry.action,
        target: entry.target,
        subject: entry.subject,
        result: entry.result,
        correlationId: entry.correlationId,
        requestId: entry.requestId,
        seq: entry.seq,
      };
      io.stdout(JSON.stringify(line));
    }
    return 0;
  } finally {
    await ledger.close();
  }
}
