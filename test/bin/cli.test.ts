import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EXIT, runCli } from '../../bin/firebreak';

const DEMO_TENANT = path.join(__dirname, '..', '..', 'emulator', 'tenants', 'contoso-phish.json');

async function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, {
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
    env: { FIREBREAK_TENANT: DEMO_TENANT, LOG_LEVEL: 'silent', ...env },
    now: () => new Date(),
  });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

describe('firebreak CLI', function () {
  this.timeout(60_000);

  it('check --json prints only the report', async () => {
    const result = await cli(['check', 'Alex.Doe@Contoso.com', '--since', '2 days ago', '--json']);
    assert.equal(result.code, EXIT.ok, result.stderr);
    const report = JSON.parse(result.stdout) as Record<string, unknown>;
    assert.deepEqual(Object.keys(report.user as object).sort(), ['displayName', 'id', 'userPrincipalName']);
    assert.ok(Array.isArray(report.findings));
    assert.ok(report.findings.length > 0);
    assert.ok(Array.isArray(report.actions));
    assert.ok(Array.isArray(report.sections));
    assert.equal(typeof report.since, 'string');
    assert.equal(typeof report.until, 'string');
  });

  for (const user of ["Sean.O'Neill@contoso.com", 'SAM_FABRIKAM.COM#EXT#@contoso.onmicrosoft.com', 'omar.haddad@contoso.com']) {
    it(`${user} is checked with every section read`, async () => {
      const result = await cli(['check', user, '--since', '2 days ago', '--json']);
      assert.equal(result.code, EXIT.ok, result.stderr + result.stdout.slice(0, 2000));
      const report = JSON.parse(result.stdout) as { user: { userPrincipalName: string }; sections: { status: string }[] };
      assert.equal(report.user.userPrincipalName.toLowerCase(), user.toLowerCase());
      assert.equal(report.sections.filter((s) => s.status === 'unavailable').length, 0);
    });
  }

  it('unknown user exits 2 with a message', async () => {
    const result = await cli(['check', 'nobody@contoso.com', '--since', '2 days ago']);
    assert.equal(result.code, EXIT.invalidInput);
    assert.match(result.stderr, /No user matches "nobody@contoso.com"/);
  });

  it('ambiguous name exits 2 and lists the candidates', async () => {
    const result = await cli(['check', 'alex', '--since', '2 days ago']);
    assert.equal(result.code, EXIT.invalidInput);
    assert.match(result.stderr, /alexandra/i);
  });

  it('invalid time exits 2', async () => {
    const result = await cli(['check', 'alex.doe@contoso.com', '--since', '2026/13/01']);
    assert.equal(result.code, EXIT.invalidInput);
    assert.doesNotMatch(result.stderr, /at .*\.ts:\d+/);
  });

  it('future time exits 2', async () => {
    const result = await cli(['check', 'alex.doe@contoso.com', '--since', 'tomorrow']);
    assert.equal(result.code, EXIT.invalidInput);
  });

  it('unreadable tenant file exits 2', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'firebreak-cli-'));
    const broken = path.join(dir, 'broken.json');
    writeFileSync(broken, '{ not json');
    const result = await cli(['check', 'alex.doe@contoso.com', '--since', '2 days ago', '--tenant', broken]);
    assert.equal(result.code, EXIT.invalidInput);
    assert.match(result.stderr, /tenant file/i);
  });

  it('missing --since exits 2 with usage', async () => {
    const result = await cli(['check', 'alex.doe@contoso.com']);
    assert.equal(result.code, EXIT.invalidInput);
    assert.match(result.stderr, /--since/);
  });

  it('forbidden audit log exits 3 and names the permission', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'firebreak-cli-'));
    const faults = path.join(dir, 'faults.json');
    writeFileSync(faults, JSON.stringify({ rules: [{ path: 'auditLogs/directoryAudits', status: 403, code: 'Authorization_RequestDenied' }] }));
    const result = await cli(['check', 'alex.doe@contoso.com', '--since', '2 days ago', '--json'], { FIREBREAK_FAULTS: faults });
    assert.equal(result.code, EXIT.incomplete, result.stderr);
    const report = JSON.parse(result.stdout) as { sections: { name: string; status: string; reason?: string }[] };
    const audit = report.sections.find((s) => s.status === 'unavailable');
    assert.ok(audit, 'a section is unavailable');
    assert.match(audit.reason ?? '', /AuditLog\.Read\.All/);
  });
});
