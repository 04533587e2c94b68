/**
 * The demo tenant's users the chat page can act as, and its groups for `FIREBREAK_*_GROUP`.
 * The ids are those of `emulator/tenants/contoso-phish.json`.
 */

export interface Persona {
  /** Key the page sends to pick the acting user. */
  key: string;
  name: string;
  userPrincipalName: string;
  /** Teams user id, sent as `from.id`; cards list it in `refresh.userIds`. */
  teamsUserId: string;
  /** Entra ID object id, sent as `from.aadObjectId` like Teams does. */
  aadObjectId: string;
  role: string;
}

export const DEMO_TENANT_ID = 'fd46b0cc-ba27-4bee-ac95-13bad50640e3';
export const DEMO_RESPONDER_GROUP = 'fad6995a-76fc-4fe1-aa61-f76871e501b6';
export const DEMO_APPROVER_GROUP = '65e60ddf-8ee2-4318-af4a-011488a54e61';

export const PERSONAS: readonly Persona[] = [
  {
    key: 'riley',
    teamsUserId: '29:local-riley',
    name: 'Riley Chen',
    userPrincipalName: 'riley.chen@contoso.com',
    aadObjectId: 'fd05f0c3-7f05-4416-8ee9-762587b856d5',
    role: 'responder',
  },
  {
    key: 'jordan',
    teamsUserId: '29:local-jordan',
    name: 'Jordan Patel',
    userPrincipalName: 'jordan.patel@contoso.com',
    aadObjectId: 'ee73106c-1d88-4fb7-adc7-b8bec2d4187d',
    role: 'approver',
  },
  {
    key: 'morgan',
    teamsUserId: '29:local-morgan',
    name: 'Morgan Lee',
    userPrincipalName: 'morgan.lee@contoso.com',
    aadObjectId: '31bb706f-74d1-4318-b1cb-b1baca0b7f54',
    role: "Alex Doe's manager",
  },
];

/** Returns the persona for `key`, or undefined for an unknown key. */
export function findPersona(key: string): Persona | undefined {
  return PERSONAS.find((persona) => persona.key === key);
}

/**
 * Fills in the demo tenant's responder and approver groups unless `env` sets them, so that
 * remediation requests work out of the box.
 */
export function withDemoGroups(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return {
    ...env,
    FIREBREAK_RESPONDER_GROUP: env.FIREBREAK_RESPONDER_GROUP || DEMO_RESPONDER_GROUP,
    FIREBREAK_APPROVER_GROUP: env.FIREBREAK_APPROVER_GROUP || DEMO_APPROVER_GROUP,
  };
}
