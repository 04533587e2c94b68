import assert from 'node:assert/strict';
import {
  BatchRequestContent,
  BatchResponseContent,
  GraphError,
} from '@microsoft/microsoft-graph-client';
import { ALEX, SEAN, baseTenant, startHarness, type Harness } from './helpers';

interface SubResponse {
  id: string;
  status: number;
  headers: Record<string, string>;
  body?: { value?: unknown[]; error?: { code: string } };
}

function userRequests(count: number) {
  return Array.from({ length: count }, (_, index) => ({
    id: String(index + 1),
    method: 'GET',
    url: index % 2 === 0 ? `/users/${ALEX}` : `users/${SEAN}?$select=displayName`,
  }));
}

describe('emulator $batch', () => {
  let harness: Harness;

  beforeEach(async () => {
    harness = await startHarness({
      tenant: {
        ...baseTenant(),
        [`users/${ALEX}/authentication/methods`]: [
          { '@odata.type': '#microsoft.graph.passwordAuthenticationMethod', id: 'pw' },
        ],
        [`users/${ALEX}/mailFolders/inbox/messageRules`]: [{ id: 'rule-1', displayName: '.' }],
      },
      faults: {
        rules: [
          {
            path: '$batch',
            item: 'users/*/authentication/methods',
            status: 429,
            retryAfter: '1',
            times: 1,
          },
          { path: '$batch', item: 'users/*/mailFolders/inbox/messageRules', status: 503, times: 1 },
        ],
      },
    });
  });

  afterEach(async () => {
    await harness.close();
  });

  it('20 requests answer 20 sub-responses', async () => {
    const result = await harness.client.api('/$batch').post({ requests: userRequests(20) });
    const responses = result.responses as SubResponse[];
    assert.equal(responses.length, 20);
    assert.ok(responses.every((response) => response.status === 200));
    assert.ok(
      responses.every((response) => response.headers['Content-Type'] === 'application/json'),
    );
  });

  it('21 requests answer 400 about the limit of 20', async () => {
    await assert.rejects(
      harness.client.api('/$batch').post({ requests: userRequests(21) }),
      (error: unknown) => {
        assert.ok(error instanceof GraphError);
        assert.equal(error.statusCode, 400);
        assert.equal(error.code, 'BadRequest');
        assert.match(error.message, /limit of 20/);
        return true;
      },
    );
  });

  it('failed items leave the batch at 200', async () => {
    const result = await harness.client.api('/$batch').post({
      requests: [
        { id: 'methods', method: 'GET', url: `/users/${ALEX}/authentication/methods` },
        { id: 'rules', method: 'GET', url: `/users/${ALEX}/mailFolders/inbox/messageRules` },
        { id: 'user', method: 'GET', url: `/users/${ALEX}` },
      ],
    });
    const byId = new Map((result.responses as SubResponse[]).map((item) => [item.id, item]));
    assert.equal(byId.get('methods')?.status, 429);
    assert.equal(byId.get('methods')?.headers['Retry-After'], '1');
    assert.equal(byId.get('methods')?.body?.error?.code, 'TooManyRequests');
    assert.equal(byId.get('rules')?.status, 503);
    assert.equal(byId.get('rules')?.body?.error?.code, 'ServiceUnavailable');
    assert.equal(byId.get('user')?.status, 200);
  });

  it('item faults fire only the given times', async () => {
    const requests = [
      { id: 'methods', method: 'GET', url: `/users/${ALEX}/authentication/methods` },
    ];
    const first = await harness.client.api('/$batch').post({ requests });
    const second = await harness.client.api('/$batch').post({ requests });
    assert.equal(first.responses[0].status, 429);
    assert.equal(second.responses[0].status, 200);
    assert.equal(second.responses[0].body.value.length, 1);
  });

  it('SDK BatchResponseContent reads sub-responses', async () => {
    const content = new BatchRequestContent([
      { id: 'a', request: new Request(`${harness.emulator.url}/v1.0/users/${ALEX}`) },
    ]);
    const body = await content.getContent();
    const raw = await harness.client.api('/$batch').post(body);
    const parsed = new BatchResponseContent(raw);
    const response = parsed.getResponseById('a');
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('Content-Type'), 'application/json');
    const user = await response.json();
    assert.equal(user.id, ALEX);
  });

  it('items are recorded as inBatch', async () => {
    await harness.client.api('/$batch').post({ requests: userRequests(2) });
    const inBatch = harness.emulator.requests.filter((entry) => entry.inBatch);
    assert.equal(inBatch.length, 2);
    assert.equal(inBatch[0].path, `users/${ALEX}`);
    const outer = harness.emulator.requests.filter((entry) => entry.path === '$batch');
    assert.equal(outer.length, 1);
    assert.equal(outer[0].inBatch, false);
  });

  it('dependent item after a failure answers 424', async () => {
    const result = await harness.client.api('/$batch').post({
      requests: [
        { id: '1', method: 'GET', url: '/users/nobody@contoso.com' },
        { id: '2', method: 'GET', url: `/users/${ALEX}`, dependsOn: ['1'] },
      ],
    });
    const [missing, dependent] = result.responses as SubResponse[];
    assert.equal(missing.status, 404);
    assert.equal(dependent.status, 424);
  });

  it('item writes apply and read back', async () => {
    const result = await harness.client.api('/$batch').post({
      requests: [
        {
          id: '1',
          method: 'PATCH',
          url: `/users/${ALEX}`,
          headers: { 'Content-Type': 'application/json' },
          body: { accountEnabled: false },
        },
        { id: '2', method: 'GET', url: `/users/${ALEX}?$select=accountEnabled`, dependsOn: ['1'] },
      ],
    });
    const [patch, read] = result.responses as Array<
      SubResponse & { body?: { accountEnabled?: boolean } }
    >;
    assert.equal(patch.status, 204);
    assert.equal(read.body?.accountEnabled, false);
  });

  it('unknown dependency is 400 for the batch', async () => {
    await assert.rejects(
      harness.client.api('/$batch').post({
        requests: [{ id: '1', method: 'GET', url: '/users', dependsOn: ['9'] }],
      }),
      (error: unknown) => error instanceof GraphError && error.statusCode === 400,
    );
  });
});
