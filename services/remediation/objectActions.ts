/**
 * Actions that delete one object (a consent, a federated credential, an app role assignment,
 * an inbox rule, an authentication method) or disable a service principal.
 */
import type * as Graph from '@microsoft/microsoft-graph-types';
import { segment, withQuery } from '../graph/odata';
import { methodSegment } from './authMethods';
import { assignmentResourceId, owningUserId, requireTargetType, userPath } from './targets';
import {
  ActionTargetError,
  type ActionContext,
  type ActionExecutor,
  type StateCheck,
} from './types';
import { checkGone, checkObject } from './verify';
import { writeThenVerify } from './writeThenVerify';

/** Builds a delete by path that succeeds when a read of the object returns 404 afterwards. */
function deletion(spec: {
  targetType: Parameters<typeof requireTargetType>[1];
  noun: string;
  deletePath: (context: ActionContext) => string;
  readPath?: (context: ActionContext) => string;
  before?: (context: ActionContext) => Promise<void>;
}): ActionExecutor {
  const readPath = spec.readPath ?? spec.deletePath;
  const gone = (context: ActionContext): Promise<StateCheck> =>
    checkGone(context.reader, readPath(context), spec.noun);
  return {
    run: async (context) => {
      const target = context.request.action.target;
      requireTargetType(target, spec.targetType);
      await spec.before?.(context);
      return writeThenVerify(context, {
        intent: `delete ${spec.noun} ${target.displayName} (${target.id})`,
        write: () => context.writer.delete(spec.deletePath(context)),
        verify: () => gone(context),
        done: `Deleted ${spec.noun} ${target.displayName}`,
        goneOn404: true,
      });
    },
    check: (context) => gone(context),
  };
}

const grantPath = (context: ActionContext) =>
  `oauth2PermissionGrants/${segment(context.request.action.target.id)}`;

/**
 * A grant is deleted only at `/oauth2PermissionGrants/{id}`: Graph rejects deletes through a
 * user-scoped path. The grant is read first, so a grant that is tenant-wide (AllPrincipals) or
 * belongs to another user is never removed by an action meant for one user's own consent.
 */
export const removeConsent = deletion({
  targetType: 'oauth2PermissionGrant',
  noun: 'delegated permission grant',
  deletePath: grantPath,
  before: async (context) => {
    const expected = context.request.action.target.details?.consentType;
    if (expected === undefined) return;
    const answer = await context.reader.get<Graph.OAuth2PermissionGrant>(grantPath(context));
    if (!answer.ok) return;
    const grant = answer.value;
    if (grant.consentType !== expected) {
      throw new ActionTargetError(
        `grant ${grant.id} is ${grant.consentType} in Graph but the report offered it as ${expected}; ` +
          'run the check again before removing it',
      );
    }
    if (expected === 'Principal' && grant.principalId !== context.request.subject.id) {
      throw new ActionTargetError(
        `grant ${grant.id} belongs to principal ${grant.principalId}, not to ${context.request.subject.userPrincipalName}`,
      );
    }
  },
});

export const removeFederatedCredential = deletion({
  targetType: 'federatedIdentityCredential',
  noun: 'federated identity credential',
  deletePath: (context) => {
    const target = context.request.action.target;
    if (target.parent?.type !== 'application') {
      throw new ActionTargetError(
        `federated credential ${target.id} has no application as its parent`,
      );
    }
    return `applications/${segment(target.parent.id)}/federatedIdentityCredentials/${segment(target.id)}`;
  },
});

export const removeAppRoleAssignment = deletion({
  targetType: 'appRoleAssignment',
  noun: 'app role assignment',
  deletePath: (context) => {
    const target = context.request.action.target;
    const resourceId = assignmentResourceId(target);
    return `servicePrincipals/${segment(resourceId)}/appRoleAssignedTo/${segment(target.id)}`;
  },
});

export const deleteInboxRule = deletion({
  targetType: 'messageRule',
  noun: 'inbox rule',
  deletePath: (context) =>
    `${userPath(owningUserId(context.request))}/mailFolders/inbox/messageRules/${segment(context.request.action.target.id)}`,
});

/**
 * Deletes on the method's typed path. Graph rejects deleting the default method while others
 * remain, and never deletes the password method; Graph's reason is passed on in the result.
 */
export const removeAuthMethod = deletion({
  targetType: 'authenticationMethod',
  noun: 'authentication method',
  deletePath: (context) => {
    const target = context.request.action.target;
    const typed = methodSegment(target.details?.['@odata.type'], target.id);
    return `${userPath(owningUserId(context.request))}/authentication/${typed}/${segment(target.id)}`;
  },
  readPath: (context) =>
    `${userPath(owningUserId(context.request))}/authentication/methods/${segment(context.request.action.target.id)}`,
});

function servicePrincipalPath(context: ActionContext): string {
  requireTargetType(context.request.action.target, 'servicePrincipal');
  return `servicePrincipals/${segment(context.request.action.target.id)}`;
}

function checkServicePrincipalDisabled(context: ActionContext): Promise<StateCheck> {
  const read = context.reader.get<Graph.ServicePrincipal>(
    withQuery(servicePrincipalPath(context), { $select: 'id,accountEnabled' }),
  );
  return checkObject(read, 'service principal', (principal) => ({
    done: principal.accountEnabled === false,
    detail: `accountEnabled is ${String(principal.accountEnabled)}`,
  }));
}

export const disableServicePrincipal: ActionExecutor = {
  run: async (context) =>
    writeThenVerify(context, {
      intent: `disable service principal ${context.request.action.target.displayName}`,
      write: () => context.writer.patch(servicePrincipalPath(context), { accountEnabled: false }),
      verify: () => checkServicePrincipalDisabled(context),
      done: `Service principal ${context.request.action.target.displayName} disabled, so it can no longer get tokens`,
    }),
  check: (context) => checkServicePrincipalDisabled(context),
};
