/**
 * Validates a filled manifest against Microsoft's Teams app manifest JSON Schema v1.30, the
 * newest numbered (non-preview) version that @microsoft/app-manifest 1.1.2 ships. The schema is
 * draft-04, so it is compiled with ajv-draft-04.
 */
import type { TeamsManifestV1D30 } from '@microsoft/app-manifest';
import schema from '@microsoft/app-manifest/build/json-schemas/teams/v1.30/MicrosoftTeams.schema.json';
import Ajv from 'ajv-draft-04';

export type TeamsManifest = TeamsManifestV1D30.TeamsManifestV1D30;

export const MANIFEST_VERSION = '1.30';

export type ManifestCheck = { ok: true; manifest: TeamsManifest } | { ok: false; errors: string[] };

// The only format in the schema is uri (for $schema). Ajv raises on a format that neither
// ajv-formats (not a project dependency) nor the formats option defines, so uri is set here.
const ajv = new Ajv({
  allErrors: true,
  // The schema puts keywords such as additionalProperties where no `type` says which kind of
  // value they apply to, and Ajv's default strictTypes mode logs a warning for each of them.
  strictTypes: false,
  formats: { uri: (value: string) => URL.canParse(value) },
});
const validate = ajv.compile<TeamsManifest>(schema);

/** Validates `manifest`, returning the typed manifest or one line per schema violation. */
export function checkManifest(manifest: unknown): ManifestCheck {
  if (validate(manifest)) return { ok: true, manifest };

  const errors = (validate.errors ?? []).map((error) => {
    const where = error.instancePath === '' ? '(root)' : error.instancePath;
    return `${where} ${error.message ?? 'is invalid'} ${JSON.stringify(error.params)}`;
  });
  return { ok: false, errors };
}
