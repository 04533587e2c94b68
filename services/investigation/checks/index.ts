/** Every check the investigation runs, in the order their sections appear in the report. */
import { appCredentialCheck } from './appCredentials';
import { appRoleCheck } from './appRoles';
import { appCreatedCheck, appOwnerCheck } from './apps';
import { authMethodCheck } from './authMethods';
import { consentCheck } from './consents';
import { deviceCheck } from './devices';
import { federatedCredentialCheck } from './federatedCredentials';
import { inboxRuleCheck } from './inboxRules';
import { passwordCheck } from './passwords';
import { riskDetectionCheck } from './riskDetections';
import { roleCheck } from './roles';
import { sentMailCheck } from './sentMail';
import { signInCheck } from './signins';
import type { Check } from './types';

export type { Check, FindingDraft, RemediationDraft } from './types';

export const CHECKS: readonly Check[] = [
  signInCheck,
  riskDetectionCheck,
  inboxRuleCheck,
  sentMailCheck,
  authMethodCheck,
  appCreatedCheck,
  appCredentialCheck,
  federatedCredentialCheck,
  appOwnerCheck,
  consentCheck,
  appRoleCheck,
  roleCheck,
  deviceCheck,
  passwordCheck,
];
