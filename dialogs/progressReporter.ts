/**
 * Shows what a running check is reading by updating its acknowledgement card, at most once per
 * interval, so the chat shows progress instead of silence without flooding the connector.
 * The newest status wins: statuses reported within one interval replace each other.
 */
import type { ProgressStage } from '../services/investigation/investigate';
import type { Logger } from '../services/log';

/** Minimum time between two updates of the acknowledgement card. */
export const PROGRESS_INTERVAL_MS = 2_000;

export function describeStage(stage: ProgressStage, detail: string): string {
  switch (stage) {
    case 'resolving-user':
      return `Looking up ${detail} in Entra ID.`;
    case 'reading-graph':
      return `Reading sign-ins, audit logs, apps, consents, authentication methods, inbox rules, mail and devices of ${detail}.`;
    case 'assembling':
      return 'Putting the report together.';
  }
}

export class ProgressReporter {
  // The acknowledgement was just sent, so the first update waits for one interval too.
  private lastSentAt = Date.now();
  private pending: string | undefined;
  private timer: NodeJS.Timeout | undefined;
  private sending: Promise<void> = Promise.resolve();

  constructor(
    private readonly update: (status: string) => Promise<void>,
    private readonly log: Logger,
    private readonly intervalMs = PROGRESS_INTERVAL_MS,
  ) {}

  /** Queues `status`; it is shown at once or when the interval since the last update ends. */
  report(status: string): void {
    this.pending = status;
    if (this.timer !== undefined) return;
    const wait = this.lastSentAt + this.intervalMs - Date.now();
    if (wait <= 0) {
      this.flush();
      return;
    }
    this.timer = setTimeout(() => this.flush(), wait);
  }

  /** Shows the last status, still keeping the interval, and resolves when it was sent. */
  async finish(status: string): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = undefined;
    const wait = this.lastSentAt + this.intervalMs - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    this.pending = status;
    this.flush();
    await this.sending;
  }

  private flush(): void {
    this.timer = undefined;
    const status = this.pending;
    if (status === undefined) return;
    this.pending = undefined;
    this.lastSentAt = Date.now();
    this.sending = this.sending
      .then(() => this.update(status))
      .catch((error: unknown) => {
        this.log.warn({ err: error }, 'progress update failed');
      });
  }
}
