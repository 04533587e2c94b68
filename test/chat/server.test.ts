import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { PassThrough } from 'node:stream';
import { startLocalBot, type LocalBot } from '../../chat/localBot';
import { PERSONAS, withDemoGroups } from '../../chat/personas';
import { startChatServer, type ChatServer } from '../../chat/server';

const ROOT = path.join(__dirname, '..', '..');

function tempDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'firebreak-chat-'));
}

async function postJson(
  url: string,
  body: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('local chat server', function () {
  this.timeout(60_000);
  let bot: LocalBot;
  let chat: ChatServer;

  before(async () => {
    const env = withDemoGroups({ PORT: '0', FIREBREAK_DATA_DIR: tempDir(), LOG_LEVEL: 'warn' });
    bot = await startLocalBot({ env, logDestination: new PassThrough().resume() });
    chat = await startChatServer({ messagesUrl: bot.messagesUrl, port: 0 });
  });
  after(async () => {
    await chat?.close();
    await bot?.close();
  });

  it('serves the adaptivecards bundle from node_modules', async () => {
    const response = await fetch(`${chat.url}vendor/adaptivecards.min.js`);
    const bundle = path.join(
      path.dirname(require.resolve('adaptivecards/package.json')),
      'dist',
      'adaptivecards.min.js',
    );
    assert.equal(response.status, 200);
    assert.equal(await response.text(), readFileSync(bundle, 'utf8'));
  });

  it('binds 127.0.0.1 only', () => {
    assert.match(chat.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('request for another host name is rejected', async () => {
    // fetch() sets Host itself, so node:http sends the name a rebinding page would use.
    const port = new URL(chat.url).port;
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const request = http.get(
        { host: '127.0.0.1', port, path: '/', headers: { Host: `rebound.example:${port}` } },
        (response) => {
          response.resume();
          resolve(response.statusCode);
        },
      );
      request.on('error', reject);
    });
    assert.equal(status, 403);
  });

  it('form post without JSON is rejected', async () => {
    const response = await fetch(`${chat.url}chat/send`, {
      method: 'POST',
      body: 'persona=riley&text=help',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(response.status, 415);
  });

  it('unknown persona is rejected with the field', async () => {
    const answer = await postJson(`${chat.url}chat/send`, { persona: 'mallory', text: 'help' });
    assert.equal(answer.status, 400);
    assert.match(String(answer.body.error), /persona/);
  });

  it('message reaches the bot and its reply the transcript', async () => {
    const answer = await postJson(`${chat.url}chat/send`, { persona: 'morgan', text: 'help' });
    assert.equal(answer.status, 200);
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && !chat.transcript.list().some((e) => e.from === 'bot')) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const reply = chat.transcript.list().find((e) => e.from === 'bot');
    assert.equal(reply?.attachments[0]?.contentType, 'application/vnd.microsoft.card.adaptive');
    assert.equal(chat.transcript.list()[0].fromName, 'Morgan Lee');
  });

  it('connector update replaces the activity for everyone', async () => {
    const entry = chat.transcript.add({
      id: 'bot-fixed',
      from: 'bot',
      fromName: 'Firebreak',
      text: 'old',
      attachments: [],
      timestamp: new Date().toISOString(),
    });
    chat.transcript.showToUser(entry.id, 'riley', { type: 'AdaptiveCard' }, entry.version);
    const conversation = encodeURIComponent('19:firebreak-local-chat@thread.v2');
    const response = await fetch(
      `${chat.url}v3/conversations/${conversation}/activities/bot-fixed`,
      {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ type: 'message', text: 'new' }),
      },
    );
    assert.equal(response.status, 200);
    assert.equal(chat.transcript.get('bot-fixed')?.text, 'new');
    assert.deepEqual(chat.transcript.get('bot-fixed')?.userCards, {});
  });

  it('update of an unknown activity answers 404', async () => {
    const conversation = encodeURIComponent('19:firebreak-local-chat@thread.v2');
    const response = await fetch(`${chat.url}v3/conversations/${conversation}/activities/missing`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ type: 'message', text: 'x' }),
    });
    assert.equal(response.status, 404);
  });

  it('invoke response older than an update is not shown', () => {
    const entry = chat.transcript.add({
      id: 'bot-race',
      from: 'bot',
      fromName: 'Firebreak',
      text: '',
      attachments: [],
      timestamp: new Date().toISOString(),
    });
    chat.transcript.update(entry.id, 'newer', []);
    assert.equal(
      chat.transcript.showToUser(entry.id, 'jordan', { type: 'AdaptiveCard' }, entry.version),
      false,
    );
    assert.deepEqual(chat.transcript.get(entry.id)?.userCards, {});
  });

  it('press on an unknown card answers 404', async () => {
    const action = { type: 'Action.Execute', verb: 'firebreak.refresh', data: { requestId: 'x' } };
    const answer = await postJson(`${chat.url}chat/invoke`, {
      persona: 'riley',
      cardId: 'missing',
      action,
    });
    assert.equal(answer.status, 404);
  });
});

describe('local chat personas', () => {
  const tenant = JSON.parse(
    readFileSync(path.join(ROOT, 'emulator', 'tenants', 'contoso-phish.json'), 'utf8'),
  ) as { users: { id: string; userPrincipalName: string }[] };

  for (const persona of PERSONAS) {
    it(`${persona.name} exists in the demo tenant`, () => {
      const user = tenant.users.find((u) => u.id === persona.aadObjectId);
      assert.equal(user?.userPrincipalName, persona.userPrincipalName);
    });
  }

  it('groups set in the environment are kept', () => {
    const env = withDemoGroups({
      FIREBREAK_APPROVER_GROUP: 'ea817ccb-e7aa-4719-84b4-29d56fcaba10',
    });
    assert.equal(env.FIREBREAK_APPROVER_GROUP, 'ea817ccb-e7aa-4719-84b4-29d56fcaba10');
    assert.equal(env.FIREBREAK_RESPONDER_GROUP, 'fad6995a-76fc-4fe1-aa61-f76871e501b6');
  });
});

describe('npm run chat entry point', function () {
  this.timeout(60_000);

  function run(env: NodeJS.ProcessEnv) {
    return spawn(
      process.execPath,
      ['--require', 'tsx/cjs', path.join(ROOT, 'scripts', 'chat.ts'), '--port', '0'],
      {
        cwd: ROOT,
        env: { PATH: process.env.PATH, PORT: '0', FIREBREAK_DATA_DIR: tempDir(), ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
  }

  it('prints the page URL as its first line', async () => {
    const child = run({});
    try {
      const first = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout }).once('line', resolve);
        child.once('exit', (code) =>
          reject(new Error(`scripts/chat.ts exited with ${code} before printing`)),
        );
      });
      assert.match(first, /^http:\/\/127\.0\.0\.1:\d+\/$/);
      const page = await fetch(first);
      assert.equal(page.status, 200);
    } finally {
      child.kill('SIGTERM');
    }
  });

  it('Graph credentials stop it with the reason', async () => {
    const child = run({
      AZURE_TENANT_ID: 't',
      AZURE_CLIENT_ID: 'c',
      AZURE_CLIENT_SECRET: 'not-a-real-secret',
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    assert.equal(code, 1);
    assert.match(stderr, /only on a local tenant/);
  });
});
