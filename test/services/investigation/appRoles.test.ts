import assert from 'node:assert/strict';
import type * as Graph from '@microsoft/microsoft-graph-types';
import { appRoleCheck } from '../../../services/investigation/checks/appRoles';
import {
  BY_OTHER,
  USER_ID,
  USER_TARGET,
  audit,
  inBaseline,
  inWindow,
  investigationData,
  ok,
  target,
} from './graphFixtures';

const RESOURCE_SP = '7a8b9c0d-1e2f-4a3b-9c4d-5e6f7a8b9c0d';
const ROLE_ID = '4f5e6d7c-8b9a-4c1d-9e2f-3a4b5c6d7e8f';

function assignment(fields: Partial<Graph.AppRoleAssignment>): Graph.AppRoleAssignment {
  return {
    id: 'xM2d3c4b5a6f7e8d9c0b1a2-assignment',
    appRoleId: ROLE_ID,
    createdDateTime: inWindow(7),
    principalDisplayName: 'Alex Doe',
    principalId: USER_ID,
    principalType: 'User',
    resourceDisplayName: 'Finance Portal',
    resourceId: RESOURCE_SP,
    ...fields,
  };
}

const assigned = audit('Add app role assignment grant to user', {
  activityDateTime: inWindow(7),
  initiatedBy: BY_OTHER,
  targetResources: [
    target('ServicePrincipal', RESOURCE_SP, 'Finance Portal', [
      ['AppRole.Id', '', `"${ROLE_ID}"`],
      ['AppRole.Value', '', '"Payments.Approve"'],
    ]),
    USER_TARGET,
  ],
});

describe('app role check', () => {
  it('assignment to the user is merged with its audit event', () => {
    const data = investigationData({
      audits: ok([assigned]),
      appRoleAssignments: ok([assignment({})]),
    });
    const findings = appRoleCheck.run(data);
    assert.equal(findings.length, 1);
    const [finding] = findings;
    assert.equal(finding.kind, 'approle.assigned');
    assert.equal(finding.severity, 'medium');
    assert.equal(finding.attack, 'T1098');
    assert.equal(finding.evidence.appRoleValue, 'Payments.Approve');
    assert.equal(finding.evidence.auditId, assigned.id);
    assert.equal(finding.actions[0].kind, 'remove-app-role-assignment');
    assert.equal(finding.actions[0].target.id, 'xM2d3c4b5a6f7e8d9c0b1a2-assignment');
  });

  it('new assignment without an audit event fires', () => {
    const [finding] = appRoleCheck.run(
      investigationData({ appRoleAssignments: ok([assignment({})]) }),
    );
    assert.equal(finding.at, inWindow(7));
  });

  it('old assignment stays quiet', () => {
    const data = investigationData({
      appRoleAssignments: ok([assignment({ createdDateTime: inBaseline(60) })]),
    });
    assert.deepEqual(appRoleCheck.run(data), []);
  });

  it('assignment the user gave someone else fires without an action', () => {
    const forOther = audit('Add app role assignment to user', {
      targetResources: [
        target('ServicePrincipal', RESOURCE_SP, 'Finance Portal'),
        target('User', '99999999-0000-4000-8000-000000000009', null),
      ],
    });
    const [finding] = appRoleCheck.run(investigationData({ audits: ok([forOther]) }));
    assert.deepEqual(finding.actions, []);
  });
});
