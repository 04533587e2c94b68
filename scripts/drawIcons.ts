#!/usr/bin/env node
/**
 * Writes manifest/color.png and manifest/outline.png from the drawing in appPackage/iconArt.ts.
 * The PNGs are committed, so run this only after changing the drawing:
 * `npx tsx scripts/drawIcons.ts`.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { drawColorIcon, drawOutlineIcon } from './appPackage/iconArt';

const manifestDir = path.resolve(__dirname, '..', 'manifest');

for (const [name, png] of [
  ['color.png', drawColorIcon()],
  ['outline.png', drawOutlineIcon()],
] as const) {
  const file = path.join(manifestDir, name);
  writeFileSync(file, PNG.sync.write(png));
  process.stdout.write(`wrote ${file} (${png.width}x${png.height})\n`);
}
