import { DEFAULT_ERROR_CODES, GraphHttpError } from './errors';
import type { FaultPlan, FaultRule } from './types';

/** Call details that fault rules match on. */
export interface FaultTarget {
  method: string;
  segments: string[];
  page?: number;
  inBatch: boolean;
}

const DEFAULT_MESSAGES: Record<number, string> = {
  429: 'Too many requests. Retry after the interval in the Retry-After header.',
  503: 'The service is temporarily unavailable. Retry later.',
  504: 'The gateway timed out waiting for the service. Retry later.',
  403: 'Insufficient privileges to complete the operation.',
  400: 'The request is invalid.',
};

function pathMatches(pattern: string, segments: string[]): boolean {
  const parts = pattern.replace(/^\/+|\/+$/g, '').split('/');
  return (
    parts.length === segments.length &&
    parts.every(
      (part, index) => part === '*' || part.toLowerCase() === segments[index].toLowerCase(),
    )
  );
}

/** Applies a fault plan: picks the rule that fires for a call and counts its uses. */
export class FaultInjector {
  private readonly rules: FaultRule[];
  private readonly fired: number[];

  constructor(private readonly plan: FaultPlan = {}) {
    this.rules = plan.rules ?? [];
    this.fired = this.rules.map(() => 0);
  }

  /** Delay in milliseconds to add to the next request. */
  latency(): number {
    const latency = this.plan.latencyMs;
    if (latency === undefined) return 0;
    if (typeof latency === 'number') return latency;
    const [min, max] = latency;
    return min + Math.random() * (max - min);
  }

  /** Returns the first rule that matches and still has uses left, and counts the use. */
  take(target: FaultTarget): FaultRule | undefined {
    const index = this.rules.findIndex((rule, position) => {
      if (rule.times !== undefined && this.fired[position] >= rule.times) return false;
      if (rule.method !== undefined && rule.method.toUpperCase() !== target.method) return false;
      if (rule.page !== undefined && rule.page !== target.page) return false;
      // A rule on a resource path fires however the resource is reached, alone or inside a
      // `$batch`, as Graph's own throttling and permission errors do; `item` targets batch items only.
      if (rule.item !== undefined) return target.inBatch && pathMatches(rule.item, target.segments);
      return pathMatches(rule.path, target.segments);
    });
    if (index < 0) return undefined;
    this.fired[index] += 1;
    return this.rules[index];
  }
}

/** Builds the Graph error a firing rule sends; the caller handles `hang` rules. */
export function faultError(rule: FaultRule): GraphHttpError {
  const status = rule.status ?? 503;
  const headers: Record<string, string> = {};
  if (rule.retryAfter !== undefined) headers['Retry-After'] = String(rule.retryAfter);
  return new GraphHttpError(
    status,
    rule.code ?? DEFAULT_ERROR_CODES[status] ?? 'UnknownError',
    rule.message ?? DEFAULT_MESSAGES[status] ?? `The emulator's fault plan answered ${status}.`,
    headers,
  );
}
