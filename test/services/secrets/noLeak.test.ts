import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { runAudit } from '../../../bin/commands/audit';
import type { Outcome } from '../../../services/approvals/outcome';
import { ACTORS, startFlow, type Flow } from '../approvals/harness';

async function run(flow: Flow, actionId: string): Promise<Outcome> {
  const requested = await flow.service.request(ACTORS.riley, actionId, `corr-${actionId}`);
  assert.ok(requested.ok);
  return flow.service.approve(ACTORS.casey, requested.request.id, `corr-${actionId}`);
}

/** Returns every column of every row of every table as text. */
function ledgerText(dataDir: string): string {
  const db = new Database(path.join(dataDir, 'firebreak.db'), { readonly: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as {
      name: string;
    }[];
    return tables
      .map(({ name }) => JSON.stringify(db.prepare(`SELECT * FROM "${name}"`).all()))
      .join('\n');
  } finally {
    db.close();
  }
}

describe('secret values after rotate and reset', () => {
  let flow: Flow;
  let outcomes: Outcome[];
  let secrets: string[];
  let secretDir: string;

  before(async () => {
    flow = await startFlow();
    outcomes = [await run(flow, 'rotate-credential'), await run(flow, 'reset-password')];
    secretDir = path.join(flow.dataDir, 'secrets');
    const files = readdirSync(secretDir).filter((name) => !name.endsWith('.tags.json'));
    secrets = files.map((name) => readFileSync(path.join(secretDir, name), 'utf8'));
  });

  after(async () => {
    await flow.close();
  });

  it('both secrets are in the store', () => {
    assert.equal(secrets.length, 2);
    assert.ok(secrets.every((value) => value.length >= 24));
    assert.ok(outcomes.every((outcome) => outcome.ok));
  });

  it('store directory is 0700 and files 0600', () => {
    assert.equal(statSync(secretDir).mode & 0o777, 0o700);
    for (const name of readdirSync(secretDir)) {
      assert.equal(statSync(path.join(secretDir, name)).mode & 0o777, 0o600, name);
    }
  });

  it('no log line holds a secret', () => {
    assert.ok(flow.logLines.length > 0);
    for (const secret of secrets) {
      assert.equal(flow.logLines.filter((line) => line.includes(secret)).length, 0);
    }
  });

  it('no ledger row holds a secret', () => {
    const text = ledgerText(flow.dataDir);
    for (const secret of secrets) assert.equal(text.includes(secret), false);
  });

  it('no outcome message or result holds a secret', () => {
    const text = JSON.stringify(outcomes);
    for (const secret of secrets) assert.equal(text.includes(secret), false);
  });

  it('audit command output holds no secret', async () => {
    const lines: string[] = [];
    const code = await runAudit(['--data-dir', flow.dataDir], {
      stdout: (t) => lines.push(t),
      stderr: (t) => lines.push(t),
      env: {},
    });
    assert.equal(code, 0);
    for (const secret of secrets) assert.equal(lines.join('\n').includes(secret), false);
  });
});
