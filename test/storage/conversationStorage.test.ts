import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { Storage, StoreItems } from 'botbuilder';
import { BlobsStorage } from 'botbuilder-azure-blobs';
import { SqliteStorage, createConversationStorage } from '../../bots/storage';
import { loadConfig } from '../../services/config';
import { tempDir } from '../services/ledger/fixtures';
import { startAzurite, type RunningAzurite } from '../support/azurite';

/** The stored item under `key` as a plain record. */
function itemOf(items: StoreItems, key: string): Record<string, unknown> | undefined {
  return items[key] as Record<string, unknown> | undefined;
}

function storageContract(open: () => Storage): void {
  let storage: Storage;

  beforeEach(() => {
    storage = open();
  });

  it('written item reads back with an eTag', async () => {
    await storage.write({ 'conv-1': { dialogState: { step: 'which-alex' } } });
    const items = await storage.read(['conv-1', 'missing']);
    assert.deepEqual(itemOf(items, 'conv-1')?.dialogState, { step: 'which-alex' });
    assert.equal(typeof itemOf(items, 'conv-1')?.eTag, 'string');
    assert.equal('missing' in items, false);
  });

  it('write with a stale eTag is rejected', async () => {
    await storage.write({ 'conv-2': { value: 1 } });
    const first = await storage.read(['conv-2']);
    const stale = first['conv-2'] as { eTag: string };
    await storage.write({ 'conv-2': { value: 2, eTag: stale.eTag } });
    await assert.rejects(storage.write({ 'conv-2': { value: 3, eTag: stale.eTag } }));
    assert.equal(itemOf(await storage.read(['conv-2']), 'conv-2')?.value, 2);
  });

  it('write with eTag star overwrites', async () => {
    await storage.write({ 'conv-3': { value: 1 } });
    await storage.write({ 'conv-3': { value: 2, eTag: '*' } });
    assert.equal(itemOf(await storage.read(['conv-3']), 'conv-3')?.value, 2);
  });

  it('deleted item is gone', async () => {
    await storage.write({ 'conv-4': { value: 1 } });
    await storage.delete(['conv-4']);
    assert.deepEqual(await storage.read(['conv-4']), {});
  });
}

describe('conversation state on SQLite', () => {
  let temp: ReturnType<typeof tempDir>;
  const opened: SqliteStorage[] = [];

  before(() => {
    temp = tempDir();
  });

  after(() => {
    opened.forEach((storage) => storage.close());
    temp.remove();
  });

  storageContract(() => {
    const storage = new SqliteStorage(temp.dir);
    opened.push(storage);
    return storage;
  });

  it('state survives a restart', async () => {
    const before = new SqliteStorage(temp.dir);
    await before.write({ 'conv-restart': { dialogState: { step: 'since' } } });
    before.close();
    const after = new SqliteStorage(temp.dir);
    opened.push(after);
    const items = await after.read(['conv-restart']);
    assert.deepEqual(itemOf(items, 'conv-restart')?.dialogState, { step: 'since' });
  });

  it('sqlite setting selects SQLite storage', () => {
    const storage = createConversationStorage(loadConfig({ FIREBREAK_DATA_DIR: temp.dir }));
    assert.ok(storage instanceof SqliteStorage);
    storage.close();
  });
});

describe('conversation state on Azure Blob storage', function () {
  this.timeout(60_000);
  let azurite: RunningAzurite | undefined;

  before(async () => {
    azurite = await startAzurite();
  });

  after(async () => {
    await azurite?.stop();
  });

  storageContract(() => {
    const prefix = `fb${randomBytes(4).toString('hex')}`;
    const config = loadConfig({
      FIREBREAK_STORAGE: 'azure',
      AZURE_STORAGE_CONNECTION_STRING: azurite?.connectionString,
      FIREBREAK_STORAGE_PREFIX: prefix,
    });
    const storage = createConversationStorage(config);
    assert.ok(storage instanceof BlobsStorage);
    return storage;
  });
});
