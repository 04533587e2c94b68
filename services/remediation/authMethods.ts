/**
 * Authentication methods are deleted on their typed path, e.g.
 * `users/{id}/authentication/microsoftAuthenticatorMethods/{id}`; the generic `methods/{id}`
 * path is read-only in Graph v1.0.
 */
import { ActionTargetError } from './types';

const TYPED_SEGMENTS: Record<string, string> = {
  '#microsoft.graph.microsoftAuthenticatorAuthenticationMethod': 'microsoftAuthenticatorMethods',
  '#microsoft.graph.phoneAuthenticationMethod': 'phoneMethods',
  '#microsoft.graph.fido2AuthenticationMethod': 'fido2Methods',
  '#microsoft.graph.emailAuthenticationMethod': 'emailMethods',
  '#microsoft.graph.softwareOathAuthenticationMethod': 'softwareOathMethods',
  '#microsoft.graph.windowsHelloForBusinessAuthenticationMethod': 'windowsHelloForBusinessMethods',
  '#microsoft.graph.temporaryAccessPassAuthenticationMethod': 'temporaryAccessPassMethods',
  '#microsoft.graph.platformCredentialAuthenticationMethod': 'platformCredentialMethods',
};

const PASSWORD_METHOD_TYPE = '#microsoft.graph.passwordAuthenticationMethod';

/** The fixed id Graph gives every user's password method. */
export const PASSWORD_METHOD_ID = '28c10230-6103-485e-b985-444c60001490';

/** True for the password method, which Graph never lets anyone delete. */
export function isPasswordMethod(odataType: string | undefined, id: string): boolean {
  return odataType === PASSWORD_METHOD_TYPE || id.toLowerCase() === PASSWORD_METHOD_ID;
}

/** Returns the typed collection segment for a method's `@odata.type`. */
export function methodSegment(odataType: string | undefined, id: string): string {
  if (isPasswordMethod(odataType, id)) {
    throw new ActionTargetError(
      `authentication method ${id} is the password method, which cannot be removed; reset the password instead`,
    );
  }
  const typed = odataType === undefined ? undefined : TYPED_SEGMENTS[odataType];
  if (typed === undefined) {
    throw new ActionTargetError(
      `authentication method ${id} has @odata.type ${JSON.stringify(odataType)}, which Firebreak cannot delete; ` +
        `remove it in the Entra admin center`,
    );
  }
  return typed;
}
