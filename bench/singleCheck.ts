/**
 * Measures one check of one user against a fresh local tenant. The emulator runs in this process
 * with the latency and the identity-report budget on. The check runs in a child process (see
 * checkProcess.ts), so that its memory and its client-side budget are its own.
 */
import { fork } from 'node:child_process';
import path from 'node:path';
import { startEmulator, type RecordedRequest } from '../emulator';
import type { CheckJob, CheckMeasurement, CheckMode } from './checkJob';
import { checkLimit, readKey, type CheckLimit } from './limit';

export interface Scenario {
  name: string;
  /** Path of the tenant snapshot; its dates are rebased to now. */
  tenant: string;
  user: string;
  latencyMs: number;
  /** Start of the window, as milliseconds before the check. */
  windowMs: number;
}

export interface GraphTraffic {
  /** HTTP requests the emulator served, where a `$batch` counts once. */
  httpRequests: number;
  /** Graph calls, counting each request inside a `$batch`. */
  calls: number;
  throttled: number;
  /** Distinct resources read, with their filters, to show both sides read the same data. */
  reads: string[];
}

export interface SingleCheckResult {
  scenario: string;
  /** The check ran in a process that had already run it once. */
  warm: boolean;
  check: CheckMeasurement;
  graph: GraphTraffic;
  limit: CheckLimit;
}

const CHILD = path.join(__dirname, 'checkProcess.ts');

/** Runs the check in a child process and resolves with what it measured. */
function runInChild(job: CheckJob): Promise<CheckMeasurement> {
  return new Promise((resolve, reject) => {
    const child = fork(CHILD, [], {
      execArgv: ['--require', require.resolve('tsx/cjs')],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let measurement: CheckMeasurement | undefined;
    child.once('message', (message) => {
      measurement = message as CheckMeasurement;
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (measurement !== undefined) resolve(measurement);
      else
        reject(
          new Error(
            `The measured ${job.mode} check exited with code ${code} and no result; see its output above.`,
          ),
        );
    });
    child.send(job);
  });
}

export function summarizeTraffic(requests: readonly RecordedRequest[]): GraphTraffic {
  const reads = new Set<string>();
  for (const request of requests) {
    if (request.path === '$batch' || request.status >= 400) continue;
    reads.add(readKey(request));
  }
  return {
    httpRequests: requests.filter((request) => !request.inBatch).length,
    calls: requests.filter((request) => request.path !== '$batch').length,
    throttled: requests.filter((request) => request.status === 429).length,
    reads: [...reads].sort(),
  };
}

/**
 * Measures one check in a new process against a new emulator, so that both budgets start empty.
 * With `warm`, the process first runs the same check unmeasured on a second emulator.
 */
export async function measureSingleCheck(
  scenario: Scenario,
  mode: CheckMode,
  warm = false,
): Promise<SingleCheckResult> {
  const emulator = await startEmulator({
    tenant: scenario.tenant,
    faults: { latencyMs: scenario.latencyMs },
    reportBudget: true,
  });
  const warmUp = warm
    ? await startEmulator({ tenant: scenario.tenant, reportBudget: false })
    : undefined;
  try {
    const nowMs = Date.now();
    const check = await runInChild({
      mode,
      baseUrl: emulator.url,
      ca: emulator.ca,
      user: scenario.user,
      sinceMs: nowMs - scenario.windowMs,
      nowMs,
      warmUp: warmUp && { baseUrl: warmUp.url, ca: warmUp.ca },
    });
    return {
      scenario: scenario.name,
      warm,
      check,
      graph: summarizeTraffic(emulator.requests),
      limit: checkLimit(emulator.requests, scenario.latencyMs),
    };
  } finally {
    await emulator.close();
    await warmUp?.close();
  }
}
