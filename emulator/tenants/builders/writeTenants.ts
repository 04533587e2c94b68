/**
 * Writes the demo tenant snapshots next to this folder, formatted with the project's Prettier
 * settings. Run it after changing a builder:
 * `npx tsx emulator/tenants/builders/writeTenants.ts`. The fixture test fails while a committed
 * file differs from what the builders produce.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { buildCampaignTenant } from './campaign';
import { buildPhishTenant } from './phish';
import type { SnapshotJson } from './snapshot';

export const TENANT_FILES: Record<string, () => SnapshotJson> = {
  'contoso-phish.json': buildPhishTenant,
  'contoso-campaign.json': buildCampaignTenant,
};

export const TENANTS_DIR = join(__dirname, '..');

async function writeTenants(): Promise<void> {
  for (const [name, build] of Object.entries(TENANT_FILES)) {
    const path = join(TENANTS_DIR, name);
    const options = (await resolveConfig(path)) ?? {};
    writeFileSync(path, await format(JSON.stringify(build()), { ...options, parser: 'json' }));
    process.stdout.write(`wrote ${path}\n`);
  }
}

if (require.main === module) {
  writeTenants().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
