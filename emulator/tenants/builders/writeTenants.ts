/**
 * Writes the demo tenant snapshots next to this folder. Run it after changing a builder:
 * `npx tsx emulator/tenants/builders/writeTenants.ts`. The fixture test fails while a committed
 * file differs from what the builders produce.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildCampaignTenant } from './campaign';
import { buildPhishTenant } from './phish';
import type { SnapshotJson } from './snapshot';

export const TENANT_FILES: Record<string, () => SnapshotJson> = {
  'contoso-phish.json': buildPhishTenant,
  'contoso-campaign.json': buildCampaignTenant,
};

/** Returns the file text: two-space JSON with a final newline. */
export function serialise(snapshot: SnapshotJson): string {
  return `${JSON.stringify(snapshot, null, 2)}\n`;
}

if (require.main === module) {
  for (const [name, build] of Object.entries(TENANT_FILES)) {
    const path = join(__dirname, '..', name);
    writeFileSync(path, serialise(build()));
    process.stdout.write(`wrote ${path}\n`);
  }
}
