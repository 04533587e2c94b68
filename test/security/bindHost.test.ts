import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ActivityHandler, MiddlewareSet } from 'botbuilder';
import { createAdapter } from '../../bots/adapter';
import { startServer } from '../../bots/server';
import { loadConfig } from '../../services/config';
import { FirebreakError } from '../../services/errors';
import { silentLogger } from '../../services/log';

const ROOT = path.join(__dirname, '..', '..');
const APP = {
  MicrosoftAppId: '6f1c3a52-2b7e-4f0e-9d0a-5c1e8b7a9f31',
  MicrosoftAppPassword: 'test-only',
};

function configError(env: NodeJS.ProcessEnv): string {
  try {
    loadConfig(env);
  } catch (error) {
    assert.ok(error instanceof FirebreakError);
    return error.message;
  }
  return 'no error';
}

describe('listening address', () => {
  it('local mode listens on 127.0.0.1 by default', () => {
    assert.equal(loadConfig({}).bindHost, '127.0.0.1');
  });

  it('with an app id, all interfaces by default', () => {
    assert.equal(loadConfig(APP).bindHost, '0.0.0.0');
  });

  it('with an app id, any address is accepted', () => {
    assert.equal(loadConfig({ ...APP, FIREBREAK_BIND_HOST: '10.1.2.3' }).bindHost, '10.1.2.3');
  });

  for (const host of ['127.0.0.1', '127.0.0.2', '::1', 'localhost']) {
    it(`local mode accepts loopback ${host}`, () => {
      assert.equal(loadConfig({ FIREBREAK_BIND_HOST: host }).bindHost, host);
    });
  }

  for (const host of [
    '0.0.0.0',
    '::',
    '192.168.1.20',
    'firebreak.contoso.com',
    '127.0.0.1.example.com',
  ]) {
    it(`local mode rejects ${host}`, () => {
      const message = configError({ FIREBREAK_BIND_HOST: host });
      assert.match(message, /FIREBREAK_BIND_HOST/);
      assert.match(message, new RegExp(JSON.stringify(host).replace(/[.]/g, '\\.')));
      assert.match(message, /set MicrosoftAppId/);
    });
  }

  it('server refuses a wildcard address in local mode', async () => {
    const options = {
      adapter: createAdapter(
        { appId: '', appPassword: '', appType: 'MultiTenant', appTenantId: '' },
        silentLogger,
      ),
      bot: new ActivityHandler(),
      guards: new MiddlewareSet(),
      log: silentLogger,
      port: 0,
      host: '0.0.0.0',
      localMode: true,
    };
    await assert.rejects(startServer(options), /would listen on 0\.0\.0\.0 in local mode/);
  });

  it('start-up stops with the variable named', function () {
    this.timeout(60_000);
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'firebreak-bind-'));
    const env = {
      PATH: process.env.PATH,
      HOME: os.tmpdir(),
      FIREBREAK_BIND_HOST: '0.0.0.0',
      FIREBREAK_DATA_DIR: dataDir,
      PORT: '0',
    };
    const run = spawnSync(process.execPath, ['--require', 'tsx/cjs', 'index.ts'], {
      cwd: ROOT,
      env,
      encoding: 'utf8',
      timeout: 50_000,
    });
    assert.equal(run.status, 1);
    assert.match(
      run.stderr,
      /firebreak failed to start: configuration invalid: FIREBREAK_BIND_HOST is "0\.0\.0\.0"/,
    );
    assert.equal(run.stdout, '', 'nothing started, so nothing was logged');
  });
});
