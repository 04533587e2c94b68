/** Read-back helpers shared by the actions. */
import type { GraphFailure, GraphResult } from '../graph/failure';
import type { GraphReader } from '../graph/reader';
import type { StateCheck, VerifyPolicy } from './types';

/** Repeats `read` with doubling delays until it shows the change or the attempts run out. */
export async function verifyWithRetries(
  read: () => Promise<StateCheck>,
  policy: VerifyPolicy,
): Promise<StateCheck> {
  let last: StateCheck = { done: false, detail: 'not read' };
  for (let attempt = 1; attempt <= policy.attempts; attempt++) {
    last = await read();
    if (last.done) return last;
    if (attempt < policy.attempts) await sleep(policy.firstDelayMs * 2 ** (attempt - 1));
  }
  return last;
}

/** Reads an object and reports done when Graph returns 404, because then the object is gone. */
export async function checkGone(
  reader: GraphReader,
  path: string,
  noun: string,
): Promise<StateCheck> {
  const answer = await reader.get<unknown>(path);
  if (!answer.ok && answer.failure.status === 404)
    return { done: true, detail: `${noun} no longer exists` };
  if (!answer.ok)
    return {
      done: false,
      detail: `reading the ${noun} failed: ${describeGraphFailure(answer.failure)}`,
    };
  return { done: false, detail: `${noun} still exists` };
}

/** Reads an object and applies `test` to it; a failed read counts as not done. */
export async function checkObject<T>(
  read: Promise<GraphResult<T>>,
  noun: string,
  test: (value: T) => StateCheck,
): Promise<StateCheck> {
  const answer = await read;
  if (!answer.ok)
    return {
      done: false,
      detail: `reading the ${noun} failed: ${describeGraphFailure(answer.failure)}`,
    };
  return test(answer.value);
}

/** Graph's status, code, message and request id, which Microsoft support needs to trace a call. */
export function describeGraphFailure(failure: GraphFailure): string {
  const status = failure.status === undefined ? '' : `${failure.status} `;
  const requestId = failure.requestId === undefined ? '' : ` (request-id ${failure.requestId})`;
  return `${status}${failure.code}: ${failure.message}${requestId}`;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
