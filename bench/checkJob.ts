/**
 * One measured check, run in a process of its own so that its peak RSS is the check's alone and
 * its identity-report budget starts empty: Firebreak's `investigate` through the real Graph
 * client, or the one-request-at-a-time baseline.
 */
import { CHECK_DEADLINE_MS } from '../services/app';
import { createGraphClient } from '../services/graph/client';
import { GraphReader } from '../services/graph/reader';
import { investigate } from '../services/investigation/investigate';
import { silentLogger } from '../services/log';
import { runBaselineCheck } from './baseline';
import { criticalPathRoundTrips, ExchangeRecorder } from './roundTrips';

export type CheckMode = 'firebreak' | 'baseline';

export interface CheckJob {
  mode: CheckMode;
  baseUrl: string;
  ca: string;
  user: string;
  sinceMs: number;
  nowMs: number;
  /**
   * A local tenant without latency or budget to run the same check on first, unmeasured, so that
   * the measured check runs in a process that has already served one, as a running bot has.
   */
  warmUp?: { baseUrl: string; ca: string };
}

export interface CheckMeasurement {
  mode: CheckMode;
  wallMs: number;
  /** HTTP requests this process sent; a `$batch` is one. */
  httpRequests: number;
  roundTrips: number;
  /** RSS just before the check started, after the modules were loaded. */
  rssBeforeBytes: number;
  /** Maximum RSS of the whole process, from `process.resourceUsage()`. */
  peakRssBytes: number;
  /** Sections read in full, or every read for the baseline. */
  complete: boolean;
  /** Why the check is not complete: unavailable sections or the error. */
  problems: string[];
  /** Report notes, such as a row cap that cut the sign-ins; the baseline's row counts. */
  notes: string[];
}

/** Runs the job and measures it; a failed check is reported in `problems`, never thrown. */
export async function runCheckJob(job: CheckJob): Promise<CheckMeasurement> {
  const request = { user: job.user, since: new Date(job.sinceMs), now: new Date(job.nowMs) };
  if (job.warmUp !== undefined) await runMode({ ...job, ...job.warmUp }, request);
  const rssBeforeBytes = process.memoryUsage().rss;
  const recorder = new ExchangeRecorder().start();
  const started = performance.now();
  const outcome = await runMode(job, request);
  const wallMs = performance.now() - started;
  const exchanges = recorder.stop();
  return {
    mode: job.mode,
    wallMs,
    httpRequests: exchanges.length,
    roundTrips: criticalPathRoundTrips(exchanges),
    rssBeforeBytes,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
    complete: outcome.problems.length === 0,
    ...outcome,
  };
}

type Request = Parameters<typeof investigate>[1];
type Outcome = Pick<CheckMeasurement, 'problems' | 'notes'>;

function runMode(job: CheckJob, request: Request): Promise<Outcome> {
  return job.mode === 'firebreak' ? firebreakCheck(job, request) : baselineCheck(job, request);
}

async function firebreakCheck(job: CheckJob, request: Request): Promise<Outcome> {
  const graph = createGraphClient({ baseUrl: job.baseUrl, ca: job.ca });
  try {
    const reader = new GraphReader(
      graph.client,
      silentLogger,
      AbortSignal.timeout(CHECK_DEADLINE_MS),
    );
    const outcome = await investigate(reader, request);
    if (!outcome.ok) return { problems: [outcome.error.message], notes: [] };
    const problems = outcome.report.sections
      .filter((section) => section.status === 'unavailable')
      .map((section) => `${section.name}: ${section.reason ?? 'unavailable'}`);
    return { problems, notes: outcome.report.notes };
  } finally {
    await graph.close();
  }
}

async function baselineCheck(job: CheckJob, request: Request): Promise<Outcome> {
  try {
    const outcome = await runBaselineCheck({ baseUrl: job.baseUrl, ca: job.ca }, request);
    const rows = Object.entries(outcome.rows).map(([read, count]) => `${read}: ${count} rows`);
    return { problems: [], notes: [...rows, `${outcome.throttled} responses were 429`] };
  } catch (error) {
    return { problems: [error instanceof Error ? error.message : String(error)], notes: [] };
  }
}
