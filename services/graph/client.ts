/**
 * The one place that builds the Microsoft Graph client. Against a real tenant it authenticates
 * with @azure/identity; against a local tenant it trusts that server's certificate and sends a
 * placeholder token, which the local tenant requires but does not verify.
 */
import {
  ClientCertificateCredential,
  ClientSecretCredential,
  ManagedIdentityCredential,
  type TokenCredential,
} from '@azure/identity';
import { AuthenticationHandler, Client } from '@microsoft/microsoft-graph-client';
import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials';
import { Agent } from 'undici';
import type { AzureCredentialSettings } from '../config';
import { silentLogger, type Logger } from '../log';
import { RequestBudget } from './budget';
import { DEFAULT_RETRY_POLICY, ResilientTransport, type RetryPolicy } from './transport';

export const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';

export interface GraphTarget {
  /** Scheme, host and port only; the client appends `/v1.0` or `/beta`. */
  baseUrl: string;
  /** PEM certificate to trust for `baseUrl`, e.g. the local tenant's self-signed one. */
  ca?: string;
  credential?: TokenCredential;
}

export interface GraphClientOptions {
  retry?: Partial<RetryPolicy>;
  concurrency?: number;
  /** Identity-report budget shared by every client of the process. */
  budget?: RequestBudget;
  log?: Logger;
}

export interface GraphConnection {
  client: Client;
  baseUrl: string;
  close(): Promise<void>;
}

/** Graph's documented identity-report limit: 5 requests per 10 seconds per app per tenant. */
export function defaultReportBudget(): RequestBudget {
  return new RequestBudget({ requests: 5, perMs: 10_000 });
}

export function createGraphClient(
  target: GraphTarget,
  options: GraphClientOptions = {},
): GraphConnection {
  const baseUrl = target.baseUrl.replace(/\/+$/, '').replace(/\/(v1\.0|beta)$/i, '');
  const host = new URL(baseUrl).hostname;
  const isMicrosoftGraph = host === 'graph.microsoft.com';
  const dispatcher = target.ca ? new Agent({ connect: { ca: target.ca } }) : undefined;

  const credential = target.credential;
  const authProvider = credential
    ? new TokenCredentialAuthenticationProvider(credential, { scopes: [GRAPH_SCOPE] })
    : { getAccessToken: () => Promise.resolve('local-tenant') };

  const transport = new ResilientTransport({
    retry: { ...DEFAULT_RETRY_POLICY, ...options.retry },
    concurrency: options.concurrency ?? 8,
    budget: options.budget ?? defaultReportBudget(),
    dispatcher,
    log: options.log ?? silentLogger,
  });

  const client = Client.initWithMiddleware({
    baseUrl,
    middleware: [new AuthenticationHandler(authProvider), transport],
    // The client attaches the token only to Graph hosts or hosts listed here (host name, no port).
    customHosts: isMicrosoftGraph ? undefined : new Set([host]),
    defaultVersion: 'v1.0',
  });

  return {
    client,
    baseUrl,
    close: async () => {
      await dispatcher?.close();
    },
  };
}

/** Builds the @azure/identity credential for the configured app registration. */
export function createCredential(settings: AzureCredentialSettings): TokenCredential {
  switch (settings.kind) {
    case 'secret':
      return new ClientSecretCredential(
        settings.tenantId,
        settings.clientId,
        settings.clientSecret,
      );
    case 'certificate':
      return new ClientCertificateCredential(settings.tenantId, settings.clientId, {
        certificatePath: settings.certificatePath,
      });
    case 'managed-identity':
      return settings.clientId
        ? new ManagedIdentityCredential({ clientId: settings.clientId })
        : new ManagedIdentityCredential();
  }
}
