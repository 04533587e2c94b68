import assert from 'node:assert/strict';
import { deviceCheck } from '../../../services/investigation/checks/devices';
import type { TypedObject } from '../../../services/investigation/data';
import {
  BY_OTHER,
  USER_TARGET,
  audit,
  inBaseline,
  inWindow,
  investigationData,
  ok,
  target,
} from './graphFixtures';

const DEVICE_OBJECT = '8b9c0d1e-2f3a-4b4c-8d5e-6f7a8b9c0d1e';

function device(fields: Partial<TypedObject>): TypedObject {
  return {
    '@odata.type': '#microsoft.graph.device',
    id: DEVICE_OBJECT,
    deviceId: '1e2d3c4b-5a69-4788-9a0b-c1d2e3f4a5b6',
    displayName: 'DESKTOP-7QX2LMN',
    operatingSystem: 'Windows',
    operatingSystemVersion: '10.0.19045',
    trustType: 'Workplace',
    accountEnabled: true,
    registrationDateTime: inWindow(4),
    ...fields,
  };
}

describe('device check', () => {
  it('device registered in the window is medium, merged with its audit', () => {
    const registered = audit('Register device', {
      activityDateTime: inWindow(4),
      targetResources: [target('Device', DEVICE_OBJECT, 'DESKTOP-7QX2LMN')],
    });
    const findings = deviceCheck.run(
      investigationData({ audits: ok([registered]), devices: ok([device({})]) }),
    );
    assert.equal(findings.length, 1);
    assert.equal(findings[0].kind, 'device.registered');
    assert.equal(findings[0].severity, 'medium');
    assert.equal(findings[0].attack, 'T1098.005');
    assert.equal(findings[0].evidence.auditId, registered.id);
    assert.equal(findings[0].evidence.deviceName, 'DESKTOP-7QX2LMN');
    assert.deepEqual(
      findings[0].actions.map((action) => action.kind),
      ['revoke-sessions'],
    );
  });

  it('registered owner added for the user fires from the audit alone', () => {
    const owner = audit('Add registered owner to device', {
      initiatedBy: BY_OTHER,
      targetResources: [target('Device', DEVICE_OBJECT, 'iPad'), USER_TARGET],
    });
    const [finding] = deviceCheck.run(investigationData({ audits: ok([owner]) }));
    assert.equal(finding.evidence.deviceName, 'iPad');
    assert.equal(finding.evidence.registrationDateTime, null);
  });

  it('old device stays quiet', () => {
    const data = investigationData({
      devices: ok([device({ registrationDateTime: inBaseline(300) })]),
    });
    assert.deepEqual(deviceCheck.run(data), []);
  });
});
