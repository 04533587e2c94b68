import { GraphHttpError, errorBody } from './errors';
import { countsAgainstBudget, type ReportBudget } from './budget';
import { faultError, type FaultInjector } from './faults';
import { requestedPage } from './odata/skipToken';
import type { EmulatorRequest, EmulatorResponse, HandlerContext } from './request';
import { pathOf } from './request';
import { dispatch } from './routes/dispatch';
import type { TenantStore } from './store/store';
import type { RecordedRequest } from './types';

/** Everything a running emulator shares between requests. */
export interface EmulatorState {
  store: TenantStore;
  faults: FaultInjector;
  /** Absent when the reports budget is turned off. */
  budget?: ReportBudget;
  context: HandlerContext;
  requests: RecordedRequest[];
}

/** A response, or `hang` when a fault rule keeps the request open with no response. */
export type Outcome = EmulatorResponse | 'hang';

export interface ResponseIds {
  requestId: string;
  clientRequestId: string;
}

export function errorResponse(error: GraphHttpError, ids: ResponseIds): EmulatorResponse {
  return {
    status: error.status,
    headers: { ...error.headers },
    body: errorBody(error, ids.requestId, ids.clientRequestId),
  };
}

/** Turns anything a handler throws into a Graph error; unexpected errors become 500. */
export function toGraphError(error: unknown): GraphHttpError {
  if (error instanceof GraphHttpError) return error;
  const reason = error instanceof Error ? error.message : String(error);
  // A handler bug, not a modelled Graph error, so it goes to stderr as well as to the client.
  process.emitWarning(
    `Graph emulator handler failed: ${error instanceof Error ? error.stack : reason}`,
  );
  return new GraphHttpError(500, 'InternalServerError', `The emulator failed: ${reason}`);
}

export function record(
  state: EmulatorState,
  request: EmulatorRequest,
  status: number,
  page?: number,
): void {
  state.requests.push({
    method: request.method,
    version: request.version,
    path: pathOf(request),
    query: { ...request.query },
    status,
    inBatch: request.inBatch,
    ...(page === undefined ? {} : { page }),
  });
}

/**
 * Serves one Graph call, direct or inside `$batch`: the reports budget first, then the fault
 * plan, then the tenant. Faults fire before handlers, so a failed write changes nothing.
 */
export function serveCall(
  state: EmulatorState,
  request: EmulatorRequest,
  ids: ResponseIds,
  handle: () => Outcome = () => dispatch(request, state.context, state.store),
): Outcome {
  const page = request.method === 'GET' ? requestedPage(request.query.$skiptoken) : undefined;
  let outcome: Outcome;
  try {
    if (state.budget !== undefined && countsAgainstBudget(request.method, request.segments)) {
      state.budget.take();
    }
    const rule = state.faults.take({
      method: request.method,
      segments: request.segments,
      page,
      inBatch: request.inBatch,
    });
    if (rule?.hang === true) outcome = 'hang';
    else if (rule !== undefined) throw faultError(rule);
    else outcome = handle();
  } catch (error) {
    outcome = errorResponse(toGraphError(error), ids);
  }
  if (outcome === 'hang') {
    record(state, request, 0, page);
  } else {
    const isSingleObject = outcome.status < 400 && outcome.page === undefined;
    record(state, request, outcome.status, isSingleObject ? undefined : page);
  }
  return outcome;
}
