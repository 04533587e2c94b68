/**
 * Starts Firebreak instances as child processes (test/storage/botInstance.ts) that share one
 * Azurite account and one local Graph tenant, for tests of several instances.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const ENTRY = path.join(__dirname, 'botInstance.ts');

export interface Instance {
  pid: number;
  url: string;
  /** Ends the process at once, as a crash would. */
  kill(): Promise<void>;
  /** Asks the process to stop and waits for it. */
  stop(): Promise<void>;
  stderr: string[];
}

export async function startInstance(env: NodeJS.ProcessEnv, timeoutMs = 30_000): Promise<Instance> {
  const child = spawn(process.execPath, ['--require', 'tsx/cjs', ENTRY], {
    cwd: path.join(__dirname, '..', '..'),
    env: { PATH: process.env.PATH, PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stderr: string[] = [];
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString('utf8')));
  const url = await readyUrl(child, stderr, timeoutMs).catch(async (error: unknown) => {
    await ended(child, 'SIGKILL');
    throw error;
  });
  return {
    pid: child.pid ?? 0,
    url,
    stderr,
    kill: () => ended(child, 'SIGKILL'),
    stop: () => ended(child, 'SIGTERM'),
  };
}

function readyUrl(child: ChildProcess, stderr: string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      reject(new Error(`instance not ready within ${timeoutMs} ms: ${stderr.join('')}`));
    }, timeoutMs);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /\{"ready":"([^"]+)"\}/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`instance exited with ${String(code)} before ready: ${stderr.join('')}`));
    });
  });
}

function ended(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}
