import { randomBytes } from 'node:crypto';
import { TableClient } from '@azure/data-tables';
import { SqliteLedger } from '../../services/ledger/sqliteLedger';
import { TableLedger } from '../../services/ledger/tableLedger';
import { startAzurite, type RunningAzurite } from '../support/azurite';
import { tempDir } from '../services/ledger/fixtures';
import { ledgerContract } from './ledgerContract';

describe('ledger contract on SQLite', () => {
  let temp: ReturnType<typeof tempDir> | undefined;

  ledgerContract({
    open: (now) => {
      temp = tempDir();
      return Promise.resolve(new SqliteLedger({ dataDir: temp.dir, now }));
    },
    reopen: () => Promise.resolve(new SqliteLedger({ dataDir: temp?.dir ?? '' })),
    remove: () => {
      temp?.remove();
      return Promise.resolve();
    },
  });
});

describe('ledger contract on Azure Table storage', function () {
  this.timeout(60_000);
  let azurite: RunningAzurite | undefined;
  let tableName = '';

  before(async () => {
    azurite = await startAzurite();
  });

  after(async () => {
    await azurite?.stop();
  });

  const client = () =>
    TableClient.fromConnectionString(azurite?.connectionString ?? '', tableName, {
      allowInsecureConnection: true,
    });

  ledgerContract({
    open: (now) => {
      tableName = `ledger${randomBytes(6).toString('hex')}`;
      return Promise.resolve(new TableLedger({ client: client(), now }));
    },
    reopen: () => Promise.resolve(new TableLedger({ client: client() })),
    remove: () => client().deleteTable(),
  });
});
