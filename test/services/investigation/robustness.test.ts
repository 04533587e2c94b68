/**
 * Graph leaves optional fields out, sets them to null or to empty strings. These properties
 * build sparse Graph-shaped rows at random and require that no check throws on them.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { assembleReport } from '../../../services/investigation/assemble';
import { OTHER_USER_ID, USER_ID, WINDOW, investigationData, ok } from './graphFixtures';

const ACTIVITIES = [
  'Add application',
  'Add service principal',
  'Update application – Certificates and secrets management ',
  'Update application - Certificates and secrets management',
  'Add service principal credentials',
  'Update application',
  'Update service principal',
  'Add owner to application',
  'Add owner to service principal',
  'Consent to application',
  'Add app role assignment grant to user',
  'User registered security info',
  'Register device',
  'Add member to role',
  'Reset user password',
];
const PROPERTY_NAMES = [
  'KeyDescription',
  'KeyCredentials',
  'PasswordCredentials',
  'FederatedIdentityCredentials',
  'ConsentContext.OnBehalfOfAll',
  'ConsentAction.Permissions',
  'AppRole.Id',
  'Role.DisplayName',
  'Application.ObjectID',
];
const IDS = [USER_ID, OTHER_USER_ID, 'app-1', 'sp-1', 'key-1', '', 'ABC'];

function optional<T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | null | undefined> {
  return fc.oneof(arbitrary, fc.constant(null), fc.constant(undefined));
}

const time = fc
  .integer({
    min: WINDOW.baselineStart.getTime() - 86_400_000,
    max: WINDOW.until.getTime() + 86_400_000,
  })
  .map((ms) => new Date(ms).toISOString());
const loose = fc.oneof(time, fc.constantFrom(...IDS), fc.string(), fc.constant('not a date'));
const id = fc.constantFrom(...IDS);
const textValue = fc.oneof(
  fc.string(),
  fc.constantFrom('', ' ', '.', '🚀', 'שלום', "O'Neill", '"q"'),
);
const auditValue = fc.oneof(
  fc.json(),
  textValue,
  fc.constantFrom(
    '[{"KeyIdentifier":"key-1","KeyType":"Password"}]',
    '["[KeyIdentifier=key-1,KeyType=Password,KeyUsage=Verify,DisplayName=x]"]',
    '"True"',
    '[{"Name":"n","Issuer":"i"}]',
    '[{"KeyIdentifier": ',
  ),
);
const record = <T extends Record<string, fc.Arbitrary<unknown>>>(shape: T) =>
  fc.record(shape, { requiredKeys: [] });

const signIn = record({
  id,
  createdDateTime: optional(loose),
  userId: optional(id),
  ipAddress: optional(fc.constantFrom('203.0.113.1', '2001:DB8::1', '', 'junk', '::ffff:1.2.3.4')),
  clientAppUsed: optional(fc.constantFrom('Other clients', 'IMAP4', 'Browser', '')),
  status: optional(
    record({ errorCode: optional(fc.integer()), failureReason: optional(textValue) }),
  ),
  location: optional(record({ city: optional(textValue), countryOrRegion: optional(textValue) })),
  deviceDetail: optional(
    record({ operatingSystem: optional(textValue), browser: optional(textValue) }),
  ),
  riskLevelDuringSignIn: optional(fc.constantFrom('high', 'medium', 'low', 'hidden', 'none')),
  riskState: optional(fc.constantFrom('atRisk', 'confirmedCompromised', 'none')),
  signInEventTypes: optional(fc.array(fc.constantFrom('interactiveUser', 'nonInteractiveUser'))),
});

const targetResource = record({
  id: optional(id),
  type: optional(fc.constantFrom('User', 'Application', 'ServicePrincipal', 'Device', 'Role')),
  displayName: optional(textValue),
  userPrincipalName: optional(fc.constantFrom('alex.doe@contoso.com', 'x@y.example')),
  modifiedProperties: optional(
    fc.array(
      record({
        displayName: optional(fc.constantFrom(...PROPERTY_NAMES)),
        oldValue: optional(auditValue),
        newValue: optional(auditValue),
      }),
    ),
  ),
});

const directoryAudit = record({
  id,
  activityDisplayName: optional(fc.constantFrom(...ACTIVITIES)),
  activityDateTime: optional(loose),
  result: optional(fc.constantFrom('success', 'failure')),
  initiatedBy: optional(
    record({
      user: optional(record({ id: optional(id), userPrincipalName: optional(textValue) })),
      app: optional(record({ displayName: optional(textValue) })),
    }),
  ),
  targetResources: optional(fc.array(targetResource, { maxLength: 3 })),
});

const credential = record({
  keyId: optional(id),
  displayName: optional(textValue),
  startDateTime: optional(loose),
});
const ownedObject = fc.record({
  '@odata.type': fc.constantFrom(
    '#microsoft.graph.application',
    '#microsoft.graph.servicePrincipal',
    '',
  ),
  id,
  appId: optional(id),
  displayName: optional(textValue),
  createdDateTime: optional(loose),
  passwordCredentials: optional(fc.array(credential, { maxLength: 2 })),
  keyCredentials: optional(fc.array(credential, { maxLength: 2 })),
});

const recipient = record({ emailAddress: optional(record({ address: optional(textValue) })) });
const rule = record({
  id: optional(id),
  displayName: optional(textValue),
  isEnabled: optional(fc.boolean()),
  actions: optional(
    record({
      forwardTo: optional(fc.array(recipient, { maxLength: 2 })),
      delete: optional(fc.boolean()),
      markAsRead: optional(fc.boolean()),
      moveToFolder: optional(textValue),
    }),
  ),
});

const grant = record({
  id: optional(id),
  clientId: optional(id),
  consentType: optional(fc.constantFrom('Principal', 'AllPrincipals')),
  principalId: optional(id),
  scope: optional(fc.oneof(textValue, fc.constant('  Mail.Read   User.Read '))),
});

const data = fc
  .record({
    signIns: fc.array(signIn, { maxLength: 8 }),
    audits: fc.array(directoryAudit, { maxLength: 8 }),
    ownedObjects: fc.array(ownedObject, { maxLength: 3 }),
    inboxRules: fc.array(rule, { maxLength: 3 }),
    grants: fc.array(grant, { maxLength: 3 }),
  })
  .map((parts) =>
    investigationData({
      signIns: ok(parts.signIns),
      audits: ok(parts.audits),
      ownedObjects: ok(parts.ownedObjects),
      touchedObjects: ok(parts.ownedObjects),
      inboxRules: ok(parts.inboxRules),
      grants: ok(parts.grants),
    }),
  );

describe('checks on sparse Graph data', () => {
  it('no check throws on missing or odd fields', () => {
    fc.assert(
      fc.property(data, (input) => {
        const report = assembleReport(input);
        const broken = report.sections.filter((section) =>
          /check failed/.test(section.reason ?? ''),
        );
        assert.deepEqual(broken, []);
      }),
      { numRuns: 300, seed: 20261202 },
    );
  });

  it('every finding refers to offered remediations', () => {
    fc.assert(
      fc.property(data, (input) => {
        const report = assembleReport(input);
        const ids = new Set(report.actions.map((action) => action.id));
        for (const finding of report.findings) {
          for (const actionId of finding.actions) assert.ok(ids.has(actionId), actionId);
        }
      }),
      { numRuns: 200, seed: 20261203 },
    );
  });
});
