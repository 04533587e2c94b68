/**
 * Many checks at once through one Graph connection, as one bot process runs them: each check has
 * its own reader and the bot's deadline, and all share the process's identity-report budget.
 */
import { startEmulator } from '../emulator';
import { CHECK_DEADLINE_MS } from '../services/app';
import { RequestBudget } from '../services/graph/budget';
import { createGraphClient } from '../services/graph/client';
import { GraphReader } from '../services/graph/reader';
import { investigate } from '../services/investigation/investigate';
import { silentLogger } from '../services/log';
import { budgetedRequests, budgetWaitMs } from './limit';
import type { Scenario } from './singleCheck';
import { summarizeTraffic, type GraphTraffic } from './singleCheck';

export interface ConcurrentResult {
  checks: number;
  /** Whether Graph's identity-report budget was enforced by the emulator and the client. */
  budget: boolean;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  /** Checks that returned no report or a report with unavailable sections. */
  failures: number;
  /** The distinct reasons of the failures, with how many checks each one hit. */
  failureReasons: Record<string, number>;
  graph: Omit<GraphTraffic, 'reads'>;
  budgetedRequests: number;
  /** Earliest the median and the 95th-percentile check can finish under the budget. */
  limitP50Ms: number;
  limitP95Ms: number;
}

/** Value at quantile `q` (0-1) of sorted values, by the nearest-rank method. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[rank - 1];
}

async function timedCheck(
  reader: GraphReader,
  scenario: Scenario,
): Promise<{ ms: number; problem?: string }> {
  const now = new Date();
  const started = performance.now();
  try {
    const since = new Date(now.getTime() - scenario.windowMs);
    const outcome = await investigate(reader, { user: scenario.user, since, now });
    const ms = performance.now() - started;
    if (!outcome.ok) return { ms, problem: outcome.error.code };
    const unavailable = outcome.report.sections.find((section) => section.status === 'unavailable');
    return { ms, problem: unavailable && `${unavailable.name} unavailable` };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ms: performance.now() - started, problem: `threw: ${reason}` };
  }
}

/** Starts `count` checks of the scenario's user at the same instant and waits for all of them. */
export async function measureConcurrentChecks(
  scenario: Scenario,
  count: number,
  budget: boolean,
  /** Identity-report requests one check needs, measured on a check run alone. */
  budgetedPerCheck: number,
): Promise<ConcurrentResult> {
  const emulator = await startEmulator({
    tenant: scenario.tenant,
    faults: { latencyMs: scenario.latencyMs },
    reportBudget: budget,
  });
  // Without the budget the client must not queue either, so its limit is set out of reach.
  const unlimited = budget ? undefined : new RequestBudget({ requests: 1_000_000, perMs: 1000 });
  const graph = createGraphClient(
    { baseUrl: emulator.url, ca: emulator.ca },
    { budget: unlimited },
  );
  try {
    const runs = await Promise.all(
      Array.from({ length: count }, () =>
        timedCheck(
          new GraphReader(graph.client, silentLogger, AbortSignal.timeout(CHECK_DEADLINE_MS)),
          scenario,
        ),
      ),
    );
    const durations = runs.map((run) => run.ms).sort((a, b) => a - b);
    const failureReasons: Record<string, number> = {};
    for (const run of runs) {
      if (run.problem !== undefined)
        failureReasons[run.problem] = (failureReasons[run.problem] ?? 0) + 1;
    }
    const budgeted = budgetedRequests(emulator.requests);
    const limitFor = (q: number): number =>
      budget ? budgetWaitMs(budgetedPerCheck * Math.ceil(count * q)) : 0;
    const traffic = summarizeTraffic(emulator.requests);
    return {
      checks: count,
      budget,
      p50Ms: quantile(durations, 0.5),
      p95Ms: quantile(durations, 0.95),
      maxMs: durations[durations.length - 1] ?? 0,
      failures: runs.filter((run) => run.problem !== undefined).length,
      failureReasons,
      graph: {
        httpRequests: traffic.httpRequests,
        calls: traffic.calls,
        throttled: traffic.throttled,
      },
      budgetedRequests: budgeted,
      limitP50Ms: limitFor(0.5),
      limitP95Ms: limitFor(0.95),
    };
  } finally {
    await graph.close();
    await emulator.close();
  }
}
