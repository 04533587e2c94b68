/** Identity Protection risk detections of the user inside the window. */
import type * as Graph from '@microsoft/microsoft-graph-types';
import type { Severity } from '../../domain';
import type { InvestigationData } from '../data';
import { userActions } from './actions';
import { normaliseIp } from './addresses';
import type { Check, FindingDraft } from './types';
import { folded, rows, sameId, text } from './values';
import { isInWindow, isoTime } from './window';

export const riskDetectionCheck: Check = {
  section: 'risk detections',
  needs: ['riskDetections'],
  run(data) {
    return rows(data.riskDetections, 'riskDetections')
      .filter((detection) => isSubject(detection, data.user))
      .filter((detection) => isInWindow(detectionTime(detection), data.window))
      .map((detection) => detectionFinding(data, detection));
  },
};

function isSubject(detection: Graph.RiskDetection, user: Graph.User): boolean {
  if (text(detection.userId) !== null) return sameId(detection.userId, user.id);
  if (text(detection.userPrincipalName) !== null) {
    return sameId(detection.userPrincipalName, user.userPrincipalName);
  }
  return true;
}

// Offline detections arrive hours after the activity, so the activity time places them.
function detectionTime(detection: Graph.RiskDetection): string | null {
  return isoTime(detection.activityDateTime) ?? isoTime(detection.detectedDateTime);
}

/**
 * Maps the detection's risk level to a severity. Tenants without Entra ID P2 see the level
 * as "hidden", and such a detection is still reported, at medium rather than dropped.
 */
function severityOf(riskLevel: unknown): Severity {
  const level = folded(riskLevel);
  if (level === 'high' || level === 'low') return level;
  return 'medium';
}

function detectionFinding(data: InvestigationData, detection: Graph.RiskDetection): FindingDraft {
  const eventType = text(detection.riskEventType) ?? 'unknown risk event';
  const ip = normaliseIp(detection.ipAddress);
  return {
    kind: 'risk.detection',
    severity: severityOf(detection.riskLevel),
    title: `Risk detection ${eventType}${ip === null ? '' : ` from ${ip}`}`,
    at: detectionTime(detection) ?? data.window.until.toISOString(),
    attack: 'T1078.004',
    evidence: {
      detectionId: text(detection.id),
      riskEventType: text(detection.riskEventType),
      riskLevel: text(detection.riskLevel),
      riskState: text(detection.riskState),
      riskDetail: text(detection.riskDetail),
      activity: text(detection.activity),
      detectionTiming: text(detection.detectionTimingType),
      source: text(detection.source),
      ip,
      country: text(detection.location?.countryOrRegion),
      city: text(detection.location?.city),
      detectedTime: isoTime(detection.detectedDateTime),
      signInRequestId: text(detection.requestId),
    },
    actions: userActions(data.user, ['confirm-compromised', 'revoke-sessions']),
  };
}
