import type { AddressInfo } from 'node:net';
import { generate } from 'selfsigned';
import { ReportBudget } from './budget';
import { loadFaultPlan, validateFaultPlan } from './faultPlan';
import { FaultInjector } from './faults';
import type { EmulatorState } from './pipeline';
import { createEmulatorServer } from './server';
import { TenantStore } from './store/store';
import { loadTenant, rebaseTenant, validateTenant } from './store/tenant';
import type { FaultPlan, RecordedRequest, TenantSnapshot } from './types';

export { loadTenant } from './store/tenant';
export { validateFaultPlan, loadFaultPlan } from './faultPlan';
export { FAULT_EXAMPLES } from './faultExamples';
export type {
  FaultPlan,
  FaultRule,
  JsonObject,
  JsonValue,
  RecordedRequest,
  TenantSnapshot,
} from './types';

export interface EmulatorOptions {
  /** Snapshot object or path to a JSON snapshot file. */
  tenant: TenantSnapshot | string;
  /** Fault plan object or path to a JSON fault plan. */
  faults?: FaultPlan | string;
  /** Port on 127.0.0.1; default 0 picks a free one. */
  port?: number;
  /** Enforce the identity-and-access-reports budget of 5 requests per 10 s; default true. */
  reportBudget?: boolean;
  /** Shift snapshot date-times by now minus `$referenceTime`; default true. */
  rebase?: boolean;
}

export interface RunningEmulator {
  /** `https://127.0.0.1:PORT`, with no version segment. */
  url: string;
  /** PEM of the self-signed certificate the server presents; trust it as a CA. */
  ca: string;
  /** Every request served, in order, including those inside `$batch`. */
  requests: RecordedRequest[];
  close(): Promise<void>;
}

async function generateCertificate(): Promise<{ key: string; cert: string }> {
  const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: true },
      { name: 'keyUsage', digitalSignature: true, keyCertSign: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 7, ip: '127.0.0.1' },
          { type: 2, value: 'localhost' },
        ],
      },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}

function resolveTenant(options: EmulatorOptions): TenantSnapshot {
  const snapshot =
    typeof options.tenant === 'string'
      ? loadTenant(options.tenant)
      : validateTenant(options.tenant);
  return options.rebase === false ? snapshot : rebaseTenant(snapshot);
}

function resolveFaults(faults: EmulatorOptions['faults']): FaultPlan {
  if (faults === undefined) return {};
  return typeof faults === 'string' ? loadFaultPlan(faults) : validateFaultPlan(faults);
}

function listen(server: ReturnType<typeof createEmulatorServer>, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/**
 * Starts a Graph-compatible HTTPS server on 127.0.0.1 that serves the tenant snapshot, with
 * the fault plan and the reports budget applied. Rejects if the tenant or plan is invalid.
 */
export async function startEmulator(options: EmulatorOptions): Promise<RunningEmulator> {
  const store = new TenantStore(resolveTenant(options));
  const faults = new FaultInjector(resolveFaults(options.faults));
  const tls = await generateCertificate();
  const state: EmulatorState = {
    store,
    faults,
    budget: options.reportBudget === false ? undefined : new ReportBudget(),
    context: { baseUrl: '' },
    requests: [],
  };
  const server = createEmulatorServer(state, tls);
  const port = await listen(server, options.port ?? 0);
  state.context.baseUrl = `https://127.0.0.1:${port}`;

  return {
    url: state.context.baseUrl,
    ca: tls.cert,
    requests: state.requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        // Hanging and keep-alive connections would hold close() open forever.
        server.closeAllConnections();
      }),
  };
}
