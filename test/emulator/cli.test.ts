import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { Agent, request } from 'undici';
import { baseTenant } from './helpers';

const ROOT = resolve(__dirname, '..', '..');
const TSX = join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');

function startCli(args: string[]): { child: ChildProcess; lines: Promise<string[]> } {
  const child = spawn(process.execPath, [TSX, join(ROOT, 'emulator', 'cli.ts'), ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines = new Promise<string[]>((resolveLines, reject) => {
    const collected: string[] = [];
    const reader = createInterface({ input: child.stdout });
    reader.on('line', (line) => {
      collected.push(line);
      if (collected.length === 2) resolveLines(collected);
    });
    child.once('exit', (code) => reject(new Error(`CLI exited with ${code} before printing`)));
  });
  return { child, lines };
}

function exitCode(child: ChildProcess): Promise<number | null> {
  return new Promise((resolveExit) => child.once('exit', (code) => resolveExit(code)));
}

describe('emulator CLI', function () {
  // Each case starts tsx in a child process, which takes a second or two.
  this.timeout(20_000);

  it('prints URL then CA path and stops on SIGTERM', async () => {
    const tenantPath = join(mkdtempSync(join(tmpdir(), 'cli-tenant-')), 'tenant.json');
    writeFileSync(tenantPath, JSON.stringify(baseTenant()));
    const { child, lines } = startCli(['--tenant', tenantPath, '--no-budget']);
    try {
      const [url, caPath] = await lines;
      assert.match(url, /^https:\/\/127\.0\.0\.1:\d+$/);
      assert.ok(existsSync(caPath));
      const dispatcher = new Agent({ connect: { ca: readFileSync(caPath, 'utf8') } });
      const response = await request(`${url}/v1.0/users`, {
        headers: { authorization: 'Bearer t' },
        dispatcher,
      });
      const body = (await response.body.json()) as { value: unknown[] };
      await dispatcher.close();
      assert.equal(response.statusCode, 200);
      assert.equal(body.value.length, 5);
      const exited = exitCode(child);
      child.kill('SIGTERM');
      assert.equal(await exited, 0);
      assert.equal(existsSync(caPath), false);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });

  it('bad tenant path exits non-zero naming it', async () => {
    const child = spawn(
      process.execPath,
      [TSX, join(ROOT, 'emulator', 'cli.ts'), '--tenant', '/nope.json'],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    assert.equal(await exitCode(child), 1);
    assert.match(stderr, /\/nope\.json/);
  });

  it('unknown option exits 2 with usage', async () => {
    const child = spawn(process.execPath, [TSX, join(ROOT, 'emulator', 'cli.ts'), '--bogus'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    assert.equal(await exitCode(child), 2);
    assert.match(stderr, /Unknown option '--bogus'/);
    assert.match(stderr, /Usage:/);
  });
});
