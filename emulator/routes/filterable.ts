/**
 * Properties each report and directory collection accepts in `$filter`; a filter on any other
 * property is rejected with 400.
 */
// NOTE: these lists approximate the Graph v1.0 reference and were not checked property by
// property, so a property Graph accepts may still be rejected here.

export const USER_FILTERABLE: readonly string[] = (
  'id userPrincipalName mail displayName givenName surname accountEnabled userType ' +
  'createdDateTime otherMails proxyAddresses identities employeeId jobTitle department ' +
  'mailNickname companyName country city state usageLocation onPremisesSyncEnabled ' +
  'onPremisesImmutableId externalUserState creationType assignedLicenses imAddresses ' +
  'mobilePhone officeLocation'
).split(' ');

export const SIGN_IN_FILTERABLE: readonly string[] = (
  'id createdDateTime userId userDisplayName userPrincipalName appId appDisplayName ipAddress ' +
  'clientAppUsed correlationId conditionalAccessStatus isInteractive location status ' +
  'deviceDetail riskDetail riskLevelAggregated riskLevelDuringSignIn riskState riskEventTypes ' +
  'riskEventTypes_v2 resourceDisplayName resourceId'
).split(' ');

/** Sign-in properties that exist only on the beta endpoint. */
export const BETA_SIGN_IN_PROPERTIES: readonly string[] =
  'signInEventTypes userType authenticationRequirement'.split(' ');

export const DIRECTORY_AUDIT_FILTERABLE: readonly string[] = (
  'id activityDateTime activityDisplayName category correlationId initiatedBy loggedByService ' +
  'operationType result targetResources'
).split(' ');

export const RISK_DETECTION_FILTERABLE: readonly string[] = (
  'id activityDateTime detectedDateTime lastUpdatedDateTime ipAddress riskEventType riskLevel ' +
  'riskState riskDetail source userId userPrincipalName userDisplayName tokenIssuerType ' +
  'detectionTimingType activity'
).split(' ');

/** Every property of a v1.0 user, so `$select` of a real property never fails for want of data. */
export const USER_PROPERTIES: readonly string[] = (
  'aboutMe accountEnabled ageGroup assignedLicenses assignedPlans authorizationInfo birthday ' +
  'businessPhones city companyName consentProvidedForMinor country createdDateTime creationType ' +
  'customSecurityAttributes deletedDateTime department displayName employeeHireDate ' +
  'employeeLeaveDateTime employeeId employeeOrgData employeeType externalUserState ' +
  'externalUserStateChangeDateTime faxNumber givenName hireDate id identities imAddresses ' +
  'interests isManagementRestricted isResourceAccount jobTitle lastPasswordChangeDateTime ' +
  'legalAgeGroupClassification licenseAssignmentStates mail mailboxSettings mailNickname ' +
  'mobilePhone mySite officeLocation onPremisesDistinguishedName onPremisesDomainName ' +
  'onPremisesExtensionAttributes onPremisesImmutableId onPremisesLastSyncDateTime ' +
  'onPremisesProvisioningErrors onPremisesSamAccountName onPremisesSecurityIdentifier ' +
  'onPremisesSyncEnabled onPremisesUserPrincipalName otherMails passwordPolicies ' +
  'passwordProfile pastProjects postalCode preferredDataLocation preferredLanguage ' +
  'preferredName provisionedPlans proxyAddresses responsibilities schools securityIdentifier ' +
  'serviceProvisioningErrors showInAddressList signInActivity signInSessionsValidFromDateTime ' +
  'skills state streetAddress surname usageLocation userPrincipalName userType'
).split(' ');

/** Properties of a v1.0 message, so a query on an empty mailbox folder is not rejected. */
export const MESSAGE_PROPERTIES: readonly string[] = (
  'id subject sentDateTime receivedDateTime createdDateTime lastModifiedDateTime from sender ' +
  'toRecipients ccRecipients bccRecipients replyTo isRead isDraft hasAttachments importance ' +
  'internetMessageId conversationId parentFolderId bodyPreview body categories flag webLink'
).split(' ');

/** Properties of an oauth2PermissionGrant. */
export const GRANT_PROPERTIES: readonly string[] =
  'id clientId consentType principalId resourceId scope'.split(' ');
