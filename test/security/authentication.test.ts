import assert from 'node:assert/strict';
import type { JWTPayload } from 'jose';
import { messageActivity } from '../support/connector';
import { logRecords, post, startSecurityHarness, type SecurityHarness } from './support/harness';
import { startOpenIdServer, unsignedToken, type OpenIdServer } from './support/openIdServer';

const APP_ID = '6f1c3a52-2b7e-4f0e-9d0a-5c1e8b7a9f31';
const CONNECTOR_ISSUER = 'https://api.botframework.com';
// Issuer of Entra ID v1 tokens for the Bot Framework tenant, which the SDK treats as an Emulator token.
const ENTRA_ISSUER = 'https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/';
const RILEY = 'fd05f0c3-7f05-4416-8ee9-762587b856d5';

describe('bot authentication over /api/messages', function () {
  this.timeout(60_000);
  let openId: OpenIdServer;
  let harness: SecurityHarness;

  before(async () => {
    openId = await startOpenIdServer();
    harness = await startSecurityHarness({
      env: {
        MicrosoftAppId: APP_ID,
        MicrosoftAppPassword: 'app-password-for-tests-only',
        FIREBREAK_BIND_HOST: '127.0.0.1',
      },
      authentication: {
        ToBotFromChannelOpenIdMetadataUrl: openId.metadataUrl,
        ToBotFromEmulatorOpenIdMetadataUrl: openId.metadataUrl,
        ToBotFromChannelTokenIssuer: CONNECTOR_ISSUER,
        ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
        ToChannelFromBotOAuthScope: 'https://api.botframework.com',
        OAuthUrl: 'https://api.botframework.com',
        CallerId: 'urn:botframework:azure',
      },
    });
  });
  after(async () => {
    await harness.close();
    await openId.close();
  });

  function checkActivity(): Record<string, unknown> {
    const text = 'check alex.doe@contoso.com since 2 days ago';
    return messageActivity(harness.connector.url, text, {
      fromId: RILEY,
      conversationId: 'auth-1',
    });
  }

  function claims(overrides: JWTPayload = {}): JWTPayload {
    const now = Math.floor(Date.now() / 1000);
    return {
      iss: CONNECTOR_ISSUER,
      aud: APP_ID,
      serviceurl: harness.connector.url,
      nbf: now - 60,
      iat: now - 60,
      exp: now + 3600,
      ...overrides,
    };
  }

  /** Posts the activity and asserts 401 with nothing run: no reply, no Graph read, no turn. */
  async function assertRejected(
    activity: Record<string, unknown>,
    authorization: string | undefined,
    reason: RegExp,
  ): Promise<void> {
    const sentBefore = harness.connector.sent.length;
    const graphBefore = harness.graphRequests();
    const logsBefore = harness.logLines.length;
    const headers: Record<string, string> = authorization ? { Authorization: authorization } : {};

    const answer = await post(harness.botUrl, activity, headers);
    await harness.host.background.drain();

    assert.equal(answer.status, 401);
    assert.equal(answer.body, JSON.stringify({ error: 'Unauthorized.' }));
    assert.equal(harness.connector.sent.length, sentBefore, 'no reply was sent');
    assert.equal(harness.graphRequests(), graphBefore, 'Graph was not read');
    const records = logRecords(harness.logLines.slice(logsBefore));
    const aboutActivity = records.filter((record) => record.activityId === activity.id);
    assert.deepEqual(
      aboutActivity.map((record) => record.msg),
      ['request rejected: authentication failed'],
    );
    assert.match(String(aboutActivity[0]?.reason), reason);
  }

  it('request without a token is rejected', async () => {
    await assertRejected(checkActivity(), undefined, /Request is not authorized/);
  });

  it('unsigned token is rejected', async () => {
    await assertRejected(
      checkActivity(),
      `Bearer ${unsignedToken(claims(), openId.keyId)}`,
      /signature is required/,
    );
  });

  it('token signed with an unpublished key is rejected', async () => {
    const token = await openId.sign(claims(), openId.otherKey);
    await assertRejected(checkActivity(), `Bearer ${token}`, /invalid signature/);
  });

  it('expired token is rejected', async () => {
    // The SDK allows five minutes of clock skew, so this token expired well before that.
    const now = Math.floor(Date.now() / 1000);
    const token = await openId.sign(claims({ iat: now - 7200, nbf: now - 7200, exp: now - 3600 }));
    await assertRejected(checkActivity(), `Bearer ${token}`, /token has expired/);
  });

  it('token for another bot is rejected', async () => {
    const token = await openId.sign(claims({ aud: '0b7c1c7e-1111-4222-8333-944445555666' }));
    await assertRejected(checkActivity(), `Bearer ${token}`, /Invalid AppId passed on token/);
  });

  it('token from another issuer is rejected', async () => {
    const token = await openId.sign(claims({ iss: 'https://login.example.invalid/' }));
    await assertRejected(checkActivity(), `Bearer ${token}`, /No valid identity/);
  });

  it('token for another service URL is rejected', async () => {
    const token = await openId.sign(claims({ serviceurl: 'https://smba.example.invalid/' }));
    await assertRejected(checkActivity(), `Bearer ${token}`, /ServiceUrl claim do not match/);
  });

  it('Entra ID token from the bot itself is rejected', async () => {
    // The SDK accepts such a token as coming from the Bot Framework Emulator; Firebreak does not.
    const token = await openId.sign(
      claims({ iss: ENTRA_ISSUER, aud: 'https://api.botframework.com', ver: '1.0', appid: APP_ID }),
    );
    await assertRejected(checkActivity(), `Bearer ${token}`, /is not the Bot Connector/);
  });

  it('rejection reason is logged at warn', async () => {
    const activity = checkActivity();
    const token = await openId.sign(claims({ aud: 'another-app' }));
    await post(harness.botUrl, activity, { Authorization: `Bearer ${token}` });
    const line = logRecords(harness.logLines).find((record) => record.activityId === activity.id);
    assert.equal(line?.level, 40);
    assert.match(String(line?.reason), /Invalid AppId passed on token: another-app/);
    assert.doesNotMatch(JSON.stringify(line), /eyJ/, 'the token itself is not logged');
  });

  it('valid token is accepted and the turn runs', async () => {
    const base = messageActivity(harness.connector.url, '', {
      fromId: RILEY,
      conversationId: 'auth-2',
    });
    const invoke = {
      ...base,
      type: 'invoke',
      name: 'adaptiveCard/action',
      text: undefined,
      value: {
        action: { type: 'Action.Execute', verb: 'firebreak.request', data: { actionId: 42 } },
      },
    };
    const token = await openId.sign(claims());
    const answer = await post(harness.botUrl, invoke, { Authorization: `Bearer ${token}` });

    assert.equal(answer.status, 200);
    const body = JSON.parse(answer.body) as { type: string };
    assert.equal(body.type, 'application/vnd.microsoft.card.adaptive');
    assert.match(answer.body, /does not accept/);
  });

  it('body that is not an activity gets 400', async () => {
    const token = await openId.sign(claims());
    const answer = await post(
      harness.botUrl,
      { hello: 'world' },
      { Authorization: `Bearer ${token}` },
    );
    assert.equal(answer.status, 400);
  });
});
