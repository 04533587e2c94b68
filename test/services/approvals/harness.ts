/**
 * A small tenant on the emulator over HTTPS, a ledger in a temp dir and the real approval service,
 * for tests of the whole flow. Every remediation target of the tenant has one action on the report.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import {
  startEmulator,
  type FaultPlan,
  type RunningEmulator,
  type TenantSnapshot,
} from '../../../emulator';
import { ApprovalService } from '../../../services/approvals/approvalService';
import type { Actor, Remediation, Report, ReportUser } from '../../../services/domain';
import { createGraphClient, type GraphConnection } from '../../../services/graph/client';
import { SqliteLedger } from '../../../services/ledger/sqliteLedger';
import { createLogger } from '../../../services/log';
import { FileSecretStore } from '../../../services/secrets/fileSecretStore';

export const IDS = {
  alex: '11111111-1111-4111-8111-111111111111',
  riley: '44444444-4444-4444-8444-444444444444',
  jordan: '55555555-5555-4555-8555-555555555555',
  casey: '66666666-6666-4666-8666-666666666666',
  morgan: '77777777-7777-4777-8777-777777777777',
  sam: '88888888-8888-4888-8888-888888888888',
  responders: 'aaaaaaaa-0000-4000-8000-000000000001',
  oncall: 'aaaaaaaa-0000-4000-8000-000000000002',
  approvers: 'aaaaaaaa-0000-4000-8000-000000000003',
  app: 'bbbbbbbb-0000-4000-8000-000000000001',
  appId: 'bbbbbbbb-0000-4000-8000-0000000000a1',
  clientSp: 'bbbbbbbb-0000-4000-8000-000000000002',
  resourceSp: 'bbbbbbbb-0000-4000-8000-000000000003',
  oldSecret: 'cccccccc-0000-4000-8000-000000000001',
  certificate: 'cccccccc-0000-4000-8000-000000000002',
  spSecret: 'cccccccc-0000-4000-8000-000000000003',
  federated: 'dddddddd-0000-4000-8000-000000000001',
  assignment: 'assignment-alex-mail',
  userGrant: 'grant-alex-principal',
  tenantGrant: 'grant-all-principals',
  rule: 'rule-dot',
  authenticator: 'method-authenticator',
  phone: 'method-phone',
  passwordMethod: '28c10230-6103-485e-b985-444c60001490',
};

export const ACTORS: Record<'riley' | 'jordan' | 'casey' | 'morgan' | 'sam', Actor> = {
  riley: { aadObjectId: IDS.riley, name: 'Riley Chen' },
  jordan: { aadObjectId: IDS.jordan, name: 'Jordan Patel' },
  casey: { aadObjectId: IDS.casey, name: 'Casey Ray' },
  morgan: { aadObjectId: IDS.morgan, name: 'Morgan Lee' },
  sam: { aadObjectId: IDS.sam, name: 'Sam Park' },
};

export const ALEX: ReportUser = {
  id: IDS.alex,
  userPrincipalName: 'alex.doe@contoso.com',
  displayName: 'Alex Doe',
};

const person = (id: string, upn: string, name: string) => ({
  id,
  userPrincipalName: upn,
  displayName: name,
  accountEnabled: true,
});
const member = (id: string, type = 'user') => ({ '@odata.type': `#microsoft.graph.${type}`, id });

/**
 * Riley is a responder; Jordan a responder (through the nested on-call group) and an approver;
 * Casey a responder and approver too; Morgan is Alex's manager in no group; Sam is in no group.
 */
export function tenant(): TenantSnapshot {
  const alexRule = {
    id: IDS.rule,
    displayName: '.',
    isEnabled: true,
    actions: { moveToFolder: 'RSS Subscriptions', markAsRead: true },
  };
  return {
    users: [
      {
        ...person(IDS.alex, ALEX.userPrincipalName, ALEX.displayName),
        signInSessionsValidFromDateTime: '2026-11-01T00:00:00Z',
        lastPasswordChangeDateTime: '2026-01-01T00:00:00Z',
      },
      person(IDS.riley, 'riley.chen@contoso.com', 'Riley Chen'),
      person(IDS.jordan, 'jordan.patel@contoso.com', 'Jordan Patel'),
      person(IDS.casey, 'casey.ray@contoso.com', 'Casey Ray'),
      person(IDS.morgan, 'morgan.lee@contoso.com', 'Morgan Lee'),
      person(IDS.sam, 'sam.park@contoso.com', 'Sam Park'),
    ],
    groups: [
      { id: IDS.responders, displayName: 'IR Responders' },
      { id: IDS.oncall, displayName: 'On-call' },
      { id: IDS.approvers, displayName: 'IR Approvers' },
    ],
    [`groups/${IDS.responders}/members`]: [
      member(IDS.riley),
      member(IDS.casey),
      member(IDS.oncall, 'group'),
    ],
    [`groups/${IDS.oncall}/members`]: [member(IDS.jordan)],
    [`groups/${IDS.approvers}/members`]: [member(IDS.jordan), member(IDS.casey)],
    [`users/${IDS.alex}/manager`]: {
      '@odata.type': '#microsoft.graph.user',
      id: IDS.morgan,
      displayName: 'Morgan Lee',
    },
    [`users/${IDS.alex}/authentication/methods`]: [
      { '@odata.type': '#microsoft.graph.passwordAuthenticationMethod', id: IDS.passwordMethod },
      {
        '@odata.type': '#microsoft.graph.microsoftAuthenticatorAuthenticationMethod',
        id: IDS.authenticator,
        displayName: 'Attacker phone',
        isDefault: true,
      },
      {
        '@odata.type': '#microsoft.graph.phoneAuthenticationMethod',
        id: IDS.phone,
        phoneNumber: '+1 5555550100',
        phoneType: 'mobile',
      },
    ],
    [`users/${IDS.alex}/mailFolders/inbox/messageRules`]: [alexRule],
    applications: [
      {
        id: IDS.app,
        appId: IDS.appId,
        displayName: 'Mail Sync',
        passwordCredentials: [
          { keyId: IDS.oldSecret, displayName: 'attacker secret', hint: 'abc' },
        ],
        keyCredentials: [
          {
            keyId: IDS.certificate,
            displayName: 'CN=attacker',
            type: 'AsymmetricX509Cert',
            usage: 'Verify',
          },
        ],
      },
    ],
    [`applications/${IDS.app}/federatedIdentityCredentials`]: [
      {
        id: IDS.federated,
        name: 'gh-actions',
        issuer: 'https://token.actions.githubusercontent.com',
        subject: 'repo:evil/repo:ref:refs/heads/main',
        audiences: ['api://AzureADTokenExchange'],
      },
    ],
    servicePrincipals: [
      {
        id: IDS.clientSp,
        appId: IDS.appId,
        displayName: 'Mail Sync',
        accountEnabled: true,
        passwordCredentials: [{ keyId: IDS.spSecret, displayName: 'sp secret' }],
      },
      {
        id: IDS.resourceSp,
        appId: '00000003-0000-0000-c000-000000000000',
        displayName: 'Microsoft Graph',
        accountEnabled: true,
      },
    ],
    [`servicePrincipals/${IDS.resourceSp}/appRoleAssignedTo`]: [
      {
        id: IDS.assignment,
        principalId: IDS.alex,
        principalType: 'User',
        resourceId: IDS.resourceSp,
        appRoleId: 'role-1',
      },
    ],
    [`users/${IDS.alex}/appRoleAssignments`]: [
      {
        id: IDS.assignment,
        principalId: IDS.alex,
        principalType: 'User',
        resourceId: IDS.resourceSp,
        appRoleId: 'role-1',
      },
    ],
    oauth2PermissionGrants: [
      {
        id: IDS.userGrant,
        clientId: IDS.clientSp,
        consentType: 'Principal',
        principalId: IDS.alex,
        resourceId: IDS.resourceSp,
        scope: 'Mail.Read offline_access',
      },
      {
        id: IDS.tenantGrant,
        clientId: IDS.clientSp,
        consentType: 'AllPrincipals',
        principalId: null,
        resourceId: IDS.resourceSp,
        scope: 'User.Read',
      },
    ],
    'identityProtection/riskyUsers': [
      {
        id: IDS.alex,
        userPrincipalName: ALEX.userPrincipalName,
        riskState: 'atRisk',
        riskLevel: 'medium',
      },
    ],
  };
}

const appParent = { type: 'application' as const, id: IDS.app, displayName: 'Mail Sync' };
const userTarget = { type: 'user' as const, id: IDS.alex, displayName: ALEX.displayName };

/** One remediation per action kind, ids named after the kind. */
export const ACTIONS: Record<string, Remediation> = Object.fromEntries(
  (
    [
      ['revoke-sessions', userTarget],
      ['disable-user', userTarget],
      ['reset-password', userTarget],
      ['confirm-compromised', userTarget],
      [
        'remove-credential',
        {
          type: 'application',
          id: IDS.oldSecret,
          displayName: 'attacker secret',
          parent: appParent,
          details: { credentialType: 'password', keyId: IDS.oldSecret },
        },
      ],
      [
        'remove-certificate',
        {
          type: 'application',
          id: IDS.certificate,
          displayName: 'CN=attacker',
          parent: appParent,
          details: { credentialType: 'key', keyId: IDS.certificate },
        },
        'remove-credential',
      ],
      [
        'rotate-credential',
        {
          type: 'application',
          id: IDS.oldSecret,
          displayName: 'attacker secret',
          parent: appParent,
          details: { credentialType: 'password', keyId: IDS.oldSecret },
        },
      ],
      [
        'rotate-sp-credential',
        {
          type: 'servicePrincipal',
          id: IDS.spSecret,
          displayName: 'sp secret',
          parent: { type: 'servicePrincipal', id: IDS.clientSp, displayName: 'Mail Sync' },
          details: { credentialType: 'password', keyId: IDS.spSecret },
        },
        'rotate-credential',
      ],
      [
        'remove-consent',
        {
          type: 'oauth2PermissionGrant',
          id: IDS.userGrant,
          displayName: 'Mail Sync',
          details: { clientId: IDS.clientSp, resourceId: IDS.resourceSp, consentType: 'Principal' },
        },
      ],
      [
        'remove-tenant-consent',
        {
          type: 'oauth2PermissionGrant',
          id: IDS.tenantGrant,
          displayName: 'Mail Sync',
          details: {
            clientId: IDS.clientSp,
            resourceId: IDS.resourceSp,
            consentType: 'AllPrincipals',
          },
        },
        'remove-consent',
      ],
      [
        'remove-federated-credential',
        {
          type: 'federatedIdentityCredential',
          id: IDS.federated,
          displayName: 'gh-actions',
          parent: appParent,
        },
      ],
      [
        'remove-app-role-assignment',
        {
          type: 'appRoleAssignment',
          id: IDS.assignment,
          displayName: 'Microsoft Graph',
          details: { resourceId: IDS.resourceSp },
        },
      ],
      ['delete-inbox-rule', { type: 'messageRule', id: IDS.rule, displayName: '.' }],
      [
        'remove-auth-method',
        {
          type: 'authenticationMethod',
          id: IDS.phone,
          displayName: 'Phone',
          details: { '@odata.type': '#microsoft.graph.phoneAuthenticationMethod' },
        },
      ],
      [
        'remove-default-method',
        {
          type: 'authenticationMethod',
          id: IDS.authenticator,
          displayName: 'Attacker phone',
          details: { '@odata.type': '#microsoft.graph.microsoftAuthenticatorAuthenticationMethod' },
        },
        'remove-auth-method',
      ],
      [
        'remove-password-method',
        {
          type: 'authenticationMethod',
          id: IDS.passwordMethod,
          displayName: 'Password',
          details: { '@odata.type': '#microsoft.graph.passwordAuthenticationMethod' },
        },
        'remove-auth-method',
      ],
      [
        'disable-service-principal',
        { type: 'servicePrincipal', id: IDS.clientSp, displayName: 'Mail Sync' },
      ],
    ] as [string, Remediation['target'], Remediation['kind']?][]
  ).map(([id, target, kind]) => [
    id,
    { id, kind: kind ?? (id as Remediation['kind']), target, label: id },
  ]),
);

export function report(): Report {
  return {
    user: ALEX,
    since: '2026-12-01T09:00:00Z',
    until: '2026-12-02T09:00:00Z',
    verdict: 'Likely compromised',
    findings: [],
    actions: Object.values(ACTIONS),
    sections: [],
    notes: [],
  };
}

export interface Flow {
  emulator: RunningEmulator;
  graph: GraphConnection;
  ledger: SqliteLedger;
  secrets: FileSecretStore;
  service: ApprovalService;
  dataDir: string;
  /** Every log line written, as JSON text. */
  logLines: string[];
  clock: { now: Date };
  /** Graph writes the emulator served (any method but GET, and not membership lookups). */
  writes(): { method: string; path: string }[];
  newService(
    overrides?: Partial<ConstructorParameters<typeof ApprovalService>[0]>,
  ): ApprovalService;
  close(): Promise<void>;
}

const LOOKUP_POSTS = /\/(checkMemberGroups|getMemberGroups)$/;

export async function startFlow(
  options: { snapshot?: TenantSnapshot; faults?: FaultPlan } = {},
): Promise<Flow> {
  const emulator = await startEmulator({
    tenant: options.snapshot ?? tenant(),
    faults: options.faults,
    rebase: false,
    reportBudget: false,
  });
  const dataDir = mkdtempSync(path.join(tmpdir(), 'firebreak-flow-'));
  const logLines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const log = createLogger({ level: 'debug', destination });
  const graph = createGraphClient(
    { baseUrl: emulator.url, ca: emulator.ca },
    { log, retry: { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 50, attemptTimeoutMs: 5000 } },
  );
  const ledger = new SqliteLedger({ dataDir });
  const secrets = new FileSecretStore(dataDir);
  const clock = { now: new Date() };
  const newService = (overrides: Partial<ConstructorParameters<typeof ApprovalService>[0]> = {}) =>
    new ApprovalService({
      ledger,
      graph,
      secrets,
      log,
      now: () => clock.now,
      responderGroupId: IDS.responders,
      approverGroupId: IDS.approvers,
      approvalTtlSeconds: 3600,
      verify: { attempts: 3, firstDelayMs: 20 },
      ...overrides,
    });
  await ledger.saveReport({ report: report() });
  return {
    emulator,
    graph,
    ledger,
    secrets,
    service: newService(),
    dataDir,
    logLines,
    clock,
    writes: () =>
      emulator.requests
        .filter((r) => r.method !== 'GET' && !LOOKUP_POSTS.test(r.path))
        .map((r) => ({ method: r.method, path: r.path })),
    newService,
    close: async () => {
      await ledger.close();
      await graph.close();
      await emulator.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Reads a Graph path with the flow's own client, as a check of the tenant's state. */
export async function readGraph<T>(flow: Flow, url: string): Promise<{ status: number; body?: T }> {
  try {
    return { status: 200, body: (await flow.graph.client.api(url).get()) as T };
  } catch (error) {
    return { status: (error as { statusCode?: number }).statusCode ?? 0 };
  }
}
