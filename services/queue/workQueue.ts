/**
 * Jobs of one kind on a `MessageStore`. A worker started with `start` polls for visible jobs,
 * keeps each one's lease while its handler runs, and deletes the job when the handler returns.
 * A handler that throws leaves the job to show again after its lease; after `maxDeliveries`
 * receipts the job is logged and dropped.
 */
import type { Logger } from '../log';
import {
  LeaseLostError,
  type Delivery,
  type HeldJob,
  type JobHandler,
  type MessageStore,
  type QueueMessage,
} from './types';

export interface WorkQueueOptions {
  store: MessageStore;
  /** Name for logs, e.g. "remediation". */
  name: string;
  log: Logger;
  /** How long a job stays hidden after it was received or its lease was renewed. */
  leaseSeconds: number;
  /** Pause between polls when the queue is empty; default 1000 ms. */
  pollMs?: number;
  /** Receipts after which a failing job is dropped; default 5. */
  maxDeliveries?: number;
}

export class WorkQueue<T> {
  private readonly pollMs: number;
  private readonly maxDeliveries: number;
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;

  constructor(private readonly options: WorkQueueOptions) {
    this.pollMs = options.pollMs ?? 1000;
    this.maxDeliveries = options.maxDeliveries ?? 5;
  }

  /** Adds a job that any worker may take at once. */
  async enqueue(job: T): Promise<string> {
    const sent = await this.options.store.send(JSON.stringify(job), 0);
    return sent.id;
  }

  /**
   * Adds a job that this process works on itself. The job stays hidden while this process
   * renews its lease; if the process dies, the job shows after the lease and a worker takes it.
   */
  async hold(job: T): Promise<HeldJob> {
    const { store, leaseSeconds } = this.options;
    const sent = await store.send(JSON.stringify(job), leaseSeconds);
    const lease = new Lease(store, sent.id, sent.receipt, leaseSeconds, this.options.log);
    return { jobId: sent.id, release: () => lease.finish() };
  }

  /** Starts polling; each job goes to `handler` one at a time. */
  start(handler: JobHandler<T>): void {
    if (this.running) throw new Error(`work queue ${this.options.name} is already started`);
    this.running = true;
    this.loop = this.poll(handler);
  }

  /** Stops polling and waits for the job in hand, if any. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  private async poll(handler: JobHandler<T>): Promise<void> {
    const { store, leaseSeconds, log, name } = this.options;
    while (this.running) {
      let message: QueueMessage | undefined;
      try {
        message = await store.receive(leaseSeconds);
      } catch (error) {
        log.error({ err: error, queue: name }, 'work queue receive failed');
      }
      if (message === undefined) {
        await this.pause();
        continue;
      }
      await this.handle(message, handler);
    }
  }

  private async handle(message: QueueMessage, handler: JobHandler<T>): Promise<void> {
    const { store, leaseSeconds, log, name } = this.options;
    const context = { queue: name, jobId: message.id, dequeueCount: message.dequeueCount };
    const lease = new Lease(store, message.id, message.receipt, leaseSeconds, log);
    if (message.dequeueCount > this.maxDeliveries) {
      log.error(context, 'job dropped after too many failed deliveries');
      await lease.finish();
      return;
    }
    let job: T;
    try {
      job = JSON.parse(message.body) as T;
    } catch (error) {
      log.error({ ...context, err: error }, 'job dropped: its body is not JSON');
      await lease.finish();
      return;
    }
    const delivery: Delivery = { jobId: message.id, dequeueCount: message.dequeueCount };
    try {
      await handler(job, delivery);
      await lease.finish();
    } catch (error) {
      lease.abandon();
      log.error({ ...context, err: error }, 'job failed; it shows again after its lease');
    }
  }

  private pause(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, this.pollMs);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}

/** Renews a message's lease at a third of its length until the work finishes. */
class Lease {
  private readonly timer: NodeJS.Timeout;
  private renewal: Promise<void> = Promise.resolve();
  private lost = false;

  constructor(
    private readonly store: MessageStore,
    private readonly id: string,
    private receipt: string,
    leaseSeconds: number,
    private readonly log: Logger,
  ) {
    this.timer = setInterval(
      () => {
        this.renewal = this.renew(leaseSeconds);
      },
      (leaseSeconds * 1000) / 3,
    );
    this.timer.unref();
  }

  /** Stops renewing and deletes the message. */
  async finish(): Promise<void> {
    clearInterval(this.timer);
    await this.renewal;
    if (this.lost) return;
    try {
      await this.store.delete(this.id, this.receipt);
    } catch (error) {
      if (!(error instanceof LeaseLostError)) throw error;
      this.log.warn({ jobId: this.id }, 'job finished after its lease was lost');
    }
  }

  /** Stops renewing, so the message shows again when the lease runs out. */
  abandon(): void {
    clearInterval(this.timer);
  }

  private async renew(leaseSeconds: number): Promise<void> {
    if (this.lost) return;
    try {
      this.receipt = await this.store.extend(this.id, this.receipt, leaseSeconds);
    } catch (error) {
      this.lost = error instanceof LeaseLostError;
      this.log.warn({ err: error, jobId: this.id }, 'job lease renewal failed');
      if (this.lost) clearInterval(this.timer);
    }
  }
}
