/**
 * Draws the Firebreak mark for the Teams app icons: a flame cut by a diagonal clear strip, the
 * gap that stops a fire. Teams requires a 192x192 full-colour icon and a 32x32 outline icon that
 * is white on a transparent background.
 */
import { PNG } from 'pngjs';

/** Background of the colour icon. The manifest's accentColor must be the same colour. */
export const ACCENT_COLOR = '#B7410E';

export const COLOR_ICON_SIZE = 192;
export const OUTLINE_ICON_SIZE = 32;

// Samples per pixel side. 4 x 4 samples give smooth edges at 32 px without a rasteriser.
const SUPERSAMPLING = 4;

// The flame is two teardrops: a tall tongue leaning right and a short one on its left. Each is a
// circle with a cone from its tip down to where the cone touches the circle. Coordinates are
// fractions of the symbol's square box, y pointing down.
interface Teardrop {
  center: { x: number; y: number };
  radius: number;
  tip: { x: number; y: number };
}
const FLAME: readonly Teardrop[] = [
  { center: { x: 0.54, y: 0.66 }, radius: 0.3, tip: { x: 0.66, y: 0.02 } },
  { center: { x: 0.36, y: 0.74 }, radius: 0.22, tip: { x: 0.16, y: 0.3 } },
];

// The clear strip runs from lower left to upper right across the flame.
const BREAK_POINT = { x: 0.5, y: 0.6 };
const BREAK_DIRECTION = normalise({ x: 1, y: -0.55 });
const BREAK_HALF_WIDTH = 0.05;

/** Draws the 192x192 colour icon: the white mark on an opaque accent-coloured square. */
export function drawColorIcon(): PNG {
  const background = parseHexColor(ACCENT_COLOR);
  // The symbol keeps to the middle of the icon, with about a quarter of the side as margin.
  const coverage = rasteriseMark(COLOR_ICON_SIZE, 44);
  const png = new PNG({ width: COLOR_ICON_SIZE, height: COLOR_ICON_SIZE });

  coverage.forEach((amount, pixel) => {
    const offset = pixel * 4;
    png.data[offset] = blend(background.red, 255, amount);
    png.data[offset + 1] = blend(background.green, 255, amount);
    png.data[offset + 2] = blend(background.blue, 255, amount);
    png.data[offset + 3] = 255;
  });
  return png;
}

/** Draws the 32x32 outline icon: every pixel white, the mark's coverage as its alpha. */
export function drawOutlineIcon(): PNG {
  const coverage = rasteriseMark(OUTLINE_ICON_SIZE, 2);
  const png = new PNG({ width: OUTLINE_ICON_SIZE, height: OUTLINE_ICON_SIZE });

  coverage.forEach((amount, pixel) => {
    const offset = pixel * 4;
    png.data[offset] = 255;
    png.data[offset + 1] = 255;
    png.data[offset + 2] = 255;
    png.data[offset + 3] = Math.round(amount * 255);
  });
  return png;
}

/** Converts `#RRGGBB` to its channels, raising on any other form. */
export function parseHexColor(color: string): { red: number; green: number; blue: number } {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color);
  if (match === null) {
    throw new Error(`Invalid colour "${color}": expected #RRGGBB, for example #B7410E.`);
  }
  const [red, green, blue] = match.slice(1).map((hex) => Number.parseInt(hex, 16));
  return { red, green, blue };
}

/** Returns, row by row, the fraction of each pixel that the mark covers. */
function rasteriseMark(size: number, margin: number): number[] {
  const box = size - 2 * margin;
  const coverage: number[] = [];

  for (let row = 0; row < size; row++) {
    for (let column = 0; column < size; column++) {
      let inside = 0;
      for (let sy = 0; sy < SUPERSAMPLING; sy++) {
        for (let sx = 0; sx < SUPERSAMPLING; sx++) {
          const x = (column + (sx + 0.5) / SUPERSAMPLING - margin) / box;
          const y = (row + (sy + 0.5) / SUPERSAMPLING - margin) / box;
          if (isInsideMark(x, y)) inside++;
        }
      }
      coverage.push(inside / SUPERSAMPLING ** 2);
    }
  }
  return coverage;
}

function isInsideMark(x: number, y: number): boolean {
  return isInsideFlame(x, y) && !isInsideBreak(x, y);
}

function isInsideFlame(x: number, y: number): boolean {
  return FLAME.some((teardrop) => isInsideTeardrop(teardrop, x, y));
}

function isInsideTeardrop({ center, radius, tip }: Teardrop, x: number, y: number): boolean {
  if (Math.hypot(x - center.x, y - center.y) <= radius) return true;

  const axis = { x: center.x - tip.x, y: center.y - tip.y };
  const axisLength = Math.hypot(axis.x, axis.y);
  const point = { x: x - tip.x, y: y - tip.y };
  const along = (point.x * axis.x + point.y * axis.y) / axisLength;
  const across = Math.abs(point.x * axis.y - point.y * axis.x) / axisLength;

  // The cone ends where its sides touch the circle, and past that the circle alone is the edge.
  const tangentDistance = (axisLength ** 2 - radius ** 2) / axisLength;
  const halfAngleTangent = radius / Math.sqrt(axisLength ** 2 - radius ** 2);
  return along >= 0 && along <= tangentDistance && across <= along * halfAngleTangent;
}

function isInsideBreak(x: number, y: number): boolean {
  const offset = { x: x - BREAK_POINT.x, y: y - BREAK_POINT.y };
  const distance = Math.abs(offset.x * BREAK_DIRECTION.y - offset.y * BREAK_DIRECTION.x);
  return distance <= BREAK_HALF_WIDTH;
}

function blend(from: number, to: number, amount: number): number {
  return Math.round(from + (to - from) * amount);
}

function normalise(vector: { x: number; y: number }): { x: number; y: number } {
  const length = Math.hypot(vector.x, vector.y);
  return { x: vector.x / length, y: vector.y / length };
}
