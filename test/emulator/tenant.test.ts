import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTenant, startEmulator } from '../../emulator';
import { rebaseTenant } from '../../emulator/store/tenant';
import {
  ALEX,
  APPROVERS_GROUP,
  JORDAN,
  ONCALL_GROUP,
  RILEY,
  SOC_GROUP,
  baseTenant,
  getObject,
  getPage,
  postObject,
  startHarness,
  type Harness,
  type Page,
} from './helpers';

function writeTemp(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'tenant-')), name);
  writeFileSync(path, text);
  return path;
}

describe('emulator tenant snapshot', () => {
  it('missing file error names the file', () => {
    assert.throws(() => loadTenant('/nonexistent/contoso.json'), /'\/nonexistent\/contoso\.json'/);
  });

  it('invalid JSON error names the file', () => {
    const path = writeTemp('broken.json', '{"users": [');
    assert.throws(() => loadTenant(path), /broken\.json' is not valid JSON/);
  });

  it('non-object collection item is rejected with its key', () => {
    const path = writeTemp('items.json', JSON.stringify({ users: [1] }));
    assert.throws(() => loadTenant(path), /'users'\[0\]/);
  });

  it('bad reference time is rejected', () => {
    const path = writeTemp('time.json', JSON.stringify({ $referenceTime: 'yesterday' }));
    assert.throws(() => loadTenant(path), /\$referenceTime/);
  });

  it('rebase shifts date-times by now minus reference', () => {
    const now = Date.parse('2027-01-10T12:00:00Z');
    const rebased = rebaseTenant(
      {
        $referenceTime: '2026-12-03T12:00:00Z',
        'auditLogs/signIns': [
          { id: 'x', createdDateTime: '2026-12-02T09:10:00Z', note: '2026-12-02' },
          { id: 'y', createdDateTime: '2026-12-02T09:10:00.123Z' },
        ],
        applications: [{ id: 'a', passwordCredentials: [{ endDateTime: '9999-12-31T23:59:59Z' }] }],
      },
      now,
    );
    const [first, second] = rebased['auditLogs/signIns'] as Array<Record<string, string>>;
    assert.equal(first.createdDateTime, '2027-01-09T09:10:00Z');
    assert.equal(first.note, '2026-12-02');
    assert.equal(second.createdDateTime, '2027-01-09T09:10:00.123Z');
    assert.equal(rebased.$referenceTime, '2026-12-03T12:00:00Z');
    const app = (
      rebased.applications as Array<{ passwordCredentials: Array<{ endDateTime: string }> }>
    )[0];
    assert.equal(app.passwordCredentials[0].endDateTime, '9999-12-31T23:59:59Z');
  });

  it('emulator serves rebased dates unless turned off', async () => {
    const snapshot = {
      ...baseTenant(),
      $referenceTime: '2020-01-01T00:00:00Z',
      'auditLogs/directoryAudits': [{ id: 'a', activityDateTime: '2019-12-31T23:00:00Z' }],
    };
    const path = writeTemp('rebase.json', JSON.stringify(snapshot));
    for (const rebase of [true, false]) {
      const emulator = await startEmulator({ tenant: path, rebase, reportBudget: false });
      try {
        const { request, Agent } = await import('undici');
        const dispatcher = new Agent({ connect: { ca: emulator.ca } });
        const response = await request(`${emulator.url}/v1.0/auditLogs/directoryAudits`, {
          headers: { authorization: 'Bearer t' },
          dispatcher,
        });
        const body = (await response.body.json()) as { value: Array<{ activityDateTime: string }> };
        await dispatcher.close();
        const age = Date.now() - Date.parse(body.value[0].activityDateTime);
        if (rebase) assert.ok(age > 0 && age < 2 * 3600_000, `rebased age ${age}`);
        else assert.equal(body.value[0].activityDateTime, '2019-12-31T23:00:00Z');
      } finally {
        await emulator.close();
      }
    }
  });

  it('dollar keys are never served', async () => {
    const harness = await startHarness({ tenant: { ...baseTenant(), $notes: { a: 1 } } });
    try {
      await assert.rejects(harness.client.api('/$notes').get(), /Resource not found/);
    } finally {
      await harness.close();
    }
  });
});

describe('emulator directory membership', () => {
  let harness: Harness;

  before(async () => {
    harness = await startHarness({
      tenant: {
        ...baseTenant(),
        [`users/${ALEX}/manager`]: { id: RILEY, displayName: 'Riley Chen' },
        [`users/riley.chen@contoso.com/memberOf`]: [
          { '@odata.type': '#microsoft.graph.group', id: SOC_GROUP, displayName: 'SOC Responders' },
          {
            '@odata.type': '#microsoft.graph.directoryRole',
            id: 'role-1',
            displayName: 'Security Reader',
          },
        ],
      },
    });
  });

  after(async () => {
    await harness.close();
  });

  it('transitive members include nested group users', async () => {
    const result = await getPage(harness.client.api(`/groups/${SOC_GROUP}/transitiveMembers`));
    const ids = result.value.map((item) => item.id).sort();
    assert.deepEqual(ids, [JORDAN, RILEY, ONCALL_GROUP].sort());
    const jordan = result.value.find((item) => item.id === JORDAN);
    assert.equal(jordan?.['@odata.type'], '#microsoft.graph.user');
    assert.equal(jordan?.displayName, 'Jordan Patel');
  });

  it('transitiveMemberOf lists groups reached by nesting', async () => {
    const result = await getPage(
      harness.client.api('/users/jordan.patel@contoso.com/transitiveMemberOf'),
    );
    const ids = result.value.map((item) => item.id).sort();
    assert.deepEqual(ids, [APPROVERS_GROUP, ONCALL_GROUP, SOC_GROUP].sort());
  });

  it('memberOf without a stored key is derived', async () => {
    const result = await getPage(harness.client.api(`/users/${JORDAN}/memberOf`));
    const ids = result.value.map((item) => item.id).sort();
    assert.deepEqual(ids, [APPROVERS_GROUP, ONCALL_GROUP].sort());
  });

  it('snapshot key by principal name answers by id', async () => {
    const result = await getPage(harness.client.api(`/users/${RILEY}/memberOf`));
    assert.equal(result.value.length, 2);
    assert.equal(result.value[1]['@odata.type'], '#microsoft.graph.directoryRole');
  });

  it('cast segment keeps one type', async () => {
    const result = await getPage(
      harness.client.api(`/users/${RILEY}/memberOf/microsoft.graph.directoryRole`),
    );
    assert.deepEqual(
      result.value.map((item) => item.id),
      ['role-1'],
    );
  });

  it('checkMemberGroups answers transitive membership', async () => {
    const result = await postObject<Page<string>>(
      harness.client.api(`/users/${JORDAN}/checkMemberGroups`),
      { groupIds: [SOC_GROUP, 'aaaaaaaa-0000-4000-8000-0000000000ff'] },
    );
    assert.deepEqual(result.value, [SOC_GROUP]);
  });

  it('checkMemberGroups for a non-member is empty', async () => {
    const result = await postObject<Page<string>>(
      harness.client.api(`/users/${ALEX}/checkMemberGroups`),
      { groupIds: [SOC_GROUP] },
    );
    assert.deepEqual(result.value, []);
  });

  it('manager is a single object', async () => {
    const manager = await getObject(harness.client.api(`/users/${ALEX}/manager`));
    assert.equal(manager.id, RILEY);
  });

  it('absent manager is 404', async () => {
    await assert.rejects(
      harness.client.api(`/users/${JORDAN}/manager`).get(),
      (error: { statusCode?: number }) => {
        assert.equal(error.statusCode, 404);
        return true;
      },
    );
  });

  it('group by id and unknown group', async () => {
    const group = await getObject(harness.client.api(`/groups/${SOC_GROUP}`));
    assert.equal(group.displayName, 'SOC Responders');
    await assert.rejects(
      harness.client.api('/groups/aaaaaaaa-0000-4000-8000-0000000000ff/members').get(),
      (error: { statusCode?: number }) => error.statusCode === 404,
    );
  });
});
