/**
 * The Graph data the investigation reads for one user, before any check runs.
 * Checks are pure functions over this bundle, so they are tested on Graph-shaped
 * fixtures without a server, and the reading layer is tested against the emulator.
 */
import type * as Graph from '@microsoft/microsoft-graph-types';

/** One Graph read: its rows, or why they could not be read. Never an empty list on failure. */
export type Collected<T> =
  | { ok: true; items: T[]; truncatedAt?: number }
  | { ok: false; reason: string; requestId?: string; status?: number };

/** Graph objects whose `@odata.type` tells them apart (ownedObjects, memberOf). */
export type TypedObject = Graph.DirectoryObject & { '@odata.type'?: string } & Record<
    string,
    unknown
  >;

export interface InvestigationWindow {
  /** Start of the window the responder asked about. */
  since: Date;
  /** End of the window (the time of the check). */
  until: Date;
  /** Start of the baseline before the window (14 days before `since`). */
  baselineStart: Date;
}

export interface InvestigationData {
  user: Graph.User;
  window: InvestigationWindow;
  /** Verified domains of the tenant, lower case, for "outside the tenant" decisions. */
  tenantDomains: string[];
  /** Interactive and non-interactive sign-ins from `baselineStart` to `until`. */
  signIns: Collected<Graph.SignIn & { signInEventTypes?: string[] }>;
  /** Directory audits in the window initiated by the user or targeting the user. */
  audits: Collected<Graph.DirectoryAudit>;
  riskDetections: Collected<Graph.RiskDetection>;
  authMethods: Collected<Graph.AuthenticationMethod & { '@odata.type'?: string }>;
  inboxRules: Collected<Graph.MessageRule>;
  /** Sent mail from `baselineStart` to `until`. */
  sentMessages: Collected<Graph.Message>;
  /** Applications and service principals the user owns, with their credentials. */
  ownedObjects: Collected<TypedObject>;
  /**
   * Applications and service principals named as targets of credential or owner
   * changes in the window's audit events that the user does not own.
   */
  touchedObjects: Collected<TypedObject>;
  /** Federated identity credentials by application object id. */
  federatedCredentials: Collected<{ appId: string; credential: Graph.FederatedIdentityCredential }>;
  /** Delegated permission grants where the user is the principal. */
  grants: Collected<Graph.OAuth2PermissionGrant>;
  /** Service principals referenced by grants and role assignments, by object id. */
  appRoleAssignments: Collected<Graph.AppRoleAssignment>;
  devices: Collected<TypedObject>;
  memberOf: Collected<TypedObject>;
}
