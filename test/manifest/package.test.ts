import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PNG } from 'pngjs';
import yauzl from 'yauzl';
import { ACCENT_COLOR, parseHexColor } from '../../scripts/appPackage/iconArt';
import { checkManifest } from '../../scripts/appPackage/manifestSchema';
import { runPackage } from '../../scripts/package';

const PROJECT_ROOT = path.join(__dirname, '..', '..');

// Invented identifiers: no registration or tenant has them.
const ENV_FILE_TEXT = [
  'MicrosoftAppId=0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0',
  'BOT_DOMAIN=firebreak.contoso.example',
  'DEVELOPER_WEBSITE_URL=https://security.contoso.example/firebreak',
  'PRIVACY_URL=https://contoso.example/privacy',
  'TERMS_OF_USE_URL="https://contoso.example/terms"',
  '',
].join('\n');

/** Reads every entry of a zip into memory with yauzl. */
function readZip(file: string): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (openError, zip) => {
      if (openError) return reject(openError);
      const entries = new Map<string, Buffer>();
      zip.on('error', reject);
      zip.on('end', () => resolve(entries));
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError) return reject(streamError);
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('error', reject);
          stream.on('end', () => {
            entries.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}

function pixel(png: PNG, x: number, y: number) {
  const offset = (y * png.width + x) * 4;
  const [red, green, blue, alpha] = png.data.subarray(offset, offset + 4);
  return { red, green, blue, alpha };
}

function allPixels(png: PNG) {
  const pixels = [];
  for (let y = 0; y < png.height; y++) {
    for (let x = 0; x < png.width; x++) pixels.push(pixel(png, x, y));
  }
  return pixels;
}

describe('Teams app package', function () {
  this.timeout(60_000);
  let workDir: string;
  let envFile: string;
  let zipFile: string;
  let entries: Map<string, Buffer>;

  async function build(outFile: string, env: NodeJS.ProcessEnv = {}) {
    const output: string[] = [];
    const status = await runPackage(['--env-file', envFile, '--out', outFile], {
      stdout: (text) => output.push(text),
      stderr: (text) => output.push(text),
      env,
    });
    return { status, output: output.join('\n') };
  }

  before(async () => {
    workDir = mkdtempSync(path.join(os.tmpdir(), 'firebreak-package-'));
    envFile = path.join(workDir, '.env');
    writeFileSync(envFile, ENV_FILE_TEXT);
    zipFile = path.join(workDir, 'out', 'firebreak-teams.zip');
    const result = await build(zipFile);
    assert.equal(result.status, 0, result.output);
    entries = await readZip(zipFile);
  });

  after(() => rmSync(workDir, { recursive: true, force: true }));

  it('zip holds manifest and icons at its root', () => {
    assert.deepEqual([...entries.keys()].sort(), ['color.png', 'manifest.json', 'outline.png']);
  });

  it('zipped manifest matches the schema', () => {
    const manifest: unknown = JSON.parse(entries.get('manifest.json')?.toString('utf8') ?? '');
    const check = checkManifest(manifest);
    assert.deepEqual(check.ok ? [] : check.errors, []);
  });

  it('zipped manifest names the zipped icons', () => {
    const manifest = JSON.parse(entries.get('manifest.json')?.toString('utf8') ?? '') as {
      icons: { color: string; outline: string };
    };
    assert.ok(entries.has(manifest.icons.color), manifest.icons.color);
    assert.ok(entries.has(manifest.icons.outline), manifest.icons.outline);
  });

  it('environment wins over the env file', async () => {
    const otherZip = path.join(workDir, 'environment.zip');
    const result = await build(otherZip, { BOT_DOMAIN: 'bot.fabrikam.example' });
    assert.equal(result.status, 0, result.output);
    const manifest = JSON.parse(
      (await readZip(otherZip)).get('manifest.json')?.toString('utf8') ?? '',
    ) as { validDomains: string[] };
    assert.deepEqual(manifest.validDomains, ['bot.fabrikam.example']);
  });

  it('same settings give a byte-identical zip', async () => {
    const secondZip = path.join(workDir, 'second.zip');
    const result = await build(secondZip);
    assert.equal(result.status, 0, result.output);
    assert.ok(readFileSync(secondZip).equals(readFileSync(zipFile)));
  });

  it('color icon is 192x192 and opaque', () => {
    const png = PNG.sync.read(entries.get('color.png') ?? Buffer.alloc(0));
    assert.equal(png.width, 192);
    assert.equal(png.height, 192);
    assert.equal(allPixels(png).filter((p) => p.alpha !== 255).length, 0);
  });

  it('color icon background is the accent colour', () => {
    const png = PNG.sync.read(entries.get('color.png') ?? Buffer.alloc(0));
    const manifest = JSON.parse(entries.get('manifest.json')?.toString('utf8') ?? '') as {
      accentColor: string;
    };
    const accent = { ...parseHexColor(manifest.accentColor), alpha: 255 };
    assert.equal(manifest.accentColor, ACCENT_COLOR);
    for (const [x, y] of [
      [0, 0],
      [191, 0],
      [0, 191],
      [191, 191],
    ]) {
      assert.deepEqual(pixel(png, x, y), accent, `pixel ${x},${y}`);
    }
  });

  it('color icon shows a white mark', () => {
    const png = PNG.sync.read(entries.get('color.png') ?? Buffer.alloc(0));
    const white = allPixels(png).filter((p) => p.red === 255 && p.green === 255 && p.blue === 255);
    assert.ok(white.length > 192 * 192 * 0.1, `${white.length} white pixels`);
  });

  it('outline icon is 32x32 white on transparent', () => {
    const png = PNG.sync.read(entries.get('outline.png') ?? Buffer.alloc(0));
    const pixels = allPixels(png);
    const visible = pixels.filter((p) => p.alpha > 0);
    assert.equal(png.width, 32);
    assert.equal(png.height, 32);
    assert.deepEqual(
      visible.filter((p) => p.red !== 255 || p.green !== 255 || p.blue !== 255),
      [],
      'every visible pixel is white',
    );
    assert.ok(pixels.filter((p) => p.alpha === 0).length > 32 * 32 * 0.3, 'mostly transparent');
    assert.ok(pixels.filter((p) => p.alpha === 255).length > 32 * 32 * 0.2, 'has a solid mark');
  });

  it('outline icon corners are transparent', () => {
    const png = PNG.sync.read(entries.get('outline.png') ?? Buffer.alloc(0));
    for (const [x, y] of [
      [0, 0],
      [31, 0],
      [0, 31],
      [31, 31],
    ]) {
      assert.equal(pixel(png, x, y).alpha, 0, `pixel ${x},${y}`);
    }
  });

  it('missing app id exits 2 naming MicrosoftAppId', () => {
    const envWithoutAppId = path.join(workDir, 'no-app-id.env');
    writeFileSync(
      envWithoutAppId,
      ENV_FILE_TEXT.replace(/^MicrosoftAppId=.*$/m, 'MicrosoftAppId='),
    );
    const outFile = path.join(workDir, 'never.zip');
    const child = spawnSync(
      process.execPath,
      [
        '--require',
        'tsx/cjs',
        'scripts/package.ts',
        '--env-file',
        envWithoutAppId,
        '--out',
        outFile,
      ],
      { cwd: PROJECT_ROOT, env: { PATH: process.env.PATH }, encoding: 'utf8' },
    );
    assert.equal(child.status, 2, child.stderr);
    assert.match(child.stderr, /Missing MicrosoftAppId for the Teams app package/);
    assert.equal(existsSync(outFile), false);
  });

  it('missing env file named on purpose exits 2', async () => {
    const absent = path.join(workDir, 'absent.env');
    const errors: string[] = [];
    const status = await runPackage(['--env-file', absent, '--out', path.join(workDir, 'x.zip')], {
      stdout: () => undefined,
      stderr: (text) => errors.push(text),
      env: {},
    });
    assert.equal(status, 2);
    assert.match(errors.join('\n'), /Env file not found: .*absent\.env/);
  });
});
