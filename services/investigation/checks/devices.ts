/** Devices registered to the user in the window, which can carry a primary refresh token. */
import type * as Graph from '@microsoft/microsoft-graph-types';
import type { InvestigationData, TypedObject } from '../data';
import { userActions } from './actions';
import { auditEvidence, auditsInWindow, isInitiatedBy, targetsOfType, targetsUser } from './audit';
import type { Check, FindingDraft } from './types';
import { property, rows, sameId, text } from './values';
import { earliest, isInWindow, isoTime } from './window';

const DEVICE_ACTIVITIES = ['Register device', 'Add registered owner to device', 'Add device'];

interface Registered {
  deviceObjectId: string;
  device?: TypedObject;
  audits: Graph.DirectoryAudit[];
}

export const deviceCheck: Check = {
  section: 'devices',
  needs: ['audits', 'devices'],
  run(data) {
    const devices = rows(data.devices, 'devices');
    const entries = new Map<string, Registered>();
    for (const device of devices) {
      const id = text(device.id);
      if (id === null || !isInWindow(property(device, 'registrationDateTime'), data.window))
        continue;
      entries.set(id.toLowerCase(), { deviceObjectId: id, device, audits: [] });
    }
    for (const audit of auditsInWindow(data, DEVICE_ACTIVITIES)) {
      if (!isInitiatedBy(audit, data.user) && !targetsUser(audit, data.user)) continue;
      for (const target of targetsOfType(audit, ['Device'])) {
        const id = text(target.id);
        if (id === null) continue;
        const device = devices.find((item) => sameId(item.id, id));
        const entry = entries.get(id.toLowerCase()) ?? { deviceObjectId: id, device, audits: [] };
        entry.audits.push(audit);
        entries.set(id.toLowerCase(), entry);
      }
    }
    return [...entries.values()].map((entry) => deviceFinding(data, entry));
  },
};

function deviceFinding(data: InvestigationData, entry: Registered): FindingDraft {
  const { device, audits } = entry;
  const auditName = audits
    .flatMap((audit) => targetsOfType(audit, ['Device']))
    .find((target) => sameId(target.id, entry.deviceObjectId))?.displayName;
  const name = text(property(device, 'displayName')) ?? text(auditName) ?? entry.deviceObjectId;
  const registered = property(device, 'registrationDateTime');
  const first = audits[0];
  return {
    kind: 'device.registered',
    severity: 'medium',
    title: `Device ${name} registered`,
    at:
      earliest([registered, ...audits.map((audit) => audit.activityDateTime)]) ??
      data.window.until.toISOString(),
    attack: 'T1098.005',
    evidence: {
      objectId: entry.deviceObjectId,
      deviceId: text(property(device, 'deviceId')),
      deviceName: name,
      operatingSystem: text(property(device, 'operatingSystem')),
      operatingSystemVersion: text(property(device, 'operatingSystemVersion')),
      trustType: text(property(device, 'trustType')),
      registrationDateTime: isoTime(registered),
      deviceEnabled: enabledOf(device),
      ...(first === undefined ? {} : auditEvidence(first)),
    },
    actions: userActions(data.user, ['revoke-sessions']),
  };
}

function enabledOf(device: TypedObject | undefined): boolean | null {
  const enabled = property(device, 'accountEnabled');
  return typeof enabled === 'boolean' ? enabled : null;
}
