/**
 * Queue messages in an Azure Storage queue (`@azure/storage-queue`), shared by every instance
 * that uses the same storage account.
 */
import type { QueueClient } from '@azure/storage-queue';
import { hasStatus } from '../ledger/tableStore';
import { LeaseLostError, type MessageStore, type QueueMessage } from './types';

export class StorageQueueMessageStore implements MessageStore {
  private ready?: Promise<unknown>;

  constructor(private readonly client: QueueClient) {}

  async send(body: string, invisibleSeconds: number): Promise<{ id: string; receipt: string }> {
    await this.queue();
    const sent = await this.client.sendMessage(body, { visibilityTimeout: invisibleSeconds });
    return { id: sent.messageId, receipt: sent.popReceipt };
  }

  async receive(visibilitySeconds: number): Promise<QueueMessage | undefined> {
    await this.queue();
    const received = await this.client.receiveMessages({
      numberOfMessages: 1,
      visibilityTimeout: visibilitySeconds,
    });
    const message = received.receivedMessageItems[0];
    if (message === undefined) return undefined;
    return {
      id: message.messageId,
      receipt: message.popReceipt,
      body: message.messageText,
      dequeueCount: message.dequeueCount,
    };
  }

  async extend(id: string, receipt: string, visibilitySeconds: number): Promise<string> {
    try {
      const updated = await this.client.updateMessage(id, receipt, undefined, visibilitySeconds);
      if (updated.popReceipt === undefined) throw new LeaseLostError(id);
      return updated.popReceipt;
    } catch (error) {
      if (leaseLost(error)) throw new LeaseLostError(id);
      throw error;
    }
  }

  async delete(id: string, receipt: string): Promise<void> {
    try {
      await this.client.deleteMessage(id, receipt);
    } catch (error) {
      if (leaseLost(error)) throw new LeaseLostError(id);
      throw error;
    }
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  /** Creates the queue once; an existing queue is kept. */
  private async queue(): Promise<void> {
    this.ready ??= this.client.createIfNotExists().catch((error: unknown) => {
      this.ready = undefined;
      throw error;
    });
    await this.ready;
  }
}

/** 404: the message is gone; 400 PopReceiptMismatch: another receiver took it since. */
function leaseLost(error: unknown): boolean {
  if (hasStatus(error, 404)) return true;
  const code =
    typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : '';
  return hasStatus(error, 400) && code === 'PopReceiptMismatch';
}
