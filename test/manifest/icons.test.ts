import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { drawColorIcon, drawOutlineIcon, parseHexColor } from '../../scripts/appPackage/iconArt';

const MANIFEST_DIR = path.join(__dirname, '..', '..', 'manifest');

describe('Teams app icons', () => {
  // The PNGs are committed; a drawing change without `npx tsx scripts/drawIcons.ts` fails here.
  for (const [name, draw] of [
    ['color.png', drawColorIcon],
    ['outline.png', drawOutlineIcon],
  ] as const) {
    it(`committed ${name} matches the drawing`, () => {
      const committed = PNG.sync.read(readFileSync(path.join(MANIFEST_DIR, name)));
      const drawn = draw();
      assert.equal(committed.width, drawn.width);
      assert.equal(committed.height, drawn.height);
      assert.ok(committed.data.equals(drawn.data), `${name} differs from the drawing`);
    });
  }

  it('outline mark has soft edges', () => {
    const alphas = new Set<number>();
    const png = drawOutlineIcon();
    for (let offset = 3; offset < png.data.length; offset += 4) alphas.add(png.data[offset]);
    assert.ok(alphas.size > 4, `${alphas.size} alpha levels`);
  });

  it('hex colour is split into channels', () => {
    assert.deepEqual(parseHexColor('#B7410e'), { red: 0xb7, green: 0x41, blue: 0x0e });
  });

  it('hex colour without # is rejected', () => {
    assert.throws(() => parseHexColor('B7410E'), /Invalid colour "B7410E": expected #RRGGBB/);
  });
});
