/**
 * A durable work queue with visibility timeouts, as Azure Storage queues define them: a received
 * message stays invisible to other receivers for a lease, the receiver extends the lease while it
 * works and deletes the message when done, and a message whose receiver died shows again when its
 * lease runs out. Both backends (SQLite and Azure Storage) implement `MessageStore`.
 */

export interface QueueMessage {
  id: string;
  /** Proof of the current lease; extending or deleting needs the newest one. */
  receipt: string;
  body: string;
  /** How many times the message was received, this time included. */
  dequeueCount: number;
}

export interface MessageStore {
  /** Adds a message that no receiver sees for `invisibleSeconds` (0: at once). */
  send(body: string, invisibleSeconds: number): Promise<{ id: string; receipt: string }>;
  /** Takes the oldest visible message and hides it for `visibilitySeconds`. */
  receive(visibilitySeconds: number): Promise<QueueMessage | undefined>;
  /** Hides the message for another `visibilitySeconds`; returns the new receipt. */
  extend(id: string, receipt: string, visibilitySeconds: number): Promise<string>;
  delete(id: string, receipt: string): Promise<void>;
  close(): Promise<void>;
}

/** What a worker gets with each job. */
export interface Delivery {
  jobId: string;
  dequeueCount: number;
}

export type JobHandler<T> = (job: T, delivery: Delivery) => Promise<void>;

/** A job this process works on itself while the queue keeps it as a fallback. */
export interface HeldJob {
  readonly jobId: string;
  /** Deletes the job; call when the work is finished or was never started. */
  release(): Promise<void>;
}

/** Raised when a lease ran out and another receiver took the message. */
export class LeaseLostError extends Error {
  constructor(id: string) {
    super(`lease of queue message ${id} was lost: it ran out and another receiver may hold it`);
    this.name = 'LeaseLostError';
  }
}
