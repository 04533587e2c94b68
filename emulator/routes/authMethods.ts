import type { JsonObject } from '../types';

/** Typed authentication method collections and the `@odata.type` of their items. */
export const METHOD_TYPES: Readonly<Record<string, string>> = {
  passwordMethods: '#microsoft.graph.passwordAuthenticationMethod',
  microsoftAuthenticatorMethods: '#microsoft.graph.microsoftAuthenticatorAuthenticationMethod',
  phoneMethods: '#microsoft.graph.phoneAuthenticationMethod',
  fido2Methods: '#microsoft.graph.fido2AuthenticationMethod',
  emailMethods: '#microsoft.graph.emailAuthenticationMethod',
  softwareOathTokenMethods: '#microsoft.graph.softwareOathAuthenticationMethod',
  windowsHelloForBusinessMethods: '#microsoft.graph.windowsHelloForBusinessAuthenticationMethod',
  temporaryAccessPassMethods: '#microsoft.graph.temporaryAccessPassAuthenticationMethod',
};

export const PASSWORD_METHOD_TYPE = METHOD_TYPES.passwordMethods;

export function methodsKey(userId: string): string {
  return `users/${userId}/authentication/methods`;
}

export function methodsOfType(methods: JsonObject[], typedSegment: string): JsonObject[] {
  const type = METHOD_TYPES[typedSegment];
  return methods.filter((method) => method['@odata.type'] === type);
}
