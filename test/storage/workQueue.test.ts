import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { QueueClient } from '@azure/storage-queue';
import { createLogger } from '../../services/log';
import { SqliteMessageStore } from '../../services/queue/sqliteMessageStore';
import { StorageQueueMessageStore } from '../../services/queue/storageQueueMessageStore';
import { LeaseLostError, type Delivery, type MessageStore } from '../../services/queue/types';
import { WorkQueue } from '../../services/queue/workQueue';
import { tempDir } from '../services/ledger/fixtures';
import { startAzurite, type RunningAzurite } from '../support/azurite';

interface Job {
  n: number;
}

const log = createLogger({ level: 'silent' });

function queueContract(openStore: () => Promise<MessageStore>): void {
  let store: MessageStore;
  let queue: WorkQueue<Job>;

  beforeEach(async () => {
    store = await openStore();
    queue = new WorkQueue<Job>({ store, name: 'test', log, leaseSeconds: 1, pollMs: 100 });
  });

  afterEach(async () => {
    await queue.stop();
    await store.close();
  });

  /** Collects what the worker receives until `count` jobs arrived or `timeoutMs` passed. */
  async function collect(
    handler: (job: Job, delivery: Delivery) => Promise<void>,
    count: number,
    timeoutMs: number,
  ): Promise<{ job: Job; delivery: Delivery }[]> {
    const seen: { job: Job; delivery: Delivery }[] = [];
    queue.start(async (job, delivery) => {
      seen.push({ job, delivery });
      await handler(job, delivery);
    });
    const deadline = Date.now() + timeoutMs;
    while (seen.length < count && Date.now() < deadline) await sleep(50);
    return seen;
  }

  it('enqueued job reaches the worker once', async () => {
    await queue.enqueue({ n: 1 });
    const seen = await collect(() => Promise.resolve(), 2, 2500);
    assert.deepEqual(
      seen.map((each) => each.job),
      [{ n: 1 }],
    );
    assert.equal(await store.receive(1), undefined);
  });

  it('held job stays hidden while its lease is renewed', async () => {
    const held = await queue.hold({ n: 2 });
    await sleep(2500);
    assert.equal(await store.receive(1), undefined);
    await held.release();
    await sleep(1200);
    assert.equal(await store.receive(1), undefined);
  });

  it('job nobody renews shows after its lease', async () => {
    await store.send(JSON.stringify({ n: 3 }), 1);
    assert.equal(await store.receive(1), undefined);
    const seen = await collect(() => Promise.resolve(), 1, 4000);
    assert.deepEqual(seen[0]?.job, { n: 3 });
  });

  it('long job keeps its lease while the handler runs', async () => {
    await queue.enqueue({ n: 4 });
    const seen = await collect(() => sleep(2500), 2, 4000);
    assert.equal(seen.length, 1);
  });

  it('failed job shows again with a higher dequeue count', async () => {
    await queue.enqueue({ n: 5 });
    let fail = true;
    const seen = await collect(
      () => {
        if (!fail) return Promise.resolve();
        fail = false;
        return Promise.reject(new Error('first delivery fails'));
      },
      2,
      5000,
    );
    assert.deepEqual(
      seen.map((each) => each.delivery.dequeueCount),
      [1, 2],
    );
  });

  it('stale receipt loses the lease', async () => {
    await store.send(JSON.stringify({ n: 6 }), 0);
    const first = await store.receive(1);
    assert.ok(first);
    const renewed = await store.extend(first.id, first.receipt, 1);
    await assert.rejects(store.extend(first.id, first.receipt, 1), LeaseLostError);
    await assert.rejects(store.delete(first.id, first.receipt), LeaseLostError);
    await store.delete(first.id, renewed);
  });
}

describe('work queue on SQLite', () => {
  const temps: ReturnType<typeof tempDir>[] = [];
  after(() => temps.forEach((temp) => temp.remove()));

  queueContract(() => {
    const temp = tempDir();
    temps.push(temp);
    return Promise.resolve(new SqliteMessageStore({ dataDir: temp.dir, queue: 'test' }));
  });

  it('job survives a restart', async () => {
    const temp = tempDir();
    temps.push(temp);
    const first = new SqliteMessageStore({ dataDir: temp.dir, queue: 'test' });
    await first.send('{"n":7}', 0);
    await first.close();
    const second = new SqliteMessageStore({ dataDir: temp.dir, queue: 'test' });
    const message = await second.receive(1);
    await second.close();
    assert.equal(message?.body, '{"n":7}');
  });
});

describe('work queue on Azure Storage queues', function () {
  this.timeout(60_000);
  let azurite: RunningAzurite | undefined;

  before(async () => {
    azurite = await startAzurite();
  });

  after(async () => {
    await azurite?.stop();
  });

  queueContract(() => {
    const name = `test-${randomBytes(6).toString('hex')}`;
    const client = new QueueClient(azurite?.connectionString ?? '', name);
    return Promise.resolve(new StorageQueueMessageStore(client));
  });
});
