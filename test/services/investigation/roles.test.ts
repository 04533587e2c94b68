import assert from 'node:assert/strict';
import { passwordCheck } from '../../../services/investigation/checks/passwords';
import { roleCheck } from '../../../services/investigation/checks/roles';
import {
  BY_OTHER,
  USER_TARGET,
  audit,
  inBaseline,
  investigationData,
  ok,
  target,
} from './graphFixtures';

const OTHER_TARGET = target('User', '44444444-5555-4666-8777-888888888888', null);

describe('role check', () => {
  it('user added to a role is high with disable-user', () => {
    const added = audit('Add member to role', {
      category: 'RoleManagement',
      initiatedBy: BY_OTHER,
      targetResources: [
        {
          ...USER_TARGET,
          modifiedProperties: [
            {
              displayName: 'Role.DisplayName',
              oldValue: null,
              newValue: '"Exchange Administrator"',
            },
          ],
        },
      ],
    });
    const [finding] = roleCheck.run(investigationData({ audits: ok([added]) }));
    assert.equal(finding.kind, 'role.assigned');
    assert.equal(finding.severity, 'high');
    assert.equal(finding.attack, 'T1098.003');
    assert.equal(finding.evidence.roleName, 'Exchange Administrator');
    assert.equal(finding.evidence.userIsMember, true);
    assert.deepEqual(
      finding.actions.map((action) => action.kind),
      ['disable-user'],
    );
  });

  it('role the user gave someone else fires', () => {
    const assignedByUser = audit('Add eligible member to role', {
      targetResources: [OTHER_TARGET, target('Role', 'r1', 'Global Administrator')],
    });
    const [finding] = roleCheck.run(investigationData({ audits: ok([assignedByUser]) }));
    assert.equal(finding.evidence.eligible, true);
    assert.equal(finding.evidence.roleName, 'Global Administrator');
  });

  it('role change between other users stays quiet', () => {
    const unrelated = audit('Add member to role', {
      initiatedBy: BY_OTHER,
      targetResources: [OTHER_TARGET],
    });
    assert.deepEqual(roleCheck.run(investigationData({ audits: ok([unrelated]) })), []);
  });

  it('role change before the window stays quiet', () => {
    const old = audit('Add member to role', {
      activityDateTime: inBaseline(3),
      targetResources: [USER_TARGET],
    });
    assert.deepEqual(roleCheck.run(investigationData({ audits: ok([old]) })), []);
  });
});

describe('password check', () => {
  it('admin reset is info without actions', () => {
    const reset = audit('Reset user password', {
      category: 'UserManagement',
      initiatedBy: BY_OTHER,
      targetResources: [USER_TARGET],
    });
    const [finding] = passwordCheck.run(investigationData({ audits: ok([reset]) }));
    assert.equal(finding.kind, 'password.changed');
    assert.equal(finding.severity, 'info');
    assert.equal(finding.attack, undefined);
    assert.deepEqual(finding.actions, []);
    assert.equal(finding.evidence.selfService, false);
    assert.equal(finding.evidence.initiatedBy, 'morgan.lee@contoso.com');
  });

  it('self-service change with padded name matches', () => {
    const change = audit(' Change password (self-service) ', { targetResources: [USER_TARGET] });
    const [finding] = passwordCheck.run(investigationData({ audits: ok([change]) }));
    assert.equal(finding.evidence.selfService, true);
  });

  it("other user's reset stays quiet", () => {
    const reset = audit('Reset user password', {
      initiatedBy: BY_OTHER,
      targetResources: [OTHER_TARGET],
    });
    assert.deepEqual(passwordCheck.run(investigationData({ audits: ok([reset]) })), []);
  });
});
