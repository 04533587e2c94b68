import assert from 'node:assert/strict';
import { normaliseIp } from '../../../services/investigation/checks/addresses';
import { normaliseActivity, parseAuditValue } from '../../../services/investigation/checks/audit';
import { credentialChanges } from '../../../services/investigation/checks/auditCredentials';
import { audit, target } from './graphFixtures';

describe('audit value readers', () => {
  it('en dash, hyphen and trailing space give one activity name', () => {
    const graph = normaliseActivity('Update application – Certificates and secrets management ');
    assert.equal(
      graph,
      normaliseActivity('Update application - Certificates and secrets management'),
    );
    assert.equal(graph, 'update application - certificates and secrets management');
  });

  it('JSON inside a string is parsed', () => {
    assert.deepEqual(parseAuditValue('[{"KeyIdentifier":"k1","KeyType":"Password"}]'), [
      { KeyIdentifier: 'k1', KeyType: 'Password' },
    ]);
  });

  it('JSON encoded twice is parsed', () => {
    assert.deepEqual(parseAuditValue(JSON.stringify(JSON.stringify(['a']))), ['a']);
  });

  it('quoted flag is unquoted', () => {
    assert.equal(parseAuditValue('"True"'), 'True');
  });

  it('bad JSON comes back as the string', () => {
    assert.equal(parseAuditValue('[{"KeyIdentifier": '), '[{"KeyIdentifier": ');
  });

  it('plain text comes back unchanged', () => {
    assert.equal(parseAuditValue('Exchange Administrator'), 'Exchange Administrator');
  });

  it('null and numbers come back unchanged', () => {
    assert.equal(parseAuditValue(null), null);
    assert.equal(parseAuditValue(42), 42);
  });

  it('added credentials are the new value minus the old', () => {
    const before = JSON.stringify([{ KeyIdentifier: 'OLD', KeyType: 'AsymmetricX509Cert' }]);
    const after = JSON.stringify([
      { KeyIdentifier: 'old', KeyType: 'AsymmetricX509Cert' },
      { KeyIdentifier: 'NEW', KeyType: 'AsymmetricX509Cert', DisplayName: 'CN=sync' },
    ]);
    const event = audit('Update application', {
      targetResources: [
        target('Application', 'app-1', 'Sync', [['KeyCredentials', before, after]]),
      ],
    });
    const [change] = credentialChanges(event);
    assert.deepEqual(change.added, [{ keyId: 'NEW', kind: 'key', displayName: 'CN=sync' }]);
    assert.equal(change.readable, true);
  });

  it('IPv4-mapped IPv6 address is the IPv4 address', () => {
    assert.equal(normaliseIp('::ffff:203.0.113.66'), '203.0.113.66');
  });

  it('IP with spaces and upper case is normalised', () => {
    assert.equal(normaliseIp(' 2001:0DB8::0001 '), '2001:db8::1');
  });
});
