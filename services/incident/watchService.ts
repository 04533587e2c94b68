/**
 * Watches a user after an incident: rechecks on a durable schedule and reports only findings
 * not reported before. The chat commands and the proactive posting belong to the bot. It calls
 * `due` on a timer and `recheck` for each job, then posts the result to the job's conversation.
 */
import type { Finding, Report } from '../domain';
import type { FirebreakError } from '../errors';
import type { GraphReader } from '../graph/reader';
import { investigate } from '../investigation/investigate';
import { findingKey, newFindings } from './findingKey';
import { WatchStore, type WatchConversation, type WatchJob } from './watchStore';

export interface WatchServiceOptions {
  /** Directory of `firebreak.db`, the ledger's database file. */
  dataDir: string;
  /** Creates the reader for one recheck, e.g. one with the check deadline. */
  createReader: () => GraphReader;
  now?: () => Date;
}

export interface WatchSettings {
  /** Time between rechecks, in milliseconds. */
  every: number;
  until: Date;
  /** Shown in messages; defaults to the user id. */
  userPrincipalName?: string;
  /** Findings the conversation has seen already, e.g. those of the report that started the watch. */
  known?: readonly Finding[];
}

export type RecheckResult =
  | { ok: true; job: WatchJob; findings: Finding[]; report: Report }
  | { ok: false; job: WatchJob; error: FirebreakError };

export class WatchService {
  private readonly store: WatchStore;
  private readonly now: () => Date;

  constructor(private readonly options: WatchServiceOptions) {
    this.store = new WatchStore(options.dataDir);
    this.now = options.now ?? (() => new Date());
  }

  /** Starts watching, or replaces the same user's watch in the same conversation. */
  watch(userId: string, conversation: WatchConversation, settings: WatchSettings): WatchJob {
    const now = this.now();
    if (!(settings.every > 0)) {
      throw new RangeError(
        `every must be a positive number of milliseconds, got ${settings.every}`,
      );
    }
    if (settings.until <= now) {
      throw new RangeError(
        `until ${settings.until.toISOString()} is not after now (${now.toISOString()}); pass a later end`,
      );
    }
    const job: WatchJob = {
      userId,
      userPrincipalName: settings.userPrincipalName ?? userId,
      conversationId: conversation.conversation.id,
      conversation,
      everyMs: settings.every,
      until: settings.until.toISOString(),
      createdAt: now.toISOString(),
      lastRunAt: now.toISOString(),
      nextRunAt: new Date(now.getTime() + settings.every).toISOString(),
      seen: [...new Set((settings.known ?? []).map(findingKey))],
    };
    this.store.put(job);
    return job;
  }

  /** Stops the watch; returns false when the user was not watched in that conversation. */
  unwatch(userId: string, conversationId: string): boolean {
    return this.store.delete(userId, conversationId);
  }

  /** Returns the jobs to recheck now and moves each one's next run an interval later. */
  due(now: Date = this.now()): WatchJob[] {
    return this.store.claimDue(now);
  }

  /** Removes and returns the watches that have ended, so the bot can post that each one ended. */
  ended(now: Date = this.now()): WatchJob[] {
    return this.store.takeEnded(now);
  }

  list(): WatchJob[] {
    return this.store.list();
  }

  /**
   * Checks the user from the last run to now and returns the findings not reported before. A
   * failed check leaves `lastRunAt` where it was, so the next recheck reads the missed time.
   */
  async recheck(job: WatchJob): Promise<RecheckResult> {
    const now = this.now();
    const outcome = await investigate(this.options.createReader(), {
      user: job.userId,
      since: new Date(job.lastRunAt),
      now,
    });
    if (!outcome.ok) return { ok: false, job, error: outcome.error };

    // Read again: the store may have moved on while Graph was read, and the calls from here on
    // are synchronous, so no other turn of this process runs in between.
    const stored = this.store.get(job.userId, job.conversationId);
    const seen = new Set((stored ?? job).seen);
    const findings = newFindings(outcome.report.findings, seen);
    for (const finding of findings) seen.add(findingKey(finding));
    const updated: WatchJob = { ...(stored ?? job), lastRunAt: now.toISOString(), seen: [...seen] };
    // A watch stopped while the recheck ran stays stopped.
    if (stored !== undefined) this.store.put(updated);
    return { ok: true, job: updated, findings, report: outcome.report };
  }

  close(): void {
    this.store.close();
  }
}
