/**
 * The filled manifest is validated against the Teams app manifest JSON Schema v1.30 shipped in
 * @microsoft/app-manifest 1.1.2 (build/json-schemas/teams/v1.30/MicrosoftTeams.schema.json,
 * draft-04, compiled with ajv-draft-04 in scripts/appPackage/manifestSchema.ts).
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { checkManifest, MANIFEST_VERSION } from '../../scripts/appPackage/manifestSchema';
import { renderManifest } from '../../scripts/appPackage/buildPackage';
import { fillPlaceholders } from '../../scripts/appPackage/placeholders';
import { PackageSettingError, resolveSettings } from '../../scripts/appPackage/settings';

const MANIFEST_DIR = path.join(__dirname, '..', '..', 'manifest');

// Invented identifiers: no registration or tenant has them.
const BOT_ID = '0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0';
const TEAMS_APP_ID = '7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d';
const SETTINGS = {
  MicrosoftAppId: BOT_ID,
  BOT_DOMAIN: 'firebreak.contoso.example',
  DEVELOPER_WEBSITE_URL: 'https://security.contoso.example/firebreak',
  PRIVACY_URL: 'https://contoso.example/privacy',
  TERMS_OF_USE_URL: 'https://contoso.example/terms',
};
const SCOPES = ['personal', 'team', 'groupChat'] as const;
const COMMANDS = ['check', 'pending', 'audit', 'help'];

function settings(overrides: Record<string, string | undefined> = {}) {
  return resolveSettings({}, { ...SETTINGS, ...overrides }, '0.1.0');
}

describe('Teams manifest', () => {
  it('filled manifest matches schema v1.30', async () => {
    const manifest = await renderManifest(MANIFEST_DIR, settings());
    const check = checkManifest(manifest);
    assert.deepEqual(check.ok ? [] : check.errors, []);
    assert.equal(manifest.manifestVersion, MANIFEST_VERSION);
    assert.equal(
      manifest.$schema,
      `https://developer.microsoft.com/json-schemas/teams/v1.30/MicrosoftTeams.schema.json`,
    );
  });

  it('filled manifest has no placeholder left', async () => {
    const manifest = await renderManifest(MANIFEST_DIR, settings());
    assert.doesNotMatch(JSON.stringify(manifest), /\$\{\{/);
  });

  it('schema rejects a bot id that is not a GUID', async () => {
    const manifest = await renderManifest(MANIFEST_DIR, settings());
    const broken = { ...manifest, bots: [{ ...manifest.bots?.[0], botId: 'firebreak-bot' }] };
    const check = checkManifest(broken);
    assert.equal(check.ok, false);
    assert.match(check.ok ? '' : check.errors.join('\n'), /\/bots\/0\/botId must match pattern/);
  });

  it('schema rejects another manifestVersion', async () => {
    const manifest = await renderManifest(MANIFEST_DIR, settings());
    const check = checkManifest({ ...manifest, manifestVersion: '1.29' });
    assert.equal(check.ok, false);
    assert.match(check.ok ? '' : check.errors.join('\n'), /\/manifestVersion/);
  });

  it('bot is installed in personal, team and group chat', async () => {
    const manifest = await renderManifest(MANIFEST_DIR, settings());
    assert.equal(manifest.bots?.length, 1);
    assert.deepEqual(manifest.bots[0].scopes, [...SCOPES]);
    assert.equal(manifest.bots[0].isNotificationOnly, false);
  });

  for (const scope of SCOPES) {
    it(`${scope} scope lists check, pending, audit and help`, async () => {
      const manifest = await renderManifest(MANIFEST_DIR, settings());
      const lists = (manifest.bots?.[0].commandLists ?? []).filter((list) =>
        list.scopes.includes(scope),
      );
      assert.equal(lists.length, 1, `one command list for ${scope}`);
      assert.deepEqual(
        lists[0].commands.map((command) => command.title),
        COMMANDS,
      );
      for (const command of lists[0].commands) {
        assert.ok((command.description ?? '').length > 20, `${command.title} has a description`);
      }
    });
  }

  it('check and audit descriptions show an example', async () => {
    const manifest = await renderManifest(MANIFEST_DIR, settings());
    for (const list of manifest.bots?.[0].commandLists ?? []) {
      const byTitle = new Map(list.commands.map((command) => [command.title, command]));
      assert.match(byTitle.get('check')?.description ?? '', /e\.g\. check \S+@\S+ since /);
      assert.match(byTitle.get('audit')?.description ?? '', /e\.g\. audit \S+@\S+/);
    }
  });

  it('app id fills botId and the app id', async () => {
    const manifest = await renderManifest(MANIFEST_DIR, settings());
    assert.equal(manifest.bots?.[0].botId, BOT_ID);
    assert.equal(manifest.id, BOT_ID);
  });

  it('TEAMS_APP_ID sets the app id only', async () => {
    const manifest = await renderManifest(MANIFEST_DIR, settings({ TEAMS_APP_ID }));
    assert.equal(manifest.id, TEAMS_APP_ID);
    assert.equal(manifest.bots?.[0].botId, BOT_ID);
  });

  it('bot domain is the only valid domain', async () => {
    const manifest = await renderManifest(MANIFEST_DIR, settings());
    assert.deepEqual(manifest.validDomains, ['firebreak.contoso.example']);
  });

  it('version comes from package.json unless APP_VERSION is set', async () => {
    const fromPackage = await renderManifest(MANIFEST_DIR, settings());
    const fromEnvironment = await renderManifest(MANIFEST_DIR, settings({ APP_VERSION: '2.3.4' }));
    assert.equal(fromPackage.version, '0.1.0');
    assert.equal(fromEnvironment.version, '2.3.4');
  });

  it('missing app id names MicrosoftAppId', async () => {
    const error = await renderManifest(MANIFEST_DIR, settings({ MicrosoftAppId: '' })).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    assert.ok(
      error instanceof PackageSettingError,
      `expected a PackageSettingError: ${String(error)}`,
    );
    assert.deepEqual(error.variables, ['MicrosoftAppId']);
    assert.match(error.message, /^Missing MicrosoftAppId for the Teams app package\./);
    assert.match(error.message, /Azure Bot registration/);
  });

  it('every missing setting is named at once', async () => {
    const empty = resolveSettings({}, {}, '0.1.0');
    const error = await renderManifest(MANIFEST_DIR, empty).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    assert.ok(error instanceof PackageSettingError);
    assert.deepEqual(error.variables, [
      'MicrosoftAppId',
      'BOT_DOMAIN',
      'DEVELOPER_WEBSITE_URL',
      'PRIVACY_URL',
      'TERMS_OF_USE_URL',
    ]);
  });

  const INVALID: ReadonlyArray<[string, string, RegExp]> = [
    ['MicrosoftAppId', 'my-bot', /MicrosoftAppId="my-bot" is not a GUID/],
    ['TEAMS_APP_ID', '1234', /TEAMS_APP_ID="1234" is not a GUID/],
    ['BOT_DOMAIN', 'https://firebreak.contoso.example/api', /BOT_DOMAIN=".*" is not a host name/],
    ['BOT_DOMAIN', 'localhost:3978', /BOT_DOMAIN="localhost:3978" is not a host name/],
    ['PRIVACY_URL', 'http://contoso.example/privacy', /PRIVACY_URL=".*" is not an https:\/\/ URL/],
    ['APP_VERSION', '1.0.0-beta', /APP_VERSION="1.0.0-beta" is not MAJOR.MINOR.PATCH/],
  ];
  for (const [name, value, expected] of INVALID) {
    it(`${name} "${value}" is rejected by name`, async () => {
      const error = await renderManifest(MANIFEST_DIR, settings({ [name]: value })).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      assert.ok(
        error instanceof PackageSettingError,
        `expected a PackageSettingError: ${String(error)}`,
      );
      assert.deepEqual(error.variables, [name]);
      assert.match(error.message, expected);
    });
  }

  it('value with quotes stays one string', () => {
    const value = 'a", "injected": "b\\';
    const filled = fillPlaceholders(
      { text: 'x ${{ NAME }} y', list: ['${{NAME}}'] },
      { NAME: value },
    );
    assert.deepEqual(filled, { text: `x ${value} y`, list: [value] });
  });
});
