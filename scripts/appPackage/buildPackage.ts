/**
 * Builds the Teams app package: the filled manifest.json and its two icons at the root of a
 * zip file, which is the layout Teams and the Teams admin center accept for upload.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { ZipFile } from 'yazl';
import { checkManifest, type TeamsManifest } from './manifestSchema';
import { fillPlaceholders, parseManifestTemplate } from './placeholders';
import type { Settings } from './settings';

export interface PackageOptions {
  /** Folder with manifest.json (with placeholders) and the icon files it names. */
  manifestDir: string;
  /** Path of the zip to write; its folder is created when missing. */
  outFile: string;
  settings: Settings;
}

export interface PackageResult {
  outFile: string;
  manifest: TeamsManifest;
  /** Names of the zip's entries, in the order written. */
  entries: string[];
}

// A fixed time for every entry, so that the same inputs give a byte-identical zip.
const ENTRY_TIME = new Date('2026-01-01T00:00:00Z');

/** Fills and validates manifest.json, then writes it with its icons to `outFile`. */
export async function buildPackage(options: PackageOptions): Promise<PackageResult> {
  const manifest = await renderManifest(options.manifestDir, options.settings);
  const files = new Map<string, Buffer>([
    ['manifest.json', Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`)],
  ]);
  for (const icon of [manifest.icons.color, manifest.icons.outline]) {
    files.set(icon, await readIcon(options.manifestDir, icon));
  }

  await writeZip(files, options.outFile);
  return { outFile: options.outFile, manifest, entries: [...files.keys()] };
}

/** Reads manifest.json from `manifestDir`, fills its placeholders and validates the result. */
export async function renderManifest(
  manifestDir: string,
  settings: Settings,
): Promise<TeamsManifest> {
  const file = path.join(manifestDir, 'manifest.json');
  const template = parseManifestTemplate(await readFile(file, 'utf8'), file);
  const check = checkManifest(fillPlaceholders(template, settings));
  if (!check.ok) {
    throw new Error(
      `The filled ${file} does not match the Teams manifest schema v1.30; fix these and run ` +
        `again:\n  ${check.errors.join('\n  ')}`,
    );
  }
  return check.manifest;
}

async function readIcon(manifestDir: string, name: string): Promise<Buffer> {
  // Teams reads icons from the zip's root, so a path with folders would not be found there.
  if (path.basename(name) !== name) {
    throw new Error(`Icon "${name}" must be a file name at the package root, without folders.`);
  }
  const file = path.join(manifestDir, name);
  try {
    return await readFile(file);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Cannot read icon ${file} (${reason}); run npx tsx scripts/drawIcons.ts.`);
  }
}

/** Writes the zip next to `outFile` first and renames it, so a failed run leaves no half zip. */
async function writeZip(files: ReadonlyMap<string, Buffer>, outFile: string): Promise<void> {
  const zip = new ZipFile();
  for (const [name, content] of files) {
    zip.addBuffer(content, name, { mtime: ENTRY_TIME, mode: 0o100644 });
  }
  zip.end();

  await mkdir(path.dirname(outFile), { recursive: true });
  const partial = `${outFile}.partial`;
  try {
    await pipeline(zip.outputStream, createWriteStream(partial));
    await rename(partial, outFile);
  } finally {
    await rm(partial, { force: true });
  }
}
