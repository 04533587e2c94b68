/**
 * The Bot Framework adapter, with request authentication done in the open: each POST is
 * checked for shape, then for its token, and only an authenticated activity reaches the bot.
 */
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type Activity,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type TurnContext,
} from 'botbuilder';
import { randomUUID } from 'node:crypto';
import type { Config } from '../services/config';
import type { Logger } from '../services/log';

/** Issuer of the tokens the Bot Connector service sends to bots in the public cloud. */
export const BOT_CONNECTOR_ISSUER = 'https://api.botframework.com';

/** Overrides of the SDK's authentication settings, such as the OpenID metadata URL. */
export type AuthenticationOverrides = Partial<ConfigurationBotFrameworkAuthenticationOptions>;

type AuthenticationConfiguration = ConstructorParameters<
  typeof ConfigurationBotFrameworkAuthentication
>[2];
type Claim = { type: string; value: string };

/** HTTP status and body to send for one request to /api/messages. */
export interface RequestOutcome {
  status: number;
  body?: unknown;
}

/**
 * Builds the adapter. With an app id, every request must carry a valid Bot Connector token.
 * With none (local mode), it checks nothing, so the server binds loopback only then.
 */
export function createAdapter(
  bot: Config['bot'],
  log: Logger,
  overrides: AuthenticationOverrides = {},
): FirebreakAdapter {
  const issuer = overrides.ToBotFromChannelTokenIssuer ?? BOT_CONNECTOR_ISSUER;
  const authConfiguration: AuthenticationConfiguration = {
    requiredEndorsements: [],
    // The SDK also accepts Bot Framework Emulator and skill tokens signed by Entra ID. Firebreak
    // talks to Teams only, so every token must come from the Bot Connector.
    validateClaims: (claims: Claim[]) => {
      const tokenIssuer = claims.find((claim) => claim.type === 'iss')?.value;
      if (tokenIssuer !== issuer) {
        const reason = `token issuer ${JSON.stringify(tokenIssuer)} is not the Bot Connector`;
        return Promise.reject(new Error(reason));
      }
      return Promise.resolve();
    },
  };
  const authentication = new ConfigurationBotFrameworkAuthentication(
    {
      MicrosoftAppId: bot.appId,
      MicrosoftAppPassword: bot.appPassword,
      MicrosoftAppType: bot.appType,
      MicrosoftAppTenantId: bot.appTenantId,
      ...overrides,
    },
    undefined,
    authConfiguration,
  );
  return new FirebreakAdapter(authentication, log);
}

export class FirebreakAdapter extends CloudAdapter {
  constructor(
    private readonly authentication: ConfigurationBotFrameworkAuthentication,
    private readonly log: Logger,
  ) {
    super(authentication);
    this.onTurnError = (context, error) => this.reportTurnError(context, error);
  }

  /**
   * Handles one POST to /api/messages. A body that is not an activity gets 400 and a failed
   * token check 401, before any bot code runs. Otherwise `logic` runs the turn.
   * CloudAdapter.process answers a bad signature with 500 and the error text, so every token
   * failure here is 401 with no detail, and the reason is logged instead.
   */
  async handleRequest(
    body: unknown,
    authorization: string,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<RequestOutcome> {
    const correlationId = randomUUID();
    const activity = readActivity(body);
    if (activity === undefined) {
      this.log.info({ correlationId }, 'request rejected: body is not an activity');
      return { status: 400, body: { error: 'The body must be a Bot Framework activity.' } };
    }

    let authenticated: Awaited<
      ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>
    >;
    try {
      authenticated = await this.authentication.authenticateRequest(activity, authorization);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const context = {
        correlationId,
        reason,
        activityType: activity.type,
        activityId: activity.id,
      };
      this.log.warn(context, 'request rejected: authentication failed');
      return { status: 401, body: { error: 'Unauthorized.' } };
    }

    const invokeResponse = await this.processActivity(authenticated, activity, logic);
    return { status: invokeResponse?.status ?? 200, body: invokeResponse?.body };
  }

  private async reportTurnError(context: TurnContext, error: Error): Promise<void> {
    const correlationId = randomUUID();
    const activity = context.activity;
    this.log.error(
      {
        err: error,
        correlationId,
        activityId: activity.id,
        conversationId: activity.conversation?.id,
      },
      'turn failed',
    );
    await context.sendActivity(
      `Something went wrong while handling that. Correlation id: ${correlationId}. Try again; ` +
        'if it persists, give this id to whoever runs the bot.',
    );
  }
}

/**
 * Returns the body as an activity when it has the fields every turn relies on: a type, a
 * conversation id, a service URL to reply to, and string text when text is present.
 * Time stamps become Date objects, as in CloudAdapter.process.
 */
function readActivity(body: unknown): Activity | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const candidate = body as Record<string, unknown> & Partial<Activity>;
  if (typeof candidate.type !== 'string' || candidate.type === '') return undefined;
  if (typeof candidate.serviceUrl !== 'string' || candidate.serviceUrl === '') return undefined;
  if (typeof candidate.conversation?.id !== 'string') return undefined;
  if (candidate.text !== undefined && typeof candidate.text !== 'string') return undefined;
  if (candidate.from !== undefined && typeof candidate.from !== 'object') return undefined;

  for (const [field, raw] of TIME_FIELDS) {
    const value = candidate[field];
    if (typeof value === 'string') {
      candidate[raw] = value;
      candidate[field] = new Date(value);
    }
  }
  return candidate as Activity;
}

const TIME_FIELDS = [
  ['timestamp', 'rawTimestamp'],
  ['localTimestamp', 'rawLocalTimestamp'],
  ['expiration', 'rawExpiration'],
] as const;
