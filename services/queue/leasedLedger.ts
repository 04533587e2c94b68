/**
 * A ledger that puts every running remediation on the work queue. Before a request moves from
 * `pending` to `running`, a job for it is held on the queue: hidden while this process renews
 * its lease, released when the request leaves `running`. If the process dies in between, the
 * job shows after the lease and another instance's worker settles the request.
 */
import type { ApprovalRequest, ApprovalStatus } from '../domain';
import type { Ledger, TransitionResult } from '../ledger/types';
import type { Logger } from '../log';
import type { HeldJob } from './types';
import type { WorkQueue } from './workQueue';

/** The queued record of a running request; everything else is read from the ledger. */
export interface RemediationJob {
  requestId: string;
}

export interface LeasedLedger extends Ledger {
  /** Ids of the running requests whose jobs this process holds. */
  heldRequests(): string[];
}

/** Wraps `ledger` so that `running` requests are held on `queue`; other calls pass through. */
export function withRemediationLeases(
  ledger: Ledger,
  queue: WorkQueue<RemediationJob>,
  log: Logger,
): LeasedLedger {
  const jobs = new Map<string, HeldJob>();

  const release = async (requestId: string): Promise<void> => {
    const job = jobs.get(requestId);
    if (job === undefined) return;
    jobs.delete(requestId);
    try {
      await job.release();
    } catch (error) {
      // The request is settled in the ledger; a worker that takes the job finds it settled.
      log.warn({ err: error, requestId, jobId: job.jobId }, 'remediation job release failed');
    }
  };

  const transition = async (
    id: string,
    from: ApprovalStatus[],
    to: ApprovalStatus,
    patch: Partial<ApprovalRequest>,
  ): Promise<TransitionResult> => {
    const starting = to === 'running' && !from.includes('running');
    if (!starting) {
      const moved = await ledger.transition(id, from, to, patch);
      if (moved.ok && from.includes('running')) await release(id);
      return moved;
    }
    // The job goes first: a crash after the transition must leave a job behind.
    const job = await queue.hold({ requestId: id });
    jobs.set(id, job);
    const moved = await ledger.transition(id, from, to, patch).catch(async (error: unknown) => {
      await release(id);
      throw error;
    });
    if (!moved.ok) await release(id);
    return moved;
  };

  return {
    heldRequests: () => [...jobs.keys()],
    saveReport: (input) => ledger.saveReport(input),
    setReportCard: (reportId, cardActivityId) => ledger.setReportCard(reportId, cardActivityId),
    getReport: (reportId) => ledger.getReport(reportId),
    findAction: (actionId) => ledger.findAction(actionId),
    createRequest: (input) => ledger.createRequest(input),
    getRequest: (id) => ledger.getRequest(id),
    transition,
    listRequests: (filter) => ledger.listRequests(filter),
    appendAudit: (entry) => ledger.appendAudit(entry),
    listAudit: (filter) => ledger.listAudit(filter),
    close: () => ledger.close(),
  };
}
