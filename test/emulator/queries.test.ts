import assert from 'node:assert/strict';
import { GraphError } from '@microsoft/microsoft-graph-client';
import {
  ALEX,
  GUEST,
  GUEST_UPN,
  SEAN,
  baseTenant,
  getObject,
  getPage,
  nextLinkOf,
  rawRequest,
  signIns,
  startHarness,
  type Harness,
} from './helpers';

async function graphError(promise: Promise<unknown>): Promise<GraphError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof GraphError) return error;
    throw error;
  }
  assert.fail('expected the request to fail with a GraphError');
}

describe('emulator queries through the Graph client', () => {
  let harness: Harness;

  before(async () => {
    harness = await startHarness({
      reportBudget: false,
      tenant: {
        ...baseTenant(),
        'auditLogs/signIns': signIns(12, (index) => ({
          ipAddress: index % 3 === 0 ? '198.51.100.9' : '203.0.113.7',
          location: { city: index === 0 ? null : 'Seattle', countryOrRegion: 'US' },
        })),
        'auditLogs/directoryAudits': [
          {
            id: 'audit-1',
            activityDateTime: '2026-12-02T09:30:00Z',
            activityDisplayName: 'Add application',
            initiatedBy: { user: { id: ALEX } },
            targetResources: [{ id: 'app-9', type: 'Application' }],
          },
        ],
      },
    });
  });

  after(async () => {
    await harness.close();
  });

  it('user found by principal name in any case', async () => {
    const found = await getObject(harness.client.api('/users/ALEX.DOE@CONTOSO.COM'));
    assert.equal(found.id, ALEX);
  });

  it('guest found by percent-encoded principal name', async () => {
    const found = await getObject(harness.client.api(`/users/${encodeURIComponent(GUEST_UPN)}`));
    assert.equal(found.id, GUEST);
  });

  it('filter with doubled quote finds the apostrophe user', async () => {
    const result = await getPage(
      harness.client.api('/users').filter("userPrincipalName eq 'SEAN.O''NEILL@contoso.com'"),
    );
    assert.deepEqual(
      result.value.map((item) => item.id),
      [SEAN],
    );
  });

  it('filter on guest principal name matches', async () => {
    const result = await getPage(
      harness.client
        .api('/users')
        .filter(`userPrincipalName eq '${encodeURIComponent(GUEST_UPN)}'`),
    );
    assert.equal(result.value.length, 1);
    assert.equal(result.value[0].id, GUEST);
  });

  it('select keeps id and the chosen fields', async () => {
    const result = await getObject(harness.client.api(`/users/${ALEX}`).select('displayName'));
    assert.deepEqual(Object.keys(result).sort(), ['@odata.context', 'displayName', 'id'].sort());
  });

  it('select of unknown property is 400', async () => {
    const error = await graphError(harness.client.api('/users').select('favouriteColour').get());
    assert.equal(error.statusCode, 400);
    assert.match(error.message, /favouriteColour/);
  });

  it('select of a real user property absent from data', async () => {
    const result = await getPage(
      harness.client.api('/users').select('displayName,signInSessionsValidFromDateTime'),
    );
    assert.equal(result.value.length, 5);
    assert.equal(result.value[0].displayName, 'Alex Doe');
  });

  it('filter on a user property Graph cannot filter is 400', async () => {
    const error = await graphError(
      harness.client
        .api('/users')
        .filter('signInSessionsValidFromDateTime ge 2026-01-01T00:00:00Z')
        .get(),
    );
    assert.equal(error.statusCode, 400);
    assert.match(error.message, /signInSessionsValidFromDateTime/);
  });

  it('select on sign-ins tolerates beta-only names', async () => {
    const result = await getPage(
      harness.client.api('/auditLogs/signIns').select('id,userAgent').top(1),
    );
    assert.deepEqual(Object.keys(result.value[0]), ['id']);
  });

  it('top sets the page size', async () => {
    const result = await getPage(harness.client.api('/auditLogs/signIns').top(5));
    assert.equal(result.value.length, 5);
    assert.match(nextLinkOf(result), /^https:\/\/127\.0\.0\.1:\d+\/v1\.0\/auditLogs\/signIns\?/);
  });

  it('sign-ins come newest first by default', async () => {
    const result = await getPage(harness.client.api('/auditLogs/signIns'));
    assert.equal(result.value[0].id, 'signin-00011');
    assert.equal(result.value[11].id, 'signin-00000');
  });

  it('orderby asc and desc sort the page', async () => {
    const ascending = await getPage(harness.client.api('/users').orderby('displayName'));
    assert.equal(ascending.value[0].displayName, 'Alex Doe');
    const descending = await getPage(harness.client.api('/users').orderby('displayName desc'));
    assert.equal(descending.value[0].displayName, "Sean O'Neill");
  });

  it('count on users needs ConsistencyLevel eventual', async () => {
    const error = await graphError(harness.client.api('/users').count(true).get());
    assert.equal(error.statusCode, 400);
    assert.match(error.message, /ConsistencyLevel: eventual/);
  });

  it('count with eventual adds @odata.count', async () => {
    const result = await getPage(
      harness.client.api('/users').header('ConsistencyLevel', 'eventual').count(true).top(2),
    );
    assert.equal(result['@odata.count'], 5);
    assert.equal(result.value.length, 2);
  });

  it('endswith on users needs an advanced query', async () => {
    const error = await graphError(
      harness.client.api('/users').filter("endswith(mail,'@fabrikam.com')").get(),
    );
    assert.equal(error.statusCode, 400);
    assert.equal(error.code, 'Request_UnsupportedQuery');
    const result = await getPage(
      harness.client
        .api('/users')
        .header('ConsistencyLevel', 'eventual')
        .count(true)
        .filter("endswith(mail,'@fabrikam.com')"),
    );
    assert.equal(result.value[0].id, GUEST);
  });

  it('sign-ins filter on createdDateTime range', async () => {
    const result = await getPage(
      harness.client
        .api('/auditLogs/signIns')
        .filter(
          'createdDateTime ge 2026-12-01T00:05:00Z and createdDateTime lt 2026-12-01T00:08:00Z',
        ),
    );
    assert.deepEqual(
      result.value.map((item) => item.id),
      ['signin-00007', 'signin-00006', 'signin-00005'],
    );
  });

  it('sign-ins filter on activityDateTime is 400', async () => {
    const error = await graphError(
      harness.client
        .api('/auditLogs/signIns')
        .filter('activityDateTime ge 2026-12-01T00:00:00Z')
        .get(),
    );
    assert.equal(error.statusCode, 400);
    assert.match(error.message, /activityDateTime/);
  });

  it('directory audits filter on createdDateTime is 400', async () => {
    const error = await graphError(
      harness.client
        .api('/auditLogs/directoryAudits')
        .filter('createdDateTime ge 2026-12-01T00:00:00Z')
        .get(),
    );
    assert.equal(error.statusCode, 400);
    assert.match(error.message, /createdDateTime/);
  });

  it('directory audits filter on initiator and target', async () => {
    const result = await getPage(
      harness.client
        .api('/auditLogs/directoryAudits')
        .filter(
          `activityDateTime ge 2026-12-02T00:00:00Z and initiatedBy/user/id eq '${ALEX}' and ` +
            "targetResources/any(t: t/id eq 'app-9')",
        ),
    );
    assert.equal(result.value.length, 1);
  });

  it('null city matches eq null', async () => {
    const result = await getPage(
      harness.client.api('/auditLogs/signIns').filter('location/city eq null'),
    );
    assert.deepEqual(
      result.value.map((item) => item.id),
      ['signin-00000'],
    );
  });

  it('malformed filter is 400 naming the problem', async () => {
    const error = await graphError(
      harness.client.api('/users').filter("displayName eq 'Alex").get(),
    );
    assert.equal(error.statusCode, 400);
    assert.equal(error.code, 'Request_UnsupportedQuery');
    assert.match(error.message, /not closed/);
  });

  it('filter on unsupported property is 400', async () => {
    const error = await graphError(
      harness.client.api('/auditLogs/signIns').filter("userAgent eq 'curl'").get(),
    );
    assert.equal(error.statusCode, 400);
    assert.match(error.message, /userAgent/);
  });

  it('expand is 400 not an empty list', async () => {
    const error = await graphError(harness.client.api('/users').expand('manager').get());
    assert.equal(error.statusCode, 400);
    assert.match(error.message, /\$expand/);
  });

  it('search is 400', async () => {
    const error = await graphError(
      harness.client.api('/users').query({ $search: '"displayName:Alex"' }).get(),
    );
    assert.equal(error.statusCode, 400);
    assert.match(error.message, /\$search/);
  });

  it('unknown dollar option is 400', async () => {
    const error = await graphError(harness.client.api('/users').query({ $foo: 'bar' }).get());
    assert.equal(error.statusCode, 400);
    assert.match(error.message, /\$foo/);
  });

  it('top above the users maximum is 400', async () => {
    const error = await graphError(harness.client.api('/users').top(1000).get());
    assert.equal(error.statusCode, 400);
    assert.match(error.message, /between 1 and 999/);
  });

  it('top above the sign-ins maximum is capped', async () => {
    const result = await getPage(harness.client.api('/auditLogs/signIns').top(5000));
    assert.equal(result.value.length, 12);
  });

  it('unknown path is 400 naming the segment', async () => {
    const error = await graphError(harness.client.api(`/users/${ALEX}/mailboxForwarding`).get());
    assert.equal(error.statusCode, 400);
    assert.equal(error.code, 'BadRequest');
    assert.match(error.message, /Resource not found for the segment 'mailboxForwarding'/);
  });

  it('missing user is 404 Request_ResourceNotFound', async () => {
    const error = await graphError(harness.client.api('/users/nobody@contoso.com').get());
    assert.equal(error.statusCode, 404);
    assert.equal(error.code, 'Request_ResourceNotFound');
  });

  it('missing stored key is an empty collection', async () => {
    const result = await getPage(
      harness.client.api(`/users/${ALEX}/mailFolders/inbox/messageRules`),
    );
    assert.deepEqual(result.value, []);
  });

  it('request without token is 401', async () => {
    const response = await rawRequest(harness, '/v1.0/users');
    assert.equal(response.status, 401);
    const error = response.body.error as { code: string; innerError: Record<string, string> };
    assert.equal(error.code, 'InvalidAuthenticationToken');
    assert.equal(typeof error.innerError['request-id'], 'string');
  });

  it('responses carry request ids and JSON type', async () => {
    const response = await rawRequest(harness, '/v1.0/users', {
      headers: { authorization: 'Bearer x', 'client-request-id': 'my-correlation-id' },
    });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('client-request-id'), 'my-correlation-id');
    assert.match(response.headers.get('request-id') ?? '', /^[0-9a-f-]{36}$/);
    assert.equal(response.headers.get('content-type'), 'application/json');
  });

  it('unknown version is 400', async () => {
    const response = await rawRequest(harness, '/v2/users', {
      headers: { authorization: 'Bearer x' },
    });
    assert.equal(response.status, 400);
  });

  it('plus in the query reads as a space', async () => {
    const response = await rawRequest(harness, "/v1.0/users?$filter=displayName+eq+'Alex+Doe'", {
      headers: { authorization: 'Bearer x' },
    });
    assert.equal((response.body.value as unknown[]).length, 1);
  });
});
