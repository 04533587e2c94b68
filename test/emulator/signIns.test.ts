import assert from 'node:assert/strict';
import { GraphError } from '@microsoft/microsoft-graph-client';
import type { JsonObject } from '../../emulator/types';
import { baseTenant, getPage, graphClient, signIns, startHarness, type Harness } from './helpers';

describe('emulator sign-ins on v1.0 and beta', () => {
  let harness: Harness;

  before(async () => {
    harness = await startHarness({
      reportBudget: false,
      tenant: {
        ...baseTenant(),
        'auditLogs/signIns': signIns(6, (index): JsonObject => {
          if (index < 3) return {};
          if (index < 5)
            return { signInEventTypes: ['nonInteractiveUser'], ipAddress: '198.51.100.66' };
          return { signInEventTypes: ['servicePrincipal'] };
        }),
      },
    });
  });

  after(async () => {
    await harness.close();
  });

  it('v1.0 lists interactive sign-ins only', async () => {
    const result = await getPage(harness.client.api('/auditLogs/signIns'));
    assert.deepEqual(result.value.map((item) => item.id).sort(), [
      'signin-00000',
      'signin-00001',
      'signin-00002',
    ]);
  });

  it('v1.0 items carry no signInEventTypes', async () => {
    const result = await getPage(harness.client.api('/auditLogs/signIns'));
    assert.equal('signInEventTypes' in result.value[0], false);
  });

  it('v1.0 rejects a signInEventTypes filter', async () => {
    await assert.rejects(
      harness.client
        .api('/auditLogs/signIns')
        .filter("signInEventTypes/any(t: t eq 'nonInteractiveUser')")
        .get(),
      (error: unknown) => {
        assert.ok(error instanceof GraphError);
        assert.equal(error.statusCode, 400);
        assert.match(error.message, /signInEventTypes/);
        return true;
      },
    );
  });

  it('beta without an event type filter lists interactive only', async () => {
    const beta = graphClient(harness.emulator, harness.dispatcher, 'beta');
    const result = await getPage(beta.api('/auditLogs/signIns'));
    assert.equal(result.value.length, 3);
    assert.deepEqual(result.value[0].signInEventTypes, ['interactiveUser']);
  });

  it('beta non-interactive filter shows the refresh-token sign-ins', async () => {
    const beta = graphClient(harness.emulator, harness.dispatcher, 'beta');
    const result = await getPage(
      beta.api('/auditLogs/signIns').filter("signInEventTypes/any(t: t eq 'nonInteractiveUser')"),
    );
    assert.deepEqual(result.value.map((item) => item.id).sort(), ['signin-00003', 'signin-00004']);
    assert.equal(result.value[0].ipAddress, '198.51.100.66');
  });

  it('beta or of event types lists both kinds', async () => {
    const beta = graphClient(harness.emulator, harness.dispatcher, 'beta');
    const result = await getPage(
      beta
        .api('/auditLogs/signIns')
        .filter(
          "createdDateTime ge 2026-12-01T00:00:00Z and (signInEventTypes/any(t: t eq 'interactiveUser' " +
            "or t eq 'nonInteractiveUser'))",
        ),
    );
    assert.equal(result.value.length, 5);
  });

  it('requests record which version was read', async () => {
    const beta = graphClient(harness.emulator, harness.dispatcher, 'beta');
    await beta.api('/auditLogs/signIns').get();
    const last = harness.emulator.requests[harness.emulator.requests.length - 1];
    assert.equal(last.version, 'beta');
    assert.equal(last.path, 'auditLogs/signIns');
  });
});
