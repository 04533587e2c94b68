import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { assembleReport } from '../../../services/investigation/assemble';
import type { Check } from '../../../services/investigation/checks/types';
import { SEVERITIES } from '../../../services/domain';
import {
  ATTACKER_IP,
  USER_ID,
  USER_TARGET,
  application,
  audit,
  failed,
  inBaseline,
  inWindow,
  investigationData,
  ok,
  secret,
  signIn,
} from './graphFixtures';

const APP_ID = 'a7c1e2d3-0b4f-4e5a-8c9d-112233445566';
const KEY_ID = '6e1f0a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b';

function expectedId(key: string): string {
  return `${key.split('|')[0]}-${createHash('sha256').update(key).digest('hex').slice(0, 16)}`;
}

/** Data where several checks fire: new IP, risky sign-in, legacy client, new app, reset. */
function compromisedData() {
  return investigationData({
    signIns: ok([
      signIn({ createdDateTime: inBaseline(5) }),
      signIn({
        ipAddress: ATTACKER_IP,
        createdDateTime: inWindow(2),
        location: { countryOrRegion: 'NG' },
      }),
      signIn({
        ipAddress: ATTACKER_IP,
        createdDateTime: inWindow(1),
        riskLevelDuringSignIn: 'high',
      }),
      signIn({
        ipAddress: ATTACKER_IP,
        createdDateTime: inWindow(6),
        clientAppUsed: 'IMAP4',
        status: { errorCode: 50126 },
      }),
    ]),
    audits: ok([
      audit('Reset user password', {
        activityDateTime: inWindow(20),
        targetResources: [USER_TARGET],
      }),
    ]),
    ownedObjects: ok([
      application({
        id: APP_ID,
        createdDateTime: inWindow(3),
        passwordCredentials: [secret(KEY_ID, inWindow(3))],
      }),
    ]),
  });
}

describe('assembleReport', () => {
  it('findings are sorted by severity then time', () => {
    const report = assembleReport(compromisedData());
    const ranks = report.findings.map((finding) => SEVERITIES.indexOf(finding.severity));
    assert.deepEqual(
      ranks,
      [...ranks].sort((a, b) => a - b),
    );
    const high = report.findings
      .filter((finding) => finding.severity === 'high')
      .map((finding) => finding.at);
    assert.deepEqual(high, [...high].sort());
    assert.equal(report.findings[0].kind, 'signin.risky');
    assert.equal(report.findings.at(-1)?.kind, 'password.changed');
  });

  it('same action on the same target is one remediation', () => {
    const report = assembleReport(compromisedData());
    const revokes = report.actions.filter((action) => action.kind === 'revoke-sessions');
    assert.equal(revokes.length, 1);
    const referencing = report.findings.filter((finding) =>
      finding.actions.includes(revokes[0].id),
    );
    assert.ok(
      referencing.length >= 3,
      `revoke-sessions referenced by ${referencing.length} findings`,
    );
  });

  it('credential remediation is shared by created and added findings', () => {
    const report = assembleReport(compromisedData());
    const removals = report.actions.filter((action) => action.kind === 'remove-credential');
    assert.equal(removals.length, 1);
    const created = report.findings.find((finding) => finding.kind === 'app.created');
    const added = report.findings.find((finding) => finding.kind === 'app.credential-added');
    assert.ok(created?.actions.includes(removals[0].id));
    assert.ok(added?.actions.includes(removals[0].id));
  });

  it('remediation ids are the kind and a sha256 prefix', () => {
    const report = assembleReport(compromisedData());
    const revoke = report.actions.find((action) => action.kind === 'revoke-sessions');
    assert.equal(revoke?.id, expectedId(`revoke-sessions|user|${USER_ID}`));
    const remove = report.actions.find((action) => action.kind === 'remove-credential');
    assert.equal(remove?.id, expectedId(`remove-credential|application|${KEY_ID}`));
  });

  it('remediation ids are stable across reports', () => {
    const first = assembleReport(compromisedData()).actions.map((action) => action.id);
    const second = assembleReport(compromisedData()).actions.map((action) => action.id);
    assert.deepEqual(first, second);
  });

  it('every finding action id exists in the report', () => {
    const report = assembleReport(compromisedData());
    const ids = new Set(report.actions.map((action) => action.id));
    for (const finding of report.findings) {
      for (const id of finding.actions)
        assert.ok(ids.has(id), `${finding.kind} refers to missing ${id}`);
    }
  });

  it('verdict counts the severities', () => {
    const report = assembleReport(compromisedData());
    assert.equal(report.verdict, 'Compromise likely: 4 high, 1 low findings');
  });

  it('report carries the user and the window', () => {
    const report = assembleReport(compromisedData());
    assert.deepEqual(report.user, {
      id: USER_ID,
      userPrincipalName: 'alex.doe@contoso.com',
      displayName: 'Alex Doe',
    });
    assert.equal(report.since, '2026-12-02T09:00:00.000Z');
    assert.equal(report.until, '2026-12-03T12:00:00.000Z');
  });

  describe('sections', () => {
    it('forbidden sign-in read is unavailable with reason and request id', () => {
      const reason =
        'sign-in logs: Graph answered 403 Authentication_RequestFromNonPremiumTenantOrB2CTenant; the tenant needs Entra ID P1';
      const report = assembleReport(investigationData({ signIns: failed(reason, 'req-5d1e') }));
      const section = report.sections.find((item) => item.name === 'sign-ins');
      assert.equal(section?.status, 'unavailable');
      assert.equal(section?.reason, reason);
      assert.equal(section?.requestId, 'req-5d1e');
    });

    it('unavailable section is never "no sign-ins"', () => {
      const report = assembleReport(investigationData({ signIns: failed('403') }));
      assert.equal(
        report.verdict,
        'No sign of compromise in the sections checked; 1 section unavailable, report incomplete',
      );
      assert.doesNotMatch(report.verdict, /clean/i);
    });

    it('one failed part makes a shared section unavailable but keeps its other findings', () => {
      const data = compromisedData();
      data.federatedCredentials = failed(
        'federated identity credentials: 403 Forbidden',
        'req-fic',
      );
      const report = assembleReport(data);
      const applications = report.sections.filter((item) => item.name === 'applications');
      assert.equal(applications.length, 1);
      assert.equal(applications[0].status, 'unavailable');
      assert.equal(applications[0].requestId, 'req-fic');
      assert.ok(report.findings.some((finding) => finding.kind === 'app.created'));
      assert.match(report.verdict, /; 1 section unavailable, report incomplete$/);
    });

    it('failed audits make every audit-based section unavailable', () => {
      const report = assembleReport(
        investigationData({ audits: failed('audits: 403, needs AuditLog.Read.All') }),
      );
      const unavailable = report.sections
        .filter((item) => item.status === 'unavailable')
        .map((item) => item.name);
      assert.deepEqual(unavailable, [
        'authentication methods',
        'applications',
        'consents',
        'app role assignments',
        'directory roles',
        'devices',
        'password changes',
      ]);
      assert.match(report.verdict, /7 sections unavailable, report incomplete/);
    });

    it('check that throws marks its section unavailable and the report still builds', () => {
      const broken: Check = {
        section: 'inbox rules',
        needs: ['inboxRules'],
        run() {
          throw new TypeError("Cannot read properties of undefined (reading 'address')");
        },
      };
      const report = assembleReport(investigationData(), [], [broken]);
      const section = report.sections.find((item) => item.name === 'inbox rules');
      assert.equal(section?.status, 'unavailable');
      assert.match(section?.reason ?? '', /inbox rules check failed.*reading 'address'/);
    });

    it('checked sections are listed as checked', () => {
      const report = assembleReport(investigationData());
      const checked = report.sections
        .filter((item) => item.status === 'checked')
        .map((item) => item.name);
      assert.deepEqual(checked, [
        'sign-ins',
        'risk detections',
        'inbox rules',
        'sent mail',
        'authentication methods',
        'applications',
        'consents',
        'app role assignments',
        'directory roles',
        'devices',
        'password changes',
      ]);
    });

    it('forwarding Graph cannot see is listed as not covered', () => {
      const report = assembleReport(investigationData());
      const notCovered = report.sections.filter((item) => item.status === 'not-covered');
      const names = notCovered.map((item) => item.name);
      assert.deepEqual(names, [
        'mailbox forwarding',
        'transport rules',
        'OAuth activity in other clouds',
      ]);
      assert.match(notCovered[0].reason ?? '', /ForwardingSmtpAddress/);
      assert.equal(report.findings.length, 0);
    });

    it('sign-ins read from v1.0 add a non-interactive not-covered section', () => {
      const v1 = signIn({ createdDateTime: inWindow(1) });
      delete v1.signInEventTypes;
      const report = assembleReport(investigationData({ signIns: ok([v1]) }));
      const section = report.sections.find((item) => item.name === 'non-interactive sign-ins');
      assert.equal(section?.status, 'not-covered');
      assert.match(section?.reason ?? '', /interactive sign-ins/);
    });

    it('sign-ins read from beta add no non-interactive section', () => {
      const report = assembleReport(
        investigationData({ signIns: ok([signIn({ createdDateTime: inWindow(1) })]) }),
      );
      assert.equal(
        report.sections.some((item) => item.name === 'non-interactive sign-ins'),
        false,
      );
    });
  });

  describe('notes', () => {
    it('truncated read is noted with its cap', () => {
      const report = assembleReport(investigationData({ signIns: ok([signIn({})], 20000) }));
      assert.deepEqual(report.notes, [
        'Only the first 20000 sign-ins were read, so findings in the rest are missing. ' +
          'Narrow the window to read them all.',
      ]);
    });

    it('extra notes follow the truncation notes', () => {
      const report = assembleReport(investigationData({ sentMessages: ok([], 5000) }), [
        'Only interactive sign-ins were read (v1.0).',
      ]);
      assert.equal(report.notes.length, 2);
      assert.equal(report.notes[1], 'Only interactive sign-ins were read (v1.0).');
    });
  });
});
