import assert from 'node:assert/strict';
import { signInCheck } from '../../../services/investigation/checks/signins';
import {
  ATTACKER_IP,
  OFFICE_IP,
  OTHER_USER_ID,
  inBaseline,
  inWindow,
  investigationData,
  ok,
  signIn,
} from './graphFixtures';

const usualBaseline = [
  signIn({ createdDateTime: inBaseline(10) }),
  signIn({ createdDateTime: inBaseline(3) }),
];

function run(...signIns: ReturnType<typeof signIn>[]) {
  return signInCheck.run(investigationData({ signIns: ok([...usualBaseline, ...signIns]) }));
}

function ofKind(findings: ReturnType<typeof run>, kind: string) {
  return findings.filter((finding) => finding.kind === kind);
}

describe('sign-in check', () => {
  describe('signin.unfamiliar', () => {
    it('new IP in a new country is high', () => {
      const findings = ofKind(
        run(
          signIn({
            ipAddress: ATTACKER_IP,
            createdDateTime: inWindow(0.2),
            location: { city: 'Lagos', countryOrRegion: 'NG' },
          }),
          signIn({
            ipAddress: ATTACKER_IP,
            createdDateTime: inWindow(3),
            location: { countryOrRegion: 'NG' },
          }),
          signIn({
            ipAddress: ATTACKER_IP,
            createdDateTime: inWindow(4),
            status: { errorCode: 50126, failureReason: 'Invalid username or password.' },
          }),
        ),
        'signin.unfamiliar',
      );

      assert.equal(findings.length, 1);
      const [finding] = findings;
      assert.equal(finding.severity, 'high');
      assert.equal(finding.attack, 'T1078.004');
      assert.equal(finding.at, inWindow(0.2));
      assert.equal(finding.evidence.ip, ATTACKER_IP);
      assert.equal(finding.evidence.country, 'NG');
      assert.equal(finding.evidence.city, 'Lagos');
      assert.equal(finding.evidence.newCountry, true);
      assert.equal(finding.evidence.count, 2);
      assert.equal(finding.evidence.failedCount, 1);
      assert.deepEqual(finding.evidence.eventTypes, ['interactiveUser']);
      assert.deepEqual(
        finding.actions.map((action) => action.kind),
        ['revoke-sessions', 'disable-user', 'reset-password', 'confirm-compromised'],
      );
    });

    it('new IP in a usual country is medium', () => {
      const [finding] = ofKind(run(signIn({ ipAddress: '192.0.2.44' })), 'signin.unfamiliar');
      assert.equal(finding.severity, 'medium');
      assert.equal(finding.evidence.newIp, true);
      assert.equal(finding.evidence.newCountry, false);
    });

    it('usual IP and country do not fire', () => {
      const findings = run(
        signIn({ createdDateTime: inWindow(1) }),
        signIn({ createdDateTime: inWindow(20) }),
      );
      assert.deepEqual(findings, []);
    });

    it('failed sign-ins from a new IP only count', () => {
      const failures = [1, 2, 3].map((hour) =>
        signIn({
          ipAddress: ATTACKER_IP,
          createdDateTime: inWindow(hour),
          status: { errorCode: 50126, failureReason: 'Invalid username or password.' },
        }),
      );
      assert.deepEqual(ofKind(run(...failures), 'signin.unfamiliar'), []);
    });

    it('baseline failures do not make an IP usual', () => {
      const spray = signIn({
        ipAddress: ATTACKER_IP,
        createdDateTime: inBaseline(2),
        status: { errorCode: 50126, failureReason: 'Invalid username or password.' },
      });
      const findings = ofKind(run(spray, signIn({ ipAddress: ATTACKER_IP })), 'signin.unfamiliar');
      assert.equal(findings.length, 1);
    });

    it('IPv6 spellings of one address compare equal', () => {
      const data = investigationData({
        signIns: ok([
          signIn({ ipAddress: '2001:DB8:0:0::1', createdDateTime: inBaseline(4) }),
          signIn({ ipAddress: '2001:db8::1', createdDateTime: inWindow(1) }),
        ]),
      });
      assert.deepEqual(signInCheck.run(data), []);
    });

    it('new IPv6 address is reported lower case and compressed', () => {
      const [finding] = ofKind(
        run(signIn({ ipAddress: '2001:DB8:AC10:0:0:0:0:FE01' })),
        'signin.unfamiliar',
      );
      assert.equal(finding.evidence.ip, '2001:db8:ac10::fe01');
    });

    it('null city, empty country and empty device fields are tolerated', () => {
      const odd = signIn({
        ipAddress: '2001:db8:85a3::8a2e:370:7334',
        location: { city: null, state: null, countryOrRegion: '', geoCoordinates: null },
        deviceDetail: {
          deviceId: '',
          displayName: '',
          operatingSystem: '',
          browser: '',
          trustType: '',
        },
      });
      const [finding] = ofKind(run(odd), 'signin.unfamiliar');
      assert.equal(finding.evidence.city, null);
      assert.equal(finding.evidence.country, null);
      assert.equal(finding.evidence.newCountry, false);
      assert.equal(finding.severity, 'medium');
      assert.deepEqual(finding.evidence.operatingSystems, []);
      assert.deepEqual(finding.evidence.browsers, []);
    });

    it('missing location, device and status do not throw', () => {
      const bare = signIn({
        ipAddress: '192.0.2.9',
        location: null,
        deviceDetail: null,
        status: null,
      });
      const sparse = signIn({
        ipAddress: '192.0.2.10',
        location: undefined,
        deviceDetail: undefined,
      });
      assert.doesNotThrow(() => run(bare, sparse));
    });

    it('non-interactive sign-in from new IP shows its event type', () => {
      const refresh = signIn({
        ipAddress: ATTACKER_IP,
        signInEventTypes: ['nonInteractiveUser'],
        isInteractive: false,
      });
      const [finding] = ofKind(run(refresh), 'signin.unfamiliar');
      assert.deepEqual(finding.evidence.eventTypes, ['nonInteractiveUser']);
    });

    it("other user's sign-in does not fire", () => {
      const other = signIn({
        ipAddress: ATTACKER_IP,
        userId: OTHER_USER_ID,
        userPrincipalName: 'sam@contoso.com',
      });
      assert.deepEqual(run(other), []);
    });

    it('sign-in after the window does not fire', () => {
      const late = signIn({ ipAddress: ATTACKER_IP, createdDateTime: '2026-12-03T12:00:01Z' });
      assert.deepEqual(run(late), []);
    });
  });

  describe('signin.risky', () => {
    it('high risk during sign-in is high', () => {
      const [finding] = ofKind(
        run(signIn({ riskLevelDuringSignIn: 'high', riskState: 'atRisk' })),
        'signin.risky',
      );
      assert.equal(finding.severity, 'high');
      assert.equal(finding.evidence.riskLevelDuringSignIn, 'high');
      assert.deepEqual(
        finding.actions.map((action) => action.kind),
        ['revoke-sessions', 'confirm-compromised'],
      );
    });

    it('medium aggregated risk is medium', () => {
      const [finding] = ofKind(run(signIn({ riskLevelAggregated: 'medium' })), 'signin.risky');
      assert.equal(finding.severity, 'medium');
    });

    it('confirmed compromised state without a level is medium', () => {
      const [finding] = ofKind(
        run(signIn({ riskLevelDuringSignIn: 'hidden', riskState: 'confirmedCompromised' })),
        'signin.risky',
      );
      assert.equal(finding.severity, 'medium');
      assert.equal(finding.evidence.riskState, 'confirmedCompromised');
    });

    it('failed risky sign-in still fires', () => {
      const failure = signIn({ riskLevelDuringSignIn: 'high', status: { errorCode: 50126 } });
      const [finding] = ofKind(run(failure), 'signin.risky');
      assert.equal(finding.evidence.succeeded, false);
    });

    it('low risk does not fire', () => {
      assert.deepEqual(
        run(
          signIn({
            riskLevelDuringSignIn: 'low',
            riskLevelAggregated: 'low',
            riskState: 'remediated',
          }),
        ),
        [],
      );
    });
  });

  describe('signin.legacy-protocol', () => {
    it('successful "Other clients" sign-in is medium', () => {
      const [finding] = ofKind(
        run(signIn({ clientAppUsed: 'Other clients' })),
        'signin.legacy-protocol',
      );
      assert.equal(finding.severity, 'medium');
      assert.equal(finding.evidence.client, 'Other clients');
      assert.deepEqual(
        finding.actions.map((action) => action.kind),
        ['revoke-sessions'],
      );
    });

    it('failed IMAP sign-ins group into one low finding', () => {
      const failures = [1, 2, 3].map((hour) =>
        signIn({
          clientAppUsed: 'IMAP4',
          createdDateTime: inWindow(hour),
          status: { errorCode: 50126 },
        }),
      );
      const findings = ofKind(run(...failures), 'signin.legacy-protocol');
      assert.equal(findings.length, 1);
      assert.equal(findings[0].severity, 'low');
      assert.equal(findings[0].evidence.count, 3);
      assert.equal(findings[0].at, inWindow(1));
    });

    it('client names compare without case', () => {
      const findings = ofKind(
        run(signIn({ clientAppUsed: 'authenticated smtp ' })),
        'signin.legacy-protocol',
      );
      assert.equal(findings.length, 1);
    });

    it('modern clients do not fire', () => {
      const modern = ['Browser', 'Mobile Apps and Desktop clients', '', null].map((clientAppUsed) =>
        signIn({ clientAppUsed }),
      );
      assert.deepEqual(run(...modern), []);
    });

    it('office IP sign-in during the window stays quiet', () => {
      assert.deepEqual(run(signIn({ ipAddress: OFFICE_IP })), []);
    });
  });
});
