import assert from 'node:assert/strict';
import { PageIterator, type PageCollection } from '@microsoft/microsoft-graph-client';
import {
  ALEX,
  baseTenant,
  getPage,
  nextLinkOf,
  signIns,
  startHarness,
  user,
  type Harness,
} from './helpers';

function manyUsers(count: number) {
  return Array.from({ length: count }, (_, index) => {
    const suffix = String(index).padStart(12, '0');
    return user(`99999999-0000-4000-8000-${suffix}`, `user${index}@contoso.com`, `User ${index}`);
  });
}

async function collectAll(harness: Harness, path: string, top?: number): Promise<string[]> {
  const request = harness.client.api(path);
  const first: PageCollection = await getPage(top === undefined ? request : request.top(top));
  const ids: string[] = [];
  const iterator = new PageIterator(harness.client, first, (item: { id: string }) => {
    ids.push(item.id);
    return true;
  });
  await iterator.iterate();
  return ids;
}

describe('emulator paging', () => {
  let harness: Harness;

  before(async () => {
    harness = await startHarness({
      reportBudget: false,
      tenant: {
        ...baseTenant(),
        users: [user(ALEX, 'alex.doe@contoso.com', 'Alex Doe'), ...manyUsers(249)],
        'auditLogs/signIns': signIns(2500),
        [`users/${ALEX}/mailFolders/sentItems/messages`]: Array.from(
          { length: 25 },
          (_, index) => ({
            id: `message-${index}`,
            subject: 'Shared document',
          }),
        ),
      },
    });
  });

  after(async () => {
    await harness.close();
  });

  it('users page at 100 by default across 3 pages', async () => {
    const ids = await collectAll(harness, '/users');
    assert.equal(ids.length, 250);
    assert.equal(new Set(ids).size, 250);
    const pages = harness.emulator.requests.filter((entry) => entry.path === 'users');
    assert.deepEqual(
      pages.map((entry) => entry.page),
      [1, 2, 3],
    );
  });

  it('sign-ins page at 1000 by default', async () => {
    const first = await getPage(harness.client.api('/auditLogs/signIns'));
    assert.equal(first.value.length, 1000);
    assert.ok(first['@odata.nextLink']);
  });

  it('sign-ins walked with top 700 visit 4 pages once each', async () => {
    const before = harness.emulator.requests.length;
    const ids = await collectAll(harness, '/auditLogs/signIns', 700);
    assert.equal(ids.length, 2500);
    assert.equal(new Set(ids).size, 2500);
    const pages = harness.emulator.requests.slice(before).map((entry) => entry.page);
    assert.deepEqual(pages, [1, 2, 3, 4]);
  });

  it('next link keeps the filter and top', async () => {
    const first = await getPage(
      harness.client
        .api('/auditLogs/signIns')
        .filter('createdDateTime ge 2026-12-01T10:00:00Z')
        .top(50),
    );
    const next = new URL(nextLinkOf(first));
    assert.equal(next.searchParams.get('$filter'), 'createdDateTime ge 2026-12-01T10:00:00Z');
    assert.equal(next.searchParams.get('$top'), '50');
    assert.ok(next.searchParams.get('$skiptoken'));
  });

  it('last page has no next link', async () => {
    const result = await getPage(harness.client.api('/users').top(999));
    assert.equal(result.value.length, 250);
    assert.equal(result['@odata.nextLink'], undefined);
  });

  it('messages page at 10 by default', async () => {
    const path = `/users/${ALEX}/mailFolders/sentItems/messages`;
    const first = await getPage(harness.client.api(path));
    assert.equal(first.value.length, 10);
    const ids = await collectAll(harness, path);
    assert.equal(ids.length, 25);
  });

  it('messages top above 1000 is capped', async () => {
    const result = await getPage(harness.client.api(`/users/${ALEX}/messages`).top(5000));
    assert.equal(result.value.length, 25);
  });

  it('forged skiptoken is 400', async () => {
    await assert.rejects(
      harness.client.api('/users').query({ $skiptoken: 'not-a-token' }).get(),
      (error: { statusCode?: number; message?: string }) => {
        assert.equal(error.statusCode, 400);
        assert.match(error.message ?? '', /\$skiptoken/);
        return true;
      },
    );
  });
});
