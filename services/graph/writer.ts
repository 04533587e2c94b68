/**
 * Writes to Graph v1.0: the POST, PATCH and DELETE calls of remediation. Each returns a
 * GraphResult instead of throwing, so an executor can put Graph's refusal into its result.
 * Retries happen below, in the transport, and only for writes that are safe to repeat; the
 * transport never repeats `addPassword`, because a repeat would mint a second secret.
 */
import type { Client } from '@microsoft/microsoft-graph-client';
import { failureFromError, type GraphResult } from './failure';

export class GraphWriter {
  constructor(
    private readonly client: Client,
    private readonly signal?: AbortSignal,
  ) {}

  /** Sends a POST; the value is Graph's response body, or undefined for 204. */
  post<T>(path: string, body: unknown): Promise<GraphResult<T | undefined>> {
    return this.send<T>(path, (request) => request.post(body));
  }

  patch(path: string, body: unknown): Promise<GraphResult<undefined>> {
    return this.send<undefined>(path, (request) => request.patch(body));
  }

  delete(path: string): Promise<GraphResult<undefined>> {
    return this.send<undefined>(path, (request) => request.delete());
  }

  private async send<T>(
    path: string,
    call: (request: ReturnType<Client['api']>) => Promise<unknown>,
  ): Promise<GraphResult<T | undefined>> {
    try {
      let request = this.client.api(path).version('v1.0');
      if (this.signal) request = request.option('signal', this.signal);
      const value = (await call(request)) as T | undefined | null;
      return { ok: true, value: value ?? undefined };
    } catch (error) {
      return { ok: false, failure: failureFromError(error) };
    }
  }
}
