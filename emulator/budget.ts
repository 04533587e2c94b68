import { GraphHttpError } from './errors';

// Graph's identity and access reports limit: 5 requests per 10 seconds per app per tenant.
const LIMIT = 5;
const WINDOW_MS = 10_000;

const REPORT_PATHS = [
  ['auditLogs', 'signIns'],
  ['auditLogs', 'directoryAudits'],
];

/** Tells whether a call counts against the reports budget: log reads and method reads. */
export function countsAgainstBudget(method: string, segments: string[]): boolean {
  if (method !== 'GET') return false;
  const lower = segments.map((segment) => segment.toLowerCase());
  const isLog = REPORT_PATHS.some(
    (path) =>
      lower.length >= 2 && path[0].toLowerCase() === lower[0] && path[1].toLowerCase() === lower[1],
  );
  const isMethods =
    lower.length >= 4 &&
    lower[0] === 'users' &&
    lower[2] === 'authentication' &&
    lower[3] === 'methods';
  return isLog || isMethods;
}

/** Sliding-window request budget; rejected calls do not use a slot. */
export class ReportBudget {
  private readonly admitted: number[] = [];

  constructor(
    private readonly limit = LIMIT,
    private readonly windowMs = WINDOW_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Admits a call, or throws 429 with Retry-After set to the seconds until a slot frees. */
  take(): void {
    const now = this.now();
    while (this.admitted.length > 0 && this.admitted[0] <= now - this.windowMs) {
      this.admitted.shift();
    }
    if (this.admitted.length < this.limit) {
      this.admitted.push(now);
      return;
    }
    const waitSeconds = Math.max(0.001, (this.admitted[0] + this.windowMs - now) / 1000);
    throw new GraphHttpError(
      429,
      'TooManyRequests',
      `Too many requests for identity and access reports: at most ${this.limit} every ` +
        `${this.windowMs / 1000} seconds. Retry after ${waitSeconds.toFixed(3)} seconds.`,
      { 'Retry-After': waitSeconds.toFixed(3).replace(/\.?0+$/, '') },
    );
  }
}
