/**
 * The bundled tenants checked end to end: the real Graph client over HTTPS against the local
 * tenant, the real reading layer and checks, compared with the expected findings written
 * alongside each tenant.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startEmulator, type RunningEmulator } from '../../emulator';
import type { Finding, Report } from '../../services/domain';
import { createGraphClient, type GraphConnection } from '../../services/graph/client';
import { RequestBudget } from '../../services/graph/budget';
import { GraphReader } from '../../services/graph/reader';
import { investigate } from '../../services/investigation/investigate';
import { silentLogger } from '../../services/log';

const ROOT = path.join(__dirname, '..', '..');

interface Expected {
  tenant: string;
  user: { id: string; userPrincipalName: string };
  since: string;
  until: string;
  findings: { kind: string; severity: string; evidence: Record<string, string | number | boolean> }[];
  mustNotContain: string[];
}

function normalise(value: unknown): string {
  return String(value).toLowerCase();
}

function carries(finding: Finding, key: string, expected: unknown): boolean {
  const actual = finding.evidence[key];
  if (Array.isArray(actual)) return actual.some((v) => normalise(v) === normalise(expected));
  return normalise(actual) === normalise(expected);
}

function evidenceValues(finding: Finding): string[] {
  return Object.values(finding.evidence).flatMap((v) => (Array.isArray(v) ? v : [v])).map(normalise);
}

for (const name of ['contoso-phish', 'contoso-campaign']) {
  const expected = JSON.parse(readFileSync(path.join(ROOT, 'test', 'fixtures', `${name}.expected.json`), 'utf8')) as Expected;

  describe(`demo tenant ${name}`, function () {
    this.timeout(60_000);
    let emulator: RunningEmulator;
    let connection: GraphConnection;
    let report: Report;

    before(async () => {
      emulator = await startEmulator({ tenant: path.join(ROOT, expected.tenant), rebase: false });
      connection = createGraphClient({ baseUrl: emulator.url, ca: emulator.ca }, { budget: new RequestBudget({ requests: 5, perMs: 10_000 }) });
      const reader = new GraphReader(connection.client, silentLogger);
      const outcome = await investigate(reader, {
        user: expected.user.userPrincipalName.toUpperCase(),
        since: new Date(expected.since),
        now: new Date(expected.until),
      });
      assert.ok(outcome.ok, outcome.ok ? '' : outcome.error.message);
      report = outcome.report;
    });
    after(async () => {
      await connection.close();
      await emulator.close();
    });

    it('resolves the user typed in upper case', () => {
      assert.equal(report.user.id, expected.user.id);
    });

    for (const want of expected.findings) {
      it(`finds ${want.kind} (${want.severity}) with ${JSON.stringify(want.evidence)}`, () => {
        const match = report.findings.find(
          (f) => f.kind === want.kind && f.severity === want.severity && Object.entries(want.evidence).every(([k, v]) => carries(f, k, v)),
        );
        const sameKind = report.findings.filter((f) => f.kind === want.kind).map((f) => ({ severity: f.severity, evidence: f.evidence }));
        assert.ok(match, `no ${want.kind} finding carries that evidence; found ${JSON.stringify(sameKind).slice(0, 1500)}`);
      });
    }

    it('reports nothing from ordinary activity', () => {
      for (const value of expected.mustNotContain) {
        const offending = report.findings.filter((f) => evidenceValues(f).includes(normalise(value)));
        assert.deepEqual(offending.map((f) => f.kind), [], `ordinary value ${value} appears in a finding`);
      }
    });

    it('checks every section and names what Graph cannot show', () => {
      assert.deepEqual(report.sections.filter((s) => s.status === 'unavailable'), []);
      assert.ok(report.sections.some((s) => s.status === 'not-covered' && /forwarding/i.test(s.name + (s.reason ?? ''))));
    });

    it('every finding action names an offered remediation', () => {
      const ids = new Set(report.actions.map((a) => a.id));
      for (const finding of report.findings) for (const id of finding.actions) assert.ok(ids.has(id), id);
    });

    it('reads the window in few batches', () => {
      const batches = emulator.requests.filter((r) => r.path.endsWith('$batch'));
      assert.ok(batches.length <= 3, `batches: ${batches.length}`);
    });
  });
}
