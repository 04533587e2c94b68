/**
 * Decides who may read Graph through the bot: checks, lists, watches and the card buttons that
 * read Graph. With FIREBREAK_RESPONDER_GROUP set, only its members (transitively) may. When it
 * is unset, as in the local demo, everyone may check, but remediation requests are still
 * rejected with the missing variable named.
 */
import type { FirebreakServices } from '../services/app';
import { Membership } from '../services/approvals/membership';
import type { GraphFailure } from '../services/graph/failure';
import { GraphReader } from '../services/graph/reader';
import { GraphWriter } from '../services/graph/writer';
import type { Logger } from '../services/log';

/** How long a membership result is reused, so a busy responder costs one Graph call per window. */
export const RESPONDER_CACHE_MS = 5 * 60_000;

export type ResponderDecision = { ok: true } | { ok: false; message: string };

export class ResponderGate {
  private readonly membership: Membership;
  private readonly answers = new Map<string, { at: number; member: boolean }>();

  constructor(private readonly services: FirebreakServices) {
    const reader = new GraphReader(services.graph.client, services.log);
    this.membership = new Membership(reader, new GraphWriter(services.graph.client));
  }

  /** Allows the user when no responder group is set or the user is in it. */
  async check(
    aadObjectId: string | undefined,
    what: string,
    log: Logger,
  ): Promise<ResponderDecision> {
    const groupId = this.services.config.responderGroupId;
    if (groupId === undefined) return { ok: true };
    if (!aadObjectId) {
      log.warn({ what }, 'responder check rejected: no Entra ID user on the activity');
      return {
        ok: false,
        message: `Firebreak could not tell who sent this (no Entra ID user on the activity), so it cannot ${what}. Use Firebreak from Teams while signed in.`,
      };
    }

    const key = aadObjectId.toLowerCase();
    const now = this.services.now().getTime();
    const cached = this.answers.get(key);
    let member =
      cached !== undefined && now - cached.at < RESPONDER_CACHE_MS ? cached.member : undefined;
    if (member === undefined) {
      const answer = await this.membership.inGroup(aadObjectId, groupId);
      if (!answer.ok) return this.unavailable(answer.failure, what, log);
      member = answer.value;
      this.answers.set(key, { at: now, member });
    }
    if (member) return { ok: true };

    log.warn({ aadObjectId, what }, 'responder check rejected: not in the responder group');
    return {
      ok: false,
      message: `Only members of the incident responder group may ${what}. Ask an incident lead to add you to the group set in FIREBREAK_RESPONDER_GROUP.`,
    };
  }

  private unavailable(failure: GraphFailure, what: string, log: Logger): ResponderDecision {
    log.warn(
      { status: failure.status, requestId: failure.requestId, what },
      'responder check failed',
    );
    const requestId = failure.requestId ? ` (Graph request id ${failure.requestId})` : '';
    return {
      ok: false,
      message: `Firebreak could not read the responder group from Graph${requestId}, so it cannot ${what}. Try again in a minute.`,
    };
  }
}
