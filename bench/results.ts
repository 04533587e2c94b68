/**
 * The figures of one benchmark run, and the targets they are judged against. Every target is
 * a ratio or an absolute bound that the run itself checks, so the page states met or missed
 * from the numbers, never from a hand edit.
 */
import os from 'node:os';
import type { ChatTiming } from './botTiming';
import type { ConcurrentResult } from './concurrent';
import type { SingleCheckResult } from './singleCheck';

export interface ScenarioResult {
  name: string;
  user: string;
  description: string;
  firebreak: SingleCheckResult;
  baseline: SingleCheckResult;
  /** Both sides read the same resources with the same filters. */
  sameReads: boolean;
  /** The same pair measured in processes that had already run the check once. */
  warm?: { firebreak: SingleCheckResult; baseline: SingleCheckResult };
}

export interface Machine {
  cpu: string;
  nproc: number;
  memoryGiB: number;
  node: string;
  platform: string;
}

export interface TargetResult {
  target: string;
  measured: string;
  met: boolean;
}

export interface BenchResults {
  command: string;
  date: string;
  machine: Machine;
  profile: 'full' | 'smoke';
  latencyMs: number;
  durationMs: number;
  scenarios: ScenarioResult[];
  chat: ChatTiming[];
  concurrent: ConcurrentResult[];
  targets: TargetResult[];
}

export const TARGETS = {
  acknowledgementMs: 300,
  ratioToLimit: 1.5,
  speedupOverBaseline: 5,
  largePeakRssBytes: 250 * 1024 * 1024,
} as const;

export function describeMachine(): Machine {
  return {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    nproc: os.availableParallelism(),
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  };
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
const megabytes = (bytes: number): string => `${Math.round(bytes / 1024 ** 2)} MB`;
const ratio = (value: number): string => `${value.toFixed(2)}x`;

/** Lists each scenario's cold pair, then its warm pair named `<scenario>, warm process`. */
export function pairs(scenarios: readonly ScenarioResult[]): ScenarioResult[] {
  return scenarios.flatMap((scenario) =>
    scenario.warm === undefined
      ? [scenario]
      : [
          scenario,
          {
            ...scenario,
            ...scenario.warm,
            name: `${scenario.name}, warm process`,
            warm: undefined,
          },
        ],
  );
}

/** Judges the run's figures against the targets, one line per target and case. */
export function judgeTargets(
  results: Pick<BenchResults, 'scenarios' | 'chat' | 'concurrent'>,
): TargetResult[] {
  const targets: TargetResult[] = [];
  const slowestAck = Math.max(...results.chat.map((timing) => timing.acknowledgementMs));
  targets.push({
    target: `acknowledgement under ${TARGETS.acknowledgementMs} ms`,
    measured: `slowest of ${results.chat.length}: ${Math.round(slowestAck)} ms`,
    met: slowestAck < TARGETS.acknowledgementMs,
  });
  for (const scenario of pairs(results.scenarios)) {
    const firebreakMs = scenario.firebreak.check.wallMs;
    const toLimit = firebreakMs / scenario.firebreak.limit.limitMs;
    targets.push({
      target: `${scenario.name}: check within ${TARGETS.ratioToLimit}x of the limit`,
      measured: `${ratio(toLimit)} (${seconds(firebreakMs)} vs ${seconds(scenario.firebreak.limit.limitMs)})`,
      met: toLimit <= TARGETS.ratioToLimit && scenario.firebreak.check.complete,
    });
    const speedup = scenario.baseline.check.wallMs / firebreakMs;
    targets.push({
      target: `${scenario.name}: at least ${TARGETS.speedupOverBaseline}x faster than the baseline`,
      measured: `${ratio(speedup)} (${seconds(scenario.baseline.check.wallMs)} vs ${seconds(firebreakMs)})`,
      met: speedup >= TARGETS.speedupOverBaseline,
    });
  }
  const large = results.scenarios.find((scenario) => scenario.name === 'large user');
  if (large !== undefined) {
    const peak = large.firebreak.check.peakRssBytes;
    targets.push({
      target: `large user: peak RSS under ${megabytes(TARGETS.largePeakRssBytes)}`,
      measured: megabytes(peak),
      met: peak < TARGETS.largePeakRssBytes,
    });
  }
  for (const run of results.concurrent.filter((result) => result.budget)) {
    targets.push({
      target: `zero failed checks at ${run.checks} concurrent under throttling`,
      measured: `${run.failures} failed`,
      met: run.failures === 0,
    });
  }
  return targets;
}

export { megabytes, ratio, seconds };
