/**
 * The fastest a check could possibly be, worked out from the requests it made: the dependency
 * depth of its reads times the latency, or the wait that Graph's identity-report budget forces,
 * whichever is larger.
 */
import { countsAgainstBudget } from '../emulator/budget';
import type { RecordedRequest } from '../emulator';

/** Graph's identity-and-access-reports budget: 5 requests per 10 s per app per tenant. */
export const BUDGET_REQUESTS = 5;
export const BUDGET_WINDOW_MS = 10_000;

export interface CheckLimit {
  /** Reads that had to wait for another read's response, counted along the longest chain. */
  depth: number;
  /** Identity-report requests Graph served. A 429 does not use a slot. */
  budgetedRequests: number;
  /** depth x latency. */
  depthMs: number;
  /** When the last budgeted request can be sent at the earliest, plus its own latency. */
  budgetMs: number;
  /** budgetedRequests / (5 per 10 s), which ignores the 5 requests an idle app may send at once. */
  averageRateMs: number;
  limitMs: number;
}

/** Earliest time the n-th budgeted request can be sent when the window starts empty. */
export function budgetWaitMs(requests: number): number {
  if (requests <= BUDGET_REQUESTS) return 0;
  return Math.floor((requests - 1) / BUDGET_REQUESTS) * BUDGET_WINDOW_MS;
}

/** Names a read by method, version, path and query, leaving out the page position. */
export function readKey(request: RecordedRequest): string {
  const query = { ...request.query };
  delete query.$skiptoken;
  // Two runs start at different instants, so their window bounds differ by a few seconds.
  const text = JSON.stringify(query).replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, '<time>');
  return `${request.method} ${request.version}/${request.path} ${text}`;
}

type ReadKind = 'lookup' | 'independent' | 'prerequisite' | 'dependent';

/** Classifies a read by its place in the check's dependency order, from its path alone. */
function readKind(request: RecordedRequest): ReadKind | undefined {
  const segments = request.path.split('/');
  const [head] = segments;
  if (head === '$batch') return undefined;
  if (head === 'users' && segments.length <= 2) return 'lookup';
  if (head === 'applications' || head === 'servicePrincipals') return 'dependent';
  if (request.path === 'auditLogs/directoryAudits') return 'prerequisite';
  if (head === 'users' && segments[2] === 'ownedObjects') return 'prerequisite';
  return 'independent';
}

/** Counts pages per read: GET requests served with 2xx, grouped by resource and filter. */
function pagesByRead(
  requests: readonly RecordedRequest[],
): Map<string, { kind: ReadKind; pages: number }> {
  const reads = new Map<string, { kind: ReadKind; pages: number }>();
  for (const request of requests) {
    const kind = readKind(request);
    if (kind === undefined || request.method !== 'GET' || request.status >= 400) continue;
    const key = readKey(request);
    const read = reads.get(key) ?? { kind, pages: 0 };
    read.pages += 1;
    reads.set(key, read);
  }
  return reads;
}

/** Longest chain of reads: user lookups, then the slowest independent read or the chain through the audit log and owned objects to the reads that depend on them. */
export function dependencyDepth(requests: readonly RecordedRequest[]): number {
  let lookups = 0;
  let independent = 0;
  let prerequisite = 0;
  let dependent = 0;
  for (const { kind, pages } of pagesByRead(requests).values()) {
    if (kind === 'lookup') lookups += pages;
    if (kind === 'independent' || kind === 'prerequisite')
      independent = Math.max(independent, pages);
    if (kind === 'prerequisite') prerequisite = Math.max(prerequisite, pages);
    if (kind === 'dependent') dependent = Math.max(dependent, pages);
  }
  const throughPrerequisites = dependent === 0 ? 0 : prerequisite + dependent;
  return lookups + Math.max(independent, throughPrerequisites);
}

/** Identity-report requests that Graph served. */
export function budgetedRequests(requests: readonly RecordedRequest[]): number {
  return requests.filter(
    (request) =>
      request.status > 0 &&
      request.status < 400 &&
      countsAgainstBudget(request.method, request.path.split('/')),
  ).length;
}

export function checkLimit(requests: readonly RecordedRequest[], latencyMs: number): CheckLimit {
  const depth = dependencyDepth(requests);
  const budgeted = budgetedRequests(requests);
  const depthMs = depth * latencyMs;
  const budgetMs = budgeted === 0 ? 0 : budgetWaitMs(budgeted) + latencyMs;
  return {
    depth,
    budgetedRequests: budgeted,
    depthMs,
    budgetMs,
    averageRateMs: (budgeted / BUDGET_REQUESTS) * BUDGET_WINDOW_MS,
    limitMs: Math.max(depthMs, budgetMs),
  };
}
