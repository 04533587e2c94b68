/**
 * Starts Azurite (blob, queue and table) in memory on free loopback ports, as a child process
 * whose PID is the server's own, so that `stop` ends exactly that server.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Azurite's documented development account; it guards nothing outside the emulator. */
const ACCOUNT = 'devstoreaccount1';
const ACCOUNT_KEY =
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

const SCRIPT = path.join(
  __dirname,
  '..',
  '..',
  'node_modules',
  'azurite',
  'dist',
  'src',
  'azurite.js',
);

export interface RunningAzurite {
  pid: number;
  /** Connection string with all three endpoints, as AZURE_STORAGE_CONNECTION_STRING takes it. */
  connectionString: string;
  stop(): Promise<void>;
}

export async function startAzurite(timeoutMs = 20_000): Promise<RunningAzurite> {
  const location = mkdtempSync(path.join(os.tmpdir(), 'firebreak-azurite-'));
  const args = [
    SCRIPT,
    '--inMemoryPersistence',
    '--extentMemoryLimit',
    '256',
    '--skipApiVersionCheck',
    '--disableTelemetry',
    '--silent',
    '--loose',
    ...['blob', 'queue', 'table'].flatMap((service) => [
      `--${service}Host`,
      '127.0.0.1',
      `--${service}Port`,
      '0',
    ]),
  ];
  // The working directory is a temp dir, so anything Azurite writes there is removed with it.
  const child = spawn(process.execPath, args, { cwd: location, stdio: ['ignore', 'pipe', 'pipe'] });
  const cleanUp = () => rmSync(location, { recursive: true, force: true });
  try {
    const ports = await readPorts(child, timeoutMs);
    const endpoint = (kind: string, port: number) =>
      `${kind}Endpoint=http://127.0.0.1:${port}/${ACCOUNT};`;
    const connectionString =
      `DefaultEndpointsProtocol=http;AccountName=${ACCOUNT};AccountKey=${ACCOUNT_KEY};` +
      endpoint('Blob', ports.blob) +
      endpoint('Queue', ports.queue) +
      endpoint('Table', ports.table);
    return {
      pid: child.pid ?? 0,
      connectionString,
      stop: () => stopChild(child).finally(cleanUp),
    };
  } catch (error) {
    await stopChild(child);
    cleanUp();
    throw error;
  }
}

/** Waits for the three "successfully listening at http://127.0.0.1:PORT" lines. */
function readPorts(
  child: ChildProcess,
  timeoutMs: number,
): Promise<{ blob: number; queue: number; table: number }> {
  return new Promise((resolve, reject) => {
    const ports: Record<string, number> = {};
    let output = '';
    const timer = setTimeout(() => {
      reject(new Error(`Azurite did not listen within ${timeoutMs} ms; its output: ${output}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const pattern = /Azurite (Blob|Queue|Table) service is successfully listening at \S+:(\d+)/g;
      for (const match of output.matchAll(pattern))
        ports[match[1].toLowerCase()] = Number(match[2]);
      if (ports.blob && ports.queue && ports.table) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        child.stdout?.resume();
        child.stderr?.resume();
        resolve({ blob: ports.blob, queue: ports.queue, table: ports.table });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Azurite exited with code ${String(code)} before listening: ${output}`));
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) {
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
