import assert from 'node:assert/strict';
import {
  BatchRequestContent,
  BatchResponseContent,
  GraphError,
  type BatchResponseBody,
} from '@microsoft/microsoft-graph-client';
import type { JsonObject } from '../../emulator/types';
import { ALEX, SEAN, baseTenant, postBatch, startHarness, type Harness } from './helpers';

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
    const responses = await postBatch(harness.client, userRequests(20));
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
    const responses = await postBatch(harness.client, [
      { id: 'methods', method: 'GET', url: `/users/${ALEX}/authentication/methods` },
      { id: 'rules', method: 'GET', url: `/users/${ALEX}/mailFolders/inbox/messageRules` },
      { id: 'user', method: 'GET', url: `/users/${ALEX}` },
    ]);
    const byId = new Map(responses.map((item) => [item.id, item]));
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
    const first = await postBatch(harness.client, requests);
    const second = await postBatch(harness.client, requests);
    assert.equal(first[0].status, 429);
    assert.equal(second[0].status, 200);
    assert.equal(second[0].body?.value?.length, 1);
  });

  it('SDK BatchResponseContent reads sub-responses', async () => {
    const content = new BatchRequestContent([
      { id: 'a', request: new Request(`${harness.emulator.url}/v1.0/users/${ALEX}`) },
    ]);
    const body = await content.getContent();
    const raw = (await harness.client.api('/$batch').post(body)) as BatchResponseBody;
    const parsed = new BatchResponseContent(raw);
    const response = parsed.getResponseById('a');
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('Content-Type'), 'application/json');
    const user = (await response.json()) as JsonObject;
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
    const [missing, dependent] = await postBatch(harness.client, [
      { id: '1', method: 'GET', url: '/users/nobody@contoso.com' },
      { id: '2', method: 'GET', url: `/users/${ALEX}`, dependsOn: ['1'] },
    ]);
    assert.equal(missing.status, 404);
    assert.equal(dependent.status, 424);
  });

  it('item writes apply and read back', async () => {
    const [patch, read] = await postBatch(harness.client, [
      {
        id: '1',
        method: 'PATCH',
        url: `/users/${ALEX}`,
        headers: { 'Content-Type': 'application/json' },
        body: { accountEnabled: false },
      },
      { id: '2', method: 'GET', url: `/users/${ALEX}?$select=accountEnabled`, dependsOn: ['1'] },
    ]);
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
