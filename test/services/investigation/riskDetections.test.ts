import assert from 'node:assert/strict';
import type * as Graph from '@microsoft/microsoft-graph-types';
import { riskDetectionCheck } from '../../../services/investigation/checks/riskDetections';
import {
  ATTACKER_IP,
  OTHER_USER_ID,
  USER_ID,
  inBaseline,
  inWindow,
  investigationData,
  ok,
} from './graphFixtures';

function detection(fields: Partial<Graph.RiskDetection>): Graph.RiskDetection {
  return {
    id: '6a3c1b2d4e5f',
    requestId: '3a1d2c4b-0000-4000-8000-5e6f7a8b9c0d',
    correlationId: 'c0ffee00-0000-4000-8000-000000000001',
    riskEventType: 'unfamiliarFeatures',
    riskState: 'atRisk',
    riskLevel: 'medium',
    riskDetail: 'none',
    source: 'IdentityProtection',
    detectionTimingType: 'realtime',
    activity: 'signin',
    ipAddress: ATTACKER_IP,
    activityDateTime: inWindow(0.3),
    detectedDateTime: inWindow(0.3),
    lastUpdatedDateTime: inWindow(0.4),
    userId: USER_ID,
    userPrincipalName: 'alex.doe@contoso.com',
    location: { city: 'Lagos', state: null, countryOrRegion: 'NG', geoCoordinates: null },
    ...fields,
  };
}

function run(...detections: Graph.RiskDetection[]) {
  return riskDetectionCheck.run(investigationData({ riskDetections: ok(detections) }));
}

describe('risk detection check', () => {
  it('detection in the window takes its risk level', () => {
    const [finding] = run(detection({ riskLevel: 'high', riskEventType: 'anonymizedIPAddress' }));
    assert.equal(finding.kind, 'risk.detection');
    assert.equal(finding.severity, 'high');
    assert.equal(finding.attack, 'T1078.004');
    assert.equal(finding.evidence.riskEventType, 'anonymizedIPAddress');
    assert.equal(finding.evidence.ip, ATTACKER_IP);
    assert.deepEqual(
      finding.actions.map((action) => action.kind),
      ['confirm-compromised', 'revoke-sessions'],
    );
  });

  it('low level is low', () => {
    assert.equal(run(detection({ riskLevel: 'low' }))[0].severity, 'low');
  });

  it('hidden level is reported at medium', () => {
    assert.equal(run(detection({ riskLevel: 'hidden' }))[0].severity, 'medium');
  });

  it('detected time places an offline detection without activity time', () => {
    const [finding] = run(detection({ activityDateTime: null, detectedDateTime: inWindow(8) }));
    assert.equal(finding.at, inWindow(8));
  });

  it('detection before the window stays quiet', () => {
    assert.deepEqual(
      run(detection({ activityDateTime: inBaseline(2), detectedDateTime: inBaseline(2) })),
      [],
    );
  });

  it("other user's detection stays quiet", () => {
    assert.deepEqual(run(detection({ userId: OTHER_USER_ID })), []);
  });

  it('missing location and IP do not throw', () => {
    const [finding] = run(detection({ location: null, ipAddress: null }));
    assert.equal(finding.evidence.country, null);
    assert.equal(finding.evidence.ip, null);
  });
});
